"""Writing the tidy table and each indicator's files in one pass over the public data.

For each indicator with values, its tidy rows (ssa_site.downloads.tidy) are worked out
once and written three times: into ``data/all-values.csv``, into the indicator's own CSV
(its dimension columns only) and into its JSON (reference sheet, plan, result, status and
values). Nothing is rescanned per indicator: plans, statuses and revisions are indexed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.asof import EPOCH
from ssa_site.analysis.revisions import Revisions
from ssa_site.analysis.rollup import StatusBoard
from ssa_site.downloads import columns, links, spreadsheets
from ssa_site.downloads.datapackage import Table
from ssa_site.downloads.tidy import TidyRows, dimension_columns, tidy_schema

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Output
    from ssa_site.downloads.settings import Run
    from ssa_site.model.plan import Indicator, Plan
    from ssa_site.project import PublicData

#: The context columns a JSON file gives once, not on every value.
_CONTEXT = frozenset(
    (
        "plan",
        "plan_title",
        "country",
        "result",
        "result_level",
        "result_title",
        "indicator",
        "indicator_title",
        "unit",
        "measure",
        "direction",
    )
)


@dataclass
class TidyFiles:
    """What the pass wrote: the tidy table, its workbook, and each plan's indicator files."""

    table: Table
    workbook: Download | None
    per_plan: dict[str, list[Download]] = field(default_factory=dict)


def status_board(data: PublicData, run: Run) -> StatusBoard:
    """The statuses of the public data, as the pages of a public build work them out."""
    today = data.today if data.today != EPOCH else None
    return StatusBoard(data.portfolio, run.status_settings, run.status_settings.as_of or today)


def write_tidy(
    out: Output,
    data: PublicData,
    run: Run,
    page_url: Callable[[Plan, Indicator | None], str],
) -> TidyFiles:
    """Write the tidy table, its workbook, and every indicator's CSV and JSON.

    ``page_url(plan, indicator)`` is the address of the indicator's page (of the plan's
    page without an indicator), as the JSON names it."""
    board = status_board(data, run)
    revisions = Revisions.of(data.releases, data.portfolio) if data.releases else None
    dimensions = dimension_columns(data.portfolio)
    rows = TidyRows(data.portfolio, board, revisions, dimensions)
    schema = tidy_schema(dimensions)
    per_plan: dict[str, list[Download]] = {}

    header = [f["name"] for f in schema["fields"]]

    def everything() -> Iterator[list[str]]:
        for plan, indicator, records in rows.all():
            # Each record's cells are made once, for this table and the indicator's CSV.
            texts = [{k: columns.cell(v) for k, v in r.items() if v is not None} for r in records]
            per_plan.setdefault(plan.name, []).extend(
                _indicator_files(out, rows, plan, indicator, records, texts, run, page_url)
            )
            for text in texts:
                yield [text.get(name, "") for name in header]

    written = out.csv(links.tidy_csv(), header, everything())
    table = Table(
        "all-values",
        "all-values.csv",
        written.title,
        written.description,
        schema,
        written,
    )
    workbook = None
    if links.has_tidy_workbook(data.portfolio):
        workbook = spreadsheets.tidy_workbook(out, schema, rows)
    return TidyFiles(table, workbook, per_plan)


def _indicator_files(
    out: Output,
    rows: TidyRows,
    plan: Plan,
    indicator: Indicator,
    records: list[dict[str, Any]],
    texts: list[dict[str, str]],
    run: Run,
    page_url: Callable[[Plan, Indicator | None], str],
) -> list[Download]:
    own = {d: rows.dimensions.get(d, d) for d in indicator.dimensions}
    schema = tidy_schema(own)
    header = [f["name"] for f in schema["fields"]]
    cells = ([text.get(name, "") for name in header] for text in texts)
    written = out.csv(links.indicator_csv(plan, indicator), header, cells)
    described = out.json(
        links.indicator_json(plan, indicator),
        _indicator_json(rows, plan, indicator, records, schema, run, page_url),
        compact=True,  # one per indicator: the fast encoder
    )
    return [written, described]


def _plain(value: Any) -> Any:
    """A JSON value: dates as ISO text, lists as lists."""
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _indicator_json(
    rows: TidyRows,
    plan: Plan,
    indicator: Indicator,
    records: list[dict[str, Any]],
    schema: dict[str, Any],
    run: Run,
    page_url: Callable[[Plan, Indicator | None], str],
) -> dict[str, Any]:
    sheet_fields = [
        f["name"] for f in columns.public_fields("indicators", run.hidden) if f["name"] != "id"
    ]
    sheet = {name: _plain(getattr(indicator, name, None)) for name in sheet_fields}
    result = plan.result(indicator.result)
    status = rows.board.indicator(indicator)
    current = status.current
    names = [f["name"] for f in schema["fields"] if f["name"] not in _CONTEXT]
    return {
        "id": indicator.id,
        "title": indicator.title,
        "url": page_url(plan, indicator),
        "plan": {
            "name": plan.name,
            "title": plan.title,
            "country": plan.country,
            "url": page_url(plan, None),
        },
        "result": {
            "id": indicator.result,
            "level": result.level if result else None,
            "title": result.title if result else None,
        },
        "reference_sheet": sheet,
        "status": {
            "rating": status.rating,
            "label": status.label,
            "as_of": _plain(status.as_of),
            "period": current.period.label if current else None,
            "progress": current.progress if current else None,
            "steps": list(current.steps) if current else [],
            "reason": status.reason,
            "late": [late.period.label for late in status.late],
            "method": rows.method,
        },
        "fields": [f for f in schema["fields"] if f["name"] not in _CONTEXT],
        "values": [
            {name: _plain(record[name]) for name in names if record.get(name) is not None}
            for record in records
        ],
    }
