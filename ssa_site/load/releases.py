"""Data releases kept in the project (``releases/<YYYY-MM-DD>/``), read back and checked.

A release never changes once written: every build checks each file of each release
against the size and SHA-256 its ``release.json`` recorded, and each manifest against the
digest the next release recorded of it (so editing an earlier manifest is found too).
Any difference is an error that names the file and how to restore it: the build stops
before a page is written. See ssa_site.model.release for the layout.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.problems import ProblemType
from ssa_site.model.release import (
    INDICATOR_COLUMNS,
    INDICATORS_FILE,
    MANIFEST_FILE,
    RELEASE_FILES,
    VALUE_COLUMNS,
    VALUES_FILE,
    Release,
    ReleasedIndicator,
    ReleasedValue,
    ReleaseFile,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESTORE = "a release never changes: restore it from version control (git checkout -- {path})"

RELEASE_FOLDER_INVALID = ProblemType(
    "release-folder-invalid",
    "Release folder not named after a date",
    "'{name}' is not a release: releases are folders named after their date",
    "rename the folder YYYY-MM-DD, or move it out of {folder}/",
)
RELEASE_MANIFEST_INVALID = ProblemType(
    "release-manifest-invalid",
    "Release manifest unreadable",
    "{error}",
    _RESTORE,
)
RELEASE_FILE_MISSING = ProblemType(
    "release-file-missing",
    "File of a release missing",
    "the release recorded this file, and it is not there",
    _RESTORE,
)
RELEASE_FILE_CHANGED = ProblemType(
    "release-file-changed",
    "File of a release changed",
    "has changed since the release was written ({found}; the release recorded {recorded})",
    _RESTORE + ", or publish the change as a new release with ssa-site release",
)
RELEASE_FILE_UNEXPECTED = ProblemType(
    "release-file-unexpected",
    "File added to a release",
    "is not a file of the release (its release.json does not list it)",
    "delete it: a release never changes; publish new data with ssa-site release",
)
RELEASE_MISSING = ProblemType(
    "release-missing",
    "Earlier release missing",
    "the release of {previous} that this one follows is not in {folder}/",
    "restore {folder}/{previous} from version control (git checkout -- {folder}/{previous})",
)
RELEASE_CHAIN_BROKEN = ProblemType(
    "release-chain-broken",
    "Earlier release changed",
    "the release of {previous} has changed since this one was written (its release.json "
    "has SHA-256 {found}; this release recorded {recorded})",
    "restore releases/{previous}/release.json from version control "
    "(git checkout -- releases/{previous})",
)


def load_releases(root: Path, problems: Problems) -> tuple[Release, ...]:
    """Every release of the project, oldest first; each problem reported, every release
    with a problem left out."""
    folder = root / urls.RELEASES_DIR
    if not folder.is_dir():
        return ()
    found: list[Release] = []
    dated: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        shown = f"{urls.RELEASES_DIR}/{path.name}"
        day = _day(path.name) if path.is_dir() else None
        if day is None:
            problems.add(
                RELEASE_FOLDER_INVALID, shown, None, None, name=path.name, folder=urls.RELEASES_DIR
            )
            continue
        dated.add(path.name)
        release = _release(path, shown, day, problems)
        if release is not None:
            found.append(release)
    _check_chain(found, dated, problems)
    return tuple(found)


def _day(name: str) -> date | None:
    if not _DAY.match(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _release(path: Path, shown: str, day: date, problems: Problems) -> Release | None:
    manifest_path = f"{shown}/{MANIFEST_FILE}"
    try:
        raw = (path / MANIFEST_FILE).read_bytes()
        manifest = json.loads(raw.decode("utf-8"))
        listed = _listed(manifest)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.add(
            RELEASE_MANIFEST_INVALID, manifest_path, None, None, error=str(exc), path=shown
        )
        return None
    ok = True
    files: list[ReleaseFile] = []
    contents: dict[str, bytes] = {}
    for name, (size, sha256) in listed.items():
        shown_file = f"{shown}/{name}"
        try:
            data = (path / name).read_bytes()
        except OSError:
            problems.add(RELEASE_FILE_MISSING, shown_file, None, None, path=shown_file)
            ok = False
            continue
        digest = _digest(data)
        if digest != sha256 or len(data) != size:
            problems.add(
                RELEASE_FILE_CHANGED,
                shown_file,
                None,
                None,
                found=f"{len(data)} bytes, SHA-256 {digest}",
                recorded=f"{size} bytes, SHA-256 {sha256}",
                path=shown_file,
            )
            ok = False
        files.append(ReleaseFile(name, size, sha256, shown_file, str((path / name).resolve())))
        contents[name] = data
    for extra in sorted(p.name for p in path.iterdir()):
        if extra not in listed and extra != MANIFEST_FILE and not extra.startswith("."):
            problems.add(RELEASE_FILE_UNEXPECTED, f"{shown}/{extra}", None, None)
            ok = False
    if not ok:
        return None
    try:
        values = tuple(_values(contents[VALUES_FILE]))
        indicators = tuple(_indicators(contents[INDICATORS_FILE]))
    except (KeyError, ValueError) as exc:
        problems.add(
            RELEASE_MANIFEST_INVALID, manifest_path, None, None, error=str(exc), path=shown
        )
        return None
    previous = manifest.get("previous")
    return Release(
        day,
        _digest(raw),
        previous.get("sha256") if isinstance(previous, dict) else None,
        previous.get("date") if isinstance(previous, dict) else None,
        tuple(files),
        values,
        indicators,
    )


def _listed(manifest: Any) -> dict[str, tuple[int, str]]:
    """The files a manifest lists: name → (size, sha256); a ValueError when malformed."""
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or set(files) != set(RELEASE_FILES):
        raise ValueError(f"release.json must list the files {', '.join(RELEASE_FILES)}")
    listed: dict[str, tuple[int, str]] = {}
    for name, entry in files.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("bytes"), int):
            raise ValueError(f"release.json: the entry of {name} needs bytes and sha256")
        listed[name] = (entry["bytes"], str(entry.get("sha256", "")))
    return listed


def _rows(data: bytes, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    if tuple(reader.fieldnames or ()) != columns:
        raise ValueError(f"the header must be {','.join(columns)}")
    return list(reader)


def _values(data: bytes) -> list[ReleasedValue]:
    found = []
    for row in _rows(data, VALUE_COLUMNS):
        found.append(
            ReleasedValue(
                (row["plan"], row["indicator"], row["period"], row["kind"], row["breakdown"]),
                float(row["value"]) if row["value"] else None,
                row["text"] or None,
                row["status"] or None,
                date.fromisoformat(row["reported"]) if row["reported"] else None,
            )
        )
    return found


def _indicators(data: bytes) -> list[ReleasedIndicator]:
    return [
        ReleasedIndicator(
            row["plan"], row["plan_title"], row["indicator"], row["indicator_title"], row["unit"]
        )
        for row in _rows(data, INDICATOR_COLUMNS)
    ]


def _check_chain(releases: list[Release], names: set[str], problems: Problems) -> None:
    """Each release names the digest of the one before it: an earlier manifest edited
    (its files and digests rewritten together) shows here, and so does a release deleted.
    ``names``: every release folder, those left out for their own errors included."""
    for before, after in zip([None, *releases], releases, strict=False):
        manifest = f"{urls.RELEASES_DIR}/{after.name}/{MANIFEST_FILE}"
        if after.previous_day and after.previous_day not in names:
            problems.add(
                RELEASE_MISSING,
                manifest,
                None,
                "previous",
                previous=after.previous_day,
                folder=urls.RELEASES_DIR,
            )
            continue
        if before is None or after.previous_day != before.name:
            continue
        if after.previous != before.digest:
            problems.add(
                RELEASE_CHAIN_BROKEN,
                manifest,
                None,
                "previous",
                previous=before.name,
                found=before.digest,
                recorded=after.previous,
            )
