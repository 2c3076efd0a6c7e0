"""Recognise the design sections of a narrative: problem statement, theory of change, assumptions.

A narrative is split at its level-2 headings (``## Title``; headings inside fenced code do
not count).  Sections whose title is one of :data:`RECOGNISED` (case-insensitive, a trailing
colon or ``{#attr}`` list ignored) are lifted out so that every page shows them in the same
place; sections before the first recognised one (context, background…) stay at the top
with the opening text, and every other section follows the recognised ones, in its order.
Pure functions over Markdown text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.vocabulary import N_

#: Recognised section titles (normalised) → the attribute of :class:`NarrativeSections`;
#: in a build of another language, their translations are recognised too (a translated
#: narrative's "## Théorie du changement").
TITLES = {
    N_("Problem statement"): "problem_statement",
    N_("Theory of change"): "theory_of_change",
    N_("Assumptions"): "assumptions",
}
RECOGNISED = {title.casefold(): name for title, name in TITLES.items()}


def recognised(language: Language = ENGLISH) -> dict[str, str]:
    """The section titles recognised in a narrative read in ``language``."""
    own = {normalise_title(language.gettext(title)): name for title, name in TITLES.items()}
    return {**RECOGNISED, **own}


_H2 = re.compile(r"^ {0,3}##(?!#)[ \t]+(.*?)[ \t]*$|^ {0,3}##[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_ATTR_LIST = re.compile(r"[ \t]*\{[^{}]*\}$")


@dataclass(frozen=True)
class Section:
    """A level-2 section of a narrative: its heading line as written and its body."""

    title: str
    heading: str
    body: str

    @property
    def markdown(self) -> str:
        return f"{self.heading}\n{self.body}"


@dataclass(frozen=True)
class NarrativeSections:
    """A narrative split into what comes before the first level-2 heading, the recognised
    sections (bodies without their heading; ``None`` when absent) and the other sections."""

    intro: str = ""
    problem_statement: str | None = None
    theory_of_change: str | None = None
    assumptions: str | None = None
    others: tuple[Section, ...] = ()

    @property
    def rest(self) -> str:
        """The sections that are not recognised, as Markdown, in their original order."""
        return "\n".join(s.markdown.rstrip("\n") + "\n" for s in self.others)

    @property
    def is_empty(self) -> bool:
        return not (
            self.intro.strip()
            or self.problem_statement
            or self.theory_of_change
            or self.assumptions
            or self.others
        )


def normalise_title(title: str) -> str:
    """``Theory of Change:`` and ``theory of change {#toc}`` both become ``theory of change``."""
    text = _CLOSING_HASHES.sub("", title.strip())
    text = _ATTR_LIST.sub("", text)
    text = text.strip().rstrip(":").strip()
    return " ".join(text.split()).casefold()


def split_sections(markdown: str) -> tuple[str, tuple[Section, ...]]:
    """(text before the first level-2 heading, the level-2 sections in order)."""
    intro: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        current = sections[-1][2] if sections else intro
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            current.append(line)
            continue
        if opened:
            fence = opened.group(1)
            current.append(line)
            continue
        heading = _H2.match(line.rstrip("\r\n"))
        if heading:
            sections.append((heading.group(1) or "", line.rstrip("\r\n"), []))
            continue
        current.append(line)
    return "".join(intro), tuple(
        Section(title, heading, "".join(body)) for title, heading, body in sections
    )


def narrative_sections(markdown: str | None, language: Language = ENGLISH) -> NarrativeSections:
    """Split a narrative and lift out the recognised sections.

    A recognised title that appears twice has its bodies joined in order.  Bodies keep
    their text as written (sub-headings included), trimmed of surrounding blank lines.
    """
    intro, sections = split_sections(markdown or "")
    found: dict[str, list[str]] = {}
    others: list[Section] = []
    leading: list[Section] = []  # sections before the first recognised one stay on top
    titles = recognised(language)
    for section in sections:
        field = titles.get(normalise_title(section.title))
        if field is None:
            (others if found else leading).append(section)
        else:
            found.setdefault(field, []).append(section.body.strip("\n"))
    joined = {
        name: "\n\n".join(bodies).strip("\n") + "\n"
        for name, bodies in found.items()
        if any(body.strip() for body in bodies)
    }
    if leading:
        intro = (
            intro.rstrip("\n")
            + "\n\n"
            + "\n".join(section.markdown.rstrip("\n") + "\n" for section in leading)
        )
    return NarrativeSections(intro=intro, others=tuple(others), **joined)
