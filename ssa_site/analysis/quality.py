"""Plan quality: is the performance management plan complete enough to manage by?

Each rule has an id (``result-indicators``, ``me-budget-share``…) and reports
:class:`~ssa_site.problems.Problem` warnings carrying that id.  The rules look at every plan,
internal content included: the findings are for the plan's authors (``ssa-site validate``,
the build log and the internal ``/quality/`` page), never for the public.

Rules can be turned off (``disable``) or kept off the build log (``report_only``: still
listed by ``validate`` and on the quality page, but never failing ``mkdocs build --strict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.quality_report import (
    ALL,
    RULES,
    BudgetShare,
    EvaluationState,
    PlanQuality,
    QualityOptions,
    QualityReport,
)
from ssa_site.base.problems import Problem, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ssa_site.model.plan import Indicator, Plan, Result

__all__ = [
    "ALL",
    "RULES",
    "BudgetShare",
    "EvaluationState",
    "PlanQuality",
    "QualityOptions",
    "QualityReport",
    "check_quality",
]

#: Levels measured by indicators of the level above, not their own.
_UNMEASURED_LEVELS = frozenset({"activity", "input"})

#: Rank of plan kinds: a plan aligns to plans of a lower rank.
_KIND_RANK = {
    "agency-framework": 0,
    "functional-strategy": 1,
    "regional-strategy": 1,
    "country-strategy": 2,
    "initiative": 3,
}


def check_quality(
    plans: Iterable[Plan],
    evaluations: Iterable[Any] = (),
    as_of: date | None = None,
    options: QualityOptions | None = None,
) -> QualityReport:
    """Check every plan (internal content included) against the enabled rules.

    ``as_of`` is "today" for late reporting (see :mod:`ssa_site.asof`); None skips that rule.
    ``evaluations`` are :class:`ssa_site.evaluations.Evaluation` objects (duck-typed).
    """
    options = options or QualityOptions()
    plans = tuple(plans)
    evaluations = tuple(evaluations)
    report: list[PlanQuality] = []
    for plan in plans:
        add = _Findings(options)
        measured = "indicators" in dict(plan.resource_paths)
        if measured:
            _result_indicators(plan, add)
            for indicator in plan.indicators:
                _indicator_reference(plan, indicator, add)
                _indicator_values(plan, indicator, add)
                if as_of is not None:
                    _actuals_reported(plan, indicator, as_of, options.reporting_lag_days, add)
        if measured and (plan.period_start is None or plan.period_end is None):
            add(
                "targets-time-bound",
                f"{plan.directory}/datapackage.json",
                None,
                "ssa.period",
                "the plan has no period, so its targets cannot be checked against it",
                'add "period": {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"} under "ssa"',
            )
        _alignment(plan, plans, add)
        budgets = _budgets(plan, options, add)
        states = _evaluations(plan, evaluations, add)
        report.append(
            PlanQuality(plan.name, plan.title, plan.internal, tuple(add.found), budgets, states)
        )
    return QualityReport(tuple(report), options, as_of)


@dataclass
class _Findings:
    """Collects one plan's findings of the enabled rules."""

    options: QualityOptions
    found: list[Problem] = field(default_factory=list)

    def __call__(
        self, rule: str, path: str, row: int | None, name: str | None, message: str, fix: str
    ) -> None:
        if self.options.enabled(rule):
            self.found.append(Problem(path, row, name, message, fix, Severity.WARNING, rule))


def _result_indicators(plan: Plan, add: _Findings) -> None:
    top = plan.levels[0] if plan.levels else None
    for result in plan.results:
        if result.level == top or result.level in _UNMEASURED_LEVELS:
            continue
        if result.level not in plan.levels or plan.indicators_of(result.id):
            continue
        add(
            "result-indicators",
            plan.resource_path("results"),
            result.row,
            "id",
            f"{result.level} {result.id} has no indicator",
            f"add an indicator with result {result.id} to {plan.resource_path('indicators')}",
        )


def _indicator_reference(plan: Plan, indicator: Indicator, add: _Findings) -> None:
    missing = [
        name
        for name in ("definition", "unit", "data_source", "collection_method", "frequency")
        if not getattr(indicator, name)
    ]
    if missing:
        add(
            "indicator-reference",
            plan.resource_path("indicators"),
            indicator.row,
            missing[0],
            f"indicator {indicator.id} has no {', '.join(m.replace('_', ' ') for m in missing)}",
            "fill in the reference sheet: " + ", ".join(missing),
        )


