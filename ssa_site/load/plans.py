"""Load every ``data/<plan>/`` package into the full model (all audiences).

Visibility is resolved here (internal propagates downward) but nothing is dropped: that is
:mod:`ssa_site.model.visibility`'s job, for one audience.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ssa_site.base.periods import Period, PeriodError, parse_period
from ssa_site.base.problems import EVERY_PLAN, Problem, Problems, ProblemType
from ssa_site.base.schemas import split_list
from ssa_site.cache import store as cache
from ssa_site.load.breakdowns import Breakdowns, declared_breakdowns
from ssa_site.load.package import PackageSpec, display, read_package
from ssa_site.load.sectors import initiative_sectors
from ssa_site.load.translations import check_translations, read_translations
from ssa_site.model.plan import (
    INTERNAL,
    Assumption,
    Indicator,
    Initiative,
    Plan,
    Result,
    ResultRef,
    Value,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.load.tables import TableRow

DATA_FOLDER_MISSING = ProblemType(
    "data-folder-missing",
    "Data folder missing",
    "the data folder does not exist",
    "create it with one folder per plan, or set the plugin's data_dir option",
)
ALIGNS_TO_MALFORMED = ProblemType(
    "aligns-to-malformed",
    "Alignment not a plan:result reference",
    "'{item}' is not a plan:result reference",
    "write the other plan's name and the result id, e.g. agency-framework:O2",
)
PERIOD_INVALID = ProblemType(
    "value-period-invalid",
    "Period of a value not understood",
    "{reason}",
    "{fix}",
)
BREAKDOWN_NOT_LISTED = ProblemType(
    "breakdown-not-listed",
    "Breakdown not in the indicator's disaggregated_by",
    "indicator {indicator} is broken down by '{column}', which its disaggregated_by does not list",
    "add '{column}' to the disaggregated_by of {indicator}, or leave the cell blank (a total)",
)


def load_plans(data_dir: Path, root: Path, problems: Problems) -> list[Plan]:
    """Load every plan under ``data_dir``, sorted by name, reporting into ``problems``."""
    if not data_dir.is_dir():
        since = len(problems)
        problems.add(DATA_FOLDER_MISSING, display(data_dir, root), None, None)
        problems.leave_out(since, (EVERY_PLAN, None, None))
        return []
    plans: list[Plan] = []
    folders = sorted(
        p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    # Cached by the package's bytes (ssa_site.cache.store): the same Plan and Problems.
    for plan, found in cache.load_packages(folders, root, load_package):
        problems.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans


def load_package(directory: Path, root: Path) -> tuple[Plan | None, list[Problem]]:
    """One package folder: its plan (None when unusable) and the problems found in it."""
    problems = Problems()
    spec = read_package(directory, root, problems)
    if spec is None:
        # Plans are named by their folder: references to this one are not reported again.
        problems.leave_out(0, (directory.name, None, None))
        return None, problems.items
    # Frictionless (slow to import) is needed only when a package is not in the cache.
    from ssa_site.load.tables import read_tables

    tables = read_tables(spec, problems)
    plan = build_plan(spec, tables, problems)
    check_translations(plan, plan.resource_path("translations"), problems)
    return plan, problems.items


def _text(cells: dict[str, Any], name: str) -> str | None:
    value = cells.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _own_internal(cells: dict[str, Any]) -> bool:
    return cells.get("visibility") == INTERNAL


def build_plan(spec: PackageSpec, tables: dict[str, list[TableRow]], problems: Problems) -> Plan:
    """Turn the typed rows of one package into a :class:`Plan`.

    Rows Frictionless found problems in are left out, so one bad cell is reported once
    rather than again by every check that reads it.
    """
    paths = {r.name: r.display_path for r in spec.resources}
    breakdowns = declared_breakdowns(spec, tables, paths.get("values", ""), problems)
    tables = {name: [row for row in rows if row.ok] for name, rows in tables.items()}
    package_internal = spec.visibility == INTERNAL
    results = _results(spec, tables.get("results", []), paths.get("results", ""), problems)
    internal_results = _internal_results(results, package_internal)
    results = [_with_internal(r, r.id in internal_results) for r in results]

    values_by_indicator: dict[str, list[Value]] = {}
    indicator_rows = tables.get("indicators", [])
    internal_indicators: set[str] = set()
    for row in indicator_rows:
        cells = row.cells
        if _text(cells, "id") and (
            _own_internal(cells)
            or package_internal
            or _text(cells, "result") in internal_results
            or _text(cells, "result") not in {r.id for r in results}
        ):
            internal_indicators.add(str(_text(cells, "id")))
    values_path = paths.get("values", "")
    for value in _values(spec, tables.get("values", []), values_path, breakdowns, problems):
        if value.indicator in internal_indicators or package_internal:
            value = _with_internal(value, True)
        values_by_indicator.setdefault(value.indicator, []).append(value)

    indicators = []
    for row in indicator_rows:
        cells = row.cells
        if not (_text(cells, "id") and _text(cells, "result") and _text(cells, "title")):
            continue
        indicator_id = str(_text(cells, "id"))
        indicators.append(
            Indicator(
                plan=spec.name,
                id=indicator_id,
                result=str(_text(cells, "result")),
                title=str(_text(cells, "title")),
                definition=_text(cells, "definition") or "",
                unit=_text(cells, "unit") or "",
                measure=_text(cells, "measure"),
                direction=_text(cells, "direction"),
                indicator_type=_text(cells, "indicator_type"),
                cumulative=bool(cells.get("cumulative") or False),
                disaggregated_by=split_list(_text(cells, "disaggregated_by")),
                rationale=_text(cells, "rationale"),
                data_source=_text(cells, "data_source"),
                collection_method=_text(cells, "collection_method"),
                frequency=_text(cells, "frequency"),
                responsible=_text(cells, "responsible"),
                limitations=_text(cells, "limitations"),
                dqa_last=cells.get("dqa_last"),
                dqa_next=cells.get("dqa_next"),
                standard_code=_text(cells, "standard_code"),
                values=tuple(sorted(values_by_indicator.get(indicator_id, []), key=_value_order)),
                internal=indicator_id in internal_indicators,
                row=row.number,
            )
        )

    initiatives = []
    for row in tables.get("initiatives", []):
        cells = row.cells
        if not (_text(cells, "id") and _text(cells, "title")):
            continue
        linked = split_list(_text(cells, "results"))
        initiatives.append(
            Initiative(
                plan=spec.name,
                id=str(_text(cells, "id")),
                title=str(_text(cells, "title")),
                description=_text(cells, "description"),
                results=linked,
                agency=_text(cells, "agency"),
                implementer=_text(cells, "implementer"),
                status=_text(cells, "status"),
                start=cells.get("start"),
                end=cells.get("end"),
                budget=_number(cells.get("budget")),
                me_budget=_number(cells.get("me_budget")),
                iati_identifier=_text(cells, "iati_identifier"),
                sectors=initiative_sectors(row, paths.get("initiatives", ""), problems),
                # An initiative that serves internal results only is internal too: its
                # public row would otherwise point at work the public may not see.
                internal=package_internal
                or _own_internal(cells)
                or (bool(linked) and all(r in internal_results for r in linked)),
                row=row.number,
            )
        )

    assumptions: list[Assumption] = []
    for row in tables.get("assumptions", []):
        cells = row.cells
        if not (_text(cells, "result") and _text(cells, "text")):
            continue
        result_id = str(_text(cells, "result"))
        assumptions.append(
            Assumption(
                plan=spec.name,
                result=result_id,
                ordinal=1 + sum(a.result == result_id for a in assumptions),
                text=str(_text(cells, "text")),
                risk=_text(cells, "risk"),
                mitigation=_text(cells, "mitigation"),
                internal=package_internal or _own_internal(cells) or result_id in internal_results,
                row=row.number,
            )
        )

    return Plan(
        name=spec.name,
        title=spec.title,
        kind=spec.kind,
        levels=spec.levels,
        period_start=spec.period_start,
        period_end=spec.period_end,
        country=spec.country,
        fiscal_year_start=spec.fiscal_year_start,
        license=spec.license,
        description=spec.description,
        imported=spec.imported,
        **spec.open_data.plan_fields(),  # sectors and federal codes (ssa_site.load.sectors)
        internal=package_internal,
        results=tuple(results),
        indicators=tuple(indicators),
        initiatives=tuple(initiatives),
        assumptions=tuple(assumptions),
        translations=read_translations(tables.get("translations", [])),
        directory=spec.display_dir,
        resource_paths=tuple(sorted(paths.items())),
    )


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def _value_order(value: Value) -> tuple[Any, ...]:
    order = {"baseline": 0, "target": 1, "actual": 2}
    return (value.period.start, value.period.end, order.get(value.kind, 3), value.dimensions)


def _with_internal(entity: Any, internal: bool) -> Any:
    if entity.internal == internal:
        return entity
    return replace(entity, internal=internal)


def _results(
    spec: PackageSpec, rows: list[TableRow], path: str, problems: Problems
) -> list[Result]:
    results: list[Result] = []
    for row in rows:
        cells = row.cells
        result_id, level, title = _text(cells, "id"), _text(cells, "level"), _text(cells, "title")
        if not (result_id and level and title):
            continue
        refs: list[ResultRef] = []
        for item in split_list(_text(cells, "aligns_to")):
            plan_name, sep, target = item.partition(":")
            if not sep or not plan_name.strip() or not target.strip():
                problems.add(ALIGNS_TO_MALFORMED, path, row.number, "aligns_to", item=item)
                continue
            refs.append(ResultRef(plan_name.strip(), target.strip()))
        results.append(
            Result(
                plan=spec.name,
                id=result_id,
                parent=_text(cells, "parent"),
                level=level,
                title=title,
                statement=_text(cells, "statement"),
                aligns_to=tuple(refs),
                internal=_own_internal(cells),
                row=row.number,
            )
        )
    return results


def _internal_results(results: list[Result], package_internal: bool) -> set[str]:
    """Ids of results that are internal themselves or below an internal result."""
    by_id = {r.id: r for r in results}
    internal: set[str] = set()
    for result in results:
        chain: list[Result] = []
        node: Result | None = result
        seen: set[str] = set()
        while node is not None and node.id not in seen:
            seen.add(node.id)
            chain.append(node)
            node = by_id.get(node.parent) if node.parent else None
        if package_internal or any(n.internal for n in chain):
            internal.add(result.id)
    return internal


def _share(shared: dict[Any, Any], value: Any) -> Any:
    return value if value is None else shared.setdefault(value, value)


def _values(
    spec: PackageSpec, rows: list[TableRow], path: str, breakdowns: Breakdowns, problems: Problems
) -> list[Value]:
    everywhere, listed = breakdowns
    columns = everywhere.union(*listed.values())
    values: list[Value] = []
    # Values repeat the same few ids, periods and categories: share one object of each,
    # which keeps 500,000 values small in memory and quick to (un)pickle.
    shared: dict[Any, Any] = {}
    periods: dict[str, Period] = {}
    for row in rows:
        cells = row.cells
        indicator, period_text, kind = (
            _text(cells, "indicator"),
            _text(cells, "period"),
            _text(cells, "kind"),
        )
        if not (indicator and period_text and kind):
            continue
        try:
            period = periods.get(period_text) or parse_period(period_text, spec.fiscal_year_start)
        except PeriodError as exc:
            problems.add(PERIOD_INVALID, path, row.number, "period", reason=exc, fix=exc.fix)
            continue
        periods[period_text] = period
        dimensions = tuple(
            (name, str(cell).strip())
            for name, cell in cells.items()
            if name in columns and cell not in (None, "") and str(cell).strip()
        )
        for name, _ in dimensions:
            if name not in everywhere and indicator in listed and name not in listed[indicator]:
                problems.add(
                    BREAKDOWN_NOT_LISTED, path, row.number, name, indicator=indicator, column=name
                )
        dimensions = shared.setdefault(dimensions, dimensions)
        indicator, kind = shared.setdefault(indicator, indicator), shared.setdefault(kind, kind)
        raw_value = cells.get("value")
        values.append(
            Value(
                indicator=indicator,
                period=period,
                kind=kind,
                value=float(raw_value) if raw_value is not None else None,
                text=_text(cells, "text"),
                comment=_text(cells, "comment"),
                status=_share(shared, _text(cells, "status")),
                reported=_share(shared, cells.get("reported")),
                dimensions=dimensions,
                internal=_own_internal(cells),
                row=row.number,
            )
        )
    return values
