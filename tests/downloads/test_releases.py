"""Data releases: ``ssa-site release`` writes one, every build checks it, revisions show.

A release is the public data as of a date (ssa_site.authoring.release); it never
changes (ssa_site.load.releases reports any change as an error); comparing releases gives
the changelog and the revised marks (ssa_site.analysis.revisions).
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from ssa_site.analysis.revisions import Revisions
from ssa_site.cli import main
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

VALUES = "data/northland-ics/values.csv"


def release(root: Path, day: str) -> str:
    result = CliRunner().invoke(main, ["release", "--dir", str(root), "--date", day])
    assert result.exit_code == 0, result.output
    return result.output


def load(root: Path):  # type: ignore[no-untyped-def]
    return load_site(root, root / "data", root / "content", "public")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def released(project) -> Path:
    """Two releases: the second revises I1's FY2024 actual (52 → 55) and adds a value."""
    root = project()
    assert "the first release" in release(root, "2024-12-31")
    edit(root, VALUES, "I1,FY2024,actual,52,,,2024-10-20,,", "I1,FY2024,actual,55,,,2025-02-03,,")
    edit(
        root,
        VALUES,
        "I2,FY2024,actual,14,,,,,",
        "I2,FY2024,actual,14,,,,,\nI2,FY2025,actual,18,,,,,",
    )
    out = release(root, "2025-12-31")
    assert "1 added, 1 revised, 0 withdrawn" in out
    return root


def test_a_release_holds_the_public_values_known_on_its_date(released):
    folder = released / "releases" / "2024-12-31"
    assert sorted(p.name for p in folder.iterdir()) == [
        "indicators.csv",
        "release.json",
        "values.csv",
    ]
    text = (folder / "values.csv").read_text("utf-8")
    assert "987654" not in text  # internal
    assert "northland-ics,I1,FY2024,actual,total,52,,,2024-10-20" in text
    assert "northland-ics,I1,FY2024,actual,sex=female,49" in text
    assert "I2,FY2025,actual" not in text
    manifest = json.loads((folder / "release.json").read_text("utf-8"))
    assert manifest["previous"] is None and manifest["date"] == "2024-12-31"
    later = json.loads((released / "releases/2025-12-31/release.json").read_text("utf-8"))
    assert later["previous"]["date"] == "2024-12-31"
    assert not load(released).errors


def test_a_release_is_never_rewritten_nor_made_before_the_latest(released):
    for day in ("2025-12-31", "2025-06-30"):
        result = CliRunner().invoke(main, ["release", "--dir", str(released), "--date", day])
        assert result.exit_code == 1
        assert "nothing was written" in result.output
    result = CliRunner().invoke(main, ["release", "--dir", str(released), "--date", "31/12/26"])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output


@pytest.mark.parametrize(
    ("rel", "code", "field"),
    [
        ("releases/2024-12-31/values.csv", "release-file-changed", None),
        ("releases/2024-12-31/release.json", "release-chain-broken", "previous"),
    ],
)
def test_a_changed_release_is_an_error_naming_the_file(released, rel, code, field):
    path = released / rel
    if rel.endswith(".json"):  # files and digests rewritten together: the chain shows it
        data = json.loads(path.read_text("utf-8"))
        data["values"] += 1
        path.write_text(json.dumps(data), "utf-8")
    else:
        path.write_text(path.read_text("utf-8").replace(",52,", ",53,"), "utf-8")
    errors = load(released).errors
    assert [(e.code, e.field) for e in errors] == [(code, field)]
    assert "git checkout" in errors[0].fix


def test_a_deleted_or_added_release_file_is_an_error(released):
    (released / "releases/2024-12-31/notes.txt").write_text("x", "utf-8")
    (released / "releases/not-a-date").mkdir()
    codes = sorted(e.code for e in load(released).errors)
    assert codes == ["release-file-unexpected", "release-folder-invalid"]
    (released / "releases/2024-12-31/notes.txt").unlink()
    (released / "releases/not-a-date").rmdir()
    for path in (released / "releases/2024-12-31").iterdir():
        path.unlink()
    (released / "releases/2024-12-31").rmdir()
    assert [e.code for e in load(released).errors] == ["release-missing"]


def test_revisions_give_the_changelog_and_the_marks(released):
    data = load(released).view.public
    revisions = Revisions.of(data.releases, data.portfolio)
    latest, first = revisions.changelog
    assert first.first and latest.previous == "2024-12-31"
    assert [(c.change, c.key[1:4]) for c in latest.changes] == [
        ("revised", ("I1", "FY2024", "actual")),
        ("added", ("I2", "FY2025", "actual")),
    ]
    revision = latest.changes[0].revision
    assert revision is not None
    assert (revision.old.value, revision.new.value) == (52, 55)
    assert revision.on == date(2025, 2, 3)  # the new value's own reported date
    plan = data.portfolio.plan("northland-ics")
    assert plan is not None
    i1 = plan.indicator("I1")
    assert i1 is not None
    marks = {v.period.label + v.kind: revisions.of_value(plan.name, v) for v in i1.totals}
    assert marks["FY2024actual"] is not None and marks["FY2024actual"].old.shown == "52"
    assert marks["FY2023baseline"] is None
    assert revisions.unreleased is not None and not revisions.unreleased.changes
    edit(released, VALUES, "I1,FY2024,actual,55,", "I1,FY2024,actual,56,")
    data = load(released).view.public
    pending = Revisions.of(data.releases, data.portfolio).unreleased
    assert pending is not None and pending.count("revised") == 1
