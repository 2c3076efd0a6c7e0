"""Same input, byte-identical output (SPEC §6), and ``SOURCE_DATE_EPOCH`` respected.

- Two clean builds of the example site, in two folders, two processes and "on two days"
  (MkDocs' clock moved years ahead for the second), are identical file for file and byte for byte,
  including every zip (members in a fixed order, with fixed timestamps) and the gzipped
  sitemap.
- Built with two values of ``SOURCE_DATE_EPOCH``, the minimal fixture differs only in the
  dates that say when it was built (and the checksums and compressed sizes of the files
  holding them).
- No module of the package reads the clock or draws random numbers.
"""

from __future__ import annotations

import difflib
import gzip
import os
import re
import shutil
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, MKDOCS_YML, REPO, build, write_project
from example_builds import (
    ANOTHER_DAY,
    build_on_another_day,
    example_site,
    without_source_date_epoch,
)

if TYPE_CHECKING:
    from pathlib import Path


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def explain(name: str, a: bytes, b: bytes) -> str:
    """The first differing lines of two versions of a file, or of its archive members."""
    if name.endswith(".zip"):
        za, zb = zipfile.ZipFile(BytesIO(a)), zipfile.ZipFile(BytesIO(b))
        if za.namelist() != zb.namelist():
            return f"{name}: members {za.namelist()} != {zb.namelist()}"
        for ia, ib in zip(za.infolist(), zb.infolist(), strict=True):
            if ia.date_time != ib.date_time:
                return f"{name}!{ia.filename}: time {ia.date_time} != {ib.date_time}"
            if za.read(ia) != zb.read(ib):
                return explain(f"{name}!{ia.filename}", za.read(ia), zb.read(ib))
        return f"{name}: same members, different zip bytes"
    if name.endswith(".gz"):
        return explain(name.removesuffix(".gz"), gzip.decompress(a), gzip.decompress(b))
    lines = difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(),
        b.decode("utf-8", "replace").splitlines(),
        lineterm="",
        n=0,
    )
    return f"{name}:\n" + "\n".join(list(lines)[2:8])


@pytest.mark.slow
def test_two_clean_builds_on_different_days_are_identical() -> None:
    first = files_of(example_site("public"))
    second = files_of(example_site("public", another_day=True))
    assert len(first) > 200
    assert sorted(first) == sorted(second)
    differ = [explain(n, first[n], second[n]) for n in first if first[n] != second[n]]
    assert not differ, "the two builds differ:\n" + "\n".join(differ)


@pytest.mark.slow
def test_zips_have_a_fixed_member_order_and_timestamp() -> None:
    site = example_site("public")
    archives = sorted(site.rglob("*.zip"))
    assert archives
    stamps = set()
    for archive in archives:
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
            assert infos, archive
            stamps.update(i.date_time for i in infos)
    assert len(stamps) == 1, stamps  # one time for every member: the build's date
    (stamp,) = stamps
    assert stamp[:3] != (ANOTHER_DAY.year, ANOTHER_DAY.month, ANOTHER_DAY.day)
    assert stamp[3:] == (0, 0, 0)


@pytest.mark.slow
def test_the_sitemap_is_dated_by_the_data_not_the_clock() -> None:
    sitemap = (example_site("public", another_day=True) / "sitemap.xml").read_text("utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert len(dates) == 1, dates
    assert str(ANOTHER_DAY.year) not in dates.pop()


@pytest.mark.slow
def test_a_site_without_a_single_date_is_reproducible_too(tmp_path: Path) -> None:
    """No data date to go by: pages are dated 1970-01-01 rather than by the clock."""
    root = tmp_path / "dateless"
    agency = FIXTURES / "minimal" / "data" / "agency-framework"
    shutil.copytree(agency, root / "data" / "agency-framework")
    write_project(
        root, {"mkdocs.yml": MKDOCS_YML.replace("docs_dir:", "site_url: https://e.org/\ndocs_dir:")}
    )
    with without_source_date_epoch():
        today = files_of(build(root, "public", strict=False))
    another_day = files_of(build_on_another_day(root))
    assert b"<lastmod>1970-01-01</lastmod>" in today["sitemap.xml"]
    assert sorted(today) == sorted(another_day)
    assert [n for n in today if today[n] != another_day[n]] == []


def test_no_module_reads_the_clock_or_draws_random_numbers() -> None:
    clock = re.compile(
        r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time|uuid\d?|random\.\w+)\("
    )
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "ssa_site").rglob("*.py"))
        if "synth" not in path.parts  # the synthetic-site generator draws from a seeded Random
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if clock.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, found


# -- SOURCE_DATE_EPOCH -----------------------------------------------------------------

FIRST, SECOND = 1893456000, 1893542400  # 2030-01-01 and 2030-01-02, 00:00 UTC


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    sites = []
    try:
        for epoch in (FIRST, SECOND):
            root = tmp_path_factory.mktemp("dated") / "minimal"
            shutil.copytree(FIXTURES / "minimal", root)
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            sites.append(files_of(build(root, "public", strict=False)))
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return sites[0], sites[1]


# Checksums, and the sizes of zips (compressed dates compress differently), follow the dates.
_SHA256 = re.compile(rb"\b[0-9a-f]{64}\b|\"contentSize\": \"\d+ B\"|\b\d+(?:\.\d)? [KM]?B\b")


def _masked(data: bytes) -> bytes:
    return _SHA256.sub(b"<masked>", data)


def _normalised(data: bytes) -> bytes:
    """The first build's bytes with its date written as the second's, checksums masked."""
    for old, new in (
        (b"2030-01-01", b"2030-01-02"),
        (b"2030.1.1", b"2030.1.2"),
        (b"1 Jan 2030", b"2 Jan 2030"),  # as pages write it for people
    ):
        data = data.replace(old, new)
    return _masked(data)


def _members(name: str, data: bytes) -> dict[str, tuple[tuple[int, ...], bytes]]:
    if name.endswith(".gz"):
        return {name: ((), gzip.decompress(data))}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {i.filename: (i.date_time, archive.read(i)) for i in archive.infolist()}


@pytest.mark.slow
def test_source_date_epoch_changes_only_the_build_dates(
    dated: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, second = dated
    assert sorted(first) == sorted(second)
    changed = sorted(n for n in first if first[n] != second[n])
    assert "data/plans/northland-ics/datapackage.json" in changed  # the date is respected
    assert b"2030-01-01" in first["method/status/index.html"]
    unexplained = []
    for name in changed:
        if name.endswith((".zip", ".gz", ".xlsx")):  # a workbook is a zip
            a, b = _members(name, first[name]), _members(name, second[name])
            assert sorted(a) == sorted(b), name
            for member, (stamp, data) in a.items():
                if stamp:
                    assert stamp == (2030, 1, 1, 0, 0, 0), (name, member, stamp)
                    assert b[member][0] == (2030, 1, 2, 0, 0, 0), (name, member)
                if _normalised(data) != _masked(b[member][1]):
                    unexplained.append(f"{name}!{member}")
        elif _normalised(first[name]) != _masked(second[name]):
            masked = _masked(second[name])
            unexplained.append(explain(name, _normalised(first[name]), masked))
    assert not unexplained, "changed by more than the build date:\n" + "\n".join(unexplained)
