"""Markdown narratives: front matter, attachment to plans and results, internal passages.

``content/plans/<plan>/index.md`` narrates plan ``<plan>``; ``content/plans/<plan>/<id>.md``
narrates result ``<id>``.  Front matter ``plan:`` and ``result:`` may say so explicitly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import yaml
from markdown.util import BLOCK_LEVEL_ELEMENTS

from ssa_site.base.problems import ProblemType
from ssa_site.load.front_matter import TextDateLoader, YamlProblem, read_text, yaml_problem
from ssa_site.load.localized import localized, with_original_visibility
from ssa_site.model.plan import INTERNAL, Portfolio

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # Markdown's lines: no \f, \u2028…
_MARKER = re.compile(r" *(>|(?:[-*+]|\d{1,9}[.)])(?= ))")  # a block quote's or a list item's
_FENCE = re.compile(r"(/{3,}) *(.*?) *$")
_NAMED = re.compile(r"[\w-]")
_INTERNAL = re.compile(r"internal(?![\w-]) *(?:\| *(.*))?", re.IGNORECASE)
_CODE = re.compile(r"`{3,}|~{3,}")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?![\w-])")
#: Python-Markdown's block-level elements (markdown.util), whose HTML is kept raw.
_RAW_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr"}
_LEADING_H1 = re.compile(r"\A\s*#(?!#)[ \t]+[^\n]*\n")

PAGE_FRONT_MATTER_NOT_A_MAPPING = ProblemType(
    "page-front-matter-not-a-mapping",
    "Page front matter not a mapping",
    "must be a mapping of fields",
    "fix the YAML between the --- lines",
)
UNKNOWN_PAGE_VISIBILITY = ProblemType(
    "unknown-page-visibility",
    "Page visibility not public or internal",
    "'{visibility}' is not a visibility",
    "use public or internal",
)
UNKNOWN_NARRATED_PLAN = ProblemType(
    "unknown-narrated-plan",
    "Narrative of no plan",
    "narrates plan '{plan}', which does not exist",
    "rename the folder or set 'plan:' to one of: {plans}",
)
UNKNOWN_NARRATED_RESULT = ProblemType(
    "unknown-narrated-result",
    "Narrative of no result",
    "narrates result '{result}', which plan '{plan}' does not have",
    "rename the file to an id from {path}, or set 'result:' in the front matter",
)
DUPLICATE_PLAN_NARRATIVE = ProblemType(
    "duplicate-plan-narrative",
    "Two narratives of one plan",
    "narrates the same plan as {other}",
    "merge the two files",
)
DUPLICATE_RESULT_NARRATIVE = ProblemType(
    "duplicate-result-narrative",
    "Two narratives of one result",
    "narrates the same result as {other}",
    "merge the two files",
)


@dataclass(frozen=True)
class Narrative:
    """An authored Markdown file that narrates a plan or a result."""

    src_uri: str  # relative to the docs dir, POSIX
    display_path: str  # relative to the project root, for messages
    plan: str
    result: str | None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    body: str = ""
    fallback: bool = False  # the default language's text, in a build of another language

    @property
    def internal(self) -> bool:
        return self.meta.get("visibility") == INTERNAL


def split_front_matter(text: str) -> tuple[dict[str, Any], str, YamlProblem | None]:
    """(meta, body, error): the YAML front matter of a Markdown text and the rest."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    try:
        meta = yaml.load(match.group(1) or "", Loader=TextDateLoader) or {}
    except yaml.YAMLError as exc:
        return {}, text[match.end() :], yaml_problem(exc)
    if not isinstance(meta, dict):
        return {}, text[match.end() :], YamlProblem(1, PAGE_FRONT_MATTER_NOT_A_MAPPING)
    return meta, text[match.end() :], None


def strip_leading_h1(body: str) -> str:
    """Drop a leading ``# Title``: generated pages carry their title from the data."""
    return _LEADING_H1.sub("", body, count=1)


@dataclass(frozen=True)
class _Line:
    """A line as the blocks of Markdown see it: tabs expanded, container markers read."""

    quotes: tuple[int, ...]  # block quote markers, by the spaces before each
    lists: bool  # list markers before the text
    indent: int  # columns before the text, from the last block quote marker on
    body: str  # the text, without markers, indentation and line end
    lead: str  # markers and indentation as written
    prefix: str  # what continues the line's container: block quote markers, spaces


def _line(text: str, first: bool) -> _Line:
    expanded = text.rstrip("\r\n").expandtabs(4)
    if first:
        expanded = expanded.lstrip("\ufeff")
    quotes: list[int] = []
    lists = False
    position = quoted = 0
    while (marker := _MARKER.match(expanded, position)) is not None:
        position = marker.end()
        if marker.group(1) == ">":
            quotes.append(len(marker.group()) - 1)
            position += expanded.startswith(" ", position)  # ">" takes one space with it
            quoted = position
        else:
            lists = True
    body = expanded[position:].lstrip(" ")
    start = len(expanded) - len(body)
    lead = expanded[:start]
    prefix = "".join(c if c == ">" else " " for c in lead)
    return _Line(tuple(quotes), lists, start - quoted, body, lead, prefix)


