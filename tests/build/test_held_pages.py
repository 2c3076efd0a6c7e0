"""Pages' HTML held compressed between rendering and writing (ssa_site.build.held_pages)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from ssa_site.build.held_pages import HELD, HeldPages

if TYPE_CHECKING:
    from pathlib import Path


def page(name: str, html: str) -> Page:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": "docs", "site_dir": "site"})
    made = Page(None, File(f"{name}.md", "docs", "site", use_directory_urls=True), config)
    made.content = html
    return made


def test_a_page_is_held_once_mkdocs_moves_on_and_given_back_as_it_was() -> None:
    html = "<h2>Tracking – figures ≥ 100 %</h2>" + "<tr><td>1</td></tr>" * 5000
    first, second = page("one", html), page("two", "<p>short</p>")
    held = HeldPages()
    held.rendered(first)  # MkDocs starts on the first page
    assert first.content == html
    held.rendered(second)  # and goes on to the second: the first one's HTML is final
    assert first.content == HELD
    held.rendered(None)  # every page rendered
    assert second.content == HELD
    held.give_back(first)  # the theme and the search index need it
    assert first.content == html
    held.written(first)
    assert first.content == HELD
    held.give_back(second)
    assert second.content == "<p>short</p>"


def test_a_page_never_rendered_is_left_alone() -> None:
    other = page("other", "<p>set by another plugin</p>")
    held = HeldPages()
    held.give_back(other)
    held.written(other)
    assert other.content == "<p>set by another plugin</p>"


def test_every_page_of_the_example_is_written_and_indexed_with_its_own_html(
    example_builds: dict[str, Path],
) -> None:
    """In a real build every page's HTML comes back before the theme and the search index
    read it: no page, and no entry of the search index, carries the placeholder."""
    for site in example_builds.values():
        pages = list(site.rglob("*.html"))
        assert len(pages) > 100
        for built in pages:
            assert HELD not in built.read_text("utf-8"), built
        index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
        # The search plugin drops HTML comments: pages indexed while held would leave the
        # index without their text and sections (the example's holds about 195,000 chars).
        texts = [entry["text"] for entry in index["docs"]]
        assert sum(len(text) for text in texts) > 100_000
        assert sum("#" in entry["location"] for entry in index["docs"]) > 100
