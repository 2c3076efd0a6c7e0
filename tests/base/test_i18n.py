"""Language (ssa_site/base/i18n.py): numbers and dates in each shipped locale, the
locale's own digits, the direction and name of a language, and unknown codes."""

from __future__ import annotations

import math
from datetime import date

import pytest
from babel.numbers import get_group_symbol
from hypothesis import given
from hypothesis import strategies as st

from ssa_site.base.i18n import ENGLISH, Language, UnknownLanguage, shipped_languages
from ssa_site.model.plan import format_number

SEPTEMBER_30 = date(2025, 9, 30)
#: The digits 0-9 of the Arabic-Indic numbering system (CLDR ``arab``).
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def test_the_package_ships_the_four_languages() -> None:
    assert {"en", "fr", "es", "ar"} <= set(shipped_languages())
    assert Language("en") == ENGLISH


@pytest.mark.parametrize(
    ("code", "grouped", "million"),
    [
        ("en", "1,234.5", "1,234,567.89"),
        # French groups with a narrow no-break space (CLDR), not a full space.
        ("fr", "1\u202f234,5", "1\u202f234\u202f567,89"),
        ("es", "1.234,5", "1.234.567,89"),
        ("ar", "1,234.5", "1,234,567.89"),  # latn digits unless native_digits
    ],
)
def test_numbers_take_the_locales_separators(code: str, grouped: str, million: str) -> None:
    language = Language(code)
    assert language.number(1234.5) == grouped
    assert language.number(1234567.891) == million


def test_the_french_group_separator_is_babels() -> None:
    """The separator is whatever CLDR says for the locale, as Babel gives it."""
    separator = get_group_symbol("fr")
    assert separator == "\u202f"
    assert Language("fr").number(1234.5) == f"1{separator}234,5"
    assert " " not in Language("fr").number(1234567)  # no plain space: no line break inside


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_whole_numbers_have_no_decimals_and_places_limit_them(code: str) -> None:
    language = Language(code)
    assert language.number(42.0) == "42"
    assert language.number(7) == "7"
    decimal = "," if code in ("fr", "es") else "."
    assert language.number(2.5) == f"2{decimal}5"
    assert language.number(3.14159) == f"3{decimal}14"
    assert language.number(3.14159, places=3) == f"3{decimal}142"
    assert language.number(3.7, places=0) == "4"


def test_numbers_round_as_python_rounds_a_float() -> None:
    assert ENGLISH.number(0.005) == "0.01"
    assert ENGLISH.number(2.675) == "2.67"  # 2.675 is 2.67499… as a float
    assert Language("fr").number(0.125) == "0,12"


@pytest.mark.parametrize(
    ("code", "day", "month", "month_name"),
    [
        ("en", "30 Sep 2025", "Sep 2025", "Sep"),
        ("fr", "30 sept. 2025", "sept. 2025", "sept."),
        ("es", "30 sept 2025", "sept 2025", "sept"),
        ("ar", "30 سبتمبر 2025", "سبتمبر 2025", "سبتمبر"),
    ],
)
def test_dates_are_written_in_the_locale(code: str, day: str, month: str, month_name: str) -> None:
    language = Language(code)
    assert language.day(SEPTEMBER_30) == day
    assert language.month(SEPTEMBER_30) == month
    assert language.month_name(SEPTEMBER_30) == month_name


def test_arabic_native_digits_are_arabic_indic() -> None:
    arabic = Language("ar", native_digits=True)
    assert arabic.numbering == "arab"
    # Arabic-Indic digits with the arab system's own separators: ٬ groups, ٫ decimals.
    assert arabic.number(1234.5) == "١٬٢٣٤٫٥"
    assert arabic.number(1234567) == "١٬٢٣٤٬٥٦٧"
    assert arabic.day(SEPTEMBER_30) == "٣٠ سبتمبر ٢٠٢٥"
    assert arabic.month(SEPTEMBER_30) == "سبتمبر ٢٠٢٥"
    assert arabic.digits("FY2025 O1.2") == "FY٢٠٢٥ O١.٢"
    assert not any(c.isascii() and c.isdigit() for c in arabic.number(9876543210.12))


