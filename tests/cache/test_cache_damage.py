"""Damage in ``.cache/ssa`` never stops a build nor changes what it builds.

Every store is checked on read against the digest its entries were stored under; an entry
that fails the check, or cannot be read, is dropped and made again. Each test fills every
cache with a first build of a small project (once per module), damages a copy of it,
builds the copy as a new process would, and compares every file of the site with a build
made without any cache.
"""

from __future__ import annotations

import logging
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from in_process_builds import build as in_process_build

from ssa_site.authoring.synth import SynthOptions, write_synth
from ssa_site.cache import store as cache
from ssa_site.cache import workers
from ssa_site.downloads import generator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

pytestmark = pytest.mark.slow

TINY = SynthOptions(plans=2, results=4, indicators=5, periods=4, seed=11)
STORES = ("packages", "checks", "charts", "downloads", "pages", "html")
#: What the stores keep, by the files that hold it. The downloads' catalog is damaged on
#: its own: a catalog that fails its check makes every download again, files included.
EVERY_STORE = (
    ("packages", "*.pickle"),
    ("checks", "*.pickle"),
    ("charts", "*.svg"),
    ("downloads", "*.blob"),
    ("pages", "*.pickle"),
    ("html", "*.pickle"),
)
CATALOG = (("downloads", "*.pickle"),)


def _modes_apply() -> bool:
    """Whether file modes keep this process out (not so for root)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        return False


UNREADABLE = pytest.mark.skipif(not _modes_apply(), reason="this user reads files of any mode")


def build(root: Path, site: Path, cached: bool = True) -> Path:
    """A strict public build in this process, reading the caches as a new process does."""
    return in_process_build(root, site, cached=cached, fresh=True)


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same_site(clean: Path, built: Path) -> None:
    expected, found = files_of(clean), files_of(built)
    assert sorted(found) == sorted(expected)
    different = sorted(name for name in expected if expected[name] != found[name])
    assert not different, different[:10]


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a project whose every cache a first build filled, the site built without caches)."""
    base = tmp_path_factory.mktemp("damage")
    root = base / "project"
    write_synth(root, TINY)
    clean = build(root, base / "clean", cached=False)
    build(root, base / "first")
    for store in STORES:
        assert any((root / cache.CACHE_DIR / store).rglob("*")), store
    return root, clean


@pytest.fixture
def copy(primed: tuple[Path, Path], tmp_path: Path) -> Iterator[Path]:
    """A copy of the primed project, its caches included; made readable again after."""
    root = tmp_path / "project"
    shutil.copytree(primed[0], root, symlinks=True)
    yield root
    for path in [root, *cache.tree_files(root)]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def entries(root: Path, store: str, pattern: str = "*") -> list[Path]:
    found = sorted(p for p in (root / cache.CACHE_DIR / store).rglob(pattern) if p.is_file())
    assert found, f"{store}: no {pattern} to damage"
    return found


