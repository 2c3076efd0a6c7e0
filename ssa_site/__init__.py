"""ssa-site: publish security-sector-assistance plans, indicators and evaluations."""

from __future__ import annotations

from ssa_site.base.periods import Period, PeriodError, parse_period
from ssa_site.base.problems import Problem, Problems, Severity, SsaError
from ssa_site.model.evaluation import Evaluation, InitiativeRef, Recommendation
from ssa_site.model.plan import (
    Assumption,
    Indicator,
    Initiative,
    Plan,
    Portfolio,
    Result,
    ResultRef,
    Value,
)
from ssa_site.project import Site, load_site

__all__ = [
    "Assumption",
    "Evaluation",
    "Indicator",
    "Initiative",
    "InitiativeRef",
    "Period",
    "PeriodError",
    "Plan",
    "Portfolio",
    "Problem",
    "Problems",
    "Recommendation",
    "Result",
    "ResultRef",
    "Severity",
    "Site",
    "SsaError",
    "Value",
    "load_site",
    "parse_period",
]
