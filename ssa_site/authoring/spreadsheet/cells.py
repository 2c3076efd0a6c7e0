"""Sheet cells as CSV text, as the author sees them.

Cells exported as text come back as that text. A cell the author typed (a number, a date) is
written the way the CSV expects it; in a number column, a cell formatted as a percentage
holds a fraction that the author reads multiplied by 100 (0.47 shown as ``47%``): the CSV
gets the number shown, ``47``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection

# Parts of a number format that show text rather than format the number: "quoted text",
# \-escaped characters, [colours, conditions, locales], _ (a space as wide as the next
# character) and * (the next character repeated).
_LITERAL = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|_.|\*.')


def sheet_rows(
    sheet: Any, number_columns: Collection[str] = ()
) -> tuple[list[tuple[str, ...]], list[int]]:
    """The sheet's rows as text cells (trailing empty rows dropped) and their numbers.

    ``number_columns`` names the columns (by their header cell) that hold numbers.
    """
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    numeric: set[int] = set()
    for number, row in enumerate(sheet.iter_rows(), start=1):
        cells = [_text(cell, index in numeric) for index, cell in enumerate(row)]
        if number == 1:
            numeric = {i for i, name in enumerate(cells) if name in number_columns}
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(tuple(cells))
        numbers.append(number)
    while rows and not rows[-1]:
        rows.pop()
        numbers.pop()
    return rows, numbers


def _text(cell: Any, numeric: bool) -> str:
    value = cell.value
    if (
        numeric
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and shows_percent(getattr(cell, "number_format", None) or "", value)
    ):
        return percent_text(value)
    return cell_value(value)


def cell_value(value: Any) -> str:
    """A cell as CSV text; typed numbers and dates are written the way the CSV expects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def shows_percent(number_format: str, value: float) -> bool:
    """Whether a spreadsheet shows ``value`` multiplied by 100 with this number format.

    A format has up to four sections (positive; negative; zero; text); a ``%`` outside
    quoted or escaped text in the section that applies multiplies the number by 100.
    """
    sections = _LITERAL.sub("", number_format).split(";")
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    return "%" in section


def percent_text(value: float) -> str:
    """``value`` × 100 as plain decimal text, without float noise (0.07 → ``7``)."""
    if not math.isfinite(value):
        return cell_value(value)
    scaled = (Decimal(value) if isinstance(value, int) else Decimal(repr(value))).scaleb(2)
    if scaled == 0:
        return "0"
    return format(scaled.normalize(), "f")
