"""Finishing touches on the HTML of a rendered page (what MkDocs passes to on_page_content).

* Glossary terms in running text become ``<abbr title="definition">`` tooltips; never in
  headings, links, code, SVG, buttons or forms, inside another ``<abbr>``/``<dfn>``, or in
  any attribute. Only text between tags is touched, and it stays as it was escaped.
* Data tables of generated pages (``<table class="ssa-table …">``) are left out of the
  search index: their rows repeat the titles of pages that are indexed themselves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    from .glossary import Glossary, Term

#: Elements whose text is never marked.
SKIP = frozenset(
    [
        "a",
        "abbr",
        "button",
        "code",
        "dfn",
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
        "svg",
        "textarea",
        "title",
        "var",
    ]
)
#: Elements whose content is raw text: skipped whole.
RAW = frozenset({"script", "style", "textarea", "title"})
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_NO_TERMS = re.compile(r"\bdata-glossary-skip\b")
_DATA_TABLE = re.compile(r"<table(?=\s)([^>]*\bclass=\"ssa-table[\s\"])")


class TermMarker:
    """Marks every glossary term in the text of a page, worked out once per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_form: dict[str, Term] = {}
        alternatives: list[tuple[str, str]] = []
        for term in glossary.terms:
            forms = [(f, False) for f in term.forms]
            if term.abbreviation:
                forms.append((term.abbreviation, True))
            for form, exact in forms:
                # Matched against escaped text: "M&E" is "M&amp;E" there.
                raw = str(escape(form))
                sensitive = exact or form != form.lower()
                key = raw if sensitive else raw.lower()
                if key in self.by_form:
                    continue
                self.by_form[key] = term
                pattern = re.escape(raw).replace(r"\ ", r"\s+")
                alternatives.append((raw, pattern if sensitive else f"(?i:{pattern})"))
        alternatives.sort(key=lambda a: len(a[0]), reverse=True)
        self.titles = {id(t): str(escape(_tooltip(t))) for t in glossary.terms}
        self.pattern = (
            re.compile(r"(?<![\w&-])(?:" + "|".join(p for _, p in alternatives) + r")(?![\w-])")
            if alternatives
            else None
        )

    def _term(self, text: str) -> Term | None:
        flat = re.sub(r"\s+", " ", text)
        return self.by_form.get(flat) or self.by_form.get(flat.lower())

    def _mark_text(self, text: str) -> str:
        assert self.pattern is not None

        def wrap(match: re.Match[str]) -> str:
            term = self._term(match.group(0))
            if term is None:
                return match.group(0)
            title = self.titles[id(term)]
            return f'<abbr class="ssa-term" title="{title}">{match.group(0)}</abbr>'

        return self.pattern.sub(wrap, text)

    def mark(self, html: str) -> str:
        """``html`` with the terms of its text nodes wrapped in ``<abbr>``."""
        if self.pattern is None:
            return html
        out: list[str] = []
        stack: list[tuple[str, bool]] = []  # open elements and whether they skip
        skipping = 0
        position = 0
        for token in _TOKEN.finditer(html):
            if token.start() < position:  # inside a raw-text element already copied
                continue
            text = html[position : token.start()]
            out.append(self._mark_text(text) if text and not skipping else text)
            out.append(token.group(0))
            position = token.end()
            name = (token.group("name") or "").lower()
            if not name:
                continue
            if token.group("end"):
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        skipping -= sum(1 for _, skip in stack[depth:] if skip)
                        del stack[depth:]
                        break
                continue
            attrs = token.group("attrs") or ""
            if name in RAW:
                close = re.compile(rf"</{name}\s*>", re.I).search(html, position)
                stop = close.end() if close else len(html)
                out.append(html[position:stop])
                position = stop
                continue
            if name in VOID or attrs.rstrip().endswith("/"):
                continue
            skip = name in SKIP or bool(_NO_TERMS.search(attrs))
            stack.append((name, skip))
            skipping += skip
        tail = html[position:]
        out.append(self._mark_text(tail) if tail and not skipping else tail)
        return "".join(out)


def _tooltip(term: Term) -> str:
    if term.abbreviation:
        return f"{term.term[:1].upper()}{term.term[1:]} ({term.abbreviation}): {term.definition}"
    return term.definition


def exclude_data_tables(html: str) -> str:
    """Mark the data tables of generated pages ``data-search-exclude``."""
    return _DATA_TABLE.sub(r"<table data-search-exclude\1", html)
