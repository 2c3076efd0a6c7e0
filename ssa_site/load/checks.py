"""Cross-checks Frictionless cannot do: hierarchy, alignment, periods and value logic.

A check that finds nothing where a reference points passes the reference to
``Problems.error``: if the loader left that row out for its own error, only that error shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from typing import TYPE_CHECKING

from ssa_site.base.formulas import FORMULA_FIX, formula_message, looks_like_formula
from ssa_site.model.plan import Indicator, Plan, Result, Value

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems

#: Fields that are ids, references or fixed vocabularies: checked elsewhere, never prose.
_NOT_PROSE = frozenset(
    {"plan", "id", "parent", "level", "result", "indicator", "kind", "measure", "direction"}
    | {"indicator_type", "status", "risk"}
)


def check_plans(plans: list[Plan], problems: Problems) -> None:
    """Report every cross-check problem of every plan into ``problems``."""
    by_name = {p.name: p for p in plans}
    for plan in plans:
        _check_results(plan, by_name, problems)
        _check_indicators(plan, problems)
        _check_initiatives(plan, problems)
        _check_formulas(plan, problems)


def _check_results(plan: Plan, by_name: dict[str, Plan], problems: Problems) -> None:
    path = plan.resource_path("results")
    for result in plan.results:
        if plan.levels and result.level not in plan.levels:
            problems.error(
                path,
                result.row,
                "level",
                f"'{result.level}' is not a level of this plan",
                f"use one of: {', '.join(plan.levels)} (or change ssa.levels)",
            )
        parent = plan.result(result.parent) if result.parent else None
        if (
            parent is not None
            and parent.level in plan.levels
            and result.level in plan.levels
            and plan.level_index(result.level) <= plan.level_index(parent.level)
        ):
            problems.error(
                path,
                result.row,
                "level",
                f"'{result.level}' is not below its parent {parent.id}'s level '{parent.level}'",
                "give the result a lower level or attach it to a higher parent",
            )
        for ref in result.aligns_to:
            target_plan = by_name.get(ref.plan)
            if ref.plan == plan.name:
                problems.error(
                    path,
                    result.row,
                    "aligns_to",
                    f"'{ref}' refers to this same plan",
                    "use parent for links inside a plan; aligns_to names other plans",
                )
            elif target_plan is None:
                problems.error(
                    path,
                    result.row,
                    "aligns_to",
                    f"'{ref}' names no plan '{ref.plan}'",
                    f"use one of: {', '.join(sorted(by_name)) or 'no plans loaded'}",
                    reference=(ref.plan, None, None),
                )
            elif target_plan.result(ref.result) is None:
                problems.error(
                    path,
                    result.row,
                    "aligns_to",
                    f"'{ref}' names no result '{ref.result}' in plan '{ref.plan}'",
                    f"correct the id or add the result to {target_plan.resource_path('results')}",
                    reference=(ref.plan, "results", ref.result),
                )
    _check_cycles(plan, path, problems)


def _check_cycles(plan: Plan, path: str, problems: Problems) -> None:
    reported: set[str] = set()
    for result in plan.results:
        seen: list[Result] = []
        node: Result | None = result
        while node is not None and node.parent:
            if node.id in (r.id for r in seen):
                cycle = seen[[r.id for r in seen].index(node.id) :]
                if not reported.intersection(r.id for r in cycle):
                    first = min(cycle, key=lambda r: r.row)
                    chain = " → ".join(r.id for r in [*cycle, cycle[0]])
                    problems.error(
                        path,
                        first.row,
                        "parent",
                        f"the results form a cycle: {chain}",
                        "give one of them a parent outside the cycle, or none",
                    )
                    reported.update(r.id for r in cycle)
                break
            seen.append(node)
            node = plan.result(node.parent)


def _check_indicators(plan: Plan, problems: Problems) -> None:
    values_path = plan.resource_path("values")
    for indicator in plan.indicators:
        _check_values(plan, indicator, values_path, problems)
        for dimension in indicator.dimensions:
            if indicator.disaggregated_by and dimension not in indicator.disaggregated_by:
                problems.warning(
                    plan.resource_path("indicators"),
                    indicator.row,
                    "disaggregated_by",
                    f"values are broken down by '{dimension}', which is not listed",
                    f"add '{dimension}' to disaggregated_by",
                )


def _check_values(plan: Plan, indicator: Indicator, path: str, problems: Problems) -> None:
    keys = Counter((v.period.label, v.kind, v.dimensions) for v in indicator.values)
    reported_dupes: set[tuple[object, ...]] = set()
    for value in indicator.values:
        key = (value.period.label, value.kind, value.dimensions)
        if keys[key] > 1 and key not in reported_dupes:
            reported_dupes.add(key)
            problems.error(
                path,
                value.row,
                "period",
                f"indicator {indicator.id} has {keys[key]} {value.kind} rows for "
                f"{value.period.label}" + (" (same disaggregation)" if value.dimensions else ""),
                "keep one row per indicator, period, kind and disaggregation",
            )
        if indicator.qualitative:
            if value.value is not None:
                problems.error(
                    path,
                    value.row,
                    "value",
                    f"indicator {indicator.id} is qualitative but the row has a number",
                    "write the value in the 'text' column, or change the indicator's measure",
                )
            elif value.text is None:
                problems.error(
                    path, value.row, "text", "the qualitative value is empty", "fill in text"
                )
        elif value.value is None:
            problems.error(
                path,
                value.row,
                "value",
                "is empty" + (" (the row has text)" if value.text else ""),
                "write the number; qualitative values need measure 'qualitative'",
            )
        if (
            value.kind != "baseline"
            and plan.period_start
            and plan.period_end
            and (value.period.end < plan.period_start or value.period.start > plan.period_end)
        ):
            problems.warning(
                path,
                value.row,
                "period",
                f"{value.period.label} lies outside the plan period "
                f"{plan.period_start} to {plan.period_end}",
                "correct the period, or extend ssa.period in datapackage.json",
            )
    totals = indicator.totals
    has_baseline = any(v.kind == "baseline" for v in totals)
    first_target = next((v for v in totals if v.kind == "target"), None)
    if first_target is not None and not has_baseline:
        problems.warning(
            path,
            first_target.row,
            "kind",
            f"indicator {indicator.id} has targets but no baseline",
            "add a baseline row so progress can be measured",
        )


def _check_initiatives(plan: Plan, problems: Problems) -> None:
    path = plan.resource_path("initiatives")
    for initiative in plan.initiatives:
        for result_id in initiative.results:
            if plan.result(result_id) is None:
                problems.error(
                    path,
                    initiative.row,
                    "results",
                    f"'{result_id}' is not a result of this plan",
                    f"use ids from {plan.resource_path('results')}",
                    reference=(plan.name, "results", result_id),
                )
        if initiative.start and initiative.end and initiative.end < initiative.start:
            problems.error(
                path,
                initiative.row,
                "end",
                f"{initiative.end} is before the start {initiative.start}",
                "correct the dates",
            )
        if (
            initiative.budget is not None
            and initiative.me_budget is not None
            and initiative.me_budget > initiative.budget
        ):
            problems.error(
                path,
                initiative.row,
                "me_budget",
                "is larger than the whole budget",
                "the M&E budget is part of the budget: correct one of them",
            )


def _check_formulas(plan: Plan, problems: Problems) -> None:
    """Warn about text a spreadsheet would run as a formula (see ssa_site.formulas)."""
    values = [v for i in plan.indicators for v in i.values]
    for resource, entities in (
        ("results", plan.results),
        ("indicators", plan.indicators),
        ("values", values),
        ("initiatives", plan.initiatives),
        ("assumptions", plan.assumptions),
    ):
        for entity in entities:
            cells = [
                (f.name, getattr(entity, f.name))
                for f in fields(entity)
                if f.name not in _NOT_PROSE and isinstance(getattr(entity, f.name), str)
            ]
            if isinstance(entity, Value):
                cells += list(entity.dimensions)  # (dimension, category) pairs
            for name, text in cells:
                if looks_like_formula(text):
                    problems.warning(
                        plan.resource_path(resource),
                        entity.row,
                        name,
                        formula_message(text),
                        FORMULA_FIX,
                    )
