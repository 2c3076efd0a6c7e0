"""Authored files in the site's languages (ssa_site/load/localized.py): which file a build
in each language reads, which names are translations, translations of no page, and the
same choice on the build's side for authored pages (ssa_site/build/authored.py)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from mkdocs.structure.files import File, Files

from ssa_site import load_site
from ssa_site.base.problems import Severity
from ssa_site.build.authored import localize_files, take_authored
from ssa_site.cli import main
from ssa_site.load.localized import is_language_code, localized, orphans, translation_code

if TYPE_CHECKING:
    from collections.abc import Callable

    from ssa_site.project import Site

EN_FR = ("en", "fr")
PLAN_DIR = "content/plans/northland-ics"


def paths(*names: str) -> list[Path]:
    return [Path("docs") / name for name in names]


def read(names: list[str], language: str = "", languages: tuple[str, ...] = EN_FR):
    """(file read, file it stands for, fallback) for each page, names relative to docs/."""
    return [
        (i.path.relative_to("docs").as_posix(), i.name.relative_to("docs").as_posix(), i.fallback)
        for i in localized(paths(*names), language, languages)
    ]


# -- localized(): the file each build reads ---------------------------------------------


def test_a_build_in_another_language_reads_the_translation_beside_the_page() -> None:
    names = ["about.md", "about.fr.md", "index.md", "index.fr.md"]
    assert read(names, "fr") == [
        ("about.fr.md", "about.md", False),
        ("index.fr.md", "index.md", False),
    ]


def test_a_page_without_a_translation_falls_back_to_the_default_language() -> None:
    assert read(["about.md", "index.md", "index.fr.md"], "fr") == [
        ("about.md", "about.md", True),
        ("index.fr.md", "index.md", False),
    ]


def test_the_default_language_ignores_the_translations() -> None:
    names = ["about.md", "about.fr.md", "plans/p/O1.md", "plans/p/O1.fr.md"]
    expected = [("about.md", "about.md", False), ("plans/p/O1.md", "plans/p/O1.md", False)]
    assert read(names, "en") == expected
    assert read(names, "") == expected  # a build that names no language: the default's
    assert read(names, "", ()) == expected  # a one-language site


def test_the_order_is_that_of_the_pages_the_translations_stand_for() -> None:
    """A translation listed before its page takes the page's place, not its own."""
    names = ["a.fr.md", "a.md", "b.md", "c.md", "c.fr.md"]
    assert [name for _, name, _ in read(names, "fr")] == ["a.md", "b.md", "c.md"]


def test_a_translation_into_another_built_language_is_not_read() -> None:
    names = ["about.md", "about.es.md", "about.fr.md"]
    assert read(names, "es", ("en", "fr", "es")) == [("about.es.md", "about.md", False)]
    assert read(names, "fr", ("en", "fr", "es")) == [("about.fr.md", "about.md", False)]
    assert read(["about.md", "about.es.md"], "fr", ("en", "fr", "es")) == [
        ("about.md", "about.md", True)
    ]


def test_a_translation_without_its_page_is_read_by_no_build() -> None:
    for language in ("", "en", "fr"):
        assert read(["notes.fr.md", "index.md"], language) == [
            ("index.md", "index.md", language == "fr")
        ]


def test_a_translation_into_a_language_the_site_does_not_build_is_never_read() -> None:
    names = ["notes.md", "notes.de.md"]
    for language in ("en", "fr"):
        assert [path for path, _, _ in read(names, language)] == ["notes.md"]


def test_the_default_language_code_in_a_name_is_an_ordinary_page() -> None:
    """With [en, fr], ``notes.en.md`` is a page of its own (named notes.en), read by every
    build, and falls back like any other page in French."""
    assert read(["notes.en.md"], "en") == [("notes.en.md", "notes.en.md", False)]
    assert read(["notes.en.md"], "fr") == [("notes.en.md", "notes.en.md", True)]


# -- translation_code(): which names are translations -----------------------------------


