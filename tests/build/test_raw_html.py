"""Generated pages' HTML blocks set aside without html.parser (ssa_site.build.raw_html):
Markdown's own output, byte for byte, judged by Python-Markdown itself.

Each document is converted twice with the site's Markdown extensions, once as MkDocs
does and once with the plugin's extension active, and the HTML and the table of contents
(the right-hand navigation and the search sections) must be the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown
import pytest
import yaml
from generated_sites import generated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssa_site.build.raw_html import RawHtmlExtension, split_blocks

if TYPE_CHECKING:
    from pathlib import Path

#: The extensions of the example site (mkdocs.yml plus those the plugin requires).
EXTENSIONS: list[object] = [
    "abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
    "pymdownx.blocks.admonition", "pymdownx.blocks.details", "pymdownx.superfences",
]  # fmt: skip
CONFIGS = {"toc": {"permalink": True}}


def convert(text: str, fast: bool, extensions: list[object] | None = None) -> tuple[str, str]:
    chosen = list(extensions or EXTENSIONS)
    if fast:
        chosen.append(RawHtmlExtension(lambda: True))
    md = markdown.Markdown(extensions=chosen, extension_configs=CONFIGS)
    html = md.convert(text)
    return html, repr(getattr(md, "toc_tokens", None))


def handled(text: str) -> bool:
    """Whether the fast path takes the text (rather than leaving it to Markdown)."""
    md = markdown.Markdown(extensions=["md_in_html"])
    return split_blocks(text, md) is not None


CASES = {
    "nested blocks and void tags": (
        '<div class="a">\n<p>One<br>two <img src="x.png" alt=""></p>\n'
        "<table><tr><td>1</td></tr></table>\n</div>\n\n## Next { #next }\n\nText.\n",
        True,
    ),
    "a paragraph right after a block": ("<div>\n<p>x</p>\n</div>\nSome *text*.\n", True),
    "a block right after a paragraph": ("Some text.\n<div>block</div>\n\nMore.\n", True),
    "blocks back to back": ("<nav>a</nav>\n<p>b</p>\n<figure>c</figure>\n", True),
    "indented up to three spaces": ("   <div>x</div>\n\n    <div>code</div>\n", True),
    "a block tag inside a line stays inline": ("Text <div>in</div> text.\n\n<p>x</p>\n", True),
    "an end tag that closes what is left open": ("<div><p>one<p>two</div>\n\nafter\n", True),
    "uppercase and self-closed inline tags": ("<DIV><span/>x<BR/></DIV>\n\nz\n", True),
    "a list then a block": ("- one\n- two\n<ul><li>x</li></ul>\n\n- three\n", True),
    "a textarea of escaped code": ("<div>\n<textarea>&lt;iframe&gt;</textarea>\n</div>\n", True),
    "an SVG title": ('<svg viewBox="0 0 1 1"><title>T</title><rect/></svg>\n\nx\n', True),
    "entities": ("<p>&amp; &#169; &copy;</p>\n\nAT&T &notanentity\n", True),
    # Fenced code is set aside before the fast path runs (its own text alone is not taken).
    "a fenced code block holding HTML": ("```html\n<div>\n```\n\n<p>x</p>\n", False),
    # Left to Markdown:
    "text after the end tag on its line": ("<div>x</div> tail *text*\n\n<p>y</p>\n", False),
    "a comment": ("<!-- note -->\n<div>x</div>\n", False),
    "markdown inside a block": ('<div markdown="1">\n*x*\n</div>\n', False),
    "a script holding a tag": ("<div><script>a = '<b>'</script></div>\n", False),
    "a rule": ("<hr>\n\ntext\n", False),
    "a block never closed": ("<div>\n<p>x</p>\n\nrest\n", False),
    "a stray angle bracket": ("<p>1 < 2</p>\n", False),
}


@pytest.mark.parametrize("name", CASES)
def test_the_fast_path_gives_markdowns_own_html(name: str) -> None:
    text, fast = CASES[name]
    assert convert(text, fast=True) == convert(text, fast=False)
    assert handled(text) is fast


def pages(project: Path) -> list[Path]:
    return sorted((project / "docs").rglob("*.md"))


def body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_page_of_the_example_converts_to_the_same_html(audience: str) -> None:
    project = generated(audience)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    texts = [body(p) for p in pages(project)]
    for path, text in zip(pages(project), texts, strict=True):
        assert convert(text, True, extensions) == convert(text, False, extensions), path
    # Most generated pages take the fast path (or this test would prove little).
    taken = sum(handled(t) for t in texts)
    assert taken >= 0.8 * len(texts), f"{taken} of {len(texts)} pages"


LINES = [
    "", "", "", "Text with *emphasis*.", "## Heading { #h }", "- item", "1. item",
    "<div>", "</div>", "<p>para</p>", "<div><p>x</p></div>", "<table><tr><td>1",
    "</td></tr></table>", "<br>", "<img src=a.png>", "<span>in</span> line",
    "   <section>s</section>", "    indented code", "> quote", "<details><summary>s</summary>",
    "</details>", "<ol><li>a<li>b</ol>", "| a | b |", "|---|---|", "| 1 | 2 |",
    "text <div>mid</div> text", "<nav>n</nav>", "</p>", "<figure>", "</figure>",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=25))
def test_any_mix_of_blocks_and_text_gives_markdowns_own_html(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    assert convert(text, fast=True) == convert(text, fast=False)
