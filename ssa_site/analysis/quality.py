"""Plan quality: is the performance management plan complete enough to manage by?

Each rule has an id (``result-indicators``, ``me-budget-share``…) and reports
:class:`~ssa_site.base.problems.Problem` warnings carrying that id.  The rules look at every plan,
internal content included: the findings are for the plan's authors (``ssa-site validate``,
the build log and the internal ``/quality/`` page), never for the public.

Each finding is typed: its :class:`~ssa_site.base.problems.ProblemType` is declared in
:mod:`ssa_site.analysis.quality_report`, beside the rules.

Rules can be turned off (``disable``) or kept off the build log (``report_only``: still
listed by ``validate`` and on the quality page, but never failing ``mkdocs build --strict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.quality_report import (
    ACTUALS_MISSING,
    ALL,
    EVALUATION_WITHOUT_SUMMARY,
    INDICATOR_REFERENCE_INCOMPLETE,
    INDICATOR_WITHOUT_BASELINE,
    INDICATOR_WITHOUT_TARGETS,
    ME_BUDGET_MISSING,
    ME_BUDGET_OUTSIDE,
    PLAN_WITHOUT_PERIOD,
    RESULT_NOT_ALIGNED,
    RESULT_WITHOUT_INDICATOR,
    RULES,
    TARGET_NOT_AFTER_BASELINE,
    TARGETS_END_EARLY,
    BudgetShare,
    EvaluationState,
    PlanQuality,
    QualityOptions,
    QualityReport,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ssa_site.base.problems import Problem, ProblemType
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
    left_out: Callable[[str, str, str], object] | None = None,
) -> QualityReport:
    """Check every plan (internal content included) against the enabled rules.

    ``as_of`` is "today" for late reporting (see :mod:`ssa_site.analysis.asof`); None skips
    that rule. ``left_out(plan, "values", indicator)`` (``Problems.left_out``) says whether
    an error left value rows of an indicator out: its series is then not judged (no
    baseline, no targets, late actuals), since the error is what to fix.
    ``evaluations`` are :class:`ssa_site.model.evaluation.Evaluation` objects (duck-typed).
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
                if left_out is not None and left_out(plan.name, "values", indicator.id):
                    continue
                _indicator_values(plan, indicator, add)
                if as_of is not None:
                    _actuals_reported(plan, indicator, as_of, options.reporting_lag_days, add)
        if measured and (plan.period_start is None or plan.period_end is None):
            add(PLAN_WITHOUT_PERIOD, f"{plan.directory}/datapackage.json", None, "ssa.period")
        _alignment(plan, plans, add)
        budgets = _budgets(plan, options, add)
        states = _evaluations(plan, evaluations, add)
        report.append(
            PlanQuality(plan.name, plan.title, plan.internal, tuple(add.found), budgets, states)
        )
    imported = frozenset(plan.name for plan in plans if plan.imported)
    return QualityReport(tuple(report), options, as_of, imported)


@dataclass
class _Findings:
    """Collects one plan's findings of the enabled rules."""

    options: QualityOptions
    found: list[Problem] = field(default_factory=list)

    def __call__(
        self, kind: ProblemType, path: str, row: int | None, name: str | None, /, **params: Any
    ) -> None:
        if kind.rule is None:
            raise ValueError(f"{kind.code}: not a quality finding (it names no rule)")
        if self.options.enabled(kind.rule):
            self.found.append(kind(path, row, name, **params))


def _result_indicators(plan: Plan, add: _Findings) -> None:
    top = plan.levels[0] if plan.levels else None
    for result in plan.results:
        if result.level == top or result.level in _UNMEASURED_LEVELS:
            continue
        if result.level not in plan.levels or plan.indicators_of(result.id):
            continue
        add(
            RESULT_WITHOUT_INDICATOR,
            plan.resource_path("results"),
            result.row,
            "id",
            level=result.level,
            result=result.id,
            path=plan.resource_path("indicators"),
        )


def _indicator_reference(plan: Plan, indicator: Indicator, add: _Findings) -> None:
    missing = [
        name
        for name in ("definition", "unit", "data_source", "collection_method", "frequency")
        if not getattr(indicator, name)
    ]
    if missing:
        add(
            INDICATOR_REFERENCE_INCOMPLETE,
            plan.resource_path("indicators"),
            indicator.row,
            missing[0],
            indicator=indicator.id,
            missing=", ".join(m.replace("_", " ") for m in missing),
            fields=", ".join(missing),
        )


def _indicator_values(plan: Plan, indicator: Indicator, add: _Findings) -> None:
    path = plan.resource_path("values")
    baseline = indicator.baseline
    targets = indicator.values_of("target")
    # A target without a baseline is already reported by the core checks.
    if baseline is None and not targets:
        add(
            INDICATOR_WITHOUT_BASELINE,
            plan.resource_path("indicators"),
            indicator.row,
            "id",
            indicator=indicator.id,
            path=path,
        )
    if indicator.indicator_type == "context":
        return  # context indicators are watched, not targeted
    if not targets:
        add(
            INDICATOR_WITHOUT_TARGETS,
            plan.resource_path("indicators"),
            indicator.row,
            "id",
            indicator=indicator.id,
            path=path,
        )
        return
    last = max(targets, key=lambda v: v.period.end)
    if plan.period_end and last.period.end < plan.period_end - timedelta(days=364):
        add(
            TARGETS_END_EARLY,
            path,
            last.row,
            "period",
            indicator=indicator.id,
            period=last.period.label,
            end=plan.period_end.isoformat(),
        )
    if baseline is not None:
        for target in targets:
            if target.period.end <= baseline.period.end:
                add(
                    TARGET_NOT_AFTER_BASELINE,
                    path,
                    target.row,
                    "period",
                    period=target.period.label,
                    indicator=indicator.id,
                    baseline=baseline.period.label,
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
        add(
            ACTUALS_MISSING,
            plan.resource_path("values"),
            missing[0].row,
            "period",
            indicator=indicator.id,
            periods=", ".join(t.period.label for t in missing),
            as_of=as_of.isoformat(),
            lag_days=lag_days,
            path=plan.resource_path("values"),
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
    example = f"{higher[0].name}:{higher[0].results[0].id if higher[0].results else 'G1'}"
    for result, _depth in plan.walk():
        parent_ok = result.parent is None or aligned.get(result.parent, True)
        if aligned[result.id] or not parent_ok:
            continue
        below = len(plan.descendants(result.id))
        add(
            RESULT_NOT_ALIGNED,
            plan.resource_path("results"),
            result.row,
            "aligns_to",
            result=_label(result),
            below=f" and the {below} result(s) below it" if below else "",
            plans=names,
            example=example,
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
        params: dict[str, float] = {}
        if percent is None:
            kind = ME_BUDGET_MISSING
        elif not low <= percent <= high:
            kind, params = ME_BUDGET_OUTSIDE, {"percent": percent}
        else:
            continue
        add(
            kind,
            plan.resource_path("initiatives"),
            initiative.row,
            "me_budget",
            initiative=initiative.id,
            low=low,
            high=high,
            **params,
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
                EVALUATION_WITHOUT_SUMMARY,
                str(getattr(evaluation, "display_path", "") or evaluation.id),
                None,
                None,
                evaluation=evaluation.id,
            )
    return tuple(sorted(states, key=lambda s: s.id))
