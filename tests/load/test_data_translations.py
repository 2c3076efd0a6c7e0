"""A plan's ``translations`` resource (ssa_site/load/translations.py,
ssa_site/model/translated.py): the plan in another language, the checks of its rows, and
what the public sees of it (translations of public entities only, in pages and downloads)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from conftest import FIXTURES, build

from ssa_site import load_site
from ssa_site.base.problems import Severity
from ssa_site.model.plan import PUBLIC
from ssa_site.model.translated import TRANSLATABLE, entity_keys, in_language, kept
from ssa_site.model.visibility import for_audience

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ssa_site.model.plan import Plan
    from ssa_site.project import Site

PLAN = "data/northland-ics"
HEADER = "entity,id,field,language,text\n"

#: The minimal fixture's plan in French: its public entities, and (CANARY-FR-…) the
#: internal ones: result O1.2, indicators I3 (its own) and I4 (of O1.2), initiative P2 and
#: the second assumption of O1.1.
TRANSLATIONS = (
    HEADER
    + """\
plan,,title,fr,Stratégie intégrée pays du Northland
plan,,description,fr,Stratégie d'exemple du Northland.
result,G1,title,fr,Le Northland sécurise ses frontières
result,G1,statement,fr,Moins de marchandises illicites franchissent la frontière sans contrôle.
result,O1.1,title,fr,Le contrôle aux points de passage s'étend
result,O1.1,statement,fr,Un énoncé que le résultat n'a pas
indicator,I1,title,fr,Part des points de passage contrôlés
indicator,I1,definition,fr,Points de passage contrôlés sur l'ensemble des points de passage
indicator,I1,unit,fr,pour cent
initiative,P1,title,fr,Programme de contrôle aux frontières
assumption,O1.1/1,text,fr,Le personnel de contrôle reste en poste
assumption,O1.1/1,mitigation,fr,Primes de fidélisation
result,G1,title,es,Northland asegura sus fronteras
result,O1.2,title,fr,CANARY-FR-INTERNAL-RESULT
result,O1.2,statement,fr,CANARY-FR-INTERNAL-RESULT-STATEMENT
indicator,I3,title,fr,CANARY-FR-INTERNAL-INDICATOR
indicator,I4,title,fr,CANARY-FR-PROPAGATED-INDICATOR
initiative,P2,title,fr,CANARY-FR-INTERNAL-INITIATIVE
assumption,O1.1/2,text,fr,CANARY-FR-INTERNAL-ASSUMPTION
"""
)


def descriptor(**extra: Any) -> dict[str, Any]:
    """The fixture plan's datapackage.json with a translations resource."""
    found = json.loads((FIXTURES / "minimal" / PLAN / "datapackage.json").read_text("utf-8"))
    found["resources"].append({"name": "translations", "path": "translations.csv"})
    return {**found, **extra}


@pytest.fixture
def translated(project: Callable[..., Path]) -> Callable[[str], Path]:
    """The minimal project with the given translations.csv (the plan has a description)."""

    def make(rows: str = TRANSLATIONS) -> Path:
        return project(
            files={
                f"{PLAN}/datapackage.json": descriptor(description="Example plan of Northland."),
                f"{PLAN}/translations.csv": rows,
            }
        )

    return make


def load(root: Path, audience: str = "public", language: str = "") -> Site:
    languages = ("en", "fr") if language else ()
    return load_site(
        root, root / "data", root / "content", audience, language=language, languages=languages
    )


def full_plan(root: Path) -> Plan:
    return next(p for p in load(root, "internal").plans if p.name == "northland-ics")


# -- the plan in another language ---------------------------------------------------------


def test_the_rows_are_read_with_their_row_numbers(translated: Callable[[str], Path]) -> None:
    root = translated()
    site = load(root, "internal")
    assert [str(p) for p in site.problems if p.severity is not Severity.NOTICE] == []
    plan = full_plan(root)
    assert len(plan.translations) == TRANSLATIONS.count("\n") - 1
    first = plan.translations[0]
    assert (first.entity, first.id, first.field, first.language, first.row) == (
        "plan",
        "",
        "title",
        "fr",
        2,
    )
    assert first.text == "Stratégie intégrée pays du Northland"


