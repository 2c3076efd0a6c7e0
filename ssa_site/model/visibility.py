"""Filter the full model down to what one audience may see (SPEC §3).

Public is the default: anything not explicitly for the internal audience is dropped from
public builds *before* a page, chart or download is made from it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any, TypeVar

from ssa_site.model.plan import (
    INTERNAL,
    PUBLIC,
    Indicator,
    Initiative,
    Plan,
    Portfolio,
    ResultRef,
    Value,
)
from ssa_site.model.translated import entity_keys, kept

#: Fields hidden from the public even on public rows, unless the config says otherwise.
DEFAULT_INTERNAL_FIELDS = (
    "responsible",
    "limitations",
    "dqa_last",
    "dqa_next",
    "budget",
    "me_budget",
    "comment",
)


def resolve_audience(configured: str | None) -> str:
    """The audience of a build: ``SSA_AUDIENCE`` wins, then the config; public otherwise."""
    chosen = os.environ.get("SSA_AUDIENCE") or configured or PUBLIC
    return INTERNAL if chosen.strip().lower() == INTERNAL else PUBLIC


def for_audience(
    plans: list[Plan] | tuple[Plan, ...],
    audience: str,
    internal_fields: tuple[str, ...] | list[str] = DEFAULT_INTERNAL_FIELDS,
) -> Portfolio:
    if audience == INTERNAL:
        return Portfolio(plans=tuple(plans), audience=INTERNAL)
    visible_plans = [p for p in plans if not p.internal]
    public_refs = {
        ResultRef(p.name, r.id) for p in visible_plans for r in p.results if not r.internal
    }
    hidden = set(internal_fields)
    return Portfolio(
        plans=tuple(_public_plan(p, public_refs, hidden) for p in visible_plans),
        audience=PUBLIC,
    )


def _public_plan(plan: Plan, public_refs: set[ResultRef], hidden: set[str]) -> Plan:
    results = tuple(
        replace(r, aligns_to=tuple(ref for ref in r.aligns_to if ref in public_refs))
        for r in plan.results
        if not r.internal
    )
    result_ids = {r.id for r in results}
    indicators = tuple(
        _public_indicator(i, hidden)
        for i in plan.indicators
        if not i.internal and i.result in result_ids
    )
    initiatives = tuple(
        _public_initiative(i, result_ids, hidden) for i in plan.initiatives if not i.internal
    )
    assumptions = tuple(a for a in plan.assumptions if not a.internal and a.result in result_ids)
    public = replace(
        plan,
        results=results,
        indicators=indicators,
        initiatives=initiatives,
        assumptions=assumptions,
    )
    # Translations of what the public does not see go with it, and so do their names.
    keys = entity_keys(public)
    return replace(
        public,
        translations=kept(public, hidden),
        untranslated=frozenset(key for key in plan.untranslated if key in keys),
    )


_E = TypeVar("_E", bound=Any)


def _blank(entity: _E, hidden: set[str]) -> _E:
    # Only fields that hold something: most values have no comment, and stay as they are.
    changes = {name: None for name in hidden if getattr(entity, name, None) is not None}
    return replace(entity, **changes) if changes else entity


def _public_indicator(indicator: Indicator, hidden: set[str]) -> Indicator:
    values: tuple[Value, ...] = tuple(_blank(v, hidden) for v in indicator.values if not v.internal)
    return _blank(replace(indicator, values=values), hidden)


def _public_initiative(
    initiative: Initiative, result_ids: set[str], hidden: set[str]
) -> Initiative:
    kept = tuple(r for r in initiative.results if r in result_ids)
    return _blank(replace(initiative, results=kept), hidden)
