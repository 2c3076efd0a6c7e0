"""ssa-site synth: synthetic site projects, deterministic for a seed, that build strict."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from conftest import build

from ssa_site.authoring.synth import SynthOptions, synth_files, write_synth
from ssa_site.cli import main

if TYPE_CHECKING:
    from pathlib import Path

TINY = SynthOptions(plans=2, results=4, indicators=5, periods=4, seed=7)


def test_same_seed_same_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_synth(first, TINY)
    write_synth(second, TINY)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_another_seed_other_content() -> None:
    one = synth_files(TINY)
    other = synth_files(SynthOptions(plans=2, results=4, indicators=5, periods=4, seed=8))
    assert one.keys() == other.keys()
    assert one != other


def test_sizes_follow_the_options() -> None:
    files = synth_files(SynthOptions(plans=3, results=9, indicators=12, periods=8))
    plans = [p for p in files if p.endswith("datapackage.json")]
    assert len(plans) == 4  # three strategies and the agency framework
    results = list(csv.DictReader(io.StringIO(files["data/plan-001/results.csv"])))
    indicators = list(csv.DictReader(io.StringIO(files["data/plan-001/indicators.csv"])))
    values = list(csv.DictReader(io.StringIO(files["data/plan-001/values.csv"])))
    assert len(results) == 9
    assert len(indicators) == 12
    periods = {v["period"] for v in values if v["kind"] == "target"}
    assert len(periods) == 8
    assert {v["visibility"] for v in values} == {"", "internal"}
    assert any(v["sex"] for v in values) and any(v["region"] for v in values)
    meta = json.loads(files["data/plan-001/datapackage.json"])["ssa"]
    assert meta["kind"] == "country-strategy"


def test_default_size_is_about_a_hundred_pages_and_ten_thousand_values_a_plan() -> None:
    files = synth_files(SynthOptions(plans=1))
    values = files["data/plan-001/values.csv"].count("\n") - 1
    assert 9_000 <= values <= 12_000


def test_invalid_options() -> None:
    with pytest.raises(ValueError, match="plans"):
        SynthOptions(plans=0)
    with pytest.raises(ValueError, match="results"):
        SynthOptions(results=2)


@pytest.mark.slow
def test_the_synthetic_site_builds_strict_and_keeps_internal_content_out(
    tmp_path: Path,
) -> None:
    root = tmp_path / "synth"
    write_synth(root, TINY)
    site = build(root, strict=True)
    assert (site / "plans" / "plan-001" / "indicators" / "I-001" / "index.html").is_file()
    assert (site / "plans" / "plan-002" / "results" / "O1" / "index.html").is_file()
    # The last sub-objective and the second indicator of each plan are internal.
    assert not (site / "plans" / "plan-001" / "results" / "O1.2").exists()
    assert not (site / "plans" / "plan-001" / "indicators" / "I-002").exists()
    plan_page = (site / "plans" / "plan-001" / "index.html").read_text("utf-8")
    assert "Embassy note" not in plan_page
    internal = build(root, audience="internal", strict=True)
    assert (internal / "plans" / "plan-001" / "results" / "O1.2" / "index.html").is_file()
    assert "Embassy note" in (internal / "plans" / "plan-001" / "index.html").read_text("utf-8")


def test_cli_synth(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "synth",
            str(tmp_path / "out"),
            "--plans",
            "2",
            "--results",
            "4",
            "--indicators",
            "5",
            "--periods",
            "4",
            "--seed",
            "7",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2 synthetic plan(s)" in result.output
    written = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_text("utf-8")
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    }
    assert written == synth_files(TINY)
