"""The glossary: the package's terms (``glossary.yml``), extended or overridden by a site.

A site's file has the same shape as the packaged one; a term of the same name replaces
the packaged definition, and ``remove: [term, ...]`` drops packaged terms. Problems in the
site's file are reported like data problems, with the line of the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.base.i18n import DEFAULT, Language
from ssa_site.base.problems import Problems, ProblemType

if TYPE_CHECKING:
    from pathlib import Path

FIELDS = ("term", "abbreviation", "also", "definition", "see")

GLOSSARY_FILE_MISSING = ProblemType(
    "glossary-file-missing",
    "Glossary file missing",
    "the glossary file does not exist",
    "create it, or remove the plugin option glossary.file",
)
GLOSSARY_NOT_YAML = ProblemType(
    "glossary-not-yaml",
    "Glossary not valid YAML",
    "not valid YAML: {error}",
    "fix the YAML syntax",
)
GLOSSARY_WRONG_SHAPE = ProblemType(
    "glossary-wrong-shape",
    "File is not a glossary",
    "not a glossary",
    "write 'terms:' followed by a list of entries with term and definition",
)
GLOSSARY_REMOVE_NOT_A_LIST = ProblemType(
    "glossary-remove-not-a-list",
    "Glossary remove is not a list of terms",
    "must be a list of terms",
    "e.g. remove: [input]",
)
GLOSSARY_TERM_TWICE = ProblemType(
    "glossary-term-twice",
    "Glossary term defined twice",
    "'{term}' is defined twice",
    "keep one entry per term",
)
GLOSSARY_ENTRY_NOT_A_MAPPING = ProblemType(
    "glossary-entry-not-a-mapping",
    "Glossary entry not a mapping",
    "an entry must be a mapping",
    "write term: ... and definition: ...",
)
GLOSSARY_UNKNOWN_FIELD = ProblemType(
    "glossary-unknown-field",
    "Unknown glossary field",
    "unknown field",
    "use " + ", ".join(FIELDS),
)
GLOSSARY_TEXT_REQUIRED = ProblemType(
    "glossary-text-required",
    "Glossary entry without term or definition",
    "is required and must be text",
    "give the entry a {field}",
)
GLOSSARY_ABBREVIATION_NOT_TEXT = ProblemType(
    "glossary-abbreviation-not-text",
    "Glossary abbreviation not text",
    "must be text",
    "e.g. abbreviation: PIRS",
)
GLOSSARY_TERMS_NOT_A_LIST = ProblemType(
    "glossary-terms-not-a-list",
    "Glossary also or see not a list of terms",
    "must be a list of terms",
    "e.g. {field}: [indicator]",
)


@dataclass(frozen=True)
class Term:
    """One entry of the glossary."""

    term: str
    definition: str
    abbreviation: str | None = None
    also: tuple[str, ...] = ()  # further forms marked in text; plurals are added
    see: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return anchor(self.term)

    @property
    def title(self) -> str:
        """The term with its abbreviation, as the glossary lists it."""
        name = self.term[:1].upper() + self.term[1:]
        return f"{name} ({self.abbreviation})" if self.abbreviation else name

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form of the term marked in running text, longest first."""
        found: list[str] = []
        for form in (self.term, *self.also):
            for variant in (form, plural(form)):
                if variant not in found:
                    found.append(variant)
        return tuple(sorted(found, key=len, reverse=True))


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()  # alphabetical

    def get(self, term: str) -> Term | None:
        key = term.casefold()
        return next((t for t in self.terms if t.term.casefold() == key), None)

    def __len__(self) -> int:
        return len(self.terms)


def anchor(term: str) -> str:
    """``term-logic-model``; letters of any script are kept (an Arabic term's anchor is
    Arabic), so that no two terms share one."""
    return "term-" + (re.sub(r"[\W_]+", "-", term.casefold()).strip("-") or "x")


def plural(word: str) -> str:
    """A plain English plural of the last word: activity → activities, index → indexes."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def packaged_glossary() -> Glossary:
    text = resources.files("ssa_site").joinpath("glossary.yml").read_text(encoding="utf-8")
    problems = Problems()
    terms, _ = _parse(text, "ssa_site/glossary.yml", problems)
    if problems.errors:  # a packaging mistake: the tests load this file
        raise ValueError("\n".join(str(p) for p in problems.errors))
    return Glossary(tuple(sorted(terms, key=lambda t: t.term.casefold())))


def in_language(glossary: Glossary, language: Language) -> Glossary:
    """The glossary in ``language``: terms, other forms, definitions and cross-references
    from the interface's catalog (``ssa-site catalogs`` lists the packaged glossary's
    texts); a site's own terms without a translation stay as written."""
    if language.code == DEFAULT:
        return glossary
    _ = language.gettext
    terms = [
        replace(
            term,
            term=_(term.term),
            definition=_(term.definition),
            also=tuple(_(form) for form in term.also),
            see=tuple(_(other) for other in term.see),
        )
        for term in glossary.terms
    ]
    return Glossary(tuple(sorted(terms, key=lambda t: t.term.casefold())))


