"""A small writer of .xlsx workbooks for the downloads: fast, and byte for byte the same
for the same data.

A general library (openpyxl, which ``export-xlsx`` uses) spends most of a build's download
time on workbooks of tens of thousands of cells; the downloads need few features: sheets
of cells, a bold header row, frozen panes, column widths, read-only sheets. Numbers are
number cells; dates are YYYY-MM-DD text, as in the CSV files (the same in every locale);
every text is an inline text cell, so a spreadsheet never runs one as a formula. The
workbook's dates and the zip members' time stamps are the build's, never the clock's.
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ssa_site.downloads.workbook import text

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

_ZIP_EARLIEST = datetime(1980, 1, 1)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CELL_LIMIT = 32767  # characters a cell holds

# Cell styles (cellXfs): 0 plain, 1 bold (headers), 2 a date format (kept for readers).
_STYLES = f"""{_XML}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" \
formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/>\
</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill>\
<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""


@dataclass
class Sheet:
    """A sheet: rows of cells (None or "" for an empty cell)."""

    name: str
    rows: Iterable[list[Any]]
    header_rows: tuple[int, ...] = (1,)  # 1-based rows shown bold
    freeze_header: bool = True
    read_only: bool = False
    widths: dict[int, float] = field(default_factory=dict)  # 1-based column → width


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, bold: bool) -> str:
    style = ' s="1"' if bold else ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    if isinstance(value, int | float) and math.isfinite(value):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, date):  # as text: unambiguous, and the same in every locale
        value = value.isoformat()
    shown = text(str(value))[:_CELL_LIMIT]
    space = ' xml:space="preserve"' if shown != shown.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(shown)}</t></is></c>'


def _sheet_xml(sheet: Sheet) -> str:
    parts = [_XML, f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">']
    if sheet.freeze_header:
        parts.append('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>')
    parts.append("</sheetView></sheetViews>")
    if sheet.widths:
        parts.append("<cols>")
        for column, width in sorted(sheet.widths.items()):
            parts.append(f'<col min="{column}" max="{column}" width="{width}" customWidth="1"/>')
        parts.append("</cols>")
    parts.append("<sheetData>")
    letters: list[str] = []
    bold = set(sheet.header_rows)
    for number, row in enumerate(sheet.rows, start=1):
        while len(letters) < len(row):
            letters.append(column_letter(len(letters) + 1))
        cells = "".join(
            _cell(f"{letters[i]}{number}", value, number in bold)
            for i, value in enumerate(row)
            if value is not None and value != ""
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData>")
    if sheet.read_only:
        parts.append('<sheetProtection sheet="1" objects="1" scenarios="1"/>')
    parts.append("</worksheet>")
    return "".join(parts)


def _package(sheets: list[Sheet], built: datetime) -> list[tuple[str, str]]:
    count = len(sheets)
    stamp = built.strftime("%Y-%m-%dT%H:%M:%SZ")
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    office = "application/vnd.openxmlformats-officedocument"
    content_types = (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.'
        f'main+xml"/><Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.'
        'styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/'
        f'vnd.openxmlformats-package.core-properties+xml"/>{types}</Types>'
    )
    root_rels = (
        f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/'
        'officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://'
        'schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'
    )
    core = (
        f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>ssa-site'
        f'</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    listed = "".join(
        f'<sheet name={quoteattr(text(s.name)[:31])} sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    workbook = (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/>'
        f"</bookViews><sheets>{listed}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    workbook_rels = (
        f'{_XML}<Relationships xmlns="{_PKG_REL}">{rels}<Relationship Id="rId{count + 1}" '
        f'Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    )
    return [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("docProps/core.xml", core),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", _STYLES),
    ]


def write_xlsx(path: Path, sheets: list[Sheet], built: datetime) -> None:
    """Write ``sheets`` (at least one) as the workbook ``path``."""
    stamp = max(built.replace(tzinfo=None), _ZIP_EARLIEST).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as archive:

        def put(name: str, data: str) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8"))

        for name, data in _package(sheets, built):
            put(name, data)
        for number, sheet in enumerate(sheets, start=1):
            put(f"xl/worksheets/sheet{number}.xml", _sheet_xml(sheet))
