"""The site in its other languages, read in Chromium: French (the example's second
language, /fr/) and Arabic (right to left: a copy of the example built with languages
[en, ar] and native digits).

For every page type: ``lang`` and ``dir`` on ``<html>``; no English interface string in
the page's main content (any sentence of the interface catalog whose translation differs
from the English, looked for in the text a reader sees); axe finds no WCAG violation; the
language switcher goes to the same page in the other language and back. An Arabic page is
mirrored (navigation on the right), its tables fit or scroll inside themselves, its chart
text stays legible on a phone, and its numbers use Arabic-Indic digits.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from conftest import example_site_url
from example_builds import copy_example

from browser.conftest import BuiltSite, _same_origin_only
from browser.reader_measures import CHART_TEXT
from browser.site_pages import SiteServer, pages_by_type, representative
from browser.test_accessibility import axe_violations, describe
from ssa_site.authoring import catalogs

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

#: Page types a reader meets in every language (quality is internal, 404 has no content).
TYPES = (
    "home",
    "plans-index",
    "plan",
    "logic-model",
    "result",
    "indicator",
    "progress-review",
    "evaluations-index",
    "evaluation",
    "alignment",
    "data",
    "glossary",
    "method-index",
    "method",
    "about",
    "embed",
)
#: The plan and evaluation the example translates into French: their pages stand for
#: their types, so that the text checked is translated data as well as interface.
TRANSLATED = ("kestria-border-program", "kestria-border-midterm-2024")
#: Interface words that stay English on purpose in every language (names of standards).
ALLOWED = ("IATI", "Frictionless", "Data Package", "Table Schema", "Project Open Data")


def english_sentences(code: str) -> list[str]:
    """Pieces of interface messages that a page in ``code`` must not show in English:
    the literal runs (between placeholders and tags) of at least three words of each
    message the catalog translates differently."""
    found: set[str] = set()
    for entry in catalogs.read(code):
        if not entry.id or not entry.string:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        for text in ids:
            for piece in re.split(r"%\(\w+\)[sd]|%%|<[^>]+>|&\w+;", text):
                piece = " ".join(piece.split()).strip(" .,:;()")
                if (
                    len(piece.split()) >= 3
                    and not any(piece in s for s in strings)
                    and not any(word in piece for word in ALLOWED)
                ):
                    found.add(piece)
    return sorted(found, key=len, reverse=True)


def page_of_type(site: Path, root: str, key: str) -> str:
    """The URL path (from the site root) of the page standing for ``key`` in the
    language whose pages are under ``root`` ("fr/"), the translated plan's if it has one."""
    base = site / root.rstrip("/") if root else site
    pages = pages_by_type(base).get(key) or []
    if not pages:
        pytest.fail(f"no {key} page under /{root}")
    preferred = [rel for rel in pages if any(name in rel for name in TRANSLATED)]
    rel = representative(base, preferred or pages)
    return root + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


@pytest.fixture(scope="session")
def arabic() -> Iterator[BuiltSite]:
    """The example in English and Arabic (right to left, Arabic-Indic digits), public."""
    project = copy_example("arabic")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "languages: [en, fr]", "languages: [en, ar]\n      native_digits: true"
    )
    assert "languages: [en, ar]" in text
    config.write_text(text, "utf-8")
    site = project / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        timeout=600,
    )
    url = example_site_url()
    with SiteServer(site, urlsplit(url).path or "/") as server:
        yield BuiltSite("public", site, url, server)


def sites(built: dict[str, BuiltSite], arabic: BuiltSite) -> dict[str, BuiltSite]:
    return {"fr": built["public"], "ar": arabic}


def open_page(browser: Browser, site: BuiltSite, path: str, width: int = 1280) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=1, base_url=site.server.root
    )
    context.route("**/*", _same_origin_only(site.server.origin))
    page = context.new_page()
    page.goto(site.server.root + path, wait_until="load")
    return page


