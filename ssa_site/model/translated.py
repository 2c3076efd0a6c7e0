"""A plan's texts in another language, from its ``translations`` resource: which fields
may be translated, the plan as a build in that language shows it, and which translations
the public may see (those of entities it sees)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection

    from ssa_site.model.plan import Plan
    from ssa_site.model.translation import Translation

#: The fields each kind of entity may translate; the first is its name (its title).
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "plan": ("title", "description"),
    "result": ("title", "statement"),
    "indicator": ("title", "definition", "unit"),
    "initiative": ("title", "description"),
    "assumption": ("text", "mitigation"),
}


def entity_keys(plan: Plan) -> set[tuple[str, str]]:
    """Every (entity, id) of a plan a translation may name."""
    keys = {("plan", "")}
    keys.update(("result", r.id) for r in plan.results)
    keys.update(("indicator", i.id) for i in plan.indicators)
    keys.update(("initiative", i.id) for i in plan.initiatives)
    keys.update(("assumption", a.key) for a in plan.assumptions)
    return keys


def kept(plan: Plan, hidden: Collection[str] = ()) -> tuple[Translation, ...]:
    """The translations of the entities ``plan`` still has (the public's plan has lost
    internal ones) of fields it shows."""
    keys = entity_keys(plan)
    return tuple(t for t in plan.translations if (t.entity, t.id) in keys and t.field not in hidden)


def in_language(plan: Plan, language: str) -> Plan:
    """The plan with its texts in ``language`` where translated; the entities whose name
    is not translated are listed in ``Plan.untranslated``."""
    texts = {(t.entity, t.id, t.field): t.text for t in plan.translations if t.language == language}
    missing: set[tuple[str, str]] = set()

    def translate(entity: str, key: str, item: Any) -> Any:
        fields = TRANSLATABLE[entity]
        changes = {
            name: texts[(entity, key, name)]
            for name in fields
            if (entity, key, name) in texts and getattr(item, name) is not None
        }
        if (entity, key, fields[0]) not in texts:
            missing.add((entity, key))
        return replace(item, **changes) if changes else item

    translated = translate("plan", "", plan)
    return replace(
        translated,
        results=tuple(translate("result", r.id, r) for r in plan.results),
        indicators=tuple(translate("indicator", i.id, i) for i in plan.indicators),
        initiatives=tuple(translate("initiative", i.id, i) for i in plan.initiatives),
        assumptions=tuple(translate("assumption", a.key, a) for a in plan.assumptions),
        language=language,
        untranslated=frozenset(missing),
    )