def test_in_language_translates_every_translatable_field(
    translated: Callable[[str], Path],
) -> None:
    french = in_language(full_plan(translated()), "fr")
    assert french.language == "fr"
    assert french.title == "Stratégie intégrée pays du Northland"
    assert french.description == "Stratégie d'exemple du Northland."
    goal = french.result("G1")
    assert goal is not None
    assert goal.title == "Le Northland sécurise ses frontières"
    assert (
        goal.statement == "Moins de marchandises illicites franchissent la frontière sans contrôle."
    )
    indicator = french.indicator("I1")
    assert indicator is not None
    assert indicator.title == "Part des points de passage contrôlés"
    assert (
        indicator.definition == "Points de passage contrôlés sur l'ensemble des points de passage"
    )
    assert indicator.unit == "pour cent"
    assert french.initiatives[0].title == "Programme de contrôle aux frontières"
    first = french.assumptions[0]
    assert (first.text, first.mitigation) == (
        "Le personnel de contrôle reste en poste",
        "Primes de fidélisation",
    )


def test_a_text_the_plan_does_not_have_is_not_added(translated: Callable[[str], Path]) -> None:
    """O1.1 has no statement: its French statement is not shown (nothing to translate)."""
    french = in_language(full_plan(translated()), "fr")
    result = french.result("O1.1")
    assert result is not None
    assert result.title == "Le contrôle aux points de passage s'étend"
    assert result.statement is None


def test_untranslated_texts_stay_as_written_and_are_listed(
    translated: Callable[[str], Path],
) -> None:
    plan = full_plan(translated())
    french = in_language(plan, "fr")
    objective = french.result("O1")
    assert objective is not None and objective.title == "Border agencies detect illicit flows"
    indicator = french.indicator("I2")
    assert indicator is not None and indicator.title == "Seizures per month"
    assert {("result", "O1"), ("indicator", "I2")} <= french.untranslated
    for translated_key in [
        ("plan", ""),
        ("result", "G1"),
        ("indicator", "I1"),
        ("initiative", "P1"),
    ]:
        assert translated_key not in french.untranslated
    assert ("assumption", "O1.1/1") not in french.untranslated
    # Only the title counts: a translated statement without a title is still untranslated.
    assert plan.language == "" and plan.untranslated == frozenset()


def test_each_language_reads_its_own_rows(translated: Callable[[str], Path]) -> None:
    plan = full_plan(translated())
    spanish = in_language(plan, "es")
    goal = spanish.result("G1")
    assert goal is not None and goal.title == "Northland asegura sus fronteras"
    assert spanish.title == plan.title  # no Spanish title: the plan's own
    assert ("plan", "") in spanish.untranslated
    german = in_language(plan, "de")
    assert german.results == plan.results
    assert german.untranslated == entity_keys(plan)


def test_a_french_load_shows_the_plan_in_french_and_the_default_one_in_english(
    translated: Callable[[str], Path],
) -> None:
    root = translated()
    french = load(root, language="fr").view.portfolio.plan("northland-ics")
    english = load(root, language="en").view.portfolio.plan("northland-ics")
    one_language = load(root).view.portfolio.plan("northland-ics")
    assert french is not None and english is not None and one_language is not None
    assert french.title == "Stratégie intégrée pays du Northland"
    assert english.title == one_language.title == "Northland Integrated Country Strategy"
    assert english.language == "" and english.untranslated == frozenset()


def test_every_field_the_schema_allows_is_translatable_by_some_entity() -> None:
    schema = json.loads(
        (FIXTURES.parent.parent / "ssa_site" / "schemas" / "translations.json").read_text("utf-8")
    )
    fields = {f["name"]: f for f in schema["fields"]}
    assert set(fields["entity"]["constraints"]["enum"]) == set(TRANSLATABLE)
    allowed = {name for names in TRANSLATABLE.values() for name in names}
    assert set(fields["field"]["constraints"]["enum"]) == allowed


# -- checks of the rows -------------------------------------------------------------------