@pytest.mark.parametrize(
    ("name", "languages", "code"),
    [
        ("index.fr.md", EN_FR, "fr"),
        ("plans/kestria/LTO1.fr.md", EN_FR, "fr"),
        ("reviews/p/2024-12-01.fr.md", EN_FR, "fr"),
        ("evaluations/mid-term-2024.fr.md", EN_FR, "fr"),
        ("index.en.md", ("fr", "en"), "en"),  # the default is the first code, whichever
        # Result ids with dots are not translations: their last part is no language.
        ("plans/p/O1.2.md", EN_FR, None),
        ("plans/p/O1.1.2.md", EN_FR, None),
        ("plans/p/LTO-1.2b.md", EN_FR, None),
        ("plans/p/O1.md", EN_FR, None),
        ("index.md", EN_FR, None),
        ("2024-12-01.md", EN_FR, None),
        # The default language's code: an ordinary page.
        ("notes.en.md", EN_FR, None),
        # ISO 639-1 codes the site does not build: recognised (and never read).
        ("notes.de.md", EN_FR, "de"),
        ("notes.es.md", EN_FR, "es"),
        ("notes.ar.md", (), "ar"),
        ("index.fr.md", (), "fr"),  # a one-language site recognises them too
        # Not language codes: too long, upper case, not letters, unknown to Babel.
        ("notes.FR.md", EN_FR, None),
        ("notes.fra.md", EN_FR, None),
        ("notes.f1.md", EN_FR, None),
        ("notes.xx.md", EN_FR, None),
        ("notes.draft.md", EN_FR, None),
        # A name that is only a code is no translation: nothing is left to translate.
        (".fr.md", EN_FR, None),
        ("fr.md", EN_FR, None),
    ],
)
def test_translation_codes(name: str, languages: tuple[str, ...], code: str | None) -> None:
    assert translation_code(PurePosixPath(name), languages) == code


def test_language_codes_are_two_lower_case_letters_babel_knows() -> None:
    assert all(is_language_code(code) for code in ("en", "fr", "es", "ar", "de", "zh"))
    assert not any(is_language_code(code) for code in ("", "f", "FR", "fra", "e1", "xx", "é1"))


# -- orphans(): translations of no page -------------------------------------------------


def test_orphans_are_the_translations_without_their_page() -> None:
    found = orphans(
        paths("index.md", "index.fr.md", "notes.fr.md", "plans/p/O9.fr.md", "old.de.md"),
        EN_FR,
    )
    assert [p.relative_to("docs").as_posix() for p in found] == [
        "notes.fr.md",
        "old.de.md",  # into a language the site does not build: an orphan all the same
        "plans/p/O9.fr.md",
    ]


def test_pages_with_dots_in_their_names_are_no_orphans() -> None:
    assert orphans(paths("plans/p/O1.2.md", "notes.en.md", "index.md"), EN_FR) == []


# -- load_site in French -----------------------------------------------------------------


FRENCH_PLAN = """\
# Northland

## Énoncé du problème

Les itinéraires de contrebande traversent la frontière nord.

/// internal
CANARY-FRENCH-PASSAGE : le ministère n'a pas encore donné son accord.
///

Phrase publique de clôture.
"""

FRENCH_REVIEW = """\
---
title: Revue du premier trimestre
---

Les chiffres du contrôle pour FY2024 n'avaient pas encore été communiqués.
"""


def with_languages(root: Path, codes: str = "[en, fr]") -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - ssa:\n" in text
    config.write_text(text.replace("  - ssa:\n", f"  - ssa:\n      languages: {codes}\n"), "utf-8")
    return root


@pytest.fixture
def french(project: Callable[..., Path]) -> Path:
    return project(
        files={
            f"{PLAN_DIR}/index.fr.md": FRENCH_PLAN,
            "content/reviews/northland-ics/2024-10-01.fr.md": FRENCH_REVIEW,
        }
    )


def load(root: Path, language: str, audience: str = "public") -> Site:
    return load_site(
        root, root / "data", root / "content", audience, language=language, languages=EN_FR
    )


def test_a_french_load_reads_the_french_narrative(french: Path) -> None:
    site = load(french, "fr")
    assert [str(p) for p in site.problems] == []
    narrative = site.view.narrative("northland-ics")
    assert narrative is not None
    assert "Les itinéraires de contrebande" in narrative.body
    assert not narrative.fallback
    # It stands for the page it translates: the same address, its own file in messages.
    assert narrative.src_uri == "plans/northland-ics/index.md"
    assert narrative.display_path == f"{PLAN_DIR}/index.fr.md"