def test_arabic_without_native_digits_keeps_0_to_9() -> None:
    arabic = Language("ar")
    assert arabic.numbering == "latn"
    assert arabic.digits("2025") == "2025"
    assert not any(c in ARABIC_INDIC for c in arabic.day(SEPTEMBER_30))


@pytest.mark.parametrize("code", ["en", "fr", "es"])
def test_native_digits_change_nothing_in_a_latin_digit_locale(code: str) -> None:
    native = Language(code, native_digits=True)
    plain = Language(code)
    assert native.numbering == "latn"
    assert native.number(1234.5) == plain.number(1234.5)
    assert native.day(SEPTEMBER_30) == plain.day(SEPTEMBER_30)


@pytest.mark.parametrize(
    ("code", "direction", "name"),
    [
        ("en", "ltr", "English"),
        ("fr", "ltr", "français"),
        ("es", "ltr", "español"),
        ("ar", "rtl", "العربية"),
    ],
)
def test_direction_and_name_in_the_language_itself(code: str, direction: str, name: str) -> None:
    language = Language(code)
    assert language.direction == direction
    assert language.name == name


def test_a_right_to_left_language_without_a_catalog_still_has_its_direction() -> None:
    """Direction and name come from CLDR: a language needs no catalog for them."""
    hebrew = Language("he")
    assert hebrew.direction == "rtl"
    assert hebrew.name == "עברית"


@pytest.mark.parametrize("code", ["xx", "klingon", "", "en-", "12"])
def test_an_unknown_language_code_is_refused(code: str) -> None:
    with pytest.raises(UnknownLanguage, match="unknown language code"):
        Language(code)


def test_unknown_language_is_a_value_error() -> None:
    assert issubclass(UnknownLanguage, ValueError)


def test_a_known_language_without_a_catalog_is_refused_when_translating() -> None:
    """Babel knows German, but the package has no catalog for it: the message says which
    languages it ships and where a catalog goes."""
    german = Language("de")
    assert german.number(1234.5) == "1.234,5"  # numbers need no catalog
    with pytest.raises(UnknownLanguage, match=r"no interface catalog for language 'de'") as error:
        german.gettext("Plans")
    assert "locales/de/LC_MESSAGES/messages.po" in str(error.value)
    assert "fr" in str(error.value)


def test_gettext_translates_with_the_shipped_catalogs() -> None:
    assert ENGLISH.gettext("Indicators") == "Indicators"
    assert Language("fr").gettext("Indicators") == "Indicateurs"
    assert Language("es").gettext("Indicators") == "Indicadores"
    assert Language("ar").gettext("Indicators") == "المؤشرات"
    french = Language("fr")
    one = french.ngettext("%(num)d indicator", "%(num)d indicators", 1) % {"num": 1}
    two = french.ngettext("%(num)d indicator", "%(num)d indicators", 2) % {"num": 2}
    assert (one, two) == ("1 indicateur", "2 indicateurs")


# -- English numbers: the same as the one-language site's ---------------------------------


@pytest.mark.parametrize(
    "value",
    [0, 1, 7.0, 10, 999, 1000, 1234.5, 1234567.891, 0.5, 0.005, 0.015, 2.675, 9.995,
     -1, -1234.5, -0.5, -0.004, 1e-7, 123456789.125, 1e16, 1e20, 33.333333],
)  # fmt: skip
def test_english_numbers_are_those_of_format_number(value: float) -> None:
    assert ENGLISH.number(value) == format_number(value)


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.decimals(min_value=-10000, max_value=10000, places=3).map(float)
)
def test_english_numbers_are_those_of_format_number_for_any_value(value: float) -> None:
    if value == 0 and math.copysign(1.0, value) < 0:
        return  # negative zero: see the test below
    assert ENGLISH.number(value) == format_number(value)


def test_negative_zero_is_written_as_format_number_writes_it() -> None:
    assert ENGLISH.number(-0.0) == format_number(-0.0) == "0"