def problems_of(root: Path) -> list[tuple[str, int | None, str | None, Severity, str]]:
    return [
        (p.code, p.row, p.field, p.severity, p.message)
        for p in load(root, "internal").problems
        if p.code.startswith("translation")
    ]


def test_a_translation_of_an_unknown_entity_is_a_warning(
    translated: Callable[[str], Path],
) -> None:
    root = translated(
        HEADER
        + "result,G1,title,fr,Le Northland sécurise ses frontières\n"
        + "result,O9,title,fr,Aucun résultat\n"
        + "assumption,O1.1/7,text,fr,Aucune hypothèse\n"
    )
    assert problems_of(root) == [
        (
            "translation-of-nothing",
            3,
            "id",
            Severity.WARNING,
            "there is no result 'O9' in this plan to translate",
        ),
        (
            "translation-of-nothing",
            4,
            "id",
            Severity.WARNING,
            "there is no assumption 'O1.1/7' in this plan to translate",
        ),
    ]
    site = load(root, "internal")
    problem = next(p for p in site.problems if p.code == "translation-of-nothing")
    assert problem.path == f"{PLAN}/translations.csv"
    assert "(an assumption is <result id>/<n>)" in problem.fix


def test_a_field_the_entity_cannot_translate_is_an_error(
    translated: Callable[[str], Path],
) -> None:
    root = translated(HEADER + "result,G1,unit,fr,pour cent\nindicator,I1,statement,fr,Un énoncé\n")
    assert problems_of(root) == [
        (
            "translation-field-not-translatable",
            2,
            "field",
            Severity.ERROR,
            "a result has no translatable field unit",
        ),
        (
            "translation-field-not-translatable",
            3,
            "field",
            Severity.ERROR,
            "a indicator has no translatable field statement",
        ),
    ]
    site = load(root, "internal")
    assert site.errors and all(p.code.startswith("translation") for p in site.errors)
    assert "use one of title, statement" in str(site.errors[0])


def test_a_field_outside_the_schema_is_refused_by_the_schema(
    translated: Callable[[str], Path],
) -> None:
    root = translated(HEADER + "indicator,I1,responsible,fr,Quelqu'un\n")
    errors = load(root, "internal").errors
    assert [(e.path, e.row, e.field) for e in errors] == [(f"{PLAN}/translations.csv", 2, "field")]


def test_the_same_text_translated_twice_is_reported(translated: Callable[[str], Path]) -> None:
    root = translated(
        HEADER
        + "result,G1,title,fr,Le Northland sécurise ses frontières\n"
        + "result,G1,title,es,Northland asegura sus fronteras\n"
        + "result,G1,statement,fr,Moins de contrebande.\n"
        + "result,G1,title,fr,Le Northland protège ses frontières\n"
    )
    assert problems_of(root) == [
        (
            "translation-twice",
            5,
            "text",
            Severity.ERROR,
            "result 'G1' has another fr title on row 2",
        )
    ]


# -- the public's translations ------------------------------------------------------------


def test_the_public_plan_keeps_only_translations_of_public_entities(
    translated: Callable[[str], Path],
) -> None:
    root = translated()
    for language in ("", "fr"):
        site = load(root, language=language)
        for portfolio in (site.view.portfolio, site.view.public.portfolio):
            plan = portfolio.plan("northland-ics")
            assert plan is not None
            texts = [t.text for t in plan.translations]
            assert texts and not [t for t in texts if "CANARY-FR-INTERNAL" in t], language
            assert "CANARY-FR-PROPAGATED-INDICATOR" not in texts
            assert {(t.entity, t.id) for t in plan.translations} <= entity_keys(plan)
            assert "Le personnel de contrôle reste en poste" in texts


def test_the_internal_view_keeps_every_translation(translated: Callable[[str], Path]) -> None:
    site = load(translated(), "internal", "fr")
    plan = site.view.portfolio.plan("northland-ics")
    assert plan is not None
    assert len(plan.translations) == TRANSLATIONS.count("\n") - 1
    internal_result = plan.result("O1.2")
    assert internal_result is not None and internal_result.title == "CANARY-FR-INTERNAL-RESULT"
    # Downloads are public in every build: the internal build's public data has none.
    public = site.view.public.portfolio.plan("northland-ics")
    assert public is not None
    assert not any("CANARY-FR-INTERNAL" in t.text for t in public.translations)


