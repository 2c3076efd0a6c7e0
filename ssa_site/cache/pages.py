"""Generated pages of earlier builds, reused when nothing they are made from changed.

Rendering the templates of thousands of pages is the plugin's largest cost once data and
charts come from :mod:`ssa_site.cache`. A page's key combines

* the **scope**: a digest of everything the generators read except plan and result
  narratives — the code and templates (the site's ``ssa/`` overrides too), the data
  folder, the other authored files of the docs folder (evaluations, reviews, home…), the
  plugin's options, the audience, the site's name and URL, ``use_directory_urls`` and
  ``SOURCE_DATE_EPOCH``;
* the page itself: its path, template, title, place in the nav and front matter;
* the narratives read for it (:meth:`ssa_site.output.PageContext.narrative` records them)
  and its text arguments.

So a ``mkdocs serve`` rebuild after a narrative edit renders only the pages showing that
narrative; a build with no change renders none. Pages are kept in the process (serve) and
on disk under one entry per scope and narratives, of which the newest few are kept.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import TYPE_CHECKING, Any

from ssa_site.cache import store as cache

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: Pages depend on every module and template of the package.
CODE = ("",)
#: Disk entries kept (several audiences or branches of one project).
KEEP = 4
_MEMO: dict[str, dict[str, bytes]] = {}  # scope → pages of the last build, compressed


def docs_digests(docs_dir: Path) -> tuple[str, str]:
    """(everything but plan narratives, plan narratives) of the docs folder."""
    others, narratives = hashlib.sha256(), hashlib.sha256()
    plans = docs_dir / "plans"
    files = (p for p in cache.tree_files(docs_dir) if p.is_file())
    for path in sorted(files, key=lambda p: p.relative_to(docs_dir).as_posix()):
        narrative = path.is_relative_to(plans) and path.parent != plans
        digest = narratives if narrative else others
        digest.update(path.relative_to(docs_dir).as_posix().encode() + b"\0")
        digest.update(cache.file_digest(path).encode())
    return others.hexdigest(), narratives.hexdigest()


class PageCache:
    """The pages of one build: those found in earlier builds, and those made now.

    Pages are held compressed (a tenth of their size): the Markdown of thousands of pages
    would otherwise stay in memory twice, here and in MkDocs."""

    def __init__(self, cache_dir: Path, scope: str, narratives: str) -> None:
        self.scope = cache.key(CODE, "pages", scope)
        self.entry = cache.key(CODE, "pages-on-disk", self.scope, narratives)
        self.disk = cache.DiskCache(cache_dir, "pages")
        self.known: dict[str, bytes] = dict(_MEMO.get(self.scope, {}))
        self.on_disk = False
        stored = self.disk.get(self.entry)
        if isinstance(stored, dict):
            self.known.update(stored)
            self.on_disk = True
        self.made: dict[str, bytes] = {}
        self.rendered = 0

    def key(self, *parts: object) -> str:
        digest = hashlib.sha256(self.scope.encode())
        for part in parts:
            data = repr(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> str | None:
        found = self.known.get(key)
        if found is None:
            return None
        page = _decompressed(found)
        if page is None:  # never stored so (entries are checked on read): made again
            del self.known[key]
            return None
        self.made[key] = found
        return page

    def put(self, key: str, content: str) -> None:
        self.rendered += 1
        self.made[key] = zlib.compress(content.encode("utf-8"), 1)

    @property
    def reused(self) -> int:
        return len(self.made) - self.rendered

    def save(self) -> None:
        """Keep this build's pages for the next rebuild in this process and on disk."""
        _MEMO.clear()  # one scope at a time: old pages are not kept alive
        _MEMO[self.scope] = self.made
        if not self.on_disk or self.rendered:
            self.disk.put(self.entry, self.made)
            prune(self.disk)


def prune(disk: cache.DiskCache, keep: int = KEEP) -> None:
    """Keep the newest few entries: every change of data or docs makes a new one."""
    try:
        entries = sorted(disk.folder.glob("*/*.pickle"), key=lambda p: p.lstat().st_mtime)
    except OSError:
        return  # another build removed one meanwhile: prune next time
    for old in entries[:-keep]:
        cache.remove(old)


def _decompressed(data: bytes) -> str | None:
    """A page kept compressed, or None when its bytes are not a page."""
    try:
        return zlib.decompress(data).decode("utf-8")
    except (zlib.error, UnicodeDecodeError, TypeError):
        return None


def text_arguments(context: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The text arguments of a page (authored Markdown passed in), for its key."""
    return tuple(sorted((k, v) for k, v in context.items() if isinstance(v, str)))


#: What the plugin does to a page's rendered HTML (on_page_content) depends on this code.
HTML_CODE = (*cache.STORE_CODE, "cache/pages.py", "pages/html.py", "load/glossary.py")
_HTML_MEMO: dict[str, dict[bytes, bytes]] = {}


class HtmlCache:
    """The plugin's finishing touches on a page's HTML (glossary tooltips, search
    exclusions), kept by a digest of the HTML they were applied to.

    ``scope`` names everything else the result depends on (the glossary, the options, the
    audience); the HTML's digest does the rest, so a page whose HTML is unchanged gets the
    same finished HTML without the work. Finished pages are stored compressed, and not at
    all when the touches changed nothing."""

    def __init__(self, cache_dir: Path, scope: str) -> None:
        self.entry = cache.key(HTML_CODE, "finished-html", scope)
        self.disk = cache.DiskCache(cache_dir, "html")
        self.known: dict[bytes, bytes] = dict(_HTML_MEMO.get(self.entry, {}))
        self.on_disk = False
        if not self.known:
            stored = self.disk.get(self.entry)
            if isinstance(stored, dict):
                self.known, self.on_disk = stored, True
        self.used: dict[bytes, bytes] = {}
        self.done = 0

    def apply(self, html: str, finish: Callable[[str], str]) -> str:
        data = html.encode("utf-8")
        digest = hashlib.sha256(data).digest()
        found = self.known.get(digest)
        page = None if found is None else _decompressed(found) if found else html
        if found is None or page is None:  # not finished before (or not kept so: again)
            page = finish(html)
            found = b"" if page == html else zlib.compress(page.encode("utf-8"), 1)
            self.done += 1
        self.used[digest] = found
        return page

    def save(self) -> None:
        _HTML_MEMO.clear()
        _HTML_MEMO[self.entry] = self.used
        if self.done or not self.on_disk:
            self.disk.put(self.entry, self.used)
            prune(self.disk)
