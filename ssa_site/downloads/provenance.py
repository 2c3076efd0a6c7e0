"""Reproducible files: the build time, and writing CSV, JSON, XML and zip files byte for byte.

Same input, same bytes: the build time comes from ``SOURCE_DATE_EPOCH`` when it is set, else
from the latest date the public data speaks of as past (see :mod:`ssa_site.analysis.asof`); zip
members go in a fixed order with that time as their timestamp (never before 1980, the first
date a zip can hold); JSON keys are sorted.  Every written file's size and sha256 are
recorded, for the package descriptors and the Data page.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.asof import reference_date
from ssa_site.output.context import GeneratedAsset

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from xml.etree.ElementTree import ElementTree

    from ssa_site.downloads.links import Download
    from ssa_site.project import PublicData

ZIP_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)


def build_time(data: PublicData, environ: Mapping[str, str] = os.environ) -> datetime:
    """When the data was built, in UTC: ``SOURCE_DATE_EPOCH``, else the data's latest date.

    Only public data counts, so an internal date never shows in a download.
    """
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), tz=UTC)
        except (ValueError, OverflowError, OSError):
            pass  # ignored, as ssa_site.analysis.asof does
    day = reference_date(data.portfolio, data.evaluations, environ={})
    return datetime.combine(day, time(), tzinfo=UTC)


@dataclass(frozen=True)
class Provenance:
    """What every download says about where it comes from."""

    built: datetime
    publisher: str
    site_name: str
    site_url: str | None = None  # absolute base URL ending in '/', when the site has one

    @property
    def version(self) -> str:
        """A calendar version of the data: the build date as YEAR.MONTH.DAY."""
        return f"{self.built.year}.{self.built.month}.{self.built.day}"

    @property
    def timestamp(self) -> str:
        return self.built.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def date(self) -> str:
        return self.built.date().isoformat()

    def url(self, site_path: str) -> str:
        """A path of the site as an absolute URL when ``site_url`` is set, else as given."""
        return f"{self.site_url}{site_path}" if self.site_url else site_path

    def absolute(self, site_path: str) -> str | None:
        return f"{self.site_url}{site_path}" if self.site_url else None


def file_digest(path: Path) -> tuple[int, str]:
    """(size in bytes, sha256 hex digest) of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def dumps(data: Any) -> str:
    """JSON for files: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def dumps_compact(data: Any) -> str:
    """JSON for many small files: sorted keys, no indent (Python's fast encoder)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


class Output:
    """Writes downloads into a private folder and hands them to MkDocs by path.

    Files are never held in memory as a whole: MkDocs copies them from ``root`` into the
    site.  Without a scratch folder (a generator called outside a build) a temporary folder
    is used instead.
    """

    def __init__(self, root: Path | None, built: datetime) -> None:
        self.root = root if root is not None else Path(tempfile.mkdtemp(prefix="ssa-downloads-"))
        self.built = built
        self.assets: list[GeneratedAsset] = []
        self.written: dict[str, Download] = {}

    def local(self, site_path: str) -> Path:
        path = self.root / "downloads" / site_path
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _done(self, download: Download) -> Download:
        size, sha256 = file_digest(self.local(download.path))
        done = replace(download, size=size, sha256=sha256)
        self.assets.append(
            GeneratedAsset(download.path, abs_src_path=str(self.local(download.path)))
        )
        self.written[download.path] = done
        return done

    def csv(self, download: Download, header: Sequence[str], rows: Iterable[list[str]]) -> Download:
        with self.local(download.path).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
        return self._done(download)

    def json(self, download: Download, data: Any, compact: bool = False) -> Download:
        text = dumps_compact(data) if compact else dumps(data)
        self.local(download.path).write_text(text, encoding="utf-8")
        return self._done(download)

    def xml(self, download: Download, tree: ElementTree) -> Download:
        tree.write(self.local(download.path), encoding="utf-8", xml_declaration=True)
        return self._done(download)

    def written_by(self, download: Download, write: Callable[[Path], None]) -> Download:
        """A file that ``write`` writes at the path it is given (a workbook...)."""
        write(self.local(download.path))
        return self._done(download)

    def private(self, name: str) -> Path:
        """A file that goes into a zip but is not published on its own."""
        path = self.root / "downloads-private" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def zip(self, download: Download, members: Sequence[tuple[str, Path]]) -> Download:
        """A zip of files already written: (name in the zip, local file), in that order."""
        stamp = max(self.built, ZIP_EARLIEST).timetuple()[:6]
        with zipfile.ZipFile(self.local(download.path), "w") as archive:
            for name, source_path in members:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever the machine building
                info.external_attr = 0o644 << 16
                with (
                    source_path.open("rb") as source,
                    archive.open(info, "w") as target,
                ):
                    shutil.copyfileobj(source, target)
        return self._done(download)
