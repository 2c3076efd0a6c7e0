"""The interface's catalogs (ssa_site/locales) translate every string the plugin writes,
keep each string's placeholders, and a new untranslated string is caught."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from ssa_site.authoring import catalogs
from ssa_site.base.i18n import Language
from ssa_site.cli import main

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
SHIPPED = catalogs.languages()


@pytest.fixture(scope="module")
def found() -> list[catalogs.Message]:
    return catalogs.messages()


def test_the_package_marks_its_interface_strings(found: list[catalogs.Message]) -> None:
    keys = {m.key for m in found}
    # One of each kind of source: a template, a chart, a status text, a label, main.html's.
    for expected in ("Tracking table", "Actual", "On track", "Baseline"):
        assert expected in keys, expected
    assert len(found) > 400


@pytest.mark.parametrize("code", SHIPPED)
def test_each_catalog_translates_every_string(code: str, found: list[catalogs.Message]) -> None:
    gaps = catalogs.missing(code, found)
    assert not gaps, f"{len(gaps)} string(s) not translated in {code}:\n" + "\n".join(
        f"  {m.key!r} ({m.places[0]})" for m in gaps[:30]
    )


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_every_placeholder(code: str) -> None:
    wrong = []
    for entry in catalogs.read(code):
        if not entry.id or not entry.string:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if set(PLACEHOLDER.findall(text)) - wanted - {"num"} or (
                wanted - {"num"} - set(PLACEHOLDER.findall(text))
            ):
                wrong.append(f"{entry.id!r} → {text!r}")
    assert not wrong, "\n".join(wrong[:20])


def test_a_string_nobody_translated_is_reported(found: list[catalogs.Message]) -> None:
    new = catalogs.Message("A sentence added to a template today", ("templates/ssa/x.html:1",))
    for code in SHIPPED:
        assert catalogs.missing(code, [*found[:3], new])[-1] == new


def test_the_command_lists_what_is_missing_and_fails() -> None:
    result = CliRunner().invoke(main, ["catalogs", *SHIPPED])
    complete = all(not catalogs.missing(code) for code in SHIPPED)
    assert (result.exit_code == 0) == complete, result.output
    assert re.search(r"^\w+: \d+ of \d+ strings translated$", result.output, re.M)


@pytest.mark.parametrize("code", SHIPPED)
def test_plural_forms_follow_the_language(code: str) -> None:
    language = Language(code)
    one = language.ngettext("%(num)d indicator", "%(num)d indicators", 1)
    many = language.ngettext("%(num)d indicator", "%(num)d indicators", 5)
    assert "indicator" not in one + many or code == "en"
    assert one != many or code in ("ar",)  # Arabic has six forms; 1 and 5 may share none
