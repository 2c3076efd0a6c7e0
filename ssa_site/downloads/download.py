"""One downloadable file as pages name it: its path, title, format, size and digest, and
its words (title, description, label) as catalog messages, so that a page in another
language names the same English file in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from babel.numbers import format_decimal

from ssa_site.base.i18n import ENGLISH, Language

MEDIA_TYPES = {
    "CSV": "text/csv",
    "ZIP": "application/zip",
    "JSON": "application/json",
    "XML": "application/xml",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Words:
    """Words of a download as pages show them: an English message of the catalogs (marked
    with ``N_`` where it is written) and the data it names."""

    message: str
    data: tuple[tuple[str, str], ...] = ()

    def text(self, language: Language = ENGLISH) -> str:
        if not self.message:
            return ""
        found = language.gettext(self.message)
        return found % dict(self.data) if self.data else found


NO_WORDS = Words("")


def words(message: str, **data: str) -> Words:
    return Words(message, tuple(sorted(data.items())))


@dataclass(frozen=True)
class Download:
    """One downloadable file; ``size`` and ``sha256`` are known once it is written."""

    path: str  # relative to the site root
    title: str
    format: str  # a key of MEDIA_TYPES
    filename: str  # suggested name when saved (the link's download attribute)
    description: str = ""
    label: str = ""  # short name where the page already says whose data it is
    size: int = 0
    sha256: str = ""
    #: Title, description and label as catalog messages (None: shown as they are).
    words: tuple[Words, Words, Words] | None = field(default=None, compare=False, repr=False)
    #: The language of the words above and of ``size_label`` (files: always English).
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def size_label(self) -> str:
        language = self.language
        if self.size < 1024:
            return language.ngettext("%(num)s byte", "%(num)s bytes", self.size) % {
                "num": language.digits(str(self.size))
            }
        if self.size < 1024 * 1024:
            return language.gettext("%(size)s KB") % {
                "size": _one_decimal(self.size / 1024, language)
            }
        return language.gettext("%(size)s MB") % {
            "size": _one_decimal(self.size / (1024 * 1024), language)
        }

    def in_language(self, language: Language) -> Download:
        """The download as a page in ``language`` shows it (the same file)."""
        if language == self.language:
            return self
        if self.words is None:
            return replace(self, language=language)
        title, description, label = (w.text(language) for w in self.words)
        return replace(self, title=title, description=description, label=label, language=language)


def _one_decimal(number: float, language: Language) -> str:
    """``12.5``: one decimal, always shown, never grouped (as sizes were always written)."""
    rounded = Decimal(f"{number:.1f}")  # rounded as Python rounds a float
    text = format_decimal(
        rounded, format="0.0", locale=language.code, numbering_system=language.numbering
    )
    return language.digits(text)


def download(
    path: str,
    title: Words,
    format: str,
    filename: str,
    description: Words = NO_WORDS,
    label: Words = NO_WORDS,
) -> Download:
    """A download with English words, keeping their messages for pages in other languages."""
    return Download(
        path,
        title.text(),
        format,
        filename,
        description.text(),
        label.text(),
        words=(title, description, label),
    )
