"""Load a whole site project (data packages and narratives) for one audience.

This is the core's entry point: the MkDocs plugin and the CLI both call :func:`load_site`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .checks import check_plans
from .loading import load_plans
from .model import Plan, Portfolio
from .narratives import Narrative, find_narratives
from .problems import Problem, Problems
from .visibility import DEFAULT_INTERNAL_FIELDS, for_audience

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Site:
    """What the site generator works from: the audience's portfolio and narratives."""

    plans: tuple[Plan, ...]  # every plan, internal content included, for checks
    portfolio: Portfolio  # what the audience may see
    narratives: tuple[Narrative, ...]  # the audience's narratives
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def narrative(self, plan: str, result: str | None = None) -> Narrative | None:
        return next(
            (n for n in self.narratives if n.plan == plan and n.result == result), None
        )


def _check_ids(plans: list[Plan], problems: Problems) -> None:
    """Ids become parts of URLs and file names: keep them to a safe alphabet."""
    for plan in plans:
        for resource, entities in (
            ("results", plan.results),
            ("indicators", plan.indicators),
            ("initiatives", plan.initiatives),
        ):
            for entity in entities:
                if not _ID.match(entity.id) or len(entity.id) > 64:
                    problems.error(
                        plan.resource_path(resource),
                        entity.row,
                        "id",
                        f"'{entity.id[:80]}' cannot be used in a web address",
                        "use up to 64 letters, digits, '.', '-' and '_', starting with a "
                        "letter or digit",
                    )


def load_site(
    root: Path,
    data_dir: Path,
    docs_dir: Path,
    audience: str,
    internal_fields: tuple[str, ...] | list[str] = DEFAULT_INTERNAL_FIELDS,
) -> Site:
    """Load, validate and filter a site project. Check ``Site.errors`` before using it."""
    problems = Problems()
    plans = load_plans(data_dir, root, problems)
    _check_ids(plans, problems)
    check_plans(plans, problems)
    full = Portfolio(plans=tuple(plans), audience="internal")
    narratives = find_narratives(docs_dir, root, full, problems)
    portfolio = for_audience(plans, audience, internal_fields)
    visible = tuple(
        n
        for n in narratives
        if portfolio.is_internal
        or (
            not n.internal
            and (plan := portfolio.plan(n.plan)) is not None
            and (n.result is None or plan.result(n.result) is not None)
        )
    )
    return Site(
        plans=tuple(plans),
        portfolio=portfolio,
        narratives=visible,
        problems=tuple(problems.items),
    )
