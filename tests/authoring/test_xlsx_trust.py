"""``import-xlsx`` takes what the author sees, and refuses a damaged workbook in words.

A percent-formatted cell of a number column holds a fraction that the author reads × 100;
a damaged workbook (cut off, empty, of another kind, a broken part, a missing or renamed
sheet) stops the import with a message naming the workbook, what is wrong and the fix,
exit status 1, and every CSV file byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from ssa_site.authoring.spreadsheet.cells import percent_text, sheet_rows, shows_percent
from ssa_site.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PLAN = "northland-ics"
AGAIN = f"export the plan again (ssa-site export-xlsx {PLAN} FILE.xlsx) and redo the edits there"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


def export(root: Path, workbook: Path) -> None:
    result = CliRunner().invoke(main, ["export-xlsx", PLAN, str(workbook), "--dir", str(root)])
    assert result.exit_code == 0, result.output


def import_(root: Path, workbook: Path):
    return CliRunner().invoke(main, ["import-xlsx", str(workbook), PLAN, "--dir", str(root)])


# --- 3. a fraction in a percent column ---------------------------------------------------


def test_a_percent_cell_of_the_value_column_is_imported_as_the_number_shown(project, tmp_path):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    export(root, workbook)
    book = load_workbook(workbook)
    sheet = book["values"]
    for ref, value, shown in (
        ("D7", 0.47, "0%"),  # I2's FY2023 baseline, shown as 47%
        ("D8", 0.125, "0.0%"),  # I2's FY2025 target, shown as 12.5%
        ("D9", 0.07, "0%"),  # I2's FY2024 actual: 0.07 × 100 is 7.000000000000001 in floats
    ):
        sheet[ref] = value
        sheet[ref].number_format = shown
    sheet["D10"] = 47
    sheet["D10"].number_format = '0"%"'  # a literal percent sign: the number is shown as is
    book.save(workbook)
    result = import_(root, workbook)
    assert result.exit_code == 0, result.output
    lines = (root / "data" / PLAN / "values.csv").read_text("utf-8").splitlines()
    assert lines[6] == "I2,FY2023,baseline,47,,,,,"
    assert lines[7] == "I2,FY2025,target,12.5,,,,,"
    assert lines[8] == "I2,FY2024,actual,7,,,,,"
    assert lines[9].startswith("I3,FY2023,baseline,47,")


def test_percent_cells_count_in_number_columns_only():
    book = Workbook()
    sheet = book.active
    sheet.append(["value", "comment", "budget"])
    sheet.append([0.47, 0.47, -0.05])
    for cell in sheet[2]:
        cell.number_format = "0%"
    rows, numbers = sheet_rows(sheet, {"value", "budget"})
    assert rows == [("value", "comment", "budget"), ("47", "0.47", "-5")]
    assert numbers == [1, 2]


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.47, "47"), (0.125, "12.5"), (0.07, "7"), (1, "100"), (0, "0"), (-0.0, "0"),
     (1e-07, "0.00001"), (0.1234567, "12.34567"), (-0.335, "-33.5")],
)  # fmt: skip
def test_percent_text_has_no_float_noise(value, text):
    assert percent_text(value) == text


@pytest.mark.parametrize(
    ("number_format", "value", "percent"),
    [
        ("0%", 0.5, True),
        ("0.00%", 0.5, True),
        ("General", 0.5, False),
        ("@", 0.5, False),
        ('0"%"', 50, False),
        ("0\\%", 50, False),
        ("[Red]0%", 0.5, True),
        ("0;(0%)", -0.5, True),
        ("0%;-0", -0.5, False),
    ],
)
def test_shows_percent_reads_the_section_that_applies(number_format, value, percent):
    assert shows_percent(number_format, value) is percent


# --- 10. a damaged workbook ---------------------------------------------------------------


def rezip(data: bytes, edit: Callable[[str, bytes], bytes | None]) -> bytes:
    """The archive with each part passed through ``edit`` (None drops the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = edit(info.filename, source.read(info.filename))
            if part is not None:
                target.writestr(info, part)
    return out.getvalue()


def reworked(data: bytes, change: Callable[[Workbook], object]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values_part(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return f"xl/worksheets/sheet{book.sheetnames.index('values') + 1}.xml"


def corrupted(data: bytes) -> bytes:
    """A byte flipped inside the compressed data of the values sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(values_part(data))
    header = info.header_offset
    start = header + 30 + int.from_bytes(data[header + 26 : header + 28], "little")
    start += int.from_bytes(data[header + 28 : header + 30], "little")
    middle = start + info.compress_size // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def renamed(book: Workbook) -> None:
    book["values"].title = "Values (2)"


def ssa_cell(row: int, column: int, value: str) -> Callable[[Workbook], object]:
    return lambda book: book["_ssa"].cell(row=row, column=column, value=value)


def edited_with_bad_newline(book: Workbook) -> None:
    book["_ssa"].cell(row=3, column=5, value="12")  # the results file's line ending
    book["results"]["B2"] = "G0"  # an edit, so that a new record is written


def ods(_: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (
        lambda d: d[: len(d) // 2],
        "is damaged: the file is incomplete or corrupted (cut off while it was copied, "
        "downloaded or saved?); copy it again from where it was saved, or " + AGAIN,
    ),
    "empty": (lambda d: b"", f"is empty (0 bytes), not a workbook; {AGAIN}"),
    "csv": (
        lambda d: b"indicator,period,kind,value\nI1,FY2023,baseline,41\n",
        "is a text file (CSV, HTML or XML?), not an .xlsx workbook",
    ),
    "xls": (
        lambda d: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504),
        "is an Excel 97–2003 workbook (.xls) or a password-protected one, not an .xlsx "
        "workbook; open it in Excel or LibreOffice, remove any password, save it as "
        "'Excel Workbook (.xlsx)' and import that file",
    ),
    "ods": (ods, "is an OpenDocument spreadsheet (.ods), not an .xlsx workbook"),
    "other-zip": (
        lambda d: rezip(d, lambda n, part: part if n.startswith("docProps/") else None),
        "is a zip archive but not an .xlsx workbook (it has no [Content_Types].xml)",
    ),
    "broken-sheet-xml": (
        lambda d: rezip(d, lambda n, part: part[: len(part) // 2] if n == values_part(d) else part),
        "is damaged: the part xl/worksheets/sheet4.xml (the sheet 'values') is not well-formed "
        "XML (unclosed token",
    ),
    "broken-workbook-xml": (
        lambda d: rezip(d, lambda n, part: b"<workbook" if n == "xl/workbook.xml" else part),
        "is damaged: the part xl/workbook.xml is not well-formed XML",
    ),
    "broken-styles": (
        lambda d: rezip(d, lambda n, part: part[:-20] if n == "xl/styles.xml" else part),
        "is damaged: the part xl/styles.xml is not well-formed XML",
    ),
    "corrupted-part": (corrupted, "is damaged: the file is corrupted"),
    "missing-workbook-part": (
        lambda d: rezip(d, lambda n, part: None if n == "xl/workbook.xml" else part),
        "is damaged: a part is missing (There is no item named 'xl/workbook.xml'",
    ),
    "missing-sheet-part": (
        lambda d: rezip(d, lambda n, part: None if n == values_part(d) else part),
        "is damaged: the part of the sheet 'values' (xl/worksheets/sheet4.xml) is missing; "
        "open it in Excel or LibreOffice and save it again as .xlsx (they may repair it), or "
        + AGAIN,
    ),
    "no-hidden-sheet": (
        lambda d: reworked(d, lambda book: book.remove(book["_ssa"])),
        "was not written by 'ssa-site export-xlsx' (its hidden sheet '_ssa' is missing; "
        f"copying the sheets into another workbook loses it): {AGAIN}",
    ),
    "no-values-sheet": (
        lambda d: reworked(d, lambda book: book.remove(book["values"])),
        "the sheet 'values' is missing (it was deleted?); keep the sheets as exported, or " + AGAIN,
    ),
    "renamed-sheet": (
        lambda d: reworked(d, renamed),
        "the sheet 'values' is missing, and the workbook has sheets it does not know "
        "('Values (2)'); rename the sheet that holds this table back to 'values'",
    ),
    "hidden-sheet-record": (
        lambda d: reworked(d, ssa_cell(4, 4, '{"x": 1}')),
        f"the hidden sheet '_ssa' was changed (a bad record of 'results'); {AGAIN}",
    ),
    "hidden-sheet-newline": (
        lambda d: reworked(d, edited_with_bad_newline),
        f"the hidden sheet '_ssa' was changed (a bad resource row for 'results'); {AGAIN}",
    ),
    "hidden-sheet-plan": (
        lambda d: reworked(d, ssa_cell(2, 2, "")),
        f"the hidden sheet '_ssa' was changed (it names no plan); {AGAIN}",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_workbook_is_refused_in_words_and_nothing_is_written(project, tmp_path, damage):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    export(root, workbook)
    make, message = DAMAGE[damage]
    workbook.write_bytes(make(workbook.read_bytes()))
    before = snapshot(root)
    result = import_(root, workbook)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert f"plan.xlsx: {message}" in result.output
    assert "nothing was written" in result.output
    assert snapshot(root) == before