def main_text(page: Page) -> str:
    """The text a reader sees in the page's main content, less the passages marked as
    being in another language (untranslated texts, shown in the default language)."""
    text = page.evaluate(
        """() => {
          const main = document.querySelector("main.ssa-embed")
            || document.querySelector("article");
          const lang = document.documentElement.lang;
          const copy = main.cloneNode(true);
          copy.querySelectorAll("[lang]").forEach(e => { if (e.lang !== lang) e.remove(); });
          document.body.appendChild(copy);
          const text = copy.innerText;
          copy.remove();
          return text;
        }"""
    )
    return " ".join(str(text).split())


@pytest.mark.parametrize("key", TYPES)
@pytest.mark.parametrize("code", ["fr", "ar"])
def test_each_page_type_is_in_the_language(
    browser: Browser,
    built: dict[str, BuiltSite],
    arabic: BuiltSite,
    screenshots_dir: Path,
    code: str,
    key: str,
) -> None:
    site = sites(built, arabic)[code]
    path = page_of_type(site.site, f"{code}/", key)
    page = open_page(browser, site, path)
    try:
        lang, direction = page.evaluate(
            "[document.documentElement.lang, document.documentElement.dir]"
        )
        text = main_text(page)
        violations = axe_violations(page)
        page.screenshot(path=str(screenshots_dir / f"language-{code}-{key}.png"), full_page=True)
    finally:
        page.context.close()
    assert (lang, direction) == (code, "rtl" if code == "ar" else "ltr"), path
    english = [s for s in english_sentences(code) if s in text]
    assert not english, f"/{path} shows English interface text: {english[:8]}"
    assert not violations, describe(path, violations)


@pytest.mark.parametrize("key", ["plan", "indicator", "evaluation", "glossary"])
def test_the_switcher_goes_to_the_same_page_and_back(
    browser: Browser, built: dict[str, BuiltSite], key: str
) -> None:
    site = built["public"]
    path = page_of_type(site.site, "fr/", key)
    page = open_page(browser, site, path)
    try:
        page.locator('nav.ssa-languages a[hreflang="en"]').click()
        page.wait_for_load_state("load")
        english = urlsplit(page.url).path
        assert page.evaluate("document.documentElement.lang") == "en"
        page.locator('nav.ssa-languages a[hreflang="fr"]').click()
        page.wait_for_load_state("load")
        back = urlsplit(page.url).path
    finally:
        page.context.close()
    prefix = urlsplit(site.site_url).path
    assert english == prefix + path.removeprefix("fr/"), (path, english)
    assert back == prefix + path


def test_an_arabic_page_is_mirrored_and_its_numbers_are_arabic(
    browser: Browser, arabic: BuiltSite
) -> None:
    path = page_of_type(arabic.site, "ar/", "indicator")
    page = open_page(browser, arabic, path)
    try:
        sidebar = page.locator(".md-sidebar--primary").bounding_box()
        content = page.locator(".md-content").bounding_box()
        table: Any = page.evaluate(
            """() => {
              const t = document.querySelector("table.ssa-tracking");
              const figures = [...t.tBodies[0].rows].flatMap(
                r => [...r.cells].slice(1, 4).map(c => c.innerText));
              return {figures: figures.join(" "),
                      fits: t.scrollWidth <= t.parentElement.clientWidth + 1
                        || getComputedStyle(t).overflowX !== "visible"};
            }"""
        )
    finally:
        page.context.close()
    assert sidebar and content and sidebar["x"] > content["x"], "navigation is not on the right"
    assert re.search(r"[\u0660-\u0669]", table["figures"]), "no Arabic-Indic digit in the table"
    assert not re.search(r"[0-9]", table["figures"]), f"Western digits: {table['figures']}"
    assert table["fits"]


def test_arabic_chart_text_is_legible_on_a_phone(browser: Browser, arabic: BuiltSite) -> None:
    path = page_of_type(arabic.site, "ar/", "indicator")
    page = open_page(browser, arabic, path, width=390)
    try:
        charts = page.evaluate(CHART_TEXT)
    finally:
        page.context.close()
    assert charts
    assert all(c["px"] >= 11 for c in charts), charts
