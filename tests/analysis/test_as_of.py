"""The build's "today" says what set it, and the plugin option ``as_of`` pins it.

The status date is the option ``as_of``, else SOURCE_DATE_EPOCH, else the latest past date
of the data; the build log names its source (a mistyped period moves "today" years ahead,
and the log names the row). The option dates nothing else: the sitemap and downloads keep
SOURCE_DATE_EPOCH, or the data's date (``Site.built``).
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, mkdocs_build_output, read

from ssa_site.analysis.asof import parse_as_of
from ssa_site.config import SsaConfig
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

VALUES = "data/northland-ics/values.csv"
MISTYPED = "I2,FY2027,actual,15,,,,,\n"  # meant FY2025: row 12 of the values
SET_BY_ROW = f"set by {VALUES}:12 (actual of I2 for FY2027)"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal fixture with one mistyped period, built without SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".cache"))
    with (project / VALUES).open("a", encoding="utf-8") as values:
        values.write(MISTYPED)
    return project


def load(root: Path, audience: str = "public", as_of: date | None = None):
    return load_site(root, root / "data", root / "content", audience, as_of=as_of)


def test_the_status_date_names_the_row_that_set_it(root: Path) -> None:
    site = load(root)
    assert site.today == date(2027, 9, 30)
    assert str(site.as_of) == f"Status as of 2027-09-30, {SET_BY_ROW}"


def test_a_date_given_by_several_rows_names_the_first_and_counts_the_others() -> None:
    fixture = FIXTURES / "minimal"
    site = load_site(fixture, fixture / "data", fixture / "content", "public")
    assert str(site.as_of) == (
        f"Status as of 2024-10-20, set by {VALUES}:4 (reported date of the actual of I1 for "
        "FY2024), and by 1 other date(s) of the data"
    )


def test_the_option_pins_the_status_date_and_dates_nothing_else(root: Path) -> None:
    site = load(root, as_of=date(2024, 12, 31))
    assert site.today == site.view.today == date(2024, 12, 31)
    assert str(site.as_of) == "Status as of 2024-12-31, set by the plugin option as_of"
    assert site.built == date(2027, 9, 30)  # the data's date still dates the build
    assert site.quality.as_of == date(2024, 12, 31)  # late reporting, as of the pinned date


def test_source_date_epoch_sets_both_unless_the_option_pins_the_status_date(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    site = load(root)
    assert (site.today, site.built) == (date(2025, 1, 1), date(2025, 1, 1))
    assert str(site.as_of) == "Status as of 2025-01-01, set by SOURCE_DATE_EPOCH"
    pinned = load(root, as_of=date(2024, 12, 31))
    assert (pinned.today, pinned.built) == (date(2024, 12, 31), date(2025, 1, 1))


def test_no_date_in_the_data_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = load_site(tmp_path, tmp_path / "data", tmp_path / "content", "public")
    assert str(site.as_of).startswith("Status as of 1970-01-01: no past date in the data")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2025, 9, 30), date(2025, 9, 30)), ("2025-09-30", date(2025, 9, 30))],
)
def test_the_option_is_a_date(value: object, expected: date) -> None:
    assert parse_as_of(value) == expected
    options = SsaConfig()
    options.load_dict({"as_of": value})
    errors, _ = options.validate()
    assert errors == [] and options.as_of == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "2025-13-01", "30/09/2025", 20250930, datetime(2025, 9, 30, 12)]
)
def test_anything_else_is_refused_with_how_to_write_it(value: object) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_as_of(value)
    options = SsaConfig()
    options.load_dict({"as_of": value})
    errors, _ = options.validate()
    assert [name for name, _ in errors] == ["as_of"]
    assert "YYYY-MM-DD" in str(errors[0][1])


@pytest.mark.slow
def test_the_build_log_names_what_set_the_status_date(root: Path) -> None:
    code, output = mkdocs_build_output(root)
    assert code == 0, output
    assert f"Status as of 2027-09-30, {SET_BY_ROW}" in output


@pytest.mark.slow
def test_a_build_with_the_option_shows_statuses_as_of_that_date(root: Path) -> None:
    yml = root / "mkdocs.yml"
    text = yml.read_text("utf-8").replace("  - ssa:\n", "  - ssa:\n      as_of: 2024-12-31\n")
    yml.write_text("site_url: https://example.org/\n" + text, encoding="utf-8")
    code, output = mkdocs_build_output(root)
    assert code == 0, output
    assert "Status as of 2024-12-31, set by the plugin option as_of" in output
    method = read(root / "out", "method/status/index.html")
    assert (
        'For this build it is <strong><time datetime="2024-12-31">31 Dec 2024</time></strong>'
        in method
    )
    sitemap = read(root / "out", "sitemap.xml")
    assert "<lastmod>2027-09-30</lastmod>" in sitemap  # the build is dated by the data
    assert "2024-12-31" not in sitemap


@pytest.mark.slow
def test_a_wrong_option_stops_the_build_with_how_to_write_it(root: Path) -> None:
    yml = root / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8").replace("  - ssa:\n", "  - ssa:\n      as_of: yesterday\n"),
        encoding="utf-8",
    )
    code, output = mkdocs_build_output(root)
    assert code != 0
    assert "as_of" in output and "'yesterday' is not a date: write it as YYYY-MM-DD" in output
