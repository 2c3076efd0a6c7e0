"""Problems found in a site project: the one way every error and warning is reported.

Each problem reads ``path:row: field: what is wrong (how to fix)``; rows are counted as in
the file, with the header as row 1.  Collect them all, then decide: any error stops the build.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, positioned as precisely as we know."""

    path: str
    row: int | None
    field: str | None
    message: str
    fix: str
    severity: Severity = Severity.ERROR
    rule: str | None = dataclasses.field(
        default=None, compare=False
    )  # quality rule id, see quality.py

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}:{self.row}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}: {what}{fix}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Problems:
    """An ordered collection of problems, filled by every check of a run."""

    items: list[Problem] = dataclasses.field(default_factory=list)

    def error(self, path: str, row: int | None, field: str | None, message: str, fix: str) -> None:
        self.items.append(Problem(path, row, field, message, fix, Severity.ERROR))

    def warning(
        self, path: str, row: int | None, field: str | None, message: str, fix: str
    ) -> None:
        self.items.append(Problem(path, row, field, message, fix, Severity.WARNING))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)


class SsaError(Exception):
    """Raised when a site project has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len([p for p in problems if p.is_error])
        lines = "\n".join(str(p) for p in problems if p.is_error)
        super().__init__(f"{count} error(s) in the site project:\n{lines}")