@dataclass
class _Fence:
    """An open block: where it opened, and what may close it."""

    length: int  # of its slashes
    name: str  # what follows the slashes: name, ``| title``
    quotes: tuple[int, ...]
    base: int  # the container's column: the closing fence is indented 0 to 3 more
    prefix: str
    sealed: bool = False  # its block quote's chunk ended: no line closes it any more

    def closed_by(self, line: _Line) -> bool:
        fence = _FENCE.match(line.body)
        return (
            fence is not None
            and not fence.group(2)
            and len(fence.group(1)) == self.length
            and not self.sealed
            and not line.lists
            and line.quotes == self.quotes
            and self.base <= line.indent <= self.base + 3
        )


def _opening(line: _Line) -> _Fence | None:
    """The block a line opens (any name, in any container), or None."""
    fence = _FENCE.match(line.body)
    if fence is None or not _NAMED.match(fence.group(2)):
        return None
    base = line.indent - line.indent % 4
    return _Fence(len(fence.group(1)), fence.group(2), line.quotes, base, line.prefix)


@dataclass(frozen=True)
class _Verbatim:
    """Fenced code, raw HTML or a comment inside a passage: no fence in it counts."""

    code: str = ""  # the code's fence, closed by the same fence with the same lead
    lead: str = ""
    tag: str = ""  # the raw HTML element, closed when as many end tags as tags were seen
    depth: int = 0
    comment: bool = False

    @classmethod
    def opened(cls, line: _Line, text: str | None = None) -> _Verbatim | None:
        if text is None and (code := _CODE.match(line.body)):
            return cls(code=code.group(), lead=line.lead)
        text = line.body if text is None else text
        if "<!--" in text and "-->" not in text[text.rindex("<!--") :]:
            return cls(comment=True)
        for tag in dict.fromkeys(t.lower() for t in _TAG.findall(text)):
            if tag in _RAW_TAGS and (depth := _depth(tag, text)) > 0:
                return cls(tag=tag, depth=depth)
        return None

    def after(self, line: _Line) -> _Verbatim | None:
        """What is still open after a line."""
        text = line.body
        if self.code:
            closed = line.lead == self.lead and text.rstrip(" ") == self.code
            return None if closed else self
        if self.comment:
            return _Verbatim.opened(line, text[text.index("-->") + 3 :]) if "-->" in text else self
        depth = self.depth + _depth(self.tag, text)
        return replace(self, depth=depth) if depth > 0 else None


def _depth(tag: str, text: str) -> int:
    """How many more ``<tag`` than ``</tag>`` a text has."""
    opened = re.findall(rf"<{tag}(?![\w-])", text, re.IGNORECASE)
    closed = re.findall(rf"</{tag}\s*>", text, re.IGNORECASE)
    return len(opened) - len(closed)


def _open_div(line: _Line, fence: _Fence) -> str:
    """The internal build's mark of a passage, in the container of its opening line."""
    title = match.group(1) if (match := _INTERNAL.match(fence.name)) else None
    label = "Internal passage" + (f": {html.escape(title, quote=False)}" if title else "")
    blank = line.prefix.rstrip()
    return (
        f'{blank}\n{line.lead}<div class="ssa-internal-passage" markdown="1">\n'
        f'{line.prefix}<p class="ssa-internal-passage__label">{label}</p>\n{blank}\n'
    )


def filter_internal_blocks(markdown: str, internal: bool) -> str:
    """Drop ``/// internal`` … ``///`` passages (public) or mark them visibly (internal).

    Fences are read as pymdownx.blocks reads them: three or more slashes, the name in any
    case, then an optional ``| title`` and indented options; a passage closes on a line of
    as many slashes alone, in the same container (block quote, list item); fences of other
    blocks inside it nest, each closed by its own length; a slash line inside fenced code,
    raw HTML or a comment closes nothing. Where a text could be read two ways the passage
    runs on: a public line dropped is a flaw, an internal one published is a leak.
    """
    out: list[str] = []
    stack: list[_Fence] = []  # the passage and the blocks open inside it, innermost last
    verbatim: _Verbatim | None = None  # fenced code, raw HTML or a comment in a passage
    options = False  # the passage's indented options, right after its opening line
    for number, text in enumerate(_LINES.findall(markdown)):
        line = _line(text, number == 0)
        if not stack:
            opened = _opening(line)
            if opened is None or not _INTERNAL.match(opened.name):
                out.append(text)
                continue
            stack.append(opened)
            options = True
            if internal:
                out.append(_open_div(line, opened))
            continue
        top = stack[-1]
        if options and line.body and line.quotes == top.quotes and line.indent >= top.base + 4:
            continue  # ``attrs: {class: x}`` under the opening line
        options = False
        if not line.body.strip() and not line.quotes:
            for fence in stack:  # a blank line ends a block quote's chunk: what pymdownx
                fence.sealed |= bool(fence.quotes)  # reads then is not followed here
        if verbatim is not None:
            verbatim = verbatim.after(line)
        elif top.closed_by(line):
            stack.pop()
            if not stack:
                if internal:
                    out.append(f"{line.prefix.rstrip()}\n{line.prefix}</div>\n")
                continue
        elif (inner := _opening(line)) is not None:
            stack.append(inner)  # any name: a block pymdownx does not know runs on too
        else:
            verbatim = _Verbatim.opened(line)
        if internal:
            out.append(text)
    if stack and internal:
        out.append(f"{stack[0].prefix.rstrip()}\n{stack[0].prefix}</div>\n")
    return "".join(out)


