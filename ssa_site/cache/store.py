"""Content-addressed caches: on disk under ``<project>/.cache/ssa/``, and in the process.

A cache entry is found by a key: the SHA-256 of *everything* that affects the cached
result (the input bytes, the options, the audience where it matters, and the
:func:`code_fingerprint` of this package). Same key, same bytes: a cache never changes
the output, only how fast it comes.

Disk entries are written to a temporary file and moved into place with ``os.replace``,
so builds running at once never read a half-written entry. Every entry is checked on read
against the digest it was stored under (the SHA-256 of its place in the cache and of its
bytes): an entry that fails the check or cannot be read is dropped and made again, so no
damage to ``.cache/ssa`` can stop a build or change its output. The in-process memo keeps
results across the rebuilds of one ``mkdocs serve`` (which reloads the config and the
plugin, not the modules).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import stat
import sys
import tempfile
from collections.abc import Mapping
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssa_site.cache.workers import parallel_map, workers

if TYPE_CHECKING:
    from collections.abc import Callable

    from ssa_site.base.problems import Problem

CACHE_DIR = Path(".cache") / "ssa"
#: Set SSA_CACHE=0 to build without any cache, on disk or in the process.
DISABLE_ENV = "SSA_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent


#: Set SSA_CACHE_OFF to a comma-separated list of kinds (packages, checks, standards,
#: charts, pages, html, downloads) to build without those only: how the benchmark
#: measures what each cache brings (benchmarks/mechanisms.py).
KINDS_OFF_ENV = "SSA_CACHE_OFF"
KINDS = ("packages", "checks", "standards", "charts", "pages", "html", "downloads")


def enabled(kind: str | None = None) -> bool:
    """Whether caches are on (SSA_CACHE), and the cache of this ``kind`` (SSA_CACHE_OFF)."""
    if os.environ.get(DISABLE_ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    if kind is None:
        return True
    off = os.environ.get(KINDS_OFF_ENV, "")
    return kind not in {k.strip() for k in off.split(",")}


#: Libraries whose version changes what is cached (typed rows, SVG).
_LIBRARIES = ("frictionless", "pygal", "pygal_maps_world", "pycountry")

#: The modules whose code decides each kind of cached result (what they import included).
#: This module with what it imports: in the code of every kind of result.
STORE_CODE = ("cache/store.py", "cache/workers.py", "base/logs.py")
LOADING_CODE = (
    *STORE_CODE,
    "load/plans.py",
    "load/breakdowns.py",
    "load/translations.py",
    "model/translation.py",
    "load/tables.py",
    "load/package.py",
    "load/package_problems.py",
    "load/package_fields.py",
    "load/csv_text.py",
    "load/table_problems.py",
    "base/periods.py",
    "model/plan.py",
    "model/translated.py",  # which fields a translation may name
    "base/problems.py",
    "base/schemas.py",
    "schemas",
    "base/characters.py",
    "load/front_matter.py",  # package.py reads datapackage.json with its read_text
    "load/sectors.py",  # sectors and federal codes, checked against the DAC list
    "model/publisher.py",
    "standards",
)
CHART_CODE = (*STORE_CODE, "charts/svg.py", "charts/pygal_setup.py", "base/urls.py")
#: What counts as code: modules, schemas, templates (pages are made from them), data files.
_CODE_SUFFIXES = (".py", ".json", ".html", ".yml", ".md", ".css", ".js", ".po")
CHECK_CODE = (*LOADING_CODE, "load/checks.py", "load/value_checks.py", "base/formulas.py")


@cache
def code_fingerprint(modules: tuple[str, ...]) -> str:
    """A digest of the given modules (files or folders of this package), of the package
    version and of the libraries it reads and draws with: a new version or a local edit
    never reuses entries written by other code."""
    digest = hashlib.sha256(sys.version.encode())
    for library in ("ssa-site", *_LIBRARIES):
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing".encode())
    for module in modules:
        target = _PACKAGE / module
        files = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else [target]
        for path in files:
            if path.suffix in _CODE_SUFFIXES and path.is_file():
                digest.update(path.relative_to(_PACKAGE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(code: tuple[str, ...], *parts: object) -> str:
    """SHA-256 of the code that makes the result and of its inputs (bytes as they are,
    anything else by its ``repr``)."""
    digest = hashlib.sha256(code_fingerprint(code).encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def tree_digest(directory: Path) -> str:
    """Every file below a folder: names, contents and where links lead (linked folders
    are followed, once each)."""
    digest = hashlib.sha256()
    for path in sorted(tree_files(directory), key=lambda p: p.relative_to(directory).as_posix()):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        if path.is_symlink():
            digest.update(b"link:" + os.fsencode(path.readlink()) + b"\0")
            try:
                digest.update(os.fsencode(path.resolve()) + b"\0")
            except (OSError, RuntimeError):  # a link loop: the loader reports it
                digest.update(b"loop\0")
        if path.is_file():
            digest.update(file_digest(path).encode())
    return digest.hexdigest()


def tree_files(directory: Path) -> list[Path]:
    """Every file and folder below a folder, linked folders followed once each."""
    found: list[Path] = []
    seen = {directory.resolve()}
    for folder, dirs, files in os.walk(directory, followlinks=True):
        here = Path(folder)
        kept = []
        for name in dirs:
            real = (here / name).resolve()
            found.append(here / name)
            if real not in seen:
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        found.extend(here / name for name in files)
    return found


def base_dir(root: Path) -> Path:
    """``<project>/.cache/ssa``: every cache of the project (git-ignored), and the scratch
    folders of builds. Anything else in its place (a file, a link to nowhere) is a damaged
    cache and removed; a folder this user cannot read, write or enter is opened again."""
    base = root / CACHE_DIR
    try:
        if not base.is_dir():
            remove(base)
        elif not os.access(base, os.R_OK | os.W_OK | os.X_OK):
            base.chmod(stat.S_IMODE(base.stat().st_mode) | stat.S_IRWXU)
    except OSError:
        pass  # not ours to repair: each store then reads nothing and writes nothing
    return base


def remove(path: Path) -> bool:
    """Remove a file, link or folder of the cache; whether nothing is left in its place."""
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        try:
            shutil.rmtree(path)  # a folder where a file belongs
        except FileNotFoundError:
            return True
        except OSError:
            return False
    return True


#: The file beside a file kept for its own sake (a chart MkDocs copies by path): its digest.
SEAL = ".sha256"
_DIGEST_SIZE = hashlib.sha256().digest_size


class DiskCache:
    """Entries of one kind (``namespace``) under ``<base>/<namespace>/``.

    Pickled entries carry their digest in front (:meth:`get`, :meth:`put`); files kept
    for their own sake have it in a file beside them (:meth:`place`, :meth:`put_file`)."""

    def __init__(self, base: Path, namespace: str) -> None:
        self.folder = base / namespace
        self.active = enabled(namespace)

    def path(self, entry: str, suffix: str = "") -> Path:
        return self.folder / entry[:2] / f"{entry}{suffix}"

    def get_bytes(self, entry: str, suffix: str = "") -> bytes | None:
        """An entry's bytes as they are on disk, unchecked: read entries with :meth:`get`
        or :meth:`place`, which check them against their digest."""
        if not self.active:
            return None
        try:
            return self.path(entry, suffix).read_bytes()
        except OSError:
            return None

    def put_bytes(self, entry: str, data: bytes, suffix: str = "") -> Path | None:
        """Store bytes; the entry's path, or None when the cache cannot be written."""
        if not self.active:
            return None
        target = self.path(entry, suffix)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as f:
                    f.write(data)
                Path(temporary).replace(target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return None
        return target

    def digest(self, entry: str, suffix: str, data: bytes | memoryview) -> bytes:
        """What an entry is stored under: the SHA-256 of its place and of its bytes (an
        entry moved to another place fails the check too)."""
        digest = hashlib.sha256(f"{self.folder.name}/{entry}{suffix}".encode() + b"\0")
        digest.update(data)
        return digest.digest()

    def get(self, entry: str) -> Any | None:
        """An unpickled entry, or None when missing; an entry that fails the check of its
        digest or cannot be read is dropped (and None)."""
        if not self.active:
            return None
        try:
            data = self.path(entry, ".pickle").read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:
            data = b""  # unreadable: dropped below
        payload = memoryview(data)[_DIGEST_SIZE:]
        if data[:_DIGEST_SIZE] == self.digest(entry, ".pickle", payload):
            try:
                return pickle.loads(payload)  # checked: the bytes this cache stored
            except Exception:
                pass  # another version's classes: made again
        self.drop(entry, ".pickle")
        return None

    def put(self, entry: str, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.put_bytes(entry, self.digest(entry, ".pickle", payload) + payload, ".pickle")

    def put_file(self, entry: str, data: bytes, suffix: str) -> Path | None:
        """Keep bytes as a file of their own (MkDocs copies it into the site by path), and
        their digest beside it; the file, or None when the cache cannot hold it."""
        target = self.put_bytes(entry, data, suffix)
        seal = self.digest(entry, suffix, data).hex().encode()
        if target is None or self.put_bytes(entry, seal, suffix + SEAL) is None:
            return None
        return target

    def place(self, entry: str, suffix: str) -> Path | None:
        """Where :meth:`put_file` keeps an entry: a file there holds the bytes it was
        stored with, as its digest says; one that does not, or cannot be read, is dropped
        first. None when it can be neither read nor dropped (use no cache then)."""
        path = self.path(entry, suffix)
        try:
            seal = self.path(entry, suffix + SEAL).read_bytes()
            if seal == self.digest(entry, suffix, path.read_bytes()).hex().encode():
                return path
        except OSError:
            pass
        return path if self.drop(entry, suffix) else None

    def drop(self, entry: str, suffix: str = "") -> bool:
        """Remove an entry (and the digest beside it); whether its place is free now."""
        dropped = remove(self.path(entry, suffix))
        return remove(self.path(entry, suffix + SEAL)) and dropped


_PACKAGES: dict[str, tuple[str, Any]] = {}  # package folder → (entry, (plan, problems))


def load_packages(
    directories: list[Path], root: Path, load: Callable[..., tuple[Any, list[Problem]]]
) -> list[tuple[Any, list[Problem]]]:
    """``load(directory, root)`` of each package folder, once per content of the folder.

    An entry is keyed by every file of the folder (names, bytes, link targets), the
    folder's place in the project (problems name paths) and the code; it holds the plan
    of every audience and every problem, so a cached load reports exactly what a fresh
    one does. Kept on disk and in the process (for serve rebuilds); packages no build has
    read yet are read in worker processes when there are many."""
    if not enabled("packages"):
        return [load(directory, root) for directory in directories]
    disk = DiskCache(base_dir(root), "packages")
    entries = [_package_entry(directory, root) for directory in directories]
    found: list[Any] = []
    for directory, entry in zip(directories, entries, strict=True):
        held = _PACKAGES.get(str(directory.resolve()))
        found.append(held[1] if held is not None and held[0] == entry else disk.get(entry))
    missing = [i for i, result in enumerate(found) if result is None]
    unread = [directories[i] for i in missing]
    size = sum(p.stat().st_size for d in unread for p in tree_files(d) if p.is_file())
    loaded = parallel_map(partial(load, root=root), unread, workers(size, _BYTES_PER_PROCESS))
    for index, result in zip(missing, loaded, strict=True):
        disk.put(entries[index], result)
        found[index] = result
    for directory, entry, result in zip(directories, entries, found, strict=True):
        _PACKAGES[str(directory.resolve())] = (entry, result)
    return found


def _package_entry(directory: Path, root: Path) -> str:
    here, top = directory.resolve(), root.resolve()
    display = here.relative_to(top).as_posix() if here.is_relative_to(top) else str(directory)
    return key(LOADING_CODE, "package", display, tree_digest(directory))


def canonical(value: Any) -> Any:
    """A value as plain, ordered data whose ``repr`` is the same in every process:
    mappings and sets sorted, dataclasses and configs by their fields."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(canonical(v)) for v in value))
    if isinstance(value, list | tuple):
        return tuple(canonical(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (
            type(value).__name__,
            tuple((f.name, canonical(getattr(value, f.name))) for f in fields),
        )
    return value


#: Less data than this per worker (bytes of CSV and descriptors) is read faster here.
_BYTES_PER_PROCESS = 1 << 20

_RESULTS: dict[str, tuple[str, Any]] = {}  # namespace → (entry, result) of the last build


def computed(base: Path, namespace: str, entry: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per entry, kept on disk and in the process (the last entry of
    each namespace). The entry must be a :func:`key` of everything the result depends on."""
    if not enabled(namespace):
        return compute()
    held = _RESULTS.get(namespace)
    if held is not None and held[0] == entry:
        return held[1]
    disk = DiskCache(base, namespace)
    found = disk.get(entry)
    if found is None:
        found = compute()
        disk.put(entry, found)
    _RESULTS[namespace] = (entry, found)
    return found
