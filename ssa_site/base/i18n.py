"""The language a build writes in: its message catalog, and numbers and dates in its locale.

Every string the plugin writes for readers goes through :meth:`Language.gettext` (Python:
``_ = language.gettext; _("Plans")``) or the Jinja i18n extension (templates:
``{{ _("Plans") }}``, ``{{ ngettext("%(num)d indicator", "%(num)d indicators", n) }}``).
Catalogs are the ``.po`` files of ``ssa_site/locales/<code>/LC_MESSAGES/messages.po``,
read with Babel when a language is first used; English is the source language and needs
none. Numbers and dates are formatted by Babel from CLDR data that ships with it, so a page
is the same bytes on every machine.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import get_decimal_symbol, get_group_symbol

if TYPE_CHECKING:
    from datetime import date

DEFAULT = "en"
#: The zero of numbering systems other than latn (Babel formats the separators of a
#: numbering system, not its digits): Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali.
_ZEROS = {"arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6"}


class UnknownLanguage(ValueError):
    """A language code Babel does not know, or one the package has no catalog for."""


def shipped_languages() -> tuple[str, ...]:
    """The languages the package has a catalog for (English, the source, needs none)."""
    root = resources.files("ssa_site") / "locales"
    found = {DEFAULT}
    if root.is_dir():
        found.update(
            p.name for p in root.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file()
        )
    return tuple(sorted(found))


def catalog_path(code: str) -> str:
    return f"locales/{code}/LC_MESSAGES/messages.po"


@cache
def _translations(code: str) -> gettext.NullTranslations:
    if code == DEFAULT:
        return gettext.NullTranslations()
    source = resources.files("ssa_site") / catalog_path(code)
    if not source.is_file():
        raise UnknownLanguage(
            f"no interface catalog for language {code!r}: the package ships "
            f"{', '.join(shipped_languages())} (add ssa_site/{catalog_path(code)})"
        )
    with source.open("rb") as stream:
        catalog = read_po(stream, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True)
class Language:
    """One language of the site: ``code`` as in the ``languages`` option (en, fr, es, ar)."""

    code: str = DEFAULT
    #: Digits of the locale's own numbering system (Arabic-Indic for ar) instead of 0-9.
    native_digits: bool = False
    _locale: Locale = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            locale = Locale.parse(self.code)
        except (UnknownLocaleError, ValueError) as error:
            raise UnknownLanguage(f"unknown language code {self.code!r}: {error}") from None
        object.__setattr__(self, "_locale", locale)

    @property
    def translations(self) -> gettext.NullTranslations:
        return _translations(self.code)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    @property
    def direction(self) -> str:
        """``rtl`` for right-to-left scripts (Arabic, Hebrew…), else ``ltr``."""
        return "rtl" if self._locale.character_order == "right-to-left" else "ltr"

    @property
    def name(self) -> str:
        """The language's name in itself: English, français, español, العربية."""
        return self._locale.get_display_name(self._locale) or self.code

    @property
    def numbering(self) -> str:
        """The CLDR numbering system: the locale's native one (``arab``) or ``latn``."""
        if not self.native_digits:
            return "latn"
        return str(self._locale.other_numbering_systems.get("native", "latn"))

    def number(self, value: float, places: int | None = None) -> str:
        """``1,234.5`` (en), ``1 234,5`` (fr): grouped by thousands, at most ``places``
        decimals (2 unless given), none for a whole number. The locale's symbols come
        from Babel (CLDR); the digits are laid out here, which is what Babel does for the
        pattern ``#,##0.##`` at a fraction of its cost (pages show hundreds of thousands)."""
        decimals = 2 if places is None else places
        # Rounded as Python rounds a float (0.005 → 0.01), not half-even on its decimal text.
        number = float(value) or 0.0  # -0.0 is 0
        text = f"{number:,.{decimals}f}"
        if decimals:
            text = text.rstrip("0").rstrip(".")
        return self.digits(text.translate(self._symbols))

    @cached_property
    def _symbols(self) -> dict[int, str]:
        """Python's grouping and decimal point as the locale writes them (the minus sign
        stays ASCII, as Babel writes it for a pattern)."""
        system = self.numbering
        return {
            ord(","): get_group_symbol(self._locale, numbering_system=system),
            ord("."): get_decimal_symbol(self._locale, numbering_system=system),
        }

    def digits(self, text: str) -> str:
        """A text's ASCII digits in the locale's digits (identity unless native_digits)."""
        if not self.native_digits:
            return text
        zero = _ZEROS.get(self.numbering)
        if zero is None:
            return text
        return text.translate({ord("0") + i: ord(zero) + i for i in range(10)})

    def day(self, when: date) -> str:
        """``30 Sep 2025``, ``30 sept. 2025``, ``30 sept 2025``."""
        return self.digits(format_date(when, "d MMM y", locale=self._locale))

    def month(self, when: date) -> str:
        """``Sep 2025``, ``sept. 2025``."""
        return self.digits(format_date(when, "LLL y", locale=self._locale))

    def month_name(self, when: date) -> str:
        """``Sep``, ``sept.`` (a month without its year)."""
        return format_date(when, "LLL", locale=self._locale)


ENGLISH = Language()
