"""CSV files as their exact text: records with the bytes they were written with.

A spreadsheet round trip must leave unchanged rows byte-identical, whatever quoting,
line endings or byte-order mark the file used. :func:`split_records` keeps each record's
raw text and line ending; :func:`join_records` writes records back, reusing the raw text
of records whose cells did not change and writing new ones in the file's own style.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

BOM = "\ufeff"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in a spreadsheet cell


@dataclass(frozen=True)
class Record:
    """One CSV record (a row, possibly spanning lines) and the line ending after it."""

    raw: str
    ending: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvText:
    """A CSV file taken apart: BOM, records, and the style to write new records in."""

    bom: bool
    records: tuple[Record, ...]
    newline: str  # the most common line ending, for new records
    quote_all: bool  # every cell of every record is quoted

    @property
    def final_ending(self) -> str:
        return self.records[-1].ending if self.records else self.newline


def parse_cells(raw: str) -> tuple[str, ...]:
    """The cells of one raw record."""
    if raw == "":
        return ()
    row = next(csv.reader(io.StringIO(raw, newline="")), [])
    return tuple(row)


def split_records(text: str) -> CsvText:
    """Split CSV text into records at line endings outside quotes."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    records: list[Record] = []
    start, quoted, i, n = 0, False, 0, len(text)
    while i < n:
        char = text[i]
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            ending = "\r\n" if text.startswith("\r\n", i) else char
            raw = text[start:i]
            records.append(Record(raw, ending, parse_cells(raw)))
            i += len(ending)
            start = i
            continue
        i += 1
    if start < n:
        raw = text[start:]
        records.append(Record(raw, "", parse_cells(raw)))
    endings = [r.ending for r in records if r.ending]
    newline = max(("\n", "\r\n", "\r"), key=endings.count) if endings else "\n"
    quote_all = any(r.cells for r in records) and all(
        write_record(r.cells, quote_all=True) == r.raw for r in records if r.cells
    )
    return CsvText(bom, tuple(records), newline, quote_all)


def write_record(cells: tuple[str, ...] | list[str], quote_all: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        lineterminator="",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(cells)
    return buffer.getvalue()


def match_key(cells: tuple[str, ...] | list[str], width: int) -> tuple[str, ...]:
    """Cells as a spreadsheet keeps them: line endings as \\n, no control characters,
    padded to ``width`` and without trailing blanks past it."""
    values = [cell_text(c).replace("\r\n", "\n").replace("\r", "\n") for c in cells]
    values += [""] * (width - len(values))
    while len(values) > width and values[-1] == "":
        values.pop()
    return tuple(values)


def cell_text(value: str) -> str:
    """A CSV cell as a spreadsheet cell can hold it."""
    return _ILLEGAL.sub("", value)


def join_records(
    original: CsvText, rows: list[tuple[str, ...]], width: int
) -> tuple[str, list[int]]:
    """The CSV text of ``rows`` and the indexes of the rows it holds, in order.

    A row is unchanged when an original record (not yet reused) has the same cells; it
    keeps its original text and line ending. An empty row is a blank line when the
    original had one left, and is dropped otherwise. The file keeps its BOM and its
    final line ending.
    """
    pool: dict[tuple[str, ...], list[Record]] = {}
    for record in original.records:
        key = match_key(record.cells, width) if any(record.cells) else ()
        pool.setdefault(key, []).append(record)
    parts: list[tuple[str, str]] = []
    written: list[int] = []
    for index, row in enumerate(rows):
        key = match_key(row, width) if any(row) else ()
        candidates = pool.get(key)
        if candidates:
            record = candidates.pop(0)
            parts.append((record.raw, record.ending or original.newline))
        elif key:
            padded = (*row, *[""] * (width - len(row)))
            parts.append((write_record(padded, original.quote_all), original.newline))
        else:
            continue
        written.append(index)
    text = "".join(raw + ending for raw, ending in parts[:-1])
    if parts:
        text += parts[-1][0] + original.final_ending
    return (BOM if original.bom else "") + text, written


def original_text(original: CsvText) -> str:
    """The text the records were split from."""
    body = "".join(r.raw + r.ending for r in original.records)
    return (BOM if original.bom else "") + body
