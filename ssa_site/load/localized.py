"""Authored files in the site's languages: ``index.fr.md`` beside ``index.md`` is its
French text. A build in one language reads, for each authored file, its translation when
there is one, else the default language's file (shown with a note saying so); a build in
the default language ignores the translations.

A code of the ``languages`` option, or any other two-letter ISO 639-1 code, makes a file a
translation: ``notes.de.md`` in a site of ``[en, fr]`` is a German translation no build
reads. A translation of an internal page is internal, whatever its own front matter says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import yaml
from babel import Locale, UnknownLocaleError

from ssa_site.base.problems import Problems, ProblemType, Severity
from ssa_site.load.front_matter import split
from ssa_site.model.plan import INTERNAL

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path, PurePath

TRANSLATION_WITHOUT_ORIGINAL = ProblemType(
    "translation-without-original",
    "Translation of no page",
    "this translation is not built: there is no {original} beside it",
    "add the page in the default language, or rename the file",
    severity=Severity.WARNING,
)


@dataclass(frozen=True)
class Localized:
    """One authored file as a build in one language reads it."""

    path: Path  # the file to read: the translation, or the default language's file
    name: Path  # the default language's file it stands for: its name says what it is
    fallback: bool  # the default language's text, in a build of another language


def translation_code(path: PurePath, languages: tuple[str, ...]) -> str | None:
    """The language of a translation file (``index.fr.md`` → ``fr``), else None: a code of
    the ``languages`` option but the default, or any ISO 639-1 code (a translation into a
    language the site does not build, which no build reads)."""
    stem, dot, code = path.stem.rpartition(".")
    if not (dot and stem) or (languages and code == languages[0]):
        return None
    return code if code in languages[1:] or is_language_code(code) else None


@cache
def is_language_code(code: str) -> bool:
    """A two-letter ISO 639-1 language code that Babel knows (fr, es, ar…)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha() or not code.islower():
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def localized(
    paths: Iterable[Path], language: str = "", languages: tuple[str, ...] = ()
) -> list[Localized]:
    """The files a build in ``language`` reads, in the order of ``paths``' default files.
    A translation whose default-language file is missing is not read (``orphans`` names
    them)."""
    other = len(languages) > 1 and bool(language) and language != languages[0]
    variants: dict[Path, dict[str, Path]] = {}
    order: list[Path] = []
    for path in paths:
        code = translation_code(path, languages)
        name = path.with_name(path.stem.rpartition(".")[0] + path.suffix) if code else path
        if name not in variants:
            variants[name] = {}
            order.append(name)
        variants[name][code or ""] = path
    found: list[Localized] = []
    for name in order:
        texts = variants[name]
        if "" not in texts:
            continue
        if other and language in texts:
            found.append(Localized(texts[language], name, False))
        else:
            found.append(Localized(texts[""], name, other))
    return found


def orphans(paths: Iterable[Path], languages: tuple[str, ...]) -> list[Path]:
    """Translations without the default language's file they translate."""
    every = set(paths)
    return sorted(
        path
        for path in every
        if translation_code(path, languages)
        and path.with_name(path.stem.rpartition(".")[0] + path.suffix) not in every
    )


def check_translated_pages(
    docs_dir: Path, root: Path, problems: Problems, languages: tuple[str, ...]
) -> None:
    """Every translation (``about.fr.md``) has the page it translates beside it."""
    for orphan in orphans(docs_dir.rglob("*.md"), languages):
        shown = orphan.relative_to(root).as_posix() if orphan.is_relative_to(root) else str(orphan)
        original = orphan.with_name(orphan.stem.rpartition(".")[0] + orphan.suffix)
        problems.add(TRANSLATION_WITHOUT_ORIGINAL, shown, None, None, original=original.name)


def original_is_internal(item: Localized) -> bool:
    """Whether a translation's original page is marked internal (a translation left
    unmarked must not publish what its original keeps for staff)."""
    if item.path == item.name:
        return False
    try:
        front, _ = split(item.name.read_text("utf-8"))
        meta = yaml.safe_load(front) if front else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True  # unreadable: its own loader reports it; publish nothing of it
    return isinstance(meta, dict) and meta.get("visibility") == INTERNAL


def with_original_visibility(meta: dict[str, Any], item: Localized) -> dict[str, Any]:
    """A translation's front matter, internal when its original is."""
    return {**meta, "visibility": INTERNAL} if original_is_internal(item) else meta
