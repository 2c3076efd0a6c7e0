"""benchmarks/run.py runs end to end on a tiny synthetic site, with its per-phase table,
``--busy``, ``--profile`` and ``--write`` (no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from conftest import REPO

if TYPE_CHECKING:
    from pathlib import Path

#: The benchmark builds a site with MkDocs, with and without the plugin.
pytestmark = pytest.mark.slow


def test_benchmark_script_runs_on_a_tiny_site(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            *("--plans", "1", "--results", "3", "--indicators", "2", "--periods", "2"),
            *("--runs", "1", "--workdir", str(tmp_path)),
            *("--busy", "1", "--profile", "--write", str(tmp_path / "BENCHMARKS.md")),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert any(line.startswith("plans=1 pages=") for line in lines)
    assert lines[-1].startswith("ratio=")
    assert float(lines[-1].removeprefix("ratio=")) > 0
    generated = tmp_path / "plain-1"  # ssa-site generate's project
    assert (generated / "docs" / "plans" / "plan-001" / "index.md").is_file()
    assert (generated / "mkdocs.yml").is_file()
    # The per-phase breakdown of the first and later builds, and where MkDocs' time is.
    phases = [line for line in lines if line.startswith("| read and validate packages |")]
    assert len(phases) == 2  # quiet and busy
    assert any(line.startswith("| MkDocs' own work (A) |") for line in lines)
    # --busy: the same builds beside a CPU-bound process, and their ratios.
    assert any(line.startswith("| A, first build |") for line in lines)
    assert any(line.startswith("busy_cold_ratio@1=") for line in lines)
    assert float(next(x for x in lines if x.startswith("busy_slowdown=")).split()[0][14:]) > 0
    assert (tmp_path / "cold-1.prof").stat().st_size > 0  # --profile
    # --write: the tables go into the file, between its generated markers.
    written = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "| read and validate packages |" in written
    assert "| warm ratio A/B |" in written
    summary = next(line for line in written.splitlines() if line.startswith("| 1 | "))
    assert summary.count(" MiB |") == 3  # memory of the first and later builds, and of B
    assert "--busy 1" in written
    assert written.count("benchmarks/run.py: begin") == 1


def test_mechanisms_script_measures_each_mechanism_on_a_tiny_site(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "mechanisms.py"),
            *("--plans", "1", "--results", "3", "--indicators", "2", "--periods", "2"),
            *("--workdir", str(tmp_path), "--write", str(tmp_path / "BENCHMARKS.md")),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("page cache", "chart cache", "download store", "worker processes"):
        row = next(line for line in lines if line.startswith(f"| {name} |"))
        assert row.count(" s |") == 4  # first and later build without it, and both gains
    written = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "| finished-HTML cache |" in written
    assert written.count("benchmarks/mechanisms.py: begin") == 1
