"""A site in two languages, built for real (ssa_site/build/languages.py): the example
(``languages: [en, fr]``) has the same pages under /fr/, each in French with its language
and direction on <html> and hreflang links to itself in both languages, a search index per
language, the downloads once, and French texts from translations.csv and the *.fr.md files;
a public build of the canary fixture in two languages holds no canary in any language."""

from __future__ import annotations

import html
import json
import re
import shutil
from typing import TYPE_CHECKING

import pytest
from canary import CANARY, canaries
from conftest import AUDIENCES, build, example_site_url
from site_links import broken_links, html_pages, url_path
from test_leaks import hits, outputs

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

#: The path of site_url, where the default language's pages are.
BASE = "/ssa/"
_HTML_TAG = re.compile(r"<html\b[^>]*>")
#: The switcher's links (main.html): the same page in the other language, with hreflang;
#: the page's own language is named without a link.
_ALTERNATE = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*">')
_CURRENT = re.compile(r'<span lang="([^"]*)" aria-current="page">')
#: Files of the downloads: the default language's build writes them, once.
DOWNLOAD_SUFFIXES = {".csv", ".zip", ".xlsx", ".xml", ".json", ".gz"}


def pages(site: Path) -> list[str]:
    """The HTML pages of one language's site (the default's: not those under fr/)."""
    return [p for p in html_pages(site) if not p.startswith("fr/")]


def french_pages(site: Path) -> list[str]:
    return [p.removeprefix("fr/") for p in html_pages(site) if p.startswith("fr/")]


def text(site: Path, rel: str) -> str:
    """A page's HTML with its character references decoded (d&#39;interception)."""
    return html.unescape((site / rel).read_text("utf-8"))


@pytest.fixture(scope="module", params=AUDIENCES)
def site(request: pytest.FixtureRequest, example_builds: dict[str, Path]) -> Path:
    return example_builds[request.param]


@pytest.fixture(scope="module")
def public(example_builds: dict[str, Path]) -> Path:
    return example_builds["public"]


def test_french_has_the_same_pages_as_english(site: Path) -> None:
    english = pages(site)
    assert len(english) > 100
    assert french_pages(site) == english


def test_every_page_has_its_language_and_direction_on_html(site: Path) -> None:
    wrong = {}
    for rel in html_pages(site):
        if rel.endswith("404.html"):
            continue  # below: the theme's own page
        tag = _HTML_TAG.search((site / rel).read_text("utf-8"))
        assert tag is not None, rel
        code = "fr" if rel.startswith("fr/") else "en"
        if f'lang="{code}"' not in tag.group() or 'dir="ltr"' not in tag.group():
            wrong[rel] = tag.group()
    assert not wrong, wrong


def test_the_404_pages_have_their_direction_on_html(public: Path) -> None:
    for rel, code in (("404.html", "en"), ("fr/404.html", "fr")):
        tag = _HTML_TAG.search((public / rel).read_text("utf-8"))
        assert tag is not None
        assert f'lang="{code}"' in tag.group() and 'dir="ltr"' in tag.group(), rel


def test_every_page_links_to_itself_in_each_language(site: Path) -> None:
    wrong = {}
    for rel in html_pages(site):
        if rel.removeprefix("fr/").startswith("embed/"):
            continue  # a chart to embed in another site: a document with no navigation
        page = (site / rel).read_text("utf-8")
        nav = page.split('<nav class="ssa-languages"', 1)[-1].split("</nav>", 1)[0]
        found = _ALTERNATE.findall(nav)
        current = _CURRENT.findall(nav)
        own, other = ("fr", "en") if rel.startswith("fr/") else ("en", "fr")
        # The 404 page, served at any missing address, goes to the other language's home.
        path = "" if rel.endswith("404.html") else url_path(rel.removeprefix("fr/"))
        expected = [(BASE + path if other == "en" else f"{BASE}fr/{path}", other)]
        if found != expected or current != [own]:
            wrong[rel] = (found, current)
    assert not wrong, dict(list(wrong.items())[:10])


def test_the_sitemaps_name_each_page_in_both_languages(example_builds: dict[str, Path]) -> None:
    public = example_builds["public"]
    for sitemap in ("sitemap.xml", "fr/sitemap.xml"):
        text = (public / sitemap).read_text("utf-8")
        for location in re.findall(r"<loc>([^<]+)</loc>", text)[:50]:
            path = location.removeprefix("https://example.org/ssa/").removeprefix("fr/")
            for code, prefix in (("en", ""), ("fr", "fr/")):
                link = f'hreflang="{code}" href="https://example.org/ssa/{prefix}{path}"'
                assert link in text, (sitemap, location, code)