def _indicator_values(plan: Plan, indicator: Indicator, add: _Findings) -> None:
    path = plan.resource_path("values")
    baseline = indicator.baseline
    targets = indicator.values_of("target")
    # A target without a baseline is already reported by the core checks.
    if baseline is None and not targets:
        add(
            "indicator-baseline",
            plan.resource_path("indicators"),
            indicator.row,
            "id",
            f"indicator {indicator.id} has no baseline",
            f"add a baseline row for {indicator.id} to {path}",
        )
    if indicator.indicator_type == "context":
        return  # context indicators are watched, not targeted
    if not targets:
        add(
            "indicator-targets",
            plan.resource_path("indicators"),
            indicator.row,
            "id",
            f"indicator {indicator.id} has no targets",
            f"add target rows up to the end of the plan to {path}",
        )
        return
    last = max(targets, key=lambda v: v.period.end)
    if plan.period_end and last.period.end < plan.period_end - timedelta(days=364):
        add(
            "indicator-targets",
            path,
            last.row,
            "period",
            f"the last target of indicator {indicator.id} is for {last.period.label}, "
            f"but the plan runs to {plan.period_end.isoformat()}",
            "add targets for every year up to the plan's final year",
        )
    if baseline is not None:
        for target in targets:
            if target.period.end <= baseline.period.end:
                add(
                    "targets-time-bound",
                    path,
                    target.row,
                    "period",
                    f"the target for {target.period.label} of indicator {indicator.id} "
                    f"is not after its baseline ({baseline.period.label})",
                    "date targets after the baseline period",
                )


def _actuals_reported(
    plan: Plan, indicator: Indicator, as_of: date, lag_days: int, add: _Findings
) -> None:
    actuals = indicator.values_of("actual")
    due = as_of - timedelta(days=lag_days)
    missing = [
        target
        for target in indicator.values_of("target")
        if target.period.end < due
        and not any(
            target.period.start <= a.period.start and a.period.end <= target.period.end
            for a in actuals
        )
    ]
    if missing:
        labels = ", ".join(t.period.label for t in missing)
        add(
            "actuals-reported",
            plan.resource_path("values"),
            missing[0].row,
            "period",
            f"indicator {indicator.id} has no actual for {labels} "
            f"(as of {as_of.isoformat()}, allowing {lag_days} days to report)",
            f"add the actual values to {plan.resource_path('values')}",
        )


def _alignment(plan: Plan, plans: tuple[Plan, ...], add: _Findings) -> None:
    rank = _KIND_RANK.get(plan.kind)
    higher = [p for p in plans if rank is not None and _KIND_RANK.get(p.kind, 99) < rank]
    if not higher or not plan.results:
        return
    aligned: dict[str, bool] = {}
    for result, _depth in plan.walk():
        chain = (result, *plan.ancestors(result.id), *plan.descendants(result.id))
        aligned[result.id] = any(r.aligns_to for r in chain)
    names = ", ".join(p.name for p in higher)
    for result, _depth in plan.walk():
        parent_ok = result.parent is None or aligned.get(result.parent, True)
        if aligned[result.id] or not parent_ok:
            continue
        below = len(plan.descendants(result.id))
        add(
            "result-alignment",
            plan.resource_path("results"),
            result.row,
            "aligns_to",
            f"{_label(result)}"
            + (f" and the {below} result(s) below it" if below else "")
            + f" align to no result of a higher-level plan ({names})",
            "name the results it contributes to in aligns_to, e.g. "
            f"{higher[0].name}:{higher[0].results[0].id if higher[0].results else 'G1'}",
        )


def _label(result: Result) -> str:
    return f"{result.level} {result.id}"


def _budgets(plan: Plan, options: QualityOptions, add: _Findings) -> tuple[BudgetShare, ...]:
    low, high = options.me_budget_share
    shares: list[BudgetShare] = []
    for initiative in plan.initiatives:
        if not initiative.budget:
            continue
        share = BudgetShare(
            initiative.id, initiative.title, initiative.budget, initiative.me_budget
        )
        shares.append(share)
        percent = share.percent
        if percent is None:
            message = f"initiative {initiative.id} has a budget but no M&E budget"
        elif not low <= percent <= high:
            message = (
                f"initiative {initiative.id} sets aside {percent:.1f} % of its budget "
                f"for M&E, outside {low:g}-{high:g} %"
            )
        else:
            continue
        add(
            "me-budget-share",
            plan.resource_path("initiatives"),
            initiative.row,
            "me_budget",
            message,
            f"plan M&E at {low:g}-{high:g} % of the budget, or record why not",
        )
    return tuple(shares)


def _evaluations(
    plan: Plan, evaluations: tuple[Any, ...], add: _Findings
) -> tuple[EvaluationState, ...]:
    states: list[EvaluationState] = []
    for evaluation in evaluations:
        if plan.name not in getattr(evaluation, "plans", ()):
            continue
        body = str(getattr(evaluation, "body", "") or "")
        states.append(
            EvaluationState(
                id=str(evaluation.id),
                title=str(getattr(evaluation, "title", evaluation.id)),
                completed=getattr(evaluation, "completed", None),
                published=getattr(evaluation, "published", None),
                has_summary=bool(body.strip()),
            )
        )
        if not body.strip():
            add(
                "evaluation-summary",
                str(getattr(evaluation, "display_path", "") or evaluation.id),
                None,
                None,
                f"evaluation {evaluation.id} has no summary",
                "write the findings, conclusions and lessons below the front matter",
            )
    return tuple(sorted(states, key=lambda s: s.id))
