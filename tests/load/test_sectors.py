"""Sectors of initiatives and plans, and the federal codes of a plan (ssa_site/load/sectors.py)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

from ssa_site.base.problems import Problems
from ssa_site.load.sectors import dac_sectors, parse_codes, parse_sectors
from ssa_site.model.plan import Sector

SECTOR_XML = Path(__file__).resolve().parent.parent / "standards" / "iati" / "Sector.xml"


def parsed(value: object) -> tuple[tuple[Sector, ...], list[tuple[str, str]]]:
    problems = Problems()
    found = parse_sectors(value, "data/p/initiatives.csv", 3, "sectors", problems)
    return found, [(p.code, p.message) for p in problems.items]


def test_the_packaged_dac_list_is_iatis_sector_codelist() -> None:
    root = ET.parse(SECTOR_XML).getroot()
    expected = {
        item.findtext("code"): (item.get("status", "active"), item.findtext("name/narrative"))
        for item in root.iter("codelist-item")
    }
    assert dac_sectors() == expected
    text = resources.files("ssa_site").joinpath("standards", "dac-sectors.csv").read_text("utf-8")
    assert next(csv.reader(text.splitlines())) == ["code", "status", "name"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("15210", (Sector("15210"),)),
        ("15210:60; 15130:40", (Sector("15210", 60.0), Sector("15130", 40.0))),
        ("15210: 100%", (Sector("15210", 100.0),)),
        (["15210:50", "15220:50"], (Sector("15210", 50.0), Sector("15220", 50.0))),
        ("", ()),
        (None, ()),
    ],
)
def test_sectors_are_read(cell: object, expected: tuple[Sector, ...]) -> None:
    assert parsed(cell) == (expected, [])


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("1521", "sector-invalid"),
        ("security", "sector-invalid"),
        ("99999", "sector-unknown"),
        ("15210; 15130", "sector-percentage-missing"),
        ("15210:60; 15130:30", "sector-percentages-sum"),
        ("15210:60", "sector-percentages-sum"),
        ("15210:abc", "sector-percentage-invalid"),
        ("15210:50; 15210:50", "sector-listed-twice"),
    ],
)
def test_bad_sectors_are_errors_that_name_the_fix(cell: str, code: str) -> None:
    found, problems = parsed(cell)
    assert found == ()
    assert code in [c for c, _ in problems]


def test_an_unknown_code_names_codes_of_its_category() -> None:
    _, problems = parsed("15219")
    problems_by_code = dict(problems)
    assert "15219 is not in the OECD DAC list" in problems_by_code["sector-unknown"]
    problem = Problems()
    parse_sectors("15219", "p", 2, "sectors", problem)
    assert "15210 (Security system management and reform)" in str(problem.items[0])


def test_a_withdrawn_code_is_a_warning() -> None:
    found, problems = parsed("15120")
    assert found == (Sector("15120"),)
    assert [c for c, _ in problems] == ["sector-withdrawn"]


def test_sectors_print_as_written() -> None:
    assert [str(s) for s in parsed("15210:60; 15130:40")[0]] == ["15210:60", "15130:40"]


def test_federal_codes_of_a_plan() -> None:
    problems = Problems()
    assert parse_codes("015:11", "bureau", "p", "ssa.bureau_code", problems) == ("015:11",)
    assert parse_codes(["015:001", "015:002"], "program", "p", "f", problems) == (
        "015:001",
        "015:002",
    )
    assert problems.items == []
    assert parse_codes("15:11", "bureau", "p", "ssa.bureau_code", problems) == ()
    assert [p.code for p in problems.items] == ["federal-code-invalid"]
    assert "NNN:NN" in str(problems.items[0])
