"""ssa-site: publish security-sector-assistance plans, indicators and evaluations."""

from __future__ import annotations

from .evaluations import Evaluation, InitiativeRef, Recommendation
from .model import (
    Assumption,
    Indicator,
    Initiative,
    Plan,
    Portfolio,
    Result,
    ResultRef,
    Value,
)
from .periods import Period, PeriodError, parse_period
from .problems import Problem, Problems, Severity, SsaError
from .project import Site, load_site

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
