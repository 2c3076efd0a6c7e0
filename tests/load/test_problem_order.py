"""Errors come before warnings: in ``Site.problems`` and in the build log (each group in
the order found)."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, mkdocs_build_output, write_project

from ssa_site.base.problems import Severity
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

# An unknown field (a warning, found first), then two missing ones (errors).
EVALUATION = (
    "---\nid: e1\ntitle: An evaluation\nplans: [northland-ics]\nevaluator: Larchmont\n"
    "completed: 2024-05-01\nrecomendations: []\n---\nBody.\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".cache"))
    second = EVALUATION.replace("id: e1", "id: e2")
    return write_project(
        project, {"content/evaluations/e1.md": EVALUATION, "content/evaluations/e2.md": second}
    )


def test_site_problems_list_errors_first_each_group_in_the_order_found(root: Path) -> None:
    site = load_site(root, root / "data", root / "content", "public")
    severities = [p.severity for p in site.problems]
    assert Severity.ERROR in severities and Severity.WARNING in severities
    assert severities == sorted(severities, key=list(Severity).index)
    assert site.problems[: len(site.errors)] == tuple(site.errors)
    found = [(p.path.rsplit("/", 1)[1], p.code) for p in site.problems if "/e" in p.path]
    # Each file's warning is found before its error; each group keeps the files' order.
    assert found == [
        ("e1.md", "choice-missing"),
        ("e2.md", "choice-missing"),
        ("e1.md", "unknown-evaluation-field"),
        ("e2.md", "unknown-evaluation-field"),
    ]


@pytest.mark.slow
def test_the_build_log_prints_errors_before_warnings(root: Path) -> None:
    code, output = mkdocs_build_output(root)
    assert code != 0
    levels = re.findall(r"^(ERROR|WARNING)\s+-  ssa_site: ", output, re.MULTILINE)
    assert "ERROR" in levels and "WARNING" in levels
    assert levels == sorted(levels)  # every error before every warning


def test_a_values_file_that_cannot_be_read_is_the_only_problem_of_its_series(
    root: Path,
) -> None:
    """A values.csv saved with semicolons: one error, and none of the quality findings
    (no baseline, no targets) that would follow from its rows being left out."""
    values = root / "data/northland-ics/values.csv"
    values.write_text(values.read_text("utf-8").replace(",", ";"), "utf-8")
    site = load_site(root, root / "data", root / "content", "public")
    about_values = [p for p in site.problems if "northland-ics" in p.path]
    assert [(p.code, p.path.rsplit("/", 1)[1]) for p in about_values] == [
        ("csv-other-delimiter", "values.csv")
    ]
    series = {"indicator-baseline", "indicator-targets", "actuals-reported"}
    findings = [f for f in site.quality.findings if f.rule in series]
    assert not [f for f in findings if "northland-ics" in f.path]
