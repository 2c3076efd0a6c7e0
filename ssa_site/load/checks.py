"""Cross-checks Frictionless cannot do: hierarchy, alignment, periods and value logic.

A check that finds nothing where a reference points passes the reference to
``Problems.add``: if the loader left that row out for its own error, only that error shows.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from ssa_site.base.formulas import LOOKS_LIKE_FORMULA, formula_params, looks_like_formula
from ssa_site.base.problems import ProblemType
from ssa_site.load.value_checks import check_indicators, check_value_dates
from ssa_site.model.plan import Plan, Result, Value

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems

UNKNOWN_LEVEL = ProblemType(
    "unknown-level",
    "Level not in the plan",
    "'{level}' is not a level of this plan",
    "use one of: {levels} (or change ssa.levels)",
)
LEVEL_NOT_BELOW_PARENT = ProblemType(
    "level-not-below-parent",
    "Level not below the parent's",
    "'{level}' is not below its parent {parent}'s level '{parent_level}'",
    "give the result a lower level or attach it to a higher parent",
)
ALIGNS_TO_OWN_PLAN = ProblemType(
    "aligns-to-own-plan",
    "Alignment inside the plan",
    "'{ref}' refers to this same plan",
    "use parent for links inside a plan; aligns_to names other plans",
)
UNKNOWN_PLAN = ProblemType(
    "unknown-plan",
    "Reference to no plan",
    "'{ref}' names no plan '{plan}'",
    "use one of: {plans}",
)
UNKNOWN_ALIGNED_RESULT = ProblemType(
    "unknown-aligned-result",
    "Alignment to no result",
    "'{ref}' names no result '{result}' in plan '{plan}'",
    "correct the id or add the result to {path}",
)
RESULT_CYCLE = ProblemType(
    "result-cycle",
    "Results in a cycle",
    "the results form a cycle: {chain}",
    "give one of them a parent outside the cycle, or none",
)
UNKNOWN_INITIATIVE_RESULT = ProblemType(
    "unknown-initiative-result",
    "Initiative contributing to no result",
    "'{result}' is not a result of this plan",
    "use ids from {path}",
)
END_BEFORE_START = ProblemType(
    "end-before-start",
    "End before start",
    "{end} is before the start {start}",
    "correct the dates",
)
ME_BUDGET_OVER_BUDGET = ProblemType(
    "me-budget-over-budget",
    "M&E budget larger than the budget",
    "is larger than the whole budget",
    "the M&E budget is part of the budget: correct one of them",
)

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
        check_indicators(plan, problems)
        _check_initiatives(plan, problems)
        _check_formulas(plan, problems)
    check_value_dates(plans, problems)


def _check_results(plan: Plan, by_name: dict[str, Plan], problems: Problems) -> None:
    path = plan.resource_path("results")
    for result in plan.results:
        if plan.levels and result.level not in plan.levels:
            problems.add(
                UNKNOWN_LEVEL,
                path,
                result.row,
                "level",
                level=result.level,
                levels=", ".join(plan.levels),
            )
        parent = plan.result(result.parent) if result.parent else None
        if (
            parent is not None
            and parent.level in plan.levels
            and result.level in plan.levels
            and plan.level_index(result.level) <= plan.level_index(parent.level)
        ):
            problems.add(
                LEVEL_NOT_BELOW_PARENT,
                path,
                result.row,
                "level",
                level=result.level,
                parent=parent.id,
                parent_level=parent.level,
            )
        for ref in result.aligns_to:
            target_plan = by_name.get(ref.plan)
            if ref.plan == plan.name:
                problems.add(ALIGNS_TO_OWN_PLAN, path, result.row, "aligns_to", ref=ref)
            elif target_plan is None:
                problems.add(
                    UNKNOWN_PLAN,
                    path,
                    result.row,
                    "aligns_to",
                    reference=(ref.plan, None, None),
                    ref=ref,
                    plan=ref.plan,
                    plans=", ".join(sorted(by_name)) or "no plans loaded",
                )
            elif target_plan.result(ref.result) is None:
                problems.add(
                    UNKNOWN_ALIGNED_RESULT,
                    path,
                    result.row,
                    "aligns_to",
                    reference=(ref.plan, "results", ref.result),
                    ref=ref,
                    result=ref.result,
                    plan=ref.plan,
                    path=target_plan.resource_path("results"),
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
                    problems.add(RESULT_CYCLE, path, first.row, "parent", chain=chain)
                    reported.update(r.id for r in cycle)
                break
            seen.append(node)
            node = plan.result(node.parent)


def _check_initiatives(plan: Plan, problems: Problems) -> None:
    path = plan.resource_path("initiatives")
    for initiative in plan.initiatives:
        for result_id in initiative.results:
            if plan.result(result_id) is None:
                problems.add(
                    UNKNOWN_INITIATIVE_RESULT,
                    path,
                    initiative.row,
                    "results",
                    reference=(plan.name, "results", result_id),
                    result=result_id,
                    path=plan.resource_path("results"),
                )
        if initiative.start and initiative.end and initiative.end < initiative.start:
            problems.add(
                END_BEFORE_START,
                path,
                initiative.row,
                "end",
                end=initiative.end,
                start=initiative.start,
            )
        if (
            initiative.budget is not None
            and initiative.me_budget is not None
            and initiative.me_budget > initiative.budget
        ):
            problems.add(ME_BUDGET_OVER_BUDGET, path, initiative.row, "me_budget")


def _check_formulas(plan: Plan, problems: Problems) -> None:
    """Warn about text a spreadsheet would run as a formula (see ssa_site.base.formulas)."""
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
                    problems.add(
                        LOOKS_LIKE_FORMULA,
                        plan.resource_path(resource),
                        entity.row,
                        name,
                        **formula_params(text),
                    )
