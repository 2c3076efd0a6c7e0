"""``ssa-site import-iati``: IATI activity files (standard 2.01-2.03) become plans.

Each activity with results becomes one plan of kind ``initiative``, written as an ordinary
data package the author then edits: :mod:`.reading` opens and checks a file and picks the
narratives of one language, :mod:`.values` turns baselines, targets and actuals into value
rows, :mod:`.activity` maps an activity to the plan's tables, :mod:`.writing` writes them,
and :mod:`.report` says what became what and what was not carried over (with its XPath
and why). Nothing is guessed: a value that is not a plain number is kept as text.
"""

from __future__ import annotations

from ssa_site.authoring.iati_import.reading import IatiImportError
from ssa_site.authoring.iati_import.writing import ImportResult, import_iati

__all__ = ["IatiImportError", "ImportResult", "import_iati"]