def test_an_untranslated_narrative_is_marked_as_a_fallback(french: Path) -> None:
    narrative = load(french, "fr").view.narrative("northland-ics", "O1.1")
    assert narrative is not None
    assert narrative.fallback
    assert narrative.body.strip() == "The theory of change of O1.1 is public."
    assert narrative.display_path == f"{PLAN_DIR}/O1.1.md"


def test_internal_passages_of_a_translation_are_dropped_for_the_public(french: Path) -> None:
    public = load(french, "fr").view.narrative("northland-ics")
    internal = load(french, "fr", "internal").view.narrative("northland-ics")
    assert public is not None and internal is not None
    assert "CANARY" not in public.body
    assert "Phrase publique de clôture." in public.body
    assert "CANARY-FRENCH-PASSAGE" in internal.body


def test_reviews_are_read_in_french_where_translated(french: Path) -> None:
    reviews = {r.date.isoformat(): r for r in load(french, "fr", "internal").view.reviews}
    assert set(reviews) == {"2024-10-01", "2024-11-01", "2024-12-01"}
    first = reviews["2024-10-01"]
    assert (first.title, first.fallback) == ("Revue du premier trimestre", False)
    assert first.src_uri == "reviews/northland-ics/2024-10-01.md"
    assert first.display_path == "content/reviews/northland-ics/2024-10-01.fr.md"
    assert reviews["2024-11-01"].fallback and reviews["2024-12-01"].fallback
    # The internal review stays internal in French: the public sees the other two.
    public = load(french, "fr").view.reviews
    assert sorted(r.date.isoformat() for r in public) == ["2024-10-01", "2024-11-01"]


@pytest.mark.parametrize("language", ["en", ""])
def test_the_default_language_load_ignores_the_translations(french: Path, language: str) -> None:
    site = load(french, language)
    narrative = site.view.narrative("northland-ics")
    assert narrative is not None
    assert "Smuggling routes" in narrative.body and not narrative.fallback
    assert not any(n.fallback for n in site.view.narratives)
    assert not any(r.fallback for r in site.view.reviews)
    titles = {r.title for r in site.view.reviews}
    assert "Revue du premier trimestre" not in titles


def test_a_one_language_site_ignores_translations(french: Path) -> None:
    site = load_site(french, french / "data", french / "content", "public")
    narrative = site.view.narrative("northland-ics")
    assert narrative is not None and "Smuggling routes" in narrative.body
    assert [str(p) for p in site.problems] == []


# -- translations of no page: a warning --------------------------------------------------


def test_a_translation_without_its_page_is_a_warning(project: Callable[..., Path]) -> None:
    root = project(
        files={
            "content/notes.fr.md": "# Notes\n",
            f"{PLAN_DIR}/O9.fr.md": "Pas de résultat O9.\n",
            "content/about.md": "# About\n",
            "content/about.fr.md": "# À propos\n",
        }
    )
    site = load(root, "fr")
    found = [p for p in site.problems if p.code == "translation-without-original"]
    assert [(p.path, p.severity) for p in found] == [
        ("content/notes.fr.md", Severity.WARNING),
        (f"{PLAN_DIR}/O9.fr.md", Severity.WARNING),
    ]
    assert str(found[0]) == (
        "content/notes.fr.md: this translation is not built: there is no notes.md beside it "
        "(add the page in the default language, or rename the file)"
    )
    assert site.warnings == found  # nothing else: the orphan narrative is not read either
    assert site.view.narrative("northland-ics", "O9") is None


