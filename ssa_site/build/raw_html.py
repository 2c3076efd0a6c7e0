"""The raw HTML blocks of generated pages, set aside for Markdown without parsing them.

A generated page is mostly HTML written by the plugin's templates: tracking tables,
reference sheets, figures. Python-Markdown sets every raw HTML block aside before it
parses the rest (its ``html_block`` preprocessor), and finds those blocks by running
Python's ``html.parser`` over the whole page: for a site of thousands of generated pages
that is the largest part of MkDocs' work.

:class:`RawHtmlBlocks` does the same job for generated pages with one regular expression
over the tags. It keeps to the rules of Python-Markdown's ``HTMLExtractor`` (a block-level
start tag at the start of a line opens a block, which closes with the end tag that empties
its stack of open tags) and stores each block in Markdown's own stash, exactly as that
preprocessor would, so the page's HTML is the same bytes. On anything it does not model
(comments, processing instructions, ``markdown`` attributes, script-like content holding
a tag, text after a block's end tag on its line, a stray ``<``), it leaves the whole page
to Markdown unchanged: it never guesses.

It runs only on the pages the build marks as generated (``active``); authored pages go
through Markdown's parser as they always have.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

#: Between superfences' fenced code (25) and Markdown's own html_block (20).
PRIORITY = 21

_TAG = re.compile(
    r"<(?:"
    r"(?P<start>[a-zA-Z][a-zA-Z0-9:-]*)"  # a start tag's name
    r"(?P<attrs>(?:\s+[^\s\"'>/=`<]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(?P<slash>/?)>"
    r"|/(?P<end>[a-zA-Z][a-zA-Z0-9:-]*)\s*>"  # an end tag
    r")"
)
#: A blank line right after a block's end tag (html.parser's ``blank_line_re``).
_BLANK_AFTER = re.compile(r"([ ]*\n){2}")
#: Elements whose content html.parser does not read as tags (in some Python versions).
_TEXT_ONLY = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
     "noscript", "plaintext"}
)  # fmt: skip
#: md_in_html's attribute: Markdown inside the block.
_MARKDOWN = re.compile(r"\smarkdown\b", re.IGNORECASE)
#: Elements Markdown treats apart (always empty blocks).
_APART = frozenset({"hr"})


class _Unmodelled(Exception):
    """Something Markdown's own parser should read."""


def split_blocks(text: str, md: Markdown) -> str | None:
    """``text`` with each raw HTML block stored in ``md``'s stash and replaced by its
    placeholder, as Python-Markdown's HTMLExtractor leaves it; None when the text holds
    something this does not model (Markdown's parser then reads the page)."""
    if "<!" in text or "<?" in text:
        return None
    try:
        return "".join(_pieces(text, md))
    except _Unmodelled:
        return None


def _pieces(text: str, md: Markdown) -> list[str]:
    pieces: list[str] = []
    stored: list[str] = []  # blocks found, stashed once the whole page is known to be fine
    done = 0  # text before this is in pieces
    position = 0
    while True:
        found = text.find("<", position)
        if found < 0:
            break
        tag = _TAG.match(text, found)
        if tag is None:
            raise _Unmodelled
        name = (tag.group("start") or tag.group("end")).lower()
        position = tag.end()
        if name in _APART or _MARKDOWN.search(tag.group("attrs") or ""):
            raise _Unmodelled
        if name in _TEXT_ONLY and tag.group("start") and not _closes_next(text, name, position):
            raise _Unmodelled
        if tag.group("end") or not md.is_block_level(name) or not _at_line_start(text, found):
            continue  # inline, or an end tag outside a block: Markdown keeps it as written
        if tag.group("slash"):
            raise _Unmodelled  # a self-closed block tag: a block of its own in Markdown
        end = _block_end(text, tag)
        block = text[found:end]
        if _BLANK_AFTER.match(text, end):
            block += "\n"  # Markdown keeps the blank line with the block
        elif not text.startswith("\n", end):
            raise _Unmodelled  # text follows on the line (Markdown's "tail")
        pieces.append(text[done:found])
        pieces.append("\n")
        pieces.append(len(stored))  # type: ignore[arg-type]  # the placeholder, below
        pieces.append("\n\n")
        stored.append(block)
        done = position = end
    pieces.append(text[done:])
    placeholders = [md.htmlStash.store(block) for block in stored]
    return [placeholders[p] if isinstance(p, int) else p for p in pieces]


def _at_line_start(text: str, index: int) -> bool:
    """HTMLExtractor.at_line_start: at most three spaces before the tag on its line."""
    line = text.rfind("\n", 0, index) + 1
    return index - line <= 3 and not text[line:index].strip()


def _block_end(text: str, first: re.Match[str]) -> int:
    """Where the block opened by ``first`` ends: after the end tag that empties the stack
    of open tags (an end tag closes every tag opened after its own, as in HTMLExtractor)."""
    stack = [first.group("start").lower()]
    position = first.end()
    while stack:
        found = text.find("<", position)
        if found < 0:
            raise _Unmodelled  # never closed: Markdown stores the rest of the page
        tag = _TAG.match(text, found)
        if tag is None:
            raise _Unmodelled
        position = tag.end()
        if tag.group("end"):
            name = tag.group("end").lower()
            if name in stack:
                while stack.pop() != name:
                    pass
            continue
        name = tag.group("start").lower()
        if name in _APART or _MARKDOWN.search(tag.group("attrs")):
            raise _Unmodelled
        if name in _TEXT_ONLY and not _closes_next(text, name, position):
            raise _Unmodelled
        if not tag.group("slash"):
            stack.append(name)
    return position


def _closes_next(text: str, name: str, position: int) -> bool:
    """Whether the next tag after ``position`` closes ``name``: the content of a
    script-like element holds no ``<`` (nothing html.parser versions read differently)."""
    found = text.find("<", position)
    return (
        found >= 0
        and text[found + 2 : found + 2 + len(name)].lower() == name
        and (text.startswith("</", found))
    )


class RawHtmlBlocks(Preprocessor):
    """Store the raw HTML blocks of a generated page before Markdown's parser runs."""

    def __init__(self, md: Markdown, active: Callable[[], bool]) -> None:
        super().__init__(md)
        self.active = active

    def run(self, lines: list[str]) -> list[str]:
        if not self.active():
            return lines
        text = split_blocks("\n".join(lines), self.md)
        return lines if text is None else text.split("\n")


class RawHtmlExtension(Extension):
    """The Markdown extension the plugin adds to a build: :class:`RawHtmlBlocks`."""

    def __init__(self, active: Callable[[], bool]) -> None:
        super().__init__()
        self.active = active

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(RawHtmlBlocks(md, self.active), "ssa_raw_html", PRIORITY)
