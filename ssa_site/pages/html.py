"""Finishing touches on the HTML of a rendered page (what MkDocs passes to on_page_content).

* Glossary terms in running text become ``<abbr title="definition">`` tooltips: the first
  use of each term on a page only; never in headings, captions, figures, tables, links,
  code, SVG, buttons or forms, inside another ``<abbr>``/``<dfn>``, in any attribute, inside
  a hyphenated word or in a name ("Larchmont Evaluation Group": a capitalised term next to
  another capitalised word). Only text between tags is touched, and it stays as it was
  escaped.
* Data tables, charts, download lists and lists of other results on generated pages
  (``_EXCLUDED_CLASSES``) are left out of the search index: they repeat the titles of
  pages that are indexed themselves, or each other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import escape

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ssa_site.load.glossary import Glossary, Term

#: Elements whose text is never marked.
SKIP = frozenset(
    [
        "a",
        "abbr",
        "button",
        "caption",
        "code",
        "dfn",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "kbd",
        "label",
        "math",
        "nav",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "summary",
        "svg",
        "table",
        "textarea",
        "title",
        "var",
    ]
)
#: Elements whose content is raw text: skipped whole.
RAW = frozenset({"script", "style", "textarea", "title"})
_SKIP_TAG = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>"
    r"|<(?P<name>(?:"
    + "|".join(sorted(SKIP, key=len, reverse=True))
    + r")(?=[\s/>])|[A-Za-z][A-Za-z0-9:-]*(?=[^>]*\bdata-glossary-skip\b))"
    r"(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S | re.I,
)
#: What generated pages hold that search need not: data tables, charts (their captions
#: and text alternatives repeat the tables), lists of downloads, the steps of status
#: arithmetic, and lists of other results (chains, alignment, related pages), which are
#: indexed on their own pages.
_EXCLUDED_CLASSES = (
    "ssa-table ssa-chart ssa-map ssa-download-list ssa-chain-block ssa-alignment ssa-related "
    "ssa-arithmetic"
)
_SEARCH_EXCLUDED = re.compile(
    r"<(table|figure|ul|ol|div)(?=\s)([^>]*\bclass=\"(?:"
    + "|".join(_EXCLUDED_CLASSES.split())
    + r")[\s\"])"
)


class TermMarker:
    """Marks every glossary term in the text of a page, worked out once per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_form: dict[str, Term] = {}  # escaped form, lower case → term
        self.exact: dict[str, str] = {}  # abbreviations match only as written
        for term in glossary.terms:
            forms = [(f, False) for f in term.forms]
            if term.abbreviation:
                forms.append((term.abbreviation, True))
            for form, exact in forms:
                # Matched against escaped text: "M&E" is "M&amp;E" there.
                raw = str(escape(form))
                key = raw.lower()
                if key in self.by_form:
                    continue
                self.by_form[key] = term
                if exact:
                    self.exact[key] = raw
        self.titles = {id(t): str(escape(_tooltip(t))) for t in glossary.terms}
        self.pattern = (
            re.compile(rf"(?<![\w&-])(?:{_trie(self.by_form)})(?![\w-])", re.IGNORECASE)
            if self.by_form
            else None
        )

    def _term(self, match: re.Match[str]) -> Term | None:
        text = match.group(0)
        key = text.lower()
        if key not in self.by_form:
            key = " ".join(key.split())  # a multi-word term across a line break
        term = self.by_form.get(key)
        if term is None or self.exact.get(key, text) != text:
            return None
        return term

    def mark(self, html: str) -> str:
        """``html`` with the terms of its text nodes wrapped in ``<abbr>``.

        Finds the terms first, then keeps those outside tags, comments and skipped
        elements: the costly part (the search) runs in the regular expression engine.
        """
        if self.pattern is None or self.pattern.search(html) is None:
            return html
        seen: set[int] = set()  # terms marked already: the first use on a page only
        out: list[str] = []
        position = 0
        for match in self._outside_skipped(html):
            start = match.start()
            if html.rfind("<", 0, start) > html.rfind(">", 0, start):
                continue  # inside a tag: an attribute value
            term = self._term(match)
            if term is None or id(term) in seen or in_name(html, match):
                continue
            seen.add(id(term))
            out.append(html[position:start])
            out.append(f'<abbr title="{self.titles[id(term)]}">{match.group(0)}</abbr>')
            position = match.end()
        out.append(html[position:])
        return "".join(out)

    def _outside_skipped(self, html: str) -> Iterator[re.Match[str]]:
        """Matches of the terms outside comments, raw-text and skipped elements: only the
        text between those is searched (tables, most of a generated page, are skipped)."""
        assert self.pattern is not None
        gap = 0
        for start, end in [*skipped_spans(html), (len(html), len(html))]:
            if start > gap:
                # The look-behind sees the text before the gap, as a search of the whole
                # page does; a term cannot reach into a span (it would hold its "<").
                yield from self.pattern.finditer(html, gap, start)
            gap = end


_WORD_BEFORE = re.compile(r"([\w'’-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([\w'’-]+)")


def in_name(html: str, match: re.Match[str]) -> bool:
    """Whether a capitalised match is part of a name: a capitalised word right before or
    after it in the same text ("Larchmont Evaluation Group", "Evaluation Group", "Global
    Goals"). A capitalised term at the start of a sentence followed by lower case is not."""
    text = match.group(0)
    if not text[:1].isupper():
        return False
    before = _WORD_BEFORE.search(html, max(0, match.start() - 40), match.start())
    after = _WORD_AFTER.search(html[match.end() : match.end() + 40])
    return any(word is not None and word.group(1)[:1].isupper() for word in (before, after))


def skipped_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of every comment, raw-text element and element whose text is never
    marked, outermost only, in order."""
    spans: list[tuple[int, int]] = []
    end_of_last = 0
    for tag in _SKIP_TAG.finditer(html):
        if tag.start() < end_of_last:
            continue  # inside the previous span
        name = (tag.group("name") or "").lower()
        if not name:  # a comment or CDATA
            spans.append((tag.start(), tag.end()))
            end_of_last = tag.end()
            continue
        if tag.group("attrs").rstrip().endswith("/"):
            continue  # <svg/>
        stop = _closing(html, name, tag.end())
        spans.append((tag.start(), stop))
        end_of_last = stop
    return spans


def _closing(html: str, name: str, position: int) -> int:
    """The end of the element ``name`` opened just before ``position`` (nesting counted)."""
    if name in RAW:
        close = re.compile(rf"</{name}\s*>", re.I).search(html, position)
        return close.end() if close else len(html)
    depth = 1
    for tag in re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>", re.I).finditer(html, position):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return len(html)


def _trie(forms: dict[str, Term]) -> str:
    """One regular expression matching every form, its alternatives factored into a
    trie (much faster than a flat alternation); longer forms win over their prefixes."""
    root: dict[str, dict[str, Any]] = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return pattern(root)


def _tooltip(term: Term) -> str:
    if term.abbreviation:
        return f"{term.term[:1].upper()}{term.term[1:]} ({term.abbreviation}): {term.definition}"
    return term.definition


def exclude_data_tables(html: str) -> str:
    """Mark the data tables, charts, download lists and result lists of generated pages
    ``data-search-exclude``, which mkdocs-material's search plugin honours."""
    return _SEARCH_EXCLUDED.sub(r"<\1 data-search-exclude\2", html)
