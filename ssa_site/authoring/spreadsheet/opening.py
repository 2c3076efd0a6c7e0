"""Opening the workbook given to ``import-xlsx``: any damage reported in words.

An .xlsx file is a zip archive of XML parts. A file that is empty, cut off, of another kind
(a CSV, an old .xls, an OpenDocument spreadsheet) or with a broken or missing part stops the
import with a message naming the workbook, what is wrong and what to do; openpyxl's own
exceptions (``BadZipFile``, ``KeyError``, ``ParseError`` …) never reach the author.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import TYPE_CHECKING
from xml.parsers import expat

from openpyxl.reader.excel import ExcelReader

from ssa_site.authoring.spreadsheet.layout import SpreadsheetError, export_again

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

_OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # Excel 97–2003 files, and encrypted .xlsx files
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_CONTENT_TYPES = "[Content_Types].xml"
_ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)


def open_workbook(path: Path, plan: str) -> Workbook:
    """The workbook at ``path`` with cached formula values; raise on any damage."""
    name = path.name
    again = export_again(plan)
    repair = (
        "open it in Excel or LibreOffice and save it again as .xlsx (they may repair it), or "
        + again
    )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError([f"{name}: cannot be read ({exc.strerror or exc})"]) from exc
    archive, wrong = _archive(data, again)
    if archive is None:
        raise SpreadsheetError([f"{name}: {wrong}"])
    reader: ExcelReader | None = None
    with archive:
        try:
            reader = ExcelReader(io.BytesIO(data), data_only=True)
            reader.read()
        except Exception as exc:  # a damaged part fails deep in openpyxl, with any exception
            problem = _diagnose(archive, reader, exc)
            raise SpreadsheetError([f"{name}: {problem}; {repair}"]) from exc
    missing = [
        f"the part of the sheet '{sheet.name}' ({rel.target}) is missing"
        for sheet, rel in reader.parser.find_sheets()
        if rel.target not in reader.valid_files
    ]
    if missing:
        raise SpreadsheetError([f"{name}: is damaged: {m}; {repair}" for m in missing])
    workbook: Workbook = reader.wb
    return workbook


def _archive(data: bytes, again: str) -> tuple[zipfile.ZipFile | None, str]:
    """The zip archive of an .xlsx file, or what the file is instead and what to do."""
    if not data:
        return None, f"is empty (0 bytes), not a workbook; {again}"
    if data.startswith(_OLE):
        return None, (
            "is an Excel 97–2003 workbook (.xls) or a password-protected one, not an .xlsx "
            "workbook; open it in Excel or LibreOffice, remove any password, save it as "
            "'Excel Workbook (.xlsx)' and import that file"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_DAMAGE:
        if data.startswith(b"PK"):
            return None, (
                "is damaged: the file is incomplete or corrupted (cut off while it was "
                "copied, downloaded or saved?); copy it again from where it was saved, or " + again
            )
        if b"\0" not in data[:4096]:
            return None, (
                "is a text file (CSV, HTML or XML?), not an .xlsx workbook; import the .xlsx "
                "workbook that ssa-site export-xlsx wrote (a CSV file keeps one sheet only), "
                f"or {again}"
            )
        return None, f"is not an .xlsx workbook (every .xlsx file is a zip archive); {again}"
    names = set(archive.namelist())
    if "mimetype" in names and archive.read("mimetype").startswith(_ODS):
        return None, (
            "is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it in "
            "LibreOffice as 'Excel 2007-365 (.xlsx)' and import that file"
        )
    if _CONTENT_TYPES not in names:
        return None, (
            f"is a zip archive but not an .xlsx workbook (it has no {_CONTENT_TYPES}); {again}"
        )
    return archive, ""


def _diagnose(archive: zipfile.ZipFile, reader: ExcelReader | None, exc: Exception) -> str:
    """What is wrong with a workbook that openpyxl could not read, in words."""
    cause = exc.__cause__ if isinstance(exc, ValueError) and exc.__cause__ else exc
    if isinstance(cause, _ZIP_DAMAGE):
        return f"is damaged: the file is corrupted ({cause})"
    if isinstance(cause, KeyError):
        return f"is damaged: a part is missing ({cause.args[0] if cause.args else cause})"
    broken = _broken_xml(archive)
    if broken is not None:
        part, error = broken
        sheet = _sheet_of(reader).get(part)
        where = f"the part {part}" + (f" (the sheet '{sheet}')" if sheet else "")
        return f"is damaged: {where} is not well-formed XML ({error})"
    if isinstance(cause, OSError):
        return f"is not an .xlsx workbook ({cause})"
    return f"cannot be read as an .xlsx workbook ({type(cause).__name__}: {cause})"


def _broken_xml(archive: zipfile.ZipFile) -> tuple[str, str] | None:
    """The first XML part that does not parse, and why (streamed: nothing is kept)."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        parser = expat.ParserCreate()
        try:
            with archive.open(info) as handle:
                parser.ParseFile(handle)
        except expat.ExpatError as exc:
            return info.filename, str(exc)
        except _ZIP_DAMAGE as exc:
            return info.filename, f"its compressed data is corrupted: {exc}"
    return None


def _sheet_of(reader: ExcelReader | None) -> dict[str, str]:
    """Sheet names by part, as far as the workbook part could be read."""
    parser = getattr(reader, "parser", None)
    try:
        return {rel.target: sheet.name for sheet, rel in parser.find_sheets()} if parser else {}
    except Exception:  # the workbook part itself is damaged: the message names the part only
        return {}