def test_validate_reports_an_orphan_translation(project: Callable[..., Path]) -> None:
    root = with_languages(project(files={"content/notes.fr.md": "# Notes\n"}))
    result = CliRunner().invoke(main, ["validate", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output  # a warning fails only with --strict
    problems = json.loads(result.stdout)
    assert [
        (p["code"], p["path"], p["severity"]) for p in problems if p["severity"] != "notice"
    ] == [("translation-without-original", "content/notes.fr.md", "warning")]
    strict = CliRunner().invoke(main, ["validate", str(root), "--strict"])
    assert strict.exit_code == 1


def test_validate_reads_the_translated_narratives_too(project: Callable[..., Path]) -> None:
    """A problem only the French build meets (a broken front matter in index.fr.md) is
    reported by a validation of the project."""
    root = with_languages(
        project(files={f"{PLAN_DIR}/index.fr.md": "---\nvisibility: [unclosed\n---\nTexte.\n"})
    )
    result = CliRunner().invoke(main, ["validate", str(root), "--format", "json"])
    problems = json.loads(result.stdout)
    assert [p["path"] for p in problems if p["severity"] != "notice"] == [f"{PLAN_DIR}/index.fr.md"]
    assert result.exit_code == 1


# -- a translation of an internal page ---------------------------------------------------


def test_a_translation_marked_internal_stays_internal(project: Callable[..., Path]) -> None:
    root = project(
        files={
            f"{PLAN_DIR}/O1.md": "---\nvisibility: internal\n---\nCANARY-O1-NARRATIVE\n",
            f"{PLAN_DIR}/O1.fr.md": "---\nvisibility: internal\n---\nCANARY-O1-RÉCIT\n",
            "content/reviews/northland-ics/2024-12-01.fr.md": (
                "---\ntitle: CANARY-REVUE-INTERNE\nvisibility: internal\n---\nTexte.\n"
            ),
        }
    )
    public = load(root, "fr")
    assert public.view.narrative("northland-ics", "O1") is None
    assert "CANARY-REVUE-INTERNE" not in {r.title for r in public.view.reviews}
    internal = load(root, "fr", "internal")
    narrative = internal.view.narrative("northland-ics", "O1")
    assert narrative is not None and "CANARY-O1-RÉCIT" in narrative.body


@pytest.mark.parametrize("kind", ["narrative", "review"])
def test_an_unmarked_translation_of_an_internal_page_is_not_published(
    project: Callable[..., Path], kind: str
) -> None:
    if kind == "narrative":
        files = {
            f"{PLAN_DIR}/O1.md": "---\nvisibility: internal\n---\nCANARY-O1-NARRATIVE\n",
            f"{PLAN_DIR}/O1.fr.md": "Récit interne traduit sans son en-tête.\n",
        }
    else:
        files = {
            "content/reviews/northland-ics/2024-12-01.fr.md": (
                "---\ntitle: Revue interne traduite\n---\nTexte de la revue interne.\n"
            )
        }
    translation = next(path for path in files if path.endswith(".fr.md"))
    site = load(project(files=files), "fr")
    shown = {n.display_path for n in site.view.narratives}
    shown |= {r.display_path for r in site.view.reviews}
    # Left out of the public build, or at least a warning naming it.
    assert translation not in shown or any(p.path == translation for p in site.warnings)


# -- the build's side: authored pages (ssa_site/build/authored.py) ------------------------


def authored(docs: Path, pages: dict[str, str], current: str) -> tuple[list[str], set[str]]:
    """The authored pages a public build in ``current`` publishes (src_uri → file read),
    and the pages it shows in the default language."""
    for rel, content in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(content, "utf-8")
    files = Files([File(rel, str(docs), str(docs.parent / "site"), True) for rel in sorted(pages)])
    fallback = localize_files(files, EN_FR, current)
    take_authored(files, internal=False)
    published = [f"{f.src_uri}={Path(f.abs_src_path or '').name}" for f in files]
    return published, fallback


PAGES = {
    "about.md": "# About\n",
    "about.fr.md": "# À propos\n",
    "notes.md": "# Notes\n",
    "notes.de.md": "# Notizen\n",
    "staff.md": "---\nvisibility: internal\n---\n# Staff\n",
    "staff.fr.md": "---\nvisibility: internal\n---\n# Personnel\n",
}


def test_a_french_build_publishes_the_translations_at_the_pages_addresses(tmp_path: Path) -> None:
    published, fallback = authored(tmp_path / "docs", PAGES, "fr")
    assert published == ["about.md=about.fr.md", "notes.md=notes.md"]
    assert "notes.md" in fallback and "about.md" not in fallback


def test_an_english_build_publishes_no_translation(tmp_path: Path) -> None:
    published, fallback = authored(tmp_path / "docs", PAGES, "en")
    assert published == ["about.md=about.md", "notes.md=notes.md"]
    assert fallback == set()


def test_an_unmarked_translation_of_an_internal_page_is_not_published_in_french(
    tmp_path: Path,
) -> None:
    pages = {**PAGES, "staff.fr.md": "# Personnel\n"}
    published, _ = authored(tmp_path / "docs", pages, "fr")
    assert published == ["about.md=about.fr.md", "notes.md=notes.md"]