def test_each_language_has_its_own_search_index(site: Path) -> None:
    english = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    french = json.loads((site / "fr" / "search" / "search_index.json").read_text("utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert french["config"]["lang"] == ["fr"]
    locations = {d["location"] for d in french["docs"]}
    assert "about/" in locations
    assert any("À propos" in d["title"] for d in french["docs"])
    assert not any("À propos" in d["title"] for d in english["docs"])


def test_the_downloads_are_written_once(site: Path) -> None:
    french = site / "fr"
    shared = sorted(
        p.relative_to(site).as_posix()
        for p in french.rglob("*")
        if p.is_file() and p.suffix in DOWNLOAD_SUFFIXES
    )
    # Only what every MkDocs site has of its own: its search index and (public) sitemap.
    assert "fr/search/search_index.json" in shared
    assert set(shared) <= {"fr/search/search_index.json", "fr/sitemap.xml", "fr/sitemap.xml.gz"}
    assert (site / "sitemap.xml").is_file() == (site / "fr" / "sitemap.xml").is_file()
    assert (site / "data" / "all-data.zip").is_file()
    assert (site / "data.json").is_file()
    assert list(site.glob("data/plans/*/*.csv"))
    # The French Data page links to the one copy, at the site's root.
    data_page = text(site, "fr/data/index.html")
    assert f'href="{example_site_url()}data/all-data.zip"' in data_page


def test_every_link_of_the_french_pages_resolves(site: Path) -> None:
    broken = [b for b in broken_links(site, example_site_url()) if b.page.startswith("fr/")]
    assert not broken, "\n".join(map(str, broken[:20]))
    # The French pages do link to the downloads of the default language's build.
    plan = text(site, "fr/plans/kestria-border-program/index.html")
    assert "/data/plans/kestria-border-program/" in plan


def test_the_french_plan_page_shows_the_translated_titles(public: Path) -> None:
    page = text(public, "fr/plans/kestria-border-program/index.html")
    title = "Programme de gestion des frontières et d'interception de Kestria"
    assert f"<h1>{title}" in page
    assert "Les cinq principaux postes frontières interceptent les envois illicites" in page
    assert "Kestria Border Management and Interdiction Program" not in page.split("<h1>")[1]
    english = text(public, "plans/kestria-border-program/index.html")
    assert title not in english


def test_an_untranslated_plan_page_says_so_in_french(public: Path) -> None:
    page = text(public, "fr/plans/kestria-ics/index.html")
    assert (
        "Certains titres et textes n'ont pas encore été traduits en français\u00a0: ils sont "
        "affichés dans leur langue d'origine."
    ) in page
    assert (
        "Ce texte n'a pas encore été traduit en français\u00a0: il est affiché dans sa langue "
        "d'origine."
    ) in page
    # The English narrative is marked as English (md_in_html writes the attributes sorted).
    assert re.search(r'<div (?:dir="ltr" lang="en"|lang="en" dir="ltr")>', page)
    assert "ssa-fallback" not in text(public, "plans/kestria-ics/index.html")


def test_the_french_about_page_is_the_translation(public: Path) -> None:
    page = text(public, "fr/about/index.html")
    assert "À propos de ce site" in page
    assert "Ceci est le site d'exemple de" in page
    assert "ssa-fallback" not in page
    english = text(public, "about/index.html")
    assert "À propos de ce site" not in english


# -- the canary fixture in two languages -------------------------------------------------

#: Translations of every kind of public and internal entity of the canary fixture.
NORTHLAND_TRANSLATIONS = """\
entity,id,field,language,text
plan,,title,fr,Stratégie intégrée pays du Northland
result,G1,title,fr,Le Northland sécurise ses frontières
result,O1.1,title,fr,Le contrôle aux points de passage s'étend
indicator,I1,title,fr,Part des points de passage contrôlés
initiative,P1,title,fr,Programme de contrôle aux frontières
assumption,O1.1/1,text,fr,Le personnel des points de passage reste en poste
result,CANARY-O2,title,fr,CANARY-FR-RESULT-TITLE
result,CANARY-O2,statement,fr,CANARY-FR-RESULT-STATEMENT
result,CANARY-O2.1,title,fr,CANARY-FR-CHILD-RESULT-TITLE
indicator,CANARY-I3,title,fr,CANARY-FR-INDICATOR-TITLE
indicator,CANARY-I3,unit,fr,CANARY-FR-INDICATOR-UNIT
initiative,CANARY-P2,title,fr,CANARY-FR-INITIATIVE-TITLE
initiative,CANARY-P3,title,fr,CANARY-FR-ONLY-LINKED-INITIATIVE-TITLE
assumption,O1.1/2,text,fr,CANARY-FR-ASSUMPTION-TEXT
assumption,CANARY-O2/1,mitigation,fr,CANARY-FR-PROPAGATED-ASSUMPTION-MITIGATION
"""

#: French translations of the fixture's pages: each internal item marked as its page is.
FRENCH_PAGES = {
    "index.fr.md": "# Test de fuite\n\n/// internal\nCANARY-FR-HOME-PASSAGE\n///\n\n"
    "La phrase publique de la page d'accueil.\n",
    "about.fr.md": "# À propos de ce site\n\nTexte public.\n\n/// internal\n"
    "CANARY-FR-ABOUT-PASSAGE\n///\n",
    "staff.fr.md": "---\nvisibility: internal\n---\n# CANARY-FR-AUTHORED-PAGE-TITLE\n",
    "plans/northland-ics/index.fr.md": "# Northland\n\n## Énoncé du problème\n\n"
    "Des itinéraires de contrebande traversent la frontière nord.\n\n/// internal\n"
    "CANARY-FR-PLAN-PASSAGE\n///\n",
    "plans/northland-ics/O1.fr.md": "---\nvisibility: internal\n---\nCANARY-FR-NARRATIVE\n",
    "plans/northland-ics/CANARY-O2.fr.md": "CANARY-FR-NARRATIVE-OF-INTERNAL-RESULT\n",
    "plans/canary-plan/index.fr.md": "CANARY-FR-PACKAGE-NARRATIVE\n",
    "reviews/northland-ics/2024-12-01.fr.md": "---\ntitle: CANARY-FR-REVIEW-TITLE\n"
    "visibility: internal\n---\nCANARY-FR-REVIEW-BODY\n",
}


def in_two_languages(root: Path) -> Path:
    """The canary fixture with ``languages: [en, fr]`` and French texts of every kind."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - ssa:\n" in text
    config.write_text(text.replace("  - ssa:\n", "  - ssa:\n      languages: [en, fr]\n"), "utf-8")
    package = root / "data" / "northland-ics"
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor["resources"].append({"name": "translations", "path": "translations.csv"})
    (package / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    (package / "translations.csv").write_text(NORTHLAND_TRANSLATIONS, "utf-8")
    for rel, content in FRENCH_PAGES.items():
        (root / "content" / rel).write_text(content, "utf-8")
    for name in ("CANARY-EVAL-INTERNAL", "CANARY-EVAL-PACKAGE"):
        original = (root / "content" / "evaluations" / f"{name}.md").read_text("utf-8")
        french = original.replace("CANARY-", "CANARY-FR-").replace("id: CANARY-FR-", "id: CANARY-")
        (root / "content" / "evaluations" / f"{name}.fr.md").write_text(french, "utf-8")
    return root


@pytest.fixture(scope="module")
def canary_in_two_languages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("languages") / "canary"
    shutil.copytree(CANARY, root)
    return outputs(build(in_two_languages(root), "public", strict=False))


def test_the_canary_fixture_in_two_languages_holds_no_canary(
    canary_in_two_languages: dict[str, bytes],
) -> None:
    files = canary_in_two_languages
    french = [name for name in files if name.startswith("fr/")]
    assert len(french) > 30 and "fr/index.html" in files
    tokens = canaries() | {
        token for content in FRENCH_PAGES.values() for token in re.findall(r"CANARY[\w-]*", content)
    }
    leaks = {name: found for name, data in files.items() if (found := hits(name, data, tokens))}
    assert not leaks, "internal content in the public build:\n" + "\n".join(
        f"  {name} -> {', '.join(found)}" for name, found in sorted(leaks.items())
    )


def test_the_canary_fixture_in_french_shows_its_public_translations(
    canary_in_two_languages: dict[str, bytes],
) -> None:
    """The French texts were read: the test above searched pages that had them."""
    files = canary_in_two_languages
    plan = html.unescape(files["fr/plans/northland-ics/index.html"].decode("utf-8"))
    assert "Stratégie intégrée pays du Northland" in plan
    assert "Le Northland sécurise ses frontières" in plan
    assert "Des itinéraires de contrebande traversent la frontière nord." in plan
    about = html.unescape(files["fr/about/index.html"].decode("utf-8"))
    assert "À propos de ce site" in about
    translations = files["data/plans/northland-ics/translations.csv"].decode("utf-8")
    assert "Le Northland sécurise ses frontières" in translations
    assert not [n for n in files if n.startswith("fr/data/") and not n.endswith(".html")]