def test_a_french_public_view_shows_no_internal_translation(
    translated: Callable[[str], Path],
) -> None:
    """Titles, statements and every text the public plan holds in French: no canary."""
    plan = load(translated(), language="fr").view.portfolio.plan("northland-ics")
    assert plan is not None
    shown = [plan.title, plan.description or ""]
    shown += [f"{r.title} {r.statement}" for r in plan.results]
    shown += [f"{i.title} {i.definition} {i.unit}" for i in plan.indicators]
    shown += [i.title for i in plan.initiatives]
    shown += [f"{a.text} {a.mitigation}" for a in plan.assumptions]
    shown += [t.text for t in plan.translations]
    assert not [text for text in shown if "CANARY" in text]
    assert {r.id for r in plan.results} == {"G1", "O1", "O1.1"}


def test_the_public_plan_names_no_internal_entity_among_the_untranslated(
    translated: Callable[[str], Path],
) -> None:
    root = translated(HEADER + "plan,,title,fr,Stratégie intégrée pays du Northland\n")
    plan = load(root, language="fr").view.portfolio.plan("northland-ics")
    assert plan is not None
    assert ("result", "O1") in plan.untranslated  # public and untranslated: listed
    assert plan.untranslated <= entity_keys(plan)


def test_hidden_fields_lose_their_translations(translated: Callable[[str], Path]) -> None:
    """A field hidden from the public (internal_fields) is hidden in every language."""
    root = translated()
    hidden = ("definition", "unit")
    public = for_audience(list(load(root, "internal").plans), PUBLIC, hidden)
    plan = public.plan("northland-ics")
    assert plan is not None
    assert {t.field for t in plan.translations} == {
        "title",
        "statement",
        "description",
        "text",
        "mitigation",
    }
    assert kept(plan, ("title",)) == tuple(t for t in plan.translations if t.field != "title")
    french = load_site(
        root, root / "data", root / "content", PUBLIC, hidden, language="fr", languages=("en", "fr")
    ).view.portfolio.plan("northland-ics")
    assert french is not None
    indicator = french.indicator("I1")
    assert indicator is not None
    assert indicator.title == "Part des points de passage contrôlés"
    assert (indicator.definition, indicator.unit) == (None, None)


# -- the downloads ---------------------------------------------------------------------


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.slow
def test_the_downloads_hold_the_public_translations_only(
    translated: Callable[[str], Path],
) -> None:
    """The plan's data package (its folder, its zip and the all-data zip) has a
    translations table without the rows of internal entities, in public and internal builds."""
    root = translated()
    for audience in ("public", "internal"):
        site = build(root, audience, strict=False)
        folder = site / "data" / "plans" / "northland-ics"
        package = json.loads((folder / "datapackage.json").read_text("utf-8"))
        assert "translations" in [r["name"] for r in package["resources"]]
        on_disk = (folder / "translations.csv").read_bytes()
        with zipfile.ZipFile(folder / "northland-ics.zip") as archive:
            assert archive.read("translations.csv") == on_disk
        with zipfile.ZipFile(site / "data" / "all-data.zip") as archive:
            assert archive.read("plans/northland-ics/translations.csv") == on_disk
        rows = csv_rows(on_disk)
        assert list(rows[0]) == ["entity", "id", "field", "language", "text"]
        assert b"CANARY" not in on_disk, audience
        keys = {(r["entity"], r["id"]) for r in rows}
        assert not keys & {
            ("result", "O1.2"),
            ("indicator", "I3"),
            ("indicator", "I4"),
            ("initiative", "P2"),
            ("assumption", "O1.1/2"),
        }
        assert {"Le Northland sécurise ses frontières", "Northland asegura sus fronteras"} <= {
            r["text"] for r in rows
        }
        assert len(rows) == 13