def truncate(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


def flip(path: Path) -> bytes:
    """One bit three quarters in: a pickle that still loads, with another value in it
    (packages, the downloads' catalog), or compressed pages that no longer decompress."""
    data = bytearray(path.read_bytes())
    data[len(data) * 3 // 4] ^= 0x01
    path.write_bytes(bytes(data))
    return bytes(data)


DAMAGES: dict[str, Callable[[Path], bytes]] = {"truncated": truncate, "flipped": flip}


def test_an_undamaged_copy_is_built_from_its_caches(
    primed: tuple[Path, Path], copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The other tests are worth something only if the copy's caches are used."""
    with caplog.at_level(logging.INFO):
        site = build(copy, tmp_path / "site")
    assert_same_site(primed[1], site)
    assert "kept from an earlier build" in caplog.text  # the downloads
    assert " unchanged since an earlier build" in caplog.text
    assert "(0 unchanged" not in caplog.text


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("targets", [EVERY_STORE, CATALOG], ids=["every-store", "catalog"])
def test_damaged_entries_are_dropped_and_made_again(
    primed: tuple[Path, Path],
    copy: Path,
    tmp_path: Path,
    targets: tuple[tuple[str, str], ...],
    damage: str,
) -> None:
    damaged = {
        path: DAMAGES[damage](path)
        for store, pattern in targets
        for path in entries(copy, store, pattern)
    }
    site = build(copy, tmp_path / "site")
    assert_same_site(primed[1], site)
    kept = [p for p, data in damaged.items() if p.is_file() and p.read_bytes() == data]
    assert not kept, f"damaged entries still in the cache: {kept[:3]}"


def test_store_folders_replaced_by_files(
    primed: tuple[Path, Path], copy: Path, tmp_path: Path
) -> None:
    for store in STORES:
        folder = copy / cache.CACHE_DIR / store
        shutil.rmtree(folder)
        folder.write_text("not a folder", "utf-8")
    assert_same_site(primed[1], build(copy, tmp_path / "site"))


def test_the_cache_folder_replaced_by_a_file(
    primed: tuple[Path, Path], copy: Path, tmp_path: Path
) -> None:
    base = copy / cache.CACHE_DIR
    shutil.rmtree(base)
    base.write_text("not a folder", "utf-8")
    assert_same_site(primed[1], build(copy, tmp_path / "site"))
    assert base.is_dir()


def test_the_projects_cache_folder_a_file(
    primed: tuple[Path, Path], copy: Path, tmp_path: Path
) -> None:
    """``.cache`` itself a file: nothing can be cached, and the site is the same."""
    dot_cache = copy / cache.CACHE_DIR.parts[0]
    shutil.rmtree(dot_cache)
    dot_cache.write_text("not a folder", "utf-8")
    assert_same_site(primed[1], build(copy, tmp_path / "site"))
    assert dot_cache.read_text("utf-8") == "not a folder"


def test_entries_replaced_by_folders(primed: tuple[Path, Path], copy: Path, tmp_path: Path) -> None:
    """Entries that cannot be read (a folder where a file was, a link to itself)."""
    damaged = [path for store in STORES for path in entries(copy, store)]
    for number, path in enumerate(damaged):
        path.unlink()
        if number % 2:
            path.symlink_to(path.name)
        else:
            (path / "inside").mkdir(parents=True)
    assert_same_site(primed[1], build(copy, tmp_path / "site"))
    left = [p for p in damaged if p.is_symlink() or p.is_dir()]
    assert not left, f"unreadable entries still in the cache: {left[:3]}"


@UNREADABLE
def test_unreadable_entries(primed: tuple[Path, Path], copy: Path, tmp_path: Path) -> None:
    for store in STORES:
        for path in entries(copy, store):
            path.chmod(0)
    assert_same_site(primed[1], build(copy, tmp_path / "site"))


@UNREADABLE
@pytest.mark.parametrize("folders", ["stores", "cache"])
def test_unreadable_folders(
    primed: tuple[Path, Path], copy: Path, tmp_path: Path, folders: str
) -> None:
    base = copy / cache.CACHE_DIR
    for folder in [base / store for store in STORES] if folders == "stores" else [base]:
        folder.chmod(stat.S_IWUSR)  # neither listed nor entered
    assert_same_site(primed[1], build(copy, tmp_path / "site"))


def test_damaged_charts_are_drawn_again_in_worker_processes(
    primed: tuple[Path, Path],
    copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Charts drawn in workers are copied by MkDocs from the cache: a damaged chart file is
    found out when the charts are listed, before it could be copied as it is."""
    charts = entries(copy, "charts", "*.svg")
    for number, path in enumerate(charts):
        (flip if number % 2 else truncate)(path)
    monkeypatch.setattr(workers, "_PER_WORKER", 1)
    monkeypatch.setattr(generator, "BACKGROUND_VALUES", 0)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    with caplog.at_level(logging.INFO):
        site = build(copy, tmp_path / "site")
    assert "new ones being drawn in worker processes" in caplog.text
    assert_same_site(primed[1], site)
