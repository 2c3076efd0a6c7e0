"""Plans as spreadsheets: ``export-xlsx`` writes a workbook, ``import-xlsx`` reads it back.

A round trip leaves the CSV files byte-identical: cells travel as text, and rows that were
not edited are written back with their original quoting and line endings.
"""

from __future__ import annotations

from ssa_site.authoring.spreadsheet.export import export_plan
from ssa_site.authoring.spreadsheet.importing import ImportResult, import_plan
from ssa_site.authoring.spreadsheet.layout import SpreadsheetError

__all__ = ["ImportResult", "SpreadsheetError", "export_plan", "import_plan"]