def check_pages(docs_dir: Path, root: Path, problems: Problems) -> None:
    """Check the front matter of authored pages that no other loader checks.

    A page whose front matter cannot be read, or whose visibility is not exactly public or
    internal, cannot be classified, and a page that cannot be classified is not published.
    """
    if not docs_dir.is_dir():
        return
    for path in sorted(docs_dir.rglob("*.md")):
        parts = path.relative_to(docs_dir).parts
        if any(part.startswith(".") for part in parts) or (
            (parts[0] == "plans" and len(parts) > 2)
            or parts[0] == "reviews"
            or (parts[0] == "evaluations" and len(parts) == 2 and parts[1] != "index.md")
        ):
            continue  # narratives, reviews and evaluations: checked by their own loaders
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta, _, error = split_front_matter(text)
        if error:
            error.report(problems, display)
        elif meta.get("visibility") not in (None, "public", "internal"):
            problems.add(
                UNKNOWN_PAGE_VISIBILITY,
                display,
                None,
                "visibility",
                visibility=meta.get("visibility"),
            )


def checked_visibility(meta: dict[str, Any], display: str, problems: Problems) -> dict[str, Any]:
    """The front matter with a valid ``visibility``; anything else is an error and the page
    is treated as internal, so that a typo never publishes it."""
    visibility = meta.get("visibility")
    if visibility in (None, "public", "internal"):
        return meta
    problems.add(UNKNOWN_PAGE_VISIBILITY, display, None, "visibility", visibility=visibility)
    return {**meta, "visibility": INTERNAL}


def find_narratives(
    docs_dir: Path,
    root: Path,
    portfolio_full: Portfolio,
    problems: Problems,
    language: str = "",
    languages: tuple[str, ...] = (),
) -> list[Narrative]:
    """Every narrative under ``<docs_dir>/plans`` in ``language``, checked (quietly for a
    plan left out for its own error); a translation is internal when its original is."""
    plans_dir = docs_dir / "plans"
    if not plans_dir.is_dir():
        return []
    narratives: list[Narrative] = []
    for item in localized(sorted(plans_dir.rglob("*.md")), language, languages):
        path, name, src_uri = item.path, item.name, item.name.relative_to(docs_dir).as_posix()
        parts = name.relative_to(plans_dir).parts
        if len(parts) == 1:
            continue  # plans/index.md and other pages beside the plan folders
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else src_uri
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta, body, error = split_front_matter(text)
        if error:
            error.report(problems, display)
            continue
        plan_name = str(meta.get("plan") or parts[0])
        default_result = None if name.stem == "index" and len(parts) == 2 else name.stem
        result_id = meta.get("result", default_result)
        result_id = str(result_id) if result_id is not None else None
        plan = portfolio_full.plan(plan_name)
        if plan is None:
            problems.add(
                UNKNOWN_NARRATED_PLAN,
                display,
                None,
                "plan",
                reference=(plan_name, None, None),
                plan=plan_name,
                plans=", ".join(p.name for p in portfolio_full.plans) or "no plans loaded",
            )
            continue
        if result_id is not None and plan.result(result_id) is None:
            problems.add(
                UNKNOWN_NARRATED_RESULT,
                display,
                None,
                "result",
                # Not reported when the row is left out for its own error, reported already.
                reference=(plan_name, "results", result_id),
                result=result_id,
                plan=plan_name,
                path=plan.resource_path("results"),
            )
            continue
        meta = checked_visibility(with_original_visibility(meta, item), display, problems)
        body = strip_leading_h1(body)
        narratives.append(
            Narrative(src_uri, display, plan_name, result_id, meta, body, item.fallback)
        )
    seen: dict[tuple[str, str | None], Narrative] = {}
    for narrative in narratives:
        key = (narrative.plan, narrative.result)
        if key in seen:
            problems.add(
                DUPLICATE_RESULT_NARRATIVE if key[1] else DUPLICATE_PLAN_NARRATIVE,
                narrative.display_path,
                None,
                None,
                other=seen[key].display_path,
            )
        seen[key] = narrative
    return narratives
