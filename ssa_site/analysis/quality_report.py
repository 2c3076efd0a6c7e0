"""The findings of the plan quality rules, their kinds, and the options that shape them.

The rules themselves are in :mod:`ssa_site.analysis.quality`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ssa_site.base.problems import ProblemType, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from ssa_site.base.problems import Problem

#: Every rule, with what it asks of a plan.
RULES: dict[str, str] = {
    "result-indicators": "Every result below the top level has at least one indicator",
    "indicator-reference": "Every indicator names its data source, collection method and frequency",
    "indicator-baseline": "Every indicator has a baseline",
    "indicator-targets": "Every indicator has targets up to the plan's final year",
    "targets-time-bound": "Targets are dated within the plan period, after the baseline",
    "actuals-reported": "Actuals are reported for every target period that has ended",
    "evaluation-summary": "Every evaluation of the plan has a written summary",
    "result-alignment": "Every result aligns to a higher-level plan, when there is one",
    "me-budget-share": "Every initiative sets aside 1-5 % of its budget for M&E",
}

ALL = "all"


def _finding(rule: str, variant: str, title: str, message: str, fix: str) -> ProblemType:
    """A kind of finding of ``rule``: a warning carrying the rule id, coded as the rule
    when the rule has one message (``variant`` empty), else ``<rule>-<variant>``."""
    if rule not in RULES:
        raise ValueError(f"quality finding of {rule!r}: not a rule")
    code = f"{rule}-{variant}" if variant else rule
    return ProblemType(code, title, message, fix, Severity.WARNING, rule)


RESULT_WITHOUT_INDICATOR = _finding(
    "result-indicators",
    "",
    "Result without an indicator",
    "{level} {result} has no indicator",
    "add an indicator with result {result} to {path}",
)
INDICATOR_REFERENCE_INCOMPLETE = _finding(
    "indicator-reference",
    "",
    "Indicator reference sheet incomplete",
    "indicator {indicator} has no {missing}",
    "fill in the reference sheet: {fields}",
)
INDICATOR_WITHOUT_BASELINE = _finding(
    "indicator-baseline",
    "",
    "Indicator without a baseline",
    "indicator {indicator} has no baseline",
    "add a baseline row for {indicator} to {path}",
)
INDICATOR_WITHOUT_TARGETS = _finding(
    "indicator-targets",
    "none",
    "Indicator without targets",
    "indicator {indicator} has no targets",
    "add target rows up to the end of the plan to {path}",
)
TARGETS_END_EARLY = _finding(
    "indicator-targets",
    "end-early",
    "Targets end before the plan",
    "the last target of indicator {indicator} is for {period}, but the plan runs to {end}",
    "add targets for every year up to the plan's final year",
)
PLAN_WITHOUT_PERIOD = _finding(
    "targets-time-bound",
    "no-period",
    "Plan without a period",
    "the plan has no period, so its targets cannot be checked against it",
    'add "period": {{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}} under "ssa"',
)
TARGET_NOT_AFTER_BASELINE = _finding(
    "targets-time-bound",
    "before-baseline",
    "Target not after the baseline",
    "the target for {period} of indicator {indicator} is not after its baseline ({baseline})",
    "date targets after the baseline period",
)
ACTUALS_MISSING = _finding(
    "actuals-reported",
    "",
    "Actuals not reported",
    "indicator {indicator} has no actual for {periods} "
    "(as of {as_of}, allowing {lag_days} days to report)",
    "add the actual values to {path}",
)
RESULT_NOT_ALIGNED = _finding(
    "result-alignment",
    "",
    "Result aligned to no higher-level plan",
    "{result}{below} align to no result of a higher-level plan ({plans})",
    "name the results it contributes to in aligns_to, e.g. {example}",
)
ME_BUDGET_MISSING = _finding(
    "me-budget-share",
    "missing",
    "Initiative without an M&E budget",
    "initiative {initiative} has a budget but no M&E budget",
    "plan M&E at {low:g}-{high:g} % of the budget, or record why not",
)
ME_BUDGET_OUTSIDE = _finding(
    "me-budget-share",
    "outside",
    "M&E budget share outside the range",
    "initiative {initiative} sets aside {percent:.1f} % of its budget for M&E, "
    "outside {low:g}-{high:g} %",
    "plan M&E at {low:g}-{high:g} % of the budget, or record why not",
)
EVALUATION_WITHOUT_SUMMARY = _finding(
    "evaluation-summary",
    "",
    "Evaluation without a summary",
    "evaluation {evaluation} has no summary",
    "write the findings, conclusions and lessons below the front matter",
)


@dataclass(frozen=True)
class QualityOptions:
    """The plugin option ``quality`` (and what ``ssa-site validate`` reads from it).

    ``reporting_lag_days`` is not set here but from the plugin's ``late_after_days``, so
    that quality findings and indicator statuses agree on when an actual is late."""

    disable: frozenset[str] = frozenset()
    report_only: frozenset[str] = frozenset()
    reporting_lag_days: int = 90  # the plugin's late_after_days option
    me_budget_share: tuple[float, float] = (1.0, 5.0)  # percent

    def enabled(self, rule: str) -> bool:
        return rule not in self.disable and ALL not in self.disable

    def logged(self, rule: str) -> bool:
        """Whether a finding of this rule goes to the build log (and fails --strict)."""
        return rule not in self.report_only and ALL not in self.report_only

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None) -> tuple[QualityOptions, list[str]]:
        """Options from a mapping as written in mkdocs.yml, and what is wrong with it."""
        errors: list[str] = []
        raw = raw or {}
        known = {"disable", "report_only", "me_budget_share"}
        for key in sorted(set(raw) - known):
            errors.append(f"quality.{key}: unknown option (use one of {', '.join(sorted(known))})")

        def rules(key: str) -> frozenset[str]:
            value = raw.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                errors.append(f"quality.{key}: must be a list of rule ids")
                return frozenset()
            for item in value:
                if item != ALL and item not in RULES:
                    errors.append(
                        f"quality.{key}: '{item}' is not a rule "
                        f"(use '{ALL}' or one of {', '.join(RULES)})"
                    )
            return frozenset(str(v) for v in value)

        share = raw.get("me_budget_share", [1, 5])
        if (
            not isinstance(share, list | tuple)
            or len(share) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in share)
            or not 0 <= share[0] <= share[1] <= 100
        ):
            errors.append("quality.me_budget_share: must be [lowest, highest] percent, e.g. [1, 5]")
            share = [1, 5]
        options = cls(
            disable=rules("disable"),
            report_only=rules("report_only"),
            me_budget_share=(float(share[0]), float(share[1])),
        )
        return options, errors


@dataclass(frozen=True)
class BudgetShare:
    """An initiative's M&E budget as a share of its budget."""

    initiative: str
    title: str
    budget: float
    me_budget: float | None

    @property
    def percent(self) -> float | None:
        if self.me_budget is None or not self.budget:
            return None
        return 100 * self.me_budget / self.budget


