"""Problems found in a site project: the one way every error and warning is reported.

Each problem reads ``path:row: field: what is wrong (how to fix)``; rows are counted as in
the file, with the header as row 1.  Collect them all, then decide: any error stops the build.

Problems are typed, as frictionless' errors are: each kind is a :class:`ProblemType` with
a stable ``code`` (``value-not-a-number``), a title, and templates of its message and fix,
declared once beside the check that reports it. ``ssa-site validate --format json`` carries
the code, so CI can filter by kind; tests assert on codes and fields.

Root causes only: an error that makes the loader leave a row (or a whole file, or a plan)
out of the model names what it left out (:attr:`Problem.left_out`), and a reference check
names what it looked for (:attr:`Problem.reference`).  A reference to something left out for
an error of its own is not reported: "no such result" would send the author looking for a
row that is there, when the row's own error, reported already, is what to fix.  So with a
warning about what an error left out (an indicator "without a baseline" when its baseline
row is wrong): it names what it depends on as its reference, and is not reported.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from collections.abc import Iterator

#: What a problem is about, as ``(plan, resource, id)``: a row of a resource of a plan.
#: ``(plan, resource, None)`` is the whole resource, ``(plan, None, None)`` the whole plan.
Subject = tuple[str, str | None, str | None]
#: The plan of a subject that is every plan (no plan name can be "*"): the data folder is
#: missing, so nothing a narrative, review or evaluation names was loaded.
EVERY_PLAN = "*"


class Severity(enum.Enum):
    """How much a problem matters: an error stops every build; a warning fails only
    ``mkdocs build --strict``; a notice (a report-only quality finding) fails nothing."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ProblemType:
    """A kind of problem: a stable code, a title, and templates (``str.format`` fields)
    of what is wrong and how to fix it. Call it to make a :class:`Problem`."""

    code: str
    title: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    rule: str | None = None  # the plan quality rule reporting it (ssa_site.analysis.quality)

    #: Every type declared, by code (a code names one kind of problem only).
    registry: ClassVar[dict[str, ProblemType]] = {}

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"problem code {self.code!r}: use lowercase words joined by '-'")
        known = ProblemType.registry.setdefault(self.code, self)
        if known is not self and known != self:
            raise ValueError(f"problem code {self.code!r} is declared twice")

    @property
    def fields(self) -> frozenset[str]:
        """The template fields the message and fix take."""
        return frozenset(
            name
            for template in (self.message, self.fix)
            for _, name, _, _ in string.Formatter().parse(template)
            if name
        )

    def __call__(self, path: str, row: int | None, field: str | None, /, **params: Any) -> Problem:
        return Problem(
            path,
            row,
            field,
            self.message.format(**params),
            self.fix.format(**params),
            self.severity,
            rule=self.rule,
            code=self.code,
        )


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
    )  # plan quality rule id, see ssa_site.analysis.quality
    #: For an error that made the loader leave something out of the model: what it left out.
    left_out: Subject | None = dataclasses.field(default=None, compare=False)
    #: For a reference that names nothing: what it names; for a warning about a series of
    #: rows, that series (see :meth:`Problems.add`).
    reference: Subject | None = dataclasses.field(default=None, compare=False)
    #: The kind of problem (:class:`ProblemType` code).
    code: str = dataclasses.field(default="", compare=False)

    @property
    def title(self) -> str:
        found = ProblemType.registry.get(self.code)
        return found.title if found else ""

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
    # What errors in ``items[:_scanned]`` left out, each with the first such error.
    _left_out: dict[Subject, Problem] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _scanned: int = dataclasses.field(default=0, init=False, repr=False, compare=False)

    def add(
        self,
        kind: ProblemType,
        path: str,
        row: int | None,
        field: str | None,
        /,
        *,
        reference: Subject | None = None,
        **params: Any,
    ) -> None:
        """Report a problem of ``kind``, its templates filled with ``params``. A reference
        check passes the ``reference`` it could not resolve: when that row, file or plan
        was left out for an error of its own, reported before, this error is a consequence
        of that one and is not reported again."""
        problem = kind(path, row, field, **params)
        self._add(dataclasses.replace(problem, reference=reference) if reference else problem)

    def extend(self, other: Problems | list[Problem]) -> None:
        for problem in other.items if isinstance(other, Problems) else other:
            self._add(problem)

    def leave_out(self, since: int, subject: Subject) -> None:
        """Mark the errors reported since ``len(items)`` was ``since`` as the reason the
        loader leaves ``subject`` out of the model (warnings do not leave anything out)."""
        for index in range(since, len(self.items)):
            problem = self.items[index]
            if problem.is_error and problem.left_out is None:
                self.items[index] = dataclasses.replace(problem, left_out=subject)
        self._scanned = min(self._scanned, since)  # index the marked errors again

    def left_out(
        self, plan: str, resource: str | None = None, id: str | None = None
    ) -> Problem | None:
        """The error for which a row, a resource or a plan was left out of the model, if
        any: a check that finds nothing where a reference points should ask this first."""
        if self._scanned > len(self.items):  # the list was replaced: index it again
            self._left_out.clear()
            self._scanned = 0
        for problem in self.items[self._scanned :]:
            if problem.left_out is not None:
                self._left_out.setdefault(problem.left_out, problem)
        self._scanned = len(self.items)
        for subject in (
            (plan, resource, id),
            (plan, resource, None),
            (plan, None, None),
            (EVERY_PLAN, None, None),
        ):
            if subject in self._left_out:
                return self._left_out[subject]
        return None

    def _add(self, problem: Problem) -> None:
        if problem.reference is not None and self.left_out(*problem.reference) is not None:
            return
        self.items.append(problem)

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
