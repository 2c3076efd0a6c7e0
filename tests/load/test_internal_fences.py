"""Internal passages are read as pymdownx.blocks reads their fences (SPEC §3).

``/// internal`` is not a block pymdownx knows: ``filter_internal_blocks`` drops the passage
(public) or marks it (internal) before Markdown sees it, so it must find the same passage
pymdownx would find if ``internal`` were one of its blocks. The oracle below is that:
pymdownx.blocks with an ``internal`` block registered, rendering its content into a
``div.oracle``. For each fence variant pymdownx accepts, the public text keeps exactly the
tokens pymdownx puts outside the passage; for random documents, it keeps none of those it
puts inside (where pymdownx can be read two ways, the filter drops more, never less).

Real builds of every variant, public and internal, close the module.
"""

from __future__ import annotations

import gc
import re
import signal
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

import lxml.html
import markdown
import pytest
from conftest import FIXTURES, all_text, build, write_project
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from ssa_site.load.narratives import filter_internal_blocks

if TYPE_CHECKING:
    from pathlib import Path

    from pymdownx.blocks import BlocksProcessor

TOKEN = re.compile(r"\bT\d+\b")


class _Internal(Block):  # type: ignore[misc]
    NAME = "internal"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "div", {"class": "oracle", "title": self.argument or ""})


class _Oracle(BlocksExtension):  # type: ignore[misc]
    def extendMarkdownBlocks(self, md: markdown.Markdown, block_mgr: BlocksProcessor) -> None:
        block_mgr.register(_Internal, {})


EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "fenced_code"]
BLOCKS = ["pymdownx.blocks.admonition", "pymdownx.blocks.details"]


def render(text: str, oracle: bool = True) -> str:
    extensions: list[Any] = [*EXTENSIONS, *BLOCKS]
    return markdown.Markdown(extensions=[*extensions, _Oracle()] if oracle else extensions).convert(
        text
    )


def inside(text: str, html: str | None = None) -> set[str]:
    """The tokens pymdownx puts inside an internal block (its title included)."""
    tree = lxml.html.fragment_fromstring(html or render(text), create_parent="div")
    found: set[str] = set()
    for element in tree.xpath('//div[contains(concat(" ", @class, " "), " oracle ")]'):
        html = lxml.html.tostring(element, encoding="unicode", with_tail=False)
        found.update(TOKEN.findall(html))
    return found


