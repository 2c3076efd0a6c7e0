"""The example's tidy table, indicator files, releases and changelog, as a researcher
finds them: loaded with the standard library alone, checked against the data, the pages
and the Frictionless validator."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from conftest import REPO

from ssa_site.model.release import breakdown_of
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


def tidy_rows(site: Path) -> list[dict[str, str]]:
    with (site / "data" / "all-values.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def figure(value: float | None, text: str | None) -> tuple[float | None, str]:
    return value, text or ""


def test_the_tidy_table_holds_exactly_the_public_values(example_builds):
    rows = tidy_rows(example_builds["public"])
    public = load_site(REPO, REPO / "data", REPO / "content", "public").view.portfolio
    expected = Counter(
        (
            plan.name,
            v.indicator,
            v.period.label,
            v.kind,
            breakdown_of(v.dimensions),
            *figure(v.value, v.text),
        )
        for plan in public.plans
        for indicator in plan.indicators
        for v in indicator.values
    )
    found = Counter(
        (
            r["plan"],
            r["indicator"],
            r["period"],
            r["kind"],
            r["breakdown"],
            *figure(float(r["value"]) if r["value"] else None, r["text"]),
        )
        for r in rows
    )
    assert len(rows) == sum(expected.values()) > 400
    assert found == expected
    internal = load_site(REPO, REPO / "data", REPO / "content", "internal").view.portfolio
    hidden = {
        (plan.name, v.indicator, v.period.label, v.kind, breakdown_of(v.dimensions))
        for plan in internal.plans
        for indicator in plan.indicators
        for v in indicator.values
        if v.internal or indicator.internal or plan.internal
    }
    assert hidden and not hidden & {key[:5] for key in found}
    # Every row reads on its own: plan and indicator titles, unit; dimensions in columns.
    assert all(r["plan_title"] and r["indicator_title"] and r["unit"] for r in rows)
    for row in rows:
        if row["breakdown"] != "total":
            for part in row["breakdown"].split("; "):
                name, category = part.split("=", 1)
                assert row[name] == category


def test_the_statuses_are_those_of_the_indicator_pages(example_builds):
    site = example_builds["public"]
    rows = tidy_rows(site)
    by_indicator: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        by_indicator.setdefault((row["plan"], row["indicator"]), []).append(row)
    rated = 0
    for (plan, indicator), found in by_indicator.items():
        page = (site / "plans" / plan / "indicators" / indicator / "index.html").read_text("utf-8")
        table = page[
            page.index('ssa-tracking"') : page.index("</table>", page.index("ssa-tracking"))
        ]
        shown = [
            re.findall(r"ssa-status--([a-z-]+)", tr)
            for tr in table.split("<tr>")[2:]  # the header row, then one per period
        ]
        on_page = [ratings[0] for ratings in shown if ratings]
        actuals = sorted(
            (
                r
                for r in found
                if r["kind"] == "actual" and r["breakdown"] == "total" and r["rating"]
            ),
            key=lambda r: (r["period_end"], r["period_start"]),
        )
        assert [r["rating"] for r in actuals] == on_page, (plan, indicator)
        rated += len(actuals)
        described = json.loads(
            (site / "data/plans" / plan / "indicators" / f"{indicator}.json").read_text("utf-8")
        )
        box = re.search(r"ssa-status-box--([a-z-]+)", page)
        assert box is not None and described["status"]["rating"] == box.group(1)
        assert len(described["values"]) == len(found)
    assert rated > 50


def frictionless_valid(folder: Path, descriptor: str) -> None:
    from test_downloads import frictionless

    done = subprocess.run(
        [frictionless(), "validate", descriptor],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{folder / descriptor}:\n{done.stdout}\n{done.stderr}"


def test_every_new_package_is_valid_for_frictionless(example_builds, tmp_path):
    site = example_builds["public"]
    frictionless_valid(site / "data", "all-values.datapackage.json")
    zips = [site / "data/all-data.zip", *sorted((site / "data/releases").rglob("*.zip"))]
    assert len(zips) == 3
    for archive in zips:
        folder = tmp_path / archive.stem
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(folder)
        frictionless_valid(folder, "datapackage.json")
    descriptor = json.loads((tmp_path / "all-data" / "datapackage.json").read_text("utf-8"))
    first = descriptor["resources"][0]
    assert first["name"] == "all-values" and first["licenses"]


def test_the_releases_revisions_show_on_the_changelog_and_in_tracking_tables(example_builds):
    site = example_builds["public"]
    changelog = (site / "data/changelog/index.html").read_text("utf-8")
    assert 'id="release-2026-03-31"' in changelog and 'id="release-2025-12-01"' in changelog
    assert "3 added, 4 revised, 0 withdrawn" in changelog
    page = (site / "plans/kestria-ics/indicators/KI-04/index.html").read_text("utf-8")
    assert re.search(r'class="ssa-revised"[^>]*>revised 2026-02-20; was 512</a>', page)
    changes = (site / "data/releases/2026-03-31/changes.csv").read_text("utf-8")
    assert "revised,kestria-ics,KI-04,FY2025,actual,total,512,,527,,2026-02-20" in changes
    catalog = json.loads((site / "data.json").read_text("utf-8"))
    urls = [d["downloadURL"] for e in catalog["dataset"] for d in e["distribution"]]
    assert any(u.endswith("release-2025-12-01.zip") for u in urls)
    assert any(u.endswith("data/all-values.csv") for u in urls)
    with zipfile.ZipFile(site / "data/releases/2025-12-01/release-2025-12-01.zip") as opened:
        kept = opened.read("values.csv")
    assert kept == (REPO / "releases/2025-12-01/values.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(kept.decode("utf-8"))))
    assert any(r["indicator"] == "KI-04" and r["value"] == "512" for r in rows)
    data_page = (site / "data/index.html").read_text("utf-8")
    for text in ("pd.read_csv(", "read.csv(", "all-values.xlsx", "release-2026-03-31.zip"):
        assert text in data_page, text
