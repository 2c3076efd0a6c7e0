"""Sectors and federal codes of the ``ssa`` metadata and of initiatives.

``sectors`` (an initiative's column, or ``ssa.sectors``, the plan's default for initiatives
that give none) lists OECD DAC 5-digit purpose codes (IATI sector vocabulary 1), each
optionally followed by ``:`` and its share in percent: ``15210`` or ``15210:60; 15130:40``.
Several codes need a share each, and the shares add up to 100, as the IATI Standard
rulesets require (2.1.1, 2.1.2, 2.1.4). Codes are checked against the DAC list the package
ships (``ssa_site/standards/dac-sectors.csv``, from IATI's ``Sector.xml``).

``ssa.bureau_code`` and ``ssa.program_code`` replace the publisher's codes of the same name
in the plan's data.json entry: OMB bureau codes ``NNN:NN`` and Federal Program Inventory
codes ``NNN:NNN``, one as a string or several as a list.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from ssa_site.base.problems import ProblemType, Severity
from ssa_site.base.schemas import split_list
from ssa_site.model.plan import Sector
from ssa_site.model.publisher import BUREAU_CODE, PROGRAM_CODE

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems

SECTOR_INVALID = ProblemType(
    "sector-invalid",
    "Sector not a DAC purpose code",
    "'{item}' is not an OECD DAC 5-digit purpose code",
    "write five digits, optionally with ':' and the share in percent, e.g. 15210 or "
    "15210:60; 15130:40",
)
SECTOR_UNKNOWN = ProblemType(
    "sector-unknown",
    "Unknown DAC purpose code",
    "{code} is not in the OECD DAC list of purpose codes",
    "use a code of the list (IATI codelist Sector), e.g. {nearest}",
)
SECTOR_WITHDRAWN = ProblemType(
    "sector-withdrawn",
    "Withdrawn DAC purpose code",
    "{code} ({name}) has been withdrawn from the OECD DAC list",
    "use a current code instead, e.g. {nearest}",
    severity=Severity.WARNING,
)
SECTOR_LISTED_TWICE = ProblemType(
    "sector-listed-twice",
    "Sector listed twice",
    "{code} is listed twice",
    "list each code once, with its whole share",
)
SECTOR_PERCENTAGE_INVALID = ProblemType(
    "sector-percentage-invalid",
    "Sector share not a percentage",
    "the share '{percentage}' of {code} is not a number from 0 to 100",
    "write the share in percent after the code, e.g. 15210:60",
)
SECTOR_PERCENTAGE_MISSING = ProblemType(
    "sector-percentage-missing",
    "Sector without its share",
    "{code} has no share, and the list names {count} sectors",
    "give each sector its share in percent, the shares adding up to 100, e.g. 15210:60; 15130:40",
)
SECTOR_PERCENTAGES_SUM = ProblemType(
    "sector-percentages-sum",
    "Sector shares not adding up to 100",
    "the sectors' shares add up to {total}, not 100",
    "make the shares add up to 100 (a single sector needs no share)",
)
FEDERAL_CODE_INVALID = ProblemType(
    "federal-code-invalid",
    "Federal code malformed",
    "'{code}' is not a {what} code",
    "write it as {pattern}, e.g. {example}; several codes as a list",
)

_ITEM = re.compile(r"^(\d{5})(?:\s*:\s*(.*))?$")
_NEAREST = 3


@cache
def dac_sectors() -> dict[str, tuple[str, str]]:
    """The OECD DAC purpose codes: code → (status, English name)."""
    text = resources.files("ssa_site").joinpath("standards", "dac-sectors.csv").read_text("utf-8")
    return {row["code"]: (row["status"], row["name"]) for row in csv.DictReader(text.splitlines())}


def sector_name(code: str) -> str | None:
    found = dac_sectors().get(code)
    return found[1] if found else None


def _nearest(code: str) -> str:
    """Current codes of the same DAC category (the first three digits), else of security."""
    active = [(c, n) for c, (status, n) in dac_sectors().items() if status == "active"]
    close = [(c, n) for c, n in active if c[:3] == code[:3] and c != code] or [
        (c, n) for c, n in active if c.startswith("152")
    ]
    return ", ".join(f"{c} ({n})" for c, n in close[:_NEAREST])


def _items(value: Any) -> tuple[str, ...] | None:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return split_list(value)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return None


def parse_sectors(
    value: Any, path: str, row: int | None, field: str, problems: Problems
) -> tuple[Sector, ...]:
    """The sectors a cell or ``ssa.sectors`` lists; none when any is wrong (reported)."""
    items = _items(value)
    if items is None:
        problems.add(SECTOR_INVALID, path, row, field, item=value)
        return ()
    before = len(problems.items)
    sectors: list[Sector] = []
    for item in items:
        match = _ITEM.match(item)
        if not match:
            problems.add(SECTOR_INVALID, path, row, field, item=item)
            continue
        code, share = match.group(1), match.group(2)
        known = dac_sectors().get(code)
        if known is None:
            problems.add(SECTOR_UNKNOWN, path, row, field, code=code, nearest=_nearest(code))
        elif known[0] != "active":
            name = known[1]
            problems.add(
                SECTOR_WITHDRAWN, path, row, field, code=code, name=name, nearest=_nearest(code)
            )
        if any(s.code == code for s in sectors):
            problems.add(SECTOR_LISTED_TWICE, path, row, field, code=code)
            continue
        percentage = None
        if share is not None:
            try:
                percentage = float(share.strip().removesuffix("%").strip())
            except ValueError:
                percentage = -1.0
            if not 0 <= percentage <= 100:
                problems.add(
                    SECTOR_PERCENTAGE_INVALID, path, row, field, code=code, percentage=share
                )
                continue
        sectors.append(Sector(code, percentage))
    shares = [s.percentage for s in sectors]
    if len(sectors) > 1:
        for sector in sectors:
            if sector.percentage is None:
                problems.add(
                    SECTOR_PERCENTAGE_MISSING,
                    path,
                    row,
                    field,
                    code=sector.code,
                    count=len(sectors),
                )
    if None not in shares and sectors and round(sum(s or 0 for s in shares), 4) != 100:
        total = round(sum(s or 0 for s in shares), 4)
        problems.add(SECTOR_PERCENTAGES_SUM, path, row, field, total=f"{total:g}")
    return () if any(p.is_error for p in problems.items[before:]) else tuple(sectors)


class _Row(Protocol):  # a row of ssa_site.load.tables (which imports this module's package)
    @property
    def number(self) -> int: ...
    @property
    def cells(self) -> dict[str, Any]: ...


def initiative_sectors(row: _Row, path: str, problems: Problems) -> tuple[Sector, ...]:
    """The sectors of a row of initiatives.csv."""
    return parse_sectors(row.cells.get("sectors"), path, row.number, "sectors", problems)


_FEDERAL = {
    "bureau": (BUREAU_CODE, "NNN:NN (OMB agency and bureau)", "015:11"),
    "program": (PROGRAM_CODE, "NNN:NNN (Federal Program Inventory)", "015:001"),
}


def parse_codes(
    value: Any, what: str, path: str, field: str, problems: Problems
) -> tuple[str, ...]:
    """``ssa.bureau_code`` or ``ssa.program_code`` (``what``: bureau or program)."""
    pattern, shown, example = _FEDERAL[what]
    items = _items(value)
    if items is None:
        items = (str(value),)
    bad = [code for code in items if not pattern.match(code)]
    for code in bad:
        problems.add(
            FEDERAL_CODE_INVALID,
            path,
            None,
            field,
            code=code,
            what=what,
            pattern=shown,
            example=example,
        )
    return () if bad else tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class OpenData:
    """What a plan's ``ssa`` metadata says for the open-data standards."""

    sectors: tuple[Sector, ...] = ()  # ssa.sectors: default sectors of the initiatives
    bureau_codes: tuple[str, ...] = ()  # ssa.bureau_code (data.json, federal profile)
    program_codes: tuple[str, ...] = ()  # ssa.program_code

    def plan_fields(self) -> dict[str, Any]:
        """Keyword arguments of :class:`ssa_site.model.plan.Plan`."""
        return {
            "sectors": self.sectors,
            "bureau_codes": self.bureau_codes,
            "program_codes": self.program_codes,
        }


def read_open_data(meta: dict[str, Any], path: str, problems: Problems) -> OpenData:
    """The sectors and federal codes of a plan's ``ssa`` metadata."""
    return OpenData(
        parse_sectors(meta.get("sectors"), path, None, "ssa.sectors", problems),
        parse_codes(meta.get("bureau_code"), "bureau", path, "ssa.bureau_code", problems),
        parse_codes(meta.get("program_code"), "program", path, "ssa.program_code", problems),
    )