@dataclass(frozen=True)
class EvaluationState:
    """Whether an evaluation of a plan has a summary and when it was published."""

    id: str
    title: str
    completed: date | None
    published: date | None
    has_summary: bool


@dataclass(frozen=True)
class PlanQuality:
    """The findings of one plan."""

    plan: str
    title: str
    internal: bool
    findings: tuple[Problem, ...]
    budgets: tuple[BudgetShare, ...] = ()
    evaluations: tuple[EvaluationState, ...] = ()

    def count(self, rule: str) -> int:
        return sum(1 for f in self.findings if f.rule == rule)


@dataclass(frozen=True)
class QualityReport:
    """Every plan's findings, and how the options treat them."""

    plans: tuple[PlanQuality, ...] = ()
    options: QualityOptions = field(default_factory=QualityOptions)
    as_of: date | None = None
    #: Imported plans (``ssa.imported``): their findings are report-only whatever the rule.
    imported: frozenset[str] = frozenset()

    @property
    def findings(self) -> tuple[Problem, ...]:
        """Every finding once (an evaluation of two plans is listed under both)."""
        return tuple(dict.fromkeys(f for p in self.plans for f in p.findings))

    @property
    def logged(self) -> tuple[Problem, ...]:
        """Findings the build logs as warnings (they fail ``mkdocs build --strict``)."""
        return tuple(f for f in self.findings if self._logged(f))

    @property
    def report_only(self) -> tuple[Problem, ...]:
        return tuple(f for f in self.findings if f.rule and not self._logged(f))

    def _logged(self, finding: Problem) -> bool:
        if not finding.rule or not self.options.logged(finding.rule):
            return False
        return not any(p.plan in self.imported and finding in p.findings for p in self.plans)

    @property
    def rules(self) -> tuple[tuple[str, str, str], ...]:
        """(rule id, what it asks, state: checked, report-only or disabled)."""
        states = []
        for rule, text in RULES.items():
            if not self.options.enabled(rule):
                state = "disabled"
            elif not self.options.logged(rule):
                state = "report-only"
            else:
                state = "checked"
            states.append((rule, text, state))
        return tuple(states)