def glossary_texts() -> list[tuple[str, int | None]]:
    """The packaged glossary's texts to translate (terms, forms, definitions), with the
    line of their entry: the catalogs' share of ssa_site/glossary.yml."""
    text = resources.files("ssa_site").joinpath("glossary.yml").read_text(encoding="utf-8")
    lines = _entry_lines(yaml.compose(text))
    terms, _ = _parse(text, "ssa_site/glossary.yml", Problems())
    found: list[tuple[str, int | None]] = []
    for index, term in enumerate(terms):
        line = lines[index] if index < len(lines) else None
        found.extend((piece, line) for piece in (term.term, *term.also, term.definition))
    return found


def load_glossary(site_file: Path | None, display_path: str = "") -> tuple[Glossary, Problems]:
    """The packaged glossary with a site's own file applied, and the site file's problems."""
    base = packaged_glossary()
    problems = Problems()
    if site_file is None:
        return base, problems
    shown = display_path or site_file.name
    if not site_file.is_file():
        problems.add(GLOSSARY_FILE_MISSING, shown, None, None)
        return base, problems
    own, remove = _parse(site_file.read_text(encoding="utf-8"), shown, problems)
    by_key = {t.term.casefold(): t for t in base.terms}
    for key in remove:
        by_key.pop(key.casefold(), None)
    for term in own:
        by_key[term.term.casefold()] = term
    merged = sorted(by_key.values(), key=lambda t: t.term.casefold())
    return Glossary(tuple(merged)), problems


def _parse(text: str, path: str, problems: Problems) -> tuple[list[Term], list[str]]:
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problems.add(GLOSSARY_NOT_YAML, path, line, None, error=exc)
        return [], []
    if data is None:
        return [], []
    if not isinstance(data, dict) or not isinstance(data.get("terms", []), list):
        problems.add(GLOSSARY_WRONG_SHAPE, path, None, None)
        return [], []
    lines = _entry_lines(root)
    remove = data.get("remove") or []
    if not isinstance(remove, list) or not all(isinstance(r, str) for r in remove):
        problems.add(GLOSSARY_REMOVE_NOT_A_LIST, path, None, "remove")
        remove = []
    terms: list[Term] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("terms") or []):
        line = lines[index] if index < len(lines) else None
        term = _term(entry, path, line, problems)
        if term is None:
            continue
        if term.term.casefold() in seen:
            problems.add(GLOSSARY_TERM_TWICE, path, line, "term", term=term.term)
            continue
        seen.add(term.term.casefold())
        terms.append(term)
    return terms, list(remove)


def _entry_lines(root: Any) -> list[int]:
    """The 1-based line of each entry of ``terms``."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "terms" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _texts(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def _term(entry: Any, path: str, line: int | None, problems: Problems) -> Term | None:
    if not isinstance(entry, dict):
        problems.add(GLOSSARY_ENTRY_NOT_A_MAPPING, path, line, None)
        return None
    ok = True
    for key in sorted(set(entry) - set(FIELDS)):
        problems.add(GLOSSARY_UNKNOWN_FIELD, path, line, str(key))
        ok = False
    for key in ("term", "definition"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.add(GLOSSARY_TEXT_REQUIRED, path, line, key, field=key)
            ok = False
    abbreviation = entry.get("abbreviation")
    if abbreviation is not None and (not isinstance(abbreviation, str) or not abbreviation.strip()):
        problems.add(GLOSSARY_ABBREVIATION_NOT_TEXT, path, line, "abbreviation")
        ok = False
    also, see = _texts(entry.get("also")), _texts(entry.get("see"))
    for key, value in (("also", also), ("see", see)):
        if value is None:
            problems.add(GLOSSARY_TERMS_NOT_A_LIST, path, line, key, field=key)
            ok = False
    if not ok or also is None or see is None:
        return None
    return Term(
        term=entry["term"].strip(),
        definition=" ".join(entry["definition"].split()),
        abbreviation=abbreviation.strip() if abbreviation else None,
        also=also,
        see=see,
    )
