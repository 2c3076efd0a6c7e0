"""A review is dated by its file name; a ``date:`` in its front matter must agree."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, write_project

from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

REVIEW = "content/reviews/northland-ics/2024-11-01.md"


def problems_with(tmp_path: Path, front_matter: str) -> list[tuple[str, str, int | None, str]]:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".cache"))
    write_project(root, {REVIEW: f"---\ntitle: Annual review\n{front_matter}---\n\nText.\n"})
    site = load_site(root, root / "data", root / "content", "internal")
    return [(p.code, p.path, p.row, str(p)) for p in site.problems if p.path == REVIEW]


@pytest.mark.parametrize(
    ("front_matter", "text"),
    [
        ("date: 'yesterday'\n", "'yesterday'"),
        ("date: yesterday\n", "'yesterday'"),
        ("date: 2024-13-01\n", "'2024-13-01'"),
        ("date: 01/11/2024\n", "'01/11/2024'"),
        ("date: 20241101\n", "'20241101'"),
    ],
)
def test_a_date_that_is_no_date_is_an_error(tmp_path: Path, front_matter: str, text: str) -> None:
    found = problems_with(tmp_path, front_matter)
    assert [(code, row) for code, _, row, _ in found] == [("not-a-date", 3)]
    assert found[0][3] == (f"{REVIEW}:3: date: {text} is not a date (write it as YYYY-MM-DD)")


def test_a_date_other_than_the_file_name_is_an_error(tmp_path: Path) -> None:
    found = problems_with(tmp_path, "date: 2024-11-02\n")
    assert [(code, row) for code, _, row, _ in found] == [("review-date-differs", 3)]
    assert "2024-11-02 is not the date of the file name, 2024-11-01" in found[0][3]


@pytest.mark.parametrize("front_matter", ["date: 2024-11-01\n", "date: '2024-11-01'\n", ""])
def test_the_file_name_date_or_none_is_fine(tmp_path: Path, front_matter: str) -> None:
    assert problems_with(tmp_path, front_matter) == []
