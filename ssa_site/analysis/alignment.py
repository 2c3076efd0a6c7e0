"""Alignment across plans: the ``aligns_to`` graph, followed up and down, transitively.

A result aligns to the results its ``aligns_to`` names.  A result that names none shares the
alignment of the nearest result above it in its plan (its *anchor*): a sub-objective under an
objective aligned to an agency objective serves that agency objective too.  Following these
links upward from a program outcome gives chains across plans, e.g. program outcome →
country-strategy sub-objective → (through its objective) agency objective; following them
downward gives the tree of results of other plans that contribute.

Pure functions over a :class:`~ssa_site.model.Portfolio` (already filtered for the audience);
:meth:`Alignment.of` indexes it once per build so every lookup is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from ssa_site.model.plan import Plan, Portfolio, Result, ResultRef

#: Plans of this kind align to nothing by design: they are not asked to align.
TOP_KINDS = ("agency-framework",)
#: Bounds on transitive walks, so that a cycle between plans cannot run away.
MAX_DEPTH = 12
MAX_CHAINS = 200


@dataclass(frozen=True)
class Step:
    """One result on a chain of alignment.

    ``through`` is set when the previous result names no alignment of its own and the link
    is that of ``through``, the nearest result above it that does.
    """

    result: Result
    through: Result | None = None


Chain = tuple[Step, ...]


@dataclass(frozen=True)
class Contribution:
    """A result of another plan that contributes, and what contributes to it in turn.

    ``target`` is the result it names in ``aligns_to``: the result contributed to, or a
    result below it that shares its alignment.
    """

    result: Result
    target: Result
    contributions: tuple[Contribution, ...] = ()


@dataclass(frozen=True)
class PlanChains:
    """Full chains that pass through the same sequence of plans (one table)."""

    plans: tuple[Plan, ...]
    chains: tuple[Chain, ...]


@dataclass(frozen=True)
class Alignment:
    """The alignment graph of one portfolio, indexed.  Build it with :meth:`of`."""

    portfolio: Portfolio
    under: Mapping[ResultRef, tuple[tuple[Result, Result], ...]]  # (contributor, target)
    plan_targets: Mapping[str, tuple[str, ...]]  # plan → plans its results align to

    @classmethod
    def of(cls, portfolio: Portfolio) -> Alignment:
        under: dict[ResultRef, list[tuple[Result, Result]]] = {}
        plan_targets: dict[str, list[str]] = {}
        for plan in portfolio.plans:
            targets = plan_targets.setdefault(plan.name, [])
            for result in plan.results:
                for target in _resolved(portfolio, result):
                    if target.plan not in targets:
                        targets.append(target.plan)
                    under.setdefault(target.ref, []).append((result, target))
                    anchor = _anchor(portfolio, target)
                    if anchor is not None and anchor.ref != target.ref:
                        under.setdefault(anchor.ref, []).append((result, target))
        return cls(
            portfolio,
            {k: tuple(v) for k, v in under.items()},
            {k: tuple(v) for k, v in plan_targets.items()},
        )

    # -- one result ---------------------------------------------------------------------

    def anchor(self, result: Result) -> Result | None:
        """The result whose alignment this one follows: itself, the nearest above, or none."""
        return _anchor(self.portfolio, result)

    def up(self, result: Result) -> tuple[Step, ...]:
        """The results of other plans this result serves directly (or through its anchor)."""
        anchor = self.anchor(result)
        if anchor is None:
            return ()
        through = None if anchor.ref == result.ref else anchor
        return tuple(Step(t, through) for t in _resolved(self.portfolio, anchor))

    def chains_up(self, result: Result) -> tuple[Chain, ...]:
        """Every chain from this result up to a result that aligns to nothing further.

        Each chain starts with the result itself; a result aligned to nothing has none.
        """
        found: list[Chain] = []

        def walk(chain: Chain, seen: frozenset[ResultRef]) -> None:
            if len(found) >= MAX_CHAINS:
                return
            steps = [s for s in self.up(chain[-1].result) if s.result.ref not in seen]
            if not steps or len(chain) > MAX_DEPTH:
                if len(chain) > 1:
                    found.append(chain)
                return
            for step in steps:
                walk((*chain, step), seen | {step.result.ref})

        walk((Step(result),), frozenset({result.ref}))
        return tuple(found)

    def contributions(self, result: Result) -> tuple[Contribution, ...]:
        """The tree of results of other plans that contribute to this result."""

        def down(node: Result, seen: frozenset[ResultRef], depth: int) -> tuple[Contribution, ...]:
            if depth > MAX_DEPTH:
                return ()
            found = []
            for contributor, target in self.under.get(node.ref, ()):
                if contributor.ref in seen:
                    continue
                below = down(contributor, seen | {contributor.ref}, depth + 1)
                found.append(Contribution(contributor, target, below))
            return tuple(found)

        return down(result, frozenset({result.ref}), 0)

    def contributors_by_plan(self, result: Result) -> tuple[tuple[Plan, tuple[Result, ...]], ...]:
        """The results that name this result in ``aligns_to``, grouped by their plan."""
        direct = self.portfolio.contributors(result.ref)
        groups = []
        for plan in self.portfolio.plans:
            members = tuple(r for r in direct if r.plan == plan.name)
            if members:
                groups.append((plan, members))
        return tuple(groups)

    def is_aligned(self, result: Result) -> bool:
        """Aligned directly, through a result above it, or through a result below it."""
        if self.anchor(result) is not None:
            return True
        plan = self.portfolio.plan(result.plan)
        return plan is not None and any(
            _resolved(self.portfolio, r) for r in plan.descendants(result.id)
        )

    def is_gap(self, result: Result) -> bool:
        """No result of another plan aligns to this result or to any result below it."""
        plan = self.portfolio.plan(result.plan)
        below = plan.descendants(result.id) if plan else ()
        return not any(self.portfolio.contributors(r.ref) for r in (result, *below))

    # -- plans --------------------------------------------------------------------------

    def height(self, plan: Plan) -> int:
        """0 for a plan that aligns to nothing, 1 for a plan aligning to those, and so on."""

        def climb(name: str, seen: frozenset[str]) -> int:
            above = [t for t in self.plan_targets.get(name, ()) if t not in seen]
            return 1 + max((climb(t, seen | {t}) for t in above), default=-1)

        return climb(plan.name, frozenset({plan.name}))

    @cached_property
    def _higher(self) -> tuple[Plan, ...]:
        named = {t for targets in self.plan_targets.values() for t in targets}
        plans = [p for p in self.portfolio.plans if p.name in named]
        return tuple(sorted(plans, key=lambda p: (self.height(p), p.title, p.name)))

    def higher_level_plans(self) -> tuple[Plan, ...]:
        """Plans some other plan aligns to, highest first."""
        return self._higher

    def is_higher_level(self, plan: Plan) -> bool:
        return any(p.name == plan.name for p in self._higher)

    def should_align(self, plan: Plan) -> bool:
        """Whether the plan has a higher-level plan to align to.

        True when it aligns to something already, or when higher-level plans exist and it is
        neither one of them nor an agency-wide framework.
        """
        if self.plan_targets.get(plan.name):
            return True
        return bool(self._higher) and not self.is_higher_level(plan) and plan.kind not in TOP_KINDS

    def aligning_plans(self) -> tuple[Plan, ...]:
        """Plans that should align, lowest last (same order rule as higher-level plans)."""
        plans = [p for p in self.portfolio.plans if self.should_align(p)]
        return tuple(sorted(plans, key=lambda p: (self.height(p), p.title, p.name)))

    def unaligned(self, plan: Plan) -> tuple[Result, ...]:
        """Results of a plan that should align but that align to nothing, in tree order."""
        if not self.should_align(plan):
            return ()
        return tuple(r for r, _ in plan.walk() if not self.is_aligned(r))

    def gaps(self, plan: Plan) -> tuple[Result, ...]:
        """Results of a higher-level plan that nothing contributes to, in tree order."""
        return tuple(r for r, _ in plan.walk() if self.is_gap(r))

    def pairs(self) -> tuple[tuple[Result, Result], ...]:
        """Every (result, result it aligns to) pair, in portfolio order."""
        return tuple(
            (result, target)
            for plan in self.portfolio.plans
            for result, _ in plan.walk()
            for target in _resolved(self.portfolio, result)
        )

    def full_chains(self, min_plans: int = 3) -> tuple[PlanChains, ...]:
        """Chains of alignment that span at least ``min_plans`` plans, grouped by the plans
        they pass through; a chain contained at the end of a longer one is left out."""
        chains: list[Chain] = []
        for plan in self.portfolio.plans:
            for result, _ in plan.walk():
                if _resolved(self.portfolio, result):
                    chains.extend(self.chains_up(result))
        spanning = [c for c in chains if len({s.result.plan for s in c}) >= min_plans]
        keys = [tuple(s.result.ref for s in c) for c in spanning]
        kept = [
            chain
            for chain, key in zip(spanning, keys, strict=True)
            if not any(len(other) > len(key) and other[-len(key) :] == key for other in keys)
        ]
        groups: dict[tuple[str, ...], list[Chain]] = {}
        for chain in kept:
            groups.setdefault(tuple(s.result.plan for s in chain), []).append(chain)
        return tuple(
            PlanChains(tuple(self._plan(name) for name in names), tuple(members))
            for names, members in groups.items()
        )

    def _plan(self, name: str) -> Plan:
        plan = self.portfolio.plan(name)
        assert plan is not None  # chains only hold results of the portfolio's plans
        return plan


def _resolved(portfolio: Portfolio, result: Result) -> tuple[Result, ...]:
    """The results a result names in ``aligns_to`` that the audience can see."""
    found = (portfolio.resolve(ref) for ref in result.aligns_to)
    return tuple(r for r in found if r is not None)


def _anchor(portfolio: Portfolio, result: Result) -> Result | None:
    plan = portfolio.plan(result.plan)
    if plan is None:
        return None
    for candidate in _self_and_above(plan, result):
        if _resolved(portfolio, candidate):
            return candidate
    return None


def _self_and_above(plan: Plan, result: Result) -> Iterator[Result]:
    yield result
    yield from reversed(plan.ancestors(result.id))
