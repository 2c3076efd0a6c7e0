"""A plan's logic model (results chain) as tiers: one per level, results grouped by parent.

Tiers follow the order of the plan's ``levels`` (top first); inside a tier, results are
grouped under the result they contribute to, in the order of the hierarchy, so that a reader
can follow a link from any card to the group it feeds.  Initiatives are the activities and
inputs underneath.  A pure function over a plan already filtered for the audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssa_site.model.plan import Assumption, Initiative, Plan, Result


@dataclass(frozen=True)
class Group:
    """Results of one tier that contribute to the same result (``None``: top of the plan)."""

    parent: Result | None
    results: tuple[Result, ...]


@dataclass(frozen=True)
class Tier:
    """The results of one level, grouped by parent, and the assumptions attached to them."""

    level: str
    groups: tuple[Group, ...]
    assumptions: tuple[Assumption, ...] = ()

    @property
    def results(self) -> tuple[Result, ...]:
        return tuple(r for g in self.groups for r in g.results)


@dataclass(frozen=True)
class LogicModel:
    plan: Plan
    tiers: tuple[Tier, ...]
    initiatives: tuple[Initiative, ...] = ()

    @property
    def results(self) -> tuple[Result, ...]:
        return tuple(r for t in self.tiers for r in t.results)

    def level_above(self, tier: Tier) -> str | None:
        """The level of the tier before this one, if any."""
        levels = [t.level for t in self.tiers]
        index = levels.index(tier.level)
        return levels[index - 1] if index > 0 else None


def logic_model(plan: Plan) -> LogicModel:
    """Tiers in level order (levels not declared by the plan come last), then initiatives."""
    walk = [result for result, _ in plan.walk()]
    levels = list(plan.levels)
    for result in walk:
        if result.level not in levels:
            levels.append(result.level)
    assumptions: dict[str, list[Assumption]] = {}
    for assumption in plan.assumptions:
        assumptions.setdefault(assumption.result, []).append(assumption)
    tiers = []
    for level in levels:
        members = [r for r in walk if r.level == level]
        if not members:
            continue
        groups: dict[str | None, list[Result]] = {}
        for result in members:
            parent = result.parent if plan.result(result.parent or "") else None
            groups.setdefault(parent, []).append(result)
        tiers.append(
            Tier(
                level,
                tuple(
                    Group(plan.result(parent) if parent else None, tuple(results))
                    for parent, results in groups.items()
                ),
                tuple(a for r in members for a in assumptions.get(r.id, ())),
            )
        )
    return LogicModel(plan, tuple(tiers), plan.initiatives)