# Each variant: one passage holding T1 (and maybe more), public text before and after.
VARIANTS = {
    "three slashes": "T0\n\n/// internal\nT1\n///\n\nT9\n",
    "four slashes": "T0\n\n//// internal\nT1\n////\n\nT9\n",
    "five slashes": "T0\n\n///// internal\nT1\n/////\n\nT9\n",
    "name in capitals": "T0\n\n/// INTERNAL\nT1\n///\n\nT9\n",
    "name capitalised": "T0\n\n//// Internal\nT1\n////\n\nT9\n",
    "no space before the name": "T0\n\n////internal\nT1\n////\n\nT9\n",
    "spaces around the name": "T0\n\n////    internal   \nT1\n////   \n\nT9\n",
    "a tab before the name": "T0\n\n////\tinternal\nT1\n////\t\n\nT9\n",
    "a title": "T0\n\n//// internal | Title T2\nT1\n////\n\nT9\n",
    "a title, no spaces": "T0\n\n////internal|T2\nT1\n////\n\nT9\n",
    "options": "T0\n\n//// internal\n    attrs: {class: T2}\nT1\n////\n\nT9\n",
    "a title and options": "T0\n\n/// internal | T2\n    attrs: {id: T3}\nT1\n///\n\nT9\n",
    "indented 1 to 3 spaces": "T0\n\n   //// internal\nT1\n  ////\n\nT9\n",
    "the closing fence indented": "T0\n\n//// internal\nT1\n   ////\n\nT9\n",
    "no blank lines": "T0\n//// internal\nT1\n////\nT9\n",
    "blank lines inside": "T0\n\n//// internal\n\nT1\n\nT2\n\n////\n\nT9\n",
    "inner block, shorter fence": (
        "T0\n\n//// internal\nT1\n/// details | T2\nT3\n///\nT4\n////\n\nT9\n"
    ),
    "inner block, longer fence": (
        "T0\n\n/// internal\nT1\n//// details | T2\nT3\n////\nT4\n///\n\nT9\n"
    ),
    "inner block, same fence": "T0\n\n/// internal\nT1\n/// note\nT3\n///\nT4\n///\n\nT9\n",
    "inner blocks, three deep": (
        "T0\n\n///// internal\nT1\n//// details | T2\n/// note\nT3\n///\nT4\n////\nT5\n"
        "/////\n\nT9\n"
    ),
    "a shorter fence inside closes nothing": "T0\n\n//// internal\nT1\n///\nT2\n////\n\nT9\n",
    "a longer fence inside closes nothing": "T0\n\n/// internal\nT1\n////\nT2\n///\n\nT9\n",
    "a fence in code": "T0\n\n//// internal\nT1\n```\n////\n```\nT2\n////\n\nT9\n",
    "a fence in tilde code": "T0\n\n/// internal\nT1\n~~~~\n///\n~~~~\nT2\n///\n\nT9\n",
    "a fence in raw HTML": "T0\n\n/// internal\nT1\n<div>\n///\n</div>\nT2\n///\n\nT9\n",
    "a fence in a comment": "T0\n\n/// internal\nT1\n<!--\n///\n-->\nT2\n///\n\nT9\n",
    "an indented code line": "T0\n\n/// internal\nT1\n\n    ///\n\nT2\n///\n\nT9\n",
    "in a list item": "- T0\n\n    //// internal\n    T1\n    ////\n\nT9\n",
    "after a list marker": "- T0\n- //// internal\n  T1\n  ////\n\nT9\n",
    "in a block quote": "> T0\n>\n> //// internal\n> T1\n> ////\n\nT9\n",
    "in a block quote, lazy line": "> T0\n>\n> /// internal\nT1\n> ///\n\nT9\n",
    "in a nested block quote": "> > T0\n> >\n> > /// internal\n> > T1\n> > ///\n\nT9\n",
    "inside another block": "/// note\nT0\n\n//// internal\nT1\n////\n\nT8\n///\n\nT9\n",
    "two passages": "T0\n\n/// internal\nT1\n///\n\nT8\n\n//// internal\nT2\n////\n\nT9\n",
    "Windows line ends": "T0\r\n\r\n//// internal\r\nT1\r\n////\r\n\r\nT9\r\n",
    "old Mac line ends": "T0\r\r//// internal\rT1\r////\r\rT9\r",
    "a form feed is no line end": "T0\n\n/// internal\nT1\x0c///\nT2\n///\n\nT9\n",
    "a line separator is no line end": "T0\n\n/// internal\nT1\u2028///\nT2\n///\n\nT9\n",
    "unclosed, to the end": "T0\n\n//// internal\nT1\n",  # last: it takes all after it
}


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
def test_the_public_keeps_exactly_what_pymdownx_puts_outside_the_passage(text: str) -> None:
    hidden = inside(text)
    assert "T1" in hidden  # the oracle sees the passage
    tokens = set(TOKEN.findall(text))
    public = filter_internal_blocks(text, internal=False)
    assert set(TOKEN.findall(public)) == tokens - hidden
    assert not set(TOKEN.findall(render(public))) & hidden


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
def test_the_internal_build_marks_the_passage_and_keeps_its_text(text: str) -> None:
    internal = filter_internal_blocks(text, internal=True)
    html = render(internal, oracle=False)
    assert "ssa-internal-passage__label" in html
    options = re.compile(r"^ {4}attrs:.*$", re.MULTILINE)  # the block's, not shown
    assert set(TOKEN.findall(html)) == set(TOKEN.findall(options.sub("", text)))
    assert not re.search(r"/{3,} *internal", html, re.IGNORECASE)


def test_a_title_is_shown_in_the_internal_build_and_escaped() -> None:
    internal = filter_internal_blocks("//// internal | Budget <b>cut</b>\nText.\n////\n", True)
    html = render(internal, oracle=False)
    assert "Internal passage: Budget &lt;b&gt;cut&lt;/b&gt;" in html
    assert "<b>" not in html


def test_text_that_pymdownx_does_not_read_as_a_fence_is_left_alone() -> None:
    for text in (
        "T0\n\n\\/// internal\nT1\n",  # escaped
        "T0\n\n/// internal-notes\nT1\n///\n",  # another name
        "T0\n\n// internal\nT1\n//\n",  # two slashes
    ):
        assert filter_internal_blocks(text, internal=False) == text


# -- random documents --------------------------------------------------------------------

PREFIXES = ["", "", "", " ", "   ", "    ", "\t", "> ", ">", "> > ", "- ", "1. ", "    > "]
NAMES = [" internal", "internal", " Internal", " INTERNAL", " details", " note", " bogus", ""]
SUFFIXES = ["", " ", " | Title T@", "|T@", " x"]
SHAPES = {
    "open": "{p}{s}{name}{suffix}",
    "close": "{p}{s}",
    "close with spaces": "{p}{s}  ",
    "text": "{p}T@",
    "blank": "",
    "code": "{p}```",
    "long code": "{p}````",
    "tilde code": "{p}~~~",
    "div": "{p}<div>",
    "markdown div": '{p}<div markdown="1">',
    "end div": "{p}</div>",
    "comment": "{p}<!--",
    "end comment": "{p}-->",
    "option": "{p}    attrs: {{class: x}}",
    "item": "{p}- T@",
    "inline div": "{p}T@ <div>",
}
KINDS = ["open"] * 4 + ["close"] * 4 + ["text"] * 3 + ["blank"] * 2 + list(SHAPES)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for number in range(draw(st.integers(3, 20))):
        shape = SHAPES[draw(st.sampled_from(KINDS))]
        line = shape.format(
            p=draw(st.sampled_from(PREFIXES)),
            s="/" * draw(st.integers(3, 5)),
            name=draw(st.sampled_from(NAMES)),
            suffix=draw(st.sampled_from(SUFFIXES)),
        )
        lines.append(line.replace("@", str(number)))
    return "\n".join(lines) + "\n"


