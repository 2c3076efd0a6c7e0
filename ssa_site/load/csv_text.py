"""A CSV resource as text, checked before Frictionless reads it.

Its encoding, control characters, quoting, its separator (a file saved with ``;`` is named
as such, unless the resource declares that dialect), its header row (invisible characters
and spaces around column names) and the spaces around its ids: each is reported as what it
is, rather than as the columns, rows or references Frictionless would find missing.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ssa_site.base.characters import CONTROL, CONTROL_CHARACTER, control_params
from ssa_site.base.schemas import required_field_names, standard_field_names
from ssa_site.load.table_problems import (
    BROKEN_QUOTING,
    CSV_NOT_UTF_8,
    CSV_OTHER_DELIMITER,
    HEADER_CELL_INVISIBLE,
    HEADER_CELL_SPACED,
    ID_SPACED,
    MORE_CONTROL_CHARACTERS,
    SECOND_BYTE_ORDER_MARK,
    UNCLOSED_QUOTE,
)

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems
    from ssa_site.load.package import ResourceSpec

#: Separators a spreadsheet may save a "CSV" file with, named as a message says them.
_OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}
#: Characters that show as nothing, which make a column name differ from the one it looks like.
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060\u00ad")


def spaces(written: str) -> str:
    """What surrounds ``written``, as a message says it: 'a trailing space'…"""
    leading = len(written) - len(written.lstrip())
    trailing = len(written) - len(written.rstrip())
    if leading and trailing:
        return "spaces before and after it"
    count = leading or trailing
    side = "leading" if leading else "trailing"
    return f"a {side} space" if count == 1 else f"{count} {side} spaces"


def decode(spec: ResourceSpec, problems: Problems) -> str | None:
    data = spec.path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(CSV_NOT_UTF_8, spec.display_path, line, None, byte=data[exc.start])
        return None


def _first_record(text: str, delimiter: str) -> list[str]:
    """The header as ``delimiter`` splits it; none when the text is no CSV at all (the
    quoting checks and Frictionless report that)."""
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


def delimiter_ok(spec: ResourceSpec, text: str, problems: Problems) -> bool:
    """False, with the problem reported, when a file the descriptor says is comma-separated
    is not: its header names the resource's columns split on ';' or tabs, not on commas."""
    if spec.delimiter != ",":
        return True
    known = set(standard_field_names(spec.name))
    for extra in (spec.schema or {}).get("fields", []):
        if isinstance(extra, dict) and isinstance(extra.get("name"), str):
            known.add(extra["name"])
    by_comma = {cell.strip() for cell in _first_record(text, ",")} & known
    if set(required_field_names(spec.name)) <= by_comma:
        return True
    for separator, named in _OTHER_SEPARATORS.items():
        found = {cell.strip() for cell in _first_record(text, separator)} & known
        if len(found) >= 2 and len(found) > len(by_comma):
            problems.add(
                CSV_OTHER_DELIMITER,
                spec.display_path,
                1,
                None,
                separator=named,
                delimiter=separator.replace("\t", "\\t"),
                resource=spec.name,
            )
            return False
    return True


def controls_ok(spec: ResourceSpec, text: str, problems: Problems) -> bool:
    """Report every line holding a control character (up to 20 of them)."""
    lines = [(n, m) for n, line in enumerate(text.split("\n"), 1) if (m := CONTROL.search(line))]
    for number, match in lines[:20]:
        problems.add(
            CONTROL_CHARACTER, spec.display_path, number, None, **control_params(match.group())
        )
    if len(lines) > 20:
        problems.add(MORE_CONTROL_CHARACTERS, spec.display_path, None, None, count=len(lines) - 20)
    return not lines


def quoting_ok(spec: ResourceSpec, text: str, problems: Problems) -> bool:
    """Report broken quoting (a quote never closed swallows the rest of the file)."""
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=spec.delimiter)
    records = 0
    try:
        for _ in reader:
            records += 1
    except csv.Error as exc:
        row = records + 1
        if "unexpected end of data" in str(exc):
            problems.add(UNCLOSED_QUOTE, spec.display_path, row, None)
        else:
            problems.add(BROKEN_QUOTING, spec.display_path, row, None, error=exc)
        return False
    return True


def header_ok(spec: ResourceSpec, header: list[str], problems: Problems) -> bool:
    """Report column names with invisible characters or spaces around them (each would be
    read as another column, then as a required column missing)."""
    ok = True
    for index, written in enumerate(header):
        hidden = [c for c in written if c in _INVISIBLE]
        column = "".join(c for c in written if c not in _INVISIBLE).strip()
        if index == 0 and written.startswith("\ufeff"):
            problems.add(SECOND_BYTE_ORDER_MARK, spec.display_path, 1, column, column=column)
        elif hidden:
            code = ord(hidden[0])
            problems.add(
                HEADER_CELL_INVISIBLE, spec.display_path, 1, column, column=column, code=code
            )
        elif column and written != column:
            where = spaces(written)
            problems.add(
                HEADER_CELL_SPACED,
                spec.display_path,
                1,
                column,
                written=written,
                spaces=where,
                column=column,
            )
        else:
            continue
        ok = False
    return ok


def ids_of(
    plan: str, spec: ResourceSpec, text: str, column: int, problems: Problems
) -> tuple[set[str], set[int]]:
    """The ids of a resource's rows (without spaces around them), and the rows whose id
    has spaces around it, reported and left out: references to it are not reported again."""
    ids: set[str] = set()
    spaced: set[int] = set()
    reader = csv.reader(io.StringIO(text), delimiter=spec.delimiter)
    next(reader, None)
    for number, record in enumerate(reader, start=2):
        written = record[column] if column < len(record) else ""
        stripped = written.strip()
        ids.add(stripped)
        if stripped and written != stripped:
            before = len(problems.items)
            problems.add(
                ID_SPACED,
                spec.display_path,
                number,
                "id",
                value=written,
                spaces=spaces(written),
                stripped=stripped,
            )
            problems.leave_out(before, (plan, spec.name, stripped))
            spaced.add(number)
    return ids, spaced
