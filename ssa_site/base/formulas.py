"""Spreadsheet formula injection: text a spreadsheet program would run as a formula.

The CSV downloads are opened by researchers in Excel, LibreOffice or Google Sheets, which
read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as
a formula; a formula can fetch a web address or, through DDE, start a program.

Policy (README, "Security"): the downloads carry the data exactly as authored (changing
it, e.g. by prefixing a quote, would corrupt it for every other tool), and the build warns
about such text so that an author rewords it; ``mkdocs build --strict`` fails on it.
Two common, harmless forms are not reported: dashes alone (``-``, ``--``: "none") and a
signed number with an optional plain unit (``-5``, ``+3.5 %``, ``- 5 km``), which a
spreadsheet reads as a number or as text, never as a call.
"""

from __future__ import annotations

import re
from typing import Any

from ssa_site.base.problems import ProblemType, Severity

_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"^(?:-+|[+-] ?\d[\d,.]*(?: ?%)?(?: [\w ./]*)?)$")

LOOKS_LIKE_FORMULA = ProblemType(
    "looks-like-formula",
    "Text a spreadsheet would run as a formula",
    "'{shown}' starts like a spreadsheet formula ({first!r})",
    "start the text with a word or a digit, e.g. 'minus 5' or '−5' (the minus sign), "
    "so that spreadsheet programs opening the CSV download do not run it as a formula",
    Severity.WARNING,
)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula that does something."""
    return text.startswith(_STARTS) and not _HARMLESS.match(text)


def formula_params(text: str) -> dict[str, Any]:
    """The fields of :data:`LOOKS_LIKE_FORMULA` for ``text``."""
    return {"shown": text if len(text) <= 40 else text[:40] + "…", "first": text[:1]}
