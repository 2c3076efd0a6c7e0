"""A site without the ``languages`` option is in the theme's language: the plugin's pages
speak it when the package has its catalog, and English when it has none (never an error);
translation files of other languages are not pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import build, read

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.slow

PLAN = "plans/northland-ics/index.html"


def with_theme_language(project: Callable[..., Path], code: str) -> Path:
    root = project("minimal")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  font: false\n", f"  font: false\n  language: {code}\n", 1
    )
    config.write_text(text, "utf-8")
    (root / "content" / "about.md").write_text("# About\n\nIn English.\n", "utf-8")
    (root / "content" / "about.fr.md").write_text("# À propos\n\nEn français.\n", "utf-8")
    return root


def test_a_french_themed_site_gets_french_pages(project: Callable[..., Path]) -> None:
    site = build(with_theme_language(project, "fr"))
    page = read(site, PLAN)
    assert '<html lang="fr"' in page
    assert "Statut" in page and "## Status" not in page
    # One language: the French translation is no page of its own, and about.md is built.
    assert not (site / "about.fr").exists()
    assert "In English." in read(site, "about/index.html")


def test_a_site_in_a_language_without_catalog_gets_english_pages(
    project: Callable[..., Path],
) -> None:
    site = build(with_theme_language(project, "de"))
    page = read(site, PLAN)
    assert '<html lang="de"' in page  # the theme's own strings are German
    assert ">Status<" in page or "Status</h2>" in page
    assert not (site / "fr").exists()


def test_an_error_in_a_translation_stops_the_build_before_any_language_is_written(
    project: Callable[..., Path],
) -> None:
    root = project("minimal")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - ssa:\n", "  - ssa:\n      languages: [en, fr]\n", 1),
        "utf-8",
    )
    narrative = root / "content" / "plans" / "northland-ics" / "index.fr.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text("---\nvisibility: secrète\n---\nRécit.\n", "utf-8")
    with pytest.raises(Exception, match="BuildError"):  # MkDocs aborts on the plugin error
        build(root)
    site = root / "site"
    assert not (site / "index.html").exists() and not (site / "fr").exists()
