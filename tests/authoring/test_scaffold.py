"""``ssa-site new``: a fresh project that builds with ``mkdocs build --strict`` as written."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from conftest import build, read

from ssa_site.cli import main

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(autouse=True)
def _no_fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("SSA_AUDIENCE", raising=False)


def new(directory: Path, *options: str):
    return CliRunner().invoke(main, ["new", str(directory), *options], catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["ics", "results-chain", "logic-model"])
def test_a_new_project_validates_and_builds_strict(tmp_path, preset):
    root = tmp_path / "site"
    result = new(root, "--plan", "border-plan", "--preset", preset, "--title", "Border Plan")
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(main, ["validate", str(root), "--strict"])
    assert check.exit_code == 0, check.output
    assert "1 plan(s) checked: 0 errors, 0 warnings" in check.output

    site = build(root, "public", strict=True)
    plan = read(site, "plans/border-plan/index.html")
    assert "Border Plan" in plan
    assert "Problem statement" in plan
    assert "appears only in the internal build" not in plan
    assert (site / "plans/border-plan/indicators/I1/index.html").is_file()
    home = read(site, "index.html")
    assert "Border Plan" in home
    assert not (site / "quality").exists()


@pytest.mark.slow
def test_the_internal_build_shows_internal_passages_and_a_clean_quality_page(tmp_path):
    root = tmp_path / "site"
    assert new(root).exit_code == 0
    site = build(root, "internal", strict=True)
    assert "appears only in the internal build" in read(site, "plans/example-plan/index.html")
    quality = read(site, "quality/index.html")
    assert "No findings: the plan meets every enabled rule." in quality
    assert "3.0 %" in quality  # the initiative's M&E budget share


def test_the_project_has_a_readme_a_commented_config_and_one_narrated_result(tmp_path):
    root = tmp_path / "site"
    new(root, "--plan", "north-ics")
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert "font: false" in config and "# custom_dir: theme" in config
    assert "  - search\n  - ssa:\n" in config
    readme = (root / "README.md").read_text("utf-8")
    for topic in (
        "ssa-site validate",
        "mkdocs build --strict",
        "SSA_AUDIENCE=internal",
        "ssa-site export-xlsx north-ics",
        "report_only",
    ):
        assert topic in readme
    assert (root / "content/plans/north-ics/O1.md").is_file()
    assert (root / ".gitignore").read_text("utf-8").startswith("site/\n")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "notes.txt").write_text("mine", "utf-8")
    result = new(root)
    assert result.exit_code == 1
    assert "is not empty; nothing was written" in result.output
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt"]


def test_new_refuses_a_bad_plan_name(tmp_path):
    result = new(tmp_path / "site", "--plan", "North ICS")
    assert result.exit_code == 1
    assert "'North ICS' is not a valid plan name" in result.output
    assert not (tmp_path / "site").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_mkdocs_serve_rebuilds_when_a_data_file_changes(tmp_path):
    root = tmp_path / "site"
    new(root)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/plans/example-plan/indicators/I1/"
    try:
        deadline = time.monotonic() + 60
        while "Illicit consignments" not in _fetch(url):
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.3)
        indicators = root / "data/example-plan/indicators.csv"
        text = indicators.read_text("utf-8")
        indicators.write_text(text.replace("Illicit consignments", "Edited consignments"), "utf-8")
        while "Edited consignments" not in _fetch(url):
            assert time.monotonic() < deadline, "no rebuild after a data file changed"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
