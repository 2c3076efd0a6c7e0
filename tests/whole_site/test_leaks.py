"""A public build holds no trace of internal content (SPEC §3).

The fixture ``tests/fixtures/canary`` marks every internal entity, row, field and passage
with a canary: a ``CANARY-…`` string, or one of the distinctive numbers and dates in
:data:`NUMBER_CANARIES`. Three builds of it:

- public: no canary anywhere (every file, every member of every zip, the gzipped sitemap,
  and file names);
- internal: every canary is shown somewhere (so that the first test can fail);
- public, from a copy with every internal item deleted from the data and narratives: the
  same bytes as the first public build, so internal content changes no title, count,
  navigation entry, chart or download.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from canary import CANARY, NUMBER_CANARIES, SHOWN_NOWHERE, canaries
from conftest import build

from ssa_site.load.narratives import split_front_matter
from ssa_site.model.visibility import DEFAULT_INTERNAL_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def members(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """A file and, for a zip or gzip file, everything inside it, recursively."""
    yield name, data
    if name.endswith((".zip", ".xlsx")):  # a workbook is a zip of XML files
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from members(f"{name}!{member}", archive.read(member))
    elif name.endswith(".gz"):
        yield from members(name.removesuffix(".gz"), gzip.decompress(data))


def outputs(site: Path) -> dict[str, bytes]:
    """Every file of a built site and every member of its archives, by name."""
    found: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found.update(members(path.relative_to(site).as_posix(), path.read_bytes()))
    return found


_NUMBERS = {
    what: re.compile(
        rb"(?<![\d.,])(?:" + b"|".join(re.escape(f.encode()) for f in forms) + rb")(?!\d)"
    )
    for what, forms in NUMBER_CANARIES.items()
}


def hits(name: str, data: bytes, tokens: set[str]) -> list[str]:
    """The canaries a file (or its name) gives away."""
    haystack = name.encode() + b"\n" + data
    lower = haystack.lower()
    if b"canary" in lower:
        found = sorted(t for t in tokens if t.lower().encode() in lower)
        found = found or ["canary (some other CANARY string)"]
    else:
        found = []
    return found + [what for what, pattern in _NUMBERS.items() if pattern.search(haystack)]


# -- the copy without internal content ---------------------------------------------------

_LIST_COLUMNS = ("aligns_to", "results", "disaggregated_by")


def _strip_csv(path: Path) -> None:
    """Drop internal rows (marked, or naming a CANARY id) and columns; blank internal fields."""

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    keep = [i for i, name in enumerate(header) if "CANARY" not in name]
    out = [[header[i] for i in keep]]
    for row in body:
        cells = dict(zip(header, row, strict=True))
        if cells.get("visibility") == "internal":
            continue
        for column in _LIST_COLUMNS:
            if column in cells:
                items = [i.strip() for i in cells[column].split(";")]
                cells[column] = "; ".join(i for i in items if i and "CANARY" not in i.upper())
        if any("CANARY" in v for k, v in cells.items() if k not in DEFAULT_INTERNAL_FIELDS):
            continue
        for name in DEFAULT_INTERNAL_FIELDS:
            if name in cells:
                cells[name] = ""
        out.append([cells[header[i]] for i in keep])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(out)


def _strip_markdown(path: Path) -> None:
    """Delete an internal page; drop internal passages and front-matter lines with canaries."""
    text = path.read_text("utf-8")
    meta, _, _ = split_front_matter(text)
    if meta.get("visibility") == "internal" or "CANARY" in path.name:
        path.unlink()
        return
    out: list[str] = []
    depth = 0
    for line in text.splitlines(keepends=True):
        if depth:
            depth += 1 if re.match(r"^///\s*\S", line) else -1 if line.strip() == "///" else 0
            continue
        if line.strip() == "/// internal":
            depth = 1
            continue
        if "CANARY" not in line:
            out.append(line)
    path.write_text("".join(out), encoding="utf-8")


def without_internal(root: Path) -> Path:
    """The fixture with every internal item deleted, as an author would."""
    for package in (root / "data").iterdir():
        descriptor = (package / "datapackage.json").read_text("utf-8")
        if '"visibility": "internal"' in descriptor:
            shutil.rmtree(package)
            for folder in ("plans", "reviews"):
                shutil.rmtree(root / "content" / folder / package.name, ignore_errors=True)
    for path in sorted((root / "data").rglob("*.csv")):
        _strip_csv(path)
    for path in sorted((root / "content").rglob("*.md")):
        _strip_markdown(path)
    return root


# -- builds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Builds:
    public: dict[str, bytes]
    internal: dict[str, bytes]
    stripped: dict[str, bytes]
    stripped_root: Path


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("leaks")
    root = base / "canary"
    shutil.copytree(CANARY, root)
    # Internal first, in the same folder: the public build must not reuse anything the
    # internal one cached (on disk under .cache/ or in this process).
    internal = outputs(build(root, "internal", strict=False))
    public = outputs(build(root, "public", strict=False))
    stripped_root = base / "canary-without-internal"
    shutil.copytree(CANARY, stripped_root)
    stripped = outputs(build(without_internal(stripped_root), "public", strict=False))
    return Builds(public, internal, stripped, stripped_root)


def test_the_fixture_has_a_canary_on_every_kind_of_internal_content() -> None:
    tokens = canaries()
    assert len(tokens) > 70
    for kind in (
        "PACKAGE",
        "RESULT",
        "CHILD",
        "INDICATOR",
        "PROPAGATED",
        "QUALITATIVE",
        "DIMENSION",
        "INITIATIVE",
        "ONLY-LINKED",
        "ASSUMPTION",
        "FIELD-RESPONSIBLE",
        "FIELD-LIMITATIONS",
        "FIELD-COMMENT",
        "PASSAGE",
        "NARRATIVE",
        "AUTHORED-PAGE",
        "EVALUATION",
        "RECOMMENDATION",
        "REVIEW",
        "AGENCY-RESULT",
        "NESTED-ADMONITION",
    ):
        assert any(kind in t for t in tokens), kind


@pytest.mark.slow
def test_public_build_holds_no_canary_anywhere(builds: Builds) -> None:
    tokens = canaries()
    assert len(builds.public) > 100  # pages, charts, downloads and the members of zips
    assert any("!" in name for name in builds.public), "no zip members were searched"
    leaks = {
        name: found for name, data in builds.public.items() if (found := hits(name, data, tokens))
    }
    assert not leaks, "internal content in the public build:\n" + "\n".join(
        f"  {name} -> {', '.join(found)}" for name, found in sorted(leaks.items())
    )


@pytest.mark.slow
def test_the_search_covers_every_kind_of_download(builds: Builds) -> None:
    """The tidy table, the indicators' JSON, the workbooks and the data releases (the
    fixture has two, the second revising a value) are among the files searched above."""
    names = set(builds.public)
    for expected in (
        "data/all-values.csv",
        "data/all-values.datapackage.json",
        "data/all-values.xlsx!xl/worksheets/sheet1.xml",
        "data/plans/northland-ics/northland-ics.xlsx!xl/worksheets/sheet1.xml",
        "data/plans/northland-ics/indicators/I1.json",
        "data/releases/2025-06-30/release-2025-06-30.zip!values.csv",
        "data/releases/2025-06-30/changes.csv",
        "data/changelog/index.html",
    ):
        assert expected in names, expected
    assert b"was 50" in builds.public["plans/northland-ics/indicators/I1/index.html"]


@pytest.mark.slow
def test_internal_build_shows_every_canary(builds: Builds) -> None:
    shown = b"\n".join(name.encode() + b"\n" + data for name, data in builds.internal.items())
    missing = sorted(t for t in canaries() if t.encode() not in shown and t not in SHOWN_NOWHERE)
    assert not missing, f"the internal build does not show: {missing}"
    for what, forms in NUMBER_CANARIES.items():
        assert any(f.encode() in shown for f in forms), what
    for token in SHOWN_NOWHERE:
        assert token in canaries()
    pages = [n for n, d in builds.internal.items() if n.endswith(".html")]
    assert all(b"Internal \xe2\x80\x94 not for public release" in builds.internal[n] for n in pages)


@pytest.mark.slow
def test_internal_content_changes_nothing_in_the_public_build(builds: Builds) -> None:
    """Deleting every internal item gives the same public site, byte for byte."""
    stripped_text = "".join(
        p.read_text("utf-8")
        for p in sorted(builds.stripped_root.rglob("*"))
        if p.is_file() and p.suffix in {".csv", ".md", ".json"}
    )
    assert "CANARY" not in stripped_text.upper()
    assert "Patrol support project" in stripped_text  # public rows are kept
    only_public = sorted(set(builds.public) - set(builds.stripped))
    only_stripped = sorted(set(builds.stripped) - set(builds.public))
    assert not only_public and not only_stripped, (only_public, only_stripped)
    differ = sorted(n for n in builds.public if builds.public[n] != builds.stripped[n])
    assert not differ, f"internal content changed these public files: {differ}"


@pytest.mark.slow
def test_internal_build_publishes_the_public_downloads(builds: Builds) -> None:
    """Downloads are made from the public data in every build, byte for byte the same."""
    downloads = sorted(
        n
        for n in builds.public
        if (n.startswith("data/") and not n.endswith(".html")) or n == "data.json"
    )
    assert len(downloads) > 20 and any("!" in n for n in downloads)
    leaks = {n: found for n in downloads if (found := hits(n, builds.internal[n], canaries()))}
    assert not leaks, leaks
    assert [n for n in downloads if builds.internal[n] != builds.public[n]] == []
