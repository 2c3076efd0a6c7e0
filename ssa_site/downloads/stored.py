"""Downloads kept between builds: the files by their sha256, the catalog in a manifest.

Writing every CSV, zip and IATI file again is the slow part of the downloads generator,
and its output depends only on the public data and a few settings. The manifest's key
covers all of them (the data folder's digest, the public evaluations, the internal
fields, the publisher, the site's name and URL, SOURCE_DATE_EPOCH, the audience and the
code), so a stored manifest always describes exactly the files a fresh run would write.
Each file is checked against the digest it is named after before it is published, and the
manifest against its own (ssa_site.cache.store): a damaged one makes the downloads again.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.cache import store as cache
from ssa_site.output.context import GeneratedAsset

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.downloads.catalog import Dataset
    from ssa_site.downloads.provenance import Output, Provenance
    from ssa_site.model.publisher import Publisher
    from ssa_site.output.context import PageContext
    from ssa_site.project import PublicData

#: The downloads depend on most of the package: any change of code makes them again.
_CODE = ("",)


@dataclass(frozen=True)
class Stored:
    """What the Data page needs from a run of the generator, and the files it wrote."""

    files: tuple[tuple[str, str], ...]  # (site path, sha256 of the file)
    datasets: tuple[Dataset, ...]
    provenance: Provenance
    publisher: Publisher


def entry(context: PageContext, data: PublicData) -> str | None:
    """The key of this build's downloads, or None without a cache (or without data)."""
    site = context.site
    if context.cache_dir is None or not site.data_fingerprint or not cache.enabled("downloads"):
        return None
    return cache.key(
        _CODE,
        "downloads",
        site.data_fingerprint,
        tuple(site.internal_fields),
        data.evaluations,
        context.publisher,
        context.site_url,
        context.site_name,
        context.use_directory_urls,
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        site.portfolio.audience,
        context.status_settings,  # the tidy table's ratings
    )


def _blobs(cache_dir: Path | None) -> cache.DiskCache:
    assert cache_dir is not None
    return cache.DiskCache(cache_dir, "downloads")


def kept(context: PageContext, key: str) -> bool:
    """Whether a run of this key is stored (its catalog; :func:`restore` checks it all)."""
    try:
        return _blobs(context.cache_dir).path(key, ".pickle").is_file()
    except OSError:
        return False


def restore(context: PageContext, key: str | None) -> tuple[Stored, list[Any]] | None:
    """The stored run and its files as generated assets, if every file is still there and
    holds the bytes it is named after (a damaged file is dropped: None)."""
    if key is None:
        return None
    blobs = _blobs(context.cache_dir)
    stored = blobs.get(key)
    if not isinstance(stored, Stored):
        return None
    assets: list[Any] = []
    for site_path, sha256 in stored.files:
        blob = blobs.path(sha256, ".blob")
        if not _intact(blob, sha256):
            cache.remove(blob)
            return None
        assets.append(GeneratedAsset(site_path, abs_src_path=str(blob)))
    return stored, assets


def _intact(blob: Path, sha256: str) -> bool:
    """Whether a file of the cache holds the bytes whose digest names it."""
    try:
        return cache.file_digest(blob) == sha256
    except OSError:
        return False


def store(
    cache_dir: Path | None,
    key: str | None,
    out: Output,
    datasets: list[Dataset],
    provenance: Provenance,
    publisher: Publisher,
) -> None:
    """Keep the files written so far (by content) and what the Data page needs."""
    if key is None:
        return
    blobs = _blobs(cache_dir)
    files: list[tuple[str, str]] = []
    for asset in out.assets:
        sha256 = out.written[asset.src_uri].sha256
        target = blobs.path(sha256, ".blob")
        if not _intact(target, sha256) and not _copy(out.local(asset.src_uri), target):
            return
        files.append((asset.src_uri, sha256))
    blobs.put(key, Stored(tuple(files), tuple(datasets), provenance, publisher))


def _copy(source: Path, target: Path) -> bool:
    """Copy into the cache through a temporary file, so no build sees half a file."""
    temporary = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, temporary)
        if target.is_dir():
            cache.remove(target)  # a folder where the file goes
        temporary.replace(target)
    except OSError:
        return False
    finally:
        cache.remove(temporary)
    return True
