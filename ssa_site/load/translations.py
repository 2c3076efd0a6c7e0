"""A plan's ``translations`` resource: its rows as Translations, and their checks (each
names an entity of the plan and a field that entity may translate, once per language)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.base.problems import Problems, ProblemType, Severity
from ssa_site.model.translated import TRANSLATABLE, entity_keys
from ssa_site.model.translation import Translation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ssa_site.model.plan import Plan


def _text(cells: dict[str, Any], name: str) -> str:
    value = cells.get(name)
    return "" if value is None else str(value).strip()


def read_translations(rows: Iterable[Any]) -> tuple[Translation, ...]:
    """The rows of translations.csv (typed and checked by Frictionless already)."""
    return tuple(
        Translation(
            entity=_text(row.cells, "entity"),
            id=_text(row.cells, "id"),
            field=_text(row.cells, "field"),
            language=_text(row.cells, "language"),
            text=_text(row.cells, "text"),
            row=row.number,
        )
        for row in rows
        if _text(row.cells, "entity") and _text(row.cells, "text")
    )


TRANSLATION_OF_NOTHING = ProblemType(
    "translation-of-nothing",
    "Translation of no entity",
    "there is no {entity} '{id}' in this plan to translate",
    "use the id of a row of {entity}s (an assumption is <result id>/<n>), or delete the row",
    severity=Severity.WARNING,
)
TRANSLATION_NOT_TRANSLATABLE = ProblemType(
    "translation-field-not-translatable",
    "Field that cannot be translated",
    "a {entity} has no translatable field {field}",
    "use one of {fields}",
)
TRANSLATION_TWICE = ProblemType(
    "translation-twice",
    "Translated twice",
    "{entity} '{id}' has another {language} {field} on row {other}",
    "keep one of the two rows",
)


def check_translations(plan: Plan, path: str, problems: Problems) -> None:
    """Each translation names an entity of the plan and one of its translatable fields."""
    keys = entity_keys(plan)
    seen: dict[tuple[str, str, str, str], int] = {}
    for t in plan.translations:
        fields = TRANSLATABLE.get(t.entity, ())
        if t.field not in fields:
            problems.add(
                TRANSLATION_NOT_TRANSLATABLE,
                path,
                t.row,
                "field",
                entity=t.entity,
                field=t.field,
                fields=", ".join(fields),
            )
        elif (t.entity, t.id) not in keys:
            problems.add(TRANSLATION_OF_NOTHING, path, t.row, "id", entity=t.entity, id=t.id)
        key = (t.entity, t.id, t.field, t.language)
        if key in seen:
            problems.add(
                TRANSLATION_TWICE,
                path,
                t.row,
                "text",
                entity=t.entity,
                id=t.id,
                field=t.field,
                language=t.language,
                other=seen[key],
            )
        seen.setdefault(key, t.row)