class _TooSlow(BaseException):  # not an Exception: pymdownx swallows those
    pass


def _too_slow(*_: object) -> None:
    raise _TooSlow


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
def test_no_random_document_publishes_what_pymdownx_puts_in_a_passage(text: str) -> None:
    previous = signal.signal(signal.SIGALRM, _too_slow)
    gc.disable()  # the timer's exception must not land in a collector callback, ignored
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.25, 0.05)  # pymdownx loops on some
            html = render(text)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except (_TooSlow, RecursionError):
        html = ""
    finally:
        gc.enable()
        signal.signal(signal.SIGALRM, previous)
    found = TOKEN.findall(html)
    assume(found and len(found) == len(set(found)))  # pymdownx copies text in some documents
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if re.search(r"/ *internal", line, re.I)), None)
    assume(first is not None)
    hidden = inside(text, html) & set(TOKEN.findall("\n".join(lines[first:])))
    public = filter_internal_blocks(text, internal=False)
    assert not set(TOKEN.findall(public)) & hidden


# -- a real build ---------------------------------------------------------------------------

MKDOCS_YML = (
    (FIXTURES / "minimal" / "mkdocs.yml")
    .read_text("utf-8")
    .replace(
        "  - pymdownx.blocks.admonition\n",
        "  - pymdownx.blocks.admonition\n  - pymdownx.blocks.details\n",
    )
)


def canary_page(kind: str) -> str:
    """Every variant, its tokens made canaries: CANARY-FENCE-<kind>-<variant>-T<n>."""
    pages = []
    for number, (name, text) in enumerate(VARIANTS.items()):
        hidden = inside(text)
        marked = TOKEN.sub(
            lambda m, n=number, h=hidden: (
                f"CANARY-FENCE-{kind}-{n}-{m.group()}" if m.group() in h else f"public {m.group()}"
            ),
            text.replace("\r\n", "\n").replace("\r", "\n"),
        )
        pages.append(f"## Variant {number}: {name}\n\n{marked}\n\nEnd of variant {number}.\n")
    return "\n".join(pages)


@pytest.fixture(scope="module")
def fenced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("fences") / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    narrative = (root / "content/plans/northland-ics/index.md").read_text("utf-8")
    review = (root / "content/reviews/northland-ics/2024-11-01.md").read_text("utf-8")
    return write_project(
        root,
        {
            "mkdocs.yml": MKDOCS_YML,
            "content/notes.md": "# Notes\n\n" + canary_page("page"),
            "content/plans/northland-ics/index.md": narrative + "\n" + canary_page("plan"),
            "content/reviews/northland-ics/2024-11-01.md": review + "\n" + canary_page("review"),
        },
    )


@pytest.mark.slow
def test_no_fence_variant_reaches_a_public_build(fenced: Path) -> None:
    site = build(fenced, "public", strict=False)
    texts = all_text(site)
    assert {"search/search_index.json", "sitemap.xml", "notes/index.html"} <= set(texts)
    leaks = {
        path: sorted(set(re.findall(r"CANARY-FENCE-[\w-]+", text)))
        for path, text in texts.items()
        if "CANARY-FENCE" in text
    }
    assert not leaks
    notes = texts["notes/index.html"]
    for number in range(len(VARIANTS) - 1):  # the last one is never closed
        assert f"End of variant {number}." in notes  # nothing after a passage is lost
    assert "public T9" in texts["plans/northland-ics/index.html"]


@pytest.mark.slow
def test_the_internal_build_keeps_every_variant(fenced: Path) -> None:
    texts = all_text(build(fenced, "internal", strict=False))
    shown = {c for text in texts.values() for c in re.findall(r"CANARY-FENCE-[\w-]+", text)}
    options = re.compile(r"^ {4}attrs:.*$", re.MULTILINE)  # the block's, not shown
    expected = {
        c
        for kind in ("page", "plan", "review")
        for c in re.findall(r"CANARY-FENCE-[\w-]+", options.sub("", canary_page(kind)))
    }
    assert expected - shown == set()
    assert texts["notes/index.html"].count("ssa-internal-passage__label") >= len(VARIANTS)
