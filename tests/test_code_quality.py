"""The code passes its own linters: ruff (lint and format), mypy and the import-linter
contracts of the layers, as pyproject.toml sets them; and keeps to the layout's sizes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "ssa_site"
BIN = Path(sys.executable).parent


def _run(command: list[str], cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--quiet", "."],
        ["ruff", "format", "--check", "--quiet", "."],
        ["mypy", "ssa_site"],
        ["lint-imports", "--no-cache"],
    ],
    ids=["ruff-check", "ruff-format", "mypy", "import-linter"],
)
def test_code_passes(command: list[str]) -> None:
    done = _run(command)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_lower_layer_importing_a_higher_one_breaks_the_layers(tmp_path: Path) -> None:
    """The contracts are not empty words: a back-import (base → pages) is caught."""
    copy = tmp_path / "ssa_site"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    periods = copy / "base" / "periods.py"
    periods.write_text(periods.read_text("utf-8") + "\nfrom ssa_site.pages import core\n", "utf-8")
    done = _run(["lint-imports", "--no-cache"], cwd=tmp_path, PYTHONPATH=str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ssa_site.base is not allowed to import ssa_site.pages" in done.stdout
    assert "ssa_site.base.periods -> ssa_site.pages.core" in done.stdout


def test_the_layout_keeps_modules_small() -> None:
    """At most 8 modules at the package's root (the layers are packages), none over 400
    lines, and a thin plugin."""
    root_modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root_modules) <= 8, root_modules
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text("utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 400} == {}
    assert sizes["plugin.py"] < 200
