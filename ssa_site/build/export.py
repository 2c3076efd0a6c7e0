"""A build's pages and files written out as a plain docs folder (``ssa-site generate``).

While :func:`exporting` is in force, the plugin's build writes every page and file it
would publish into ``<target>/docs/``: generated pages as MkDocs reads them, authored
pages with their internal passages filtered for the audience, every other authored file,
the static files of the plugin's and the site's theme folders (stylesheets, scripts,
images; not templates), and the chart files drawn in the background once drawn. Each page
starts with the banners the theme would show above it (Markdown, so that any engine
shows them), each page's source is put where its address is
(:mod:`ssa_site.build.source_layout`), and the final navigation is kept for
``mkdocs.yml``. Files and nav items are read duck-typed.
:mod:`ssa_site.build.generate_project` drives it.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ssa_site.build.source_layout import moved_pages, relink
from ssa_site.load.narratives import filter_internal_blocks
from ssa_site.pages.html import exclude_data_tables

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ssa_site.cache.workers import Background

#: YAML front matter as MkDocs finds it (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: A first heading of level 1, ATX (``# Title``) or setext (``Title`` over ``=====``).
_H1 = re.compile(r"[ ]{0,3}#(?!#)[ \t]+\S[^\n]*\n|[ ]{0,3}\S[^\n]*\n[ ]{0,3}=+[ \t]*\n")


@dataclass
class Export:
    """One export in progress: where it goes, what each page starts with, which folders'
    static files it carries, and the navigation once MkDocs has arranged it."""

    target: Path
    banner: str = ""  # Markdown (an HTML block) put at the top of every page
    static_dirs: tuple[str, ...] = ()  # theme folders whose non-template files are copied
    directory_urls: bool = True  # use_directory_urls: pages go where their address is
    nav: list[Any] | None = None
    moved: dict[str, str] = field(default_factory=dict)  # old → new path of moved pages
    pages: int = 0
    files: int = 0
    written: set[str] = field(default_factory=set)

    @property
    def docs(self) -> Path:
        return self.target / "docs"


_CURRENT: ContextVar[Export | None] = ContextVar("ssa_site_export", default=None)


@contextlib.contextmanager
def exporting(export: Export) -> Iterator[Export]:
    """Export the build that runs inside this block into ``export.target``."""
    token = _CURRENT.set(export)
    try:
        yield export
    finally:
        _CURRENT.reset(token)


def current() -> Export | None:
    """The export in progress, or None (the normal case: a build publishes a site)."""
    return _CURRENT.get()


def export_dir() -> Path | None:
    """The folder of the export in progress, or None."""
    export = current()
    return export.target if export is not None else None


def with_banner(markdown: str, banner: str) -> str:
    """The page with ``banner`` at its top: after its front matter and, when the page
    opens with a level-1 heading, after that heading (MkDocs and Zensical take a page's
    title from a heading only when it comes first)."""
    if not banner:
        return markdown
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    body = markdown[start:]
    stripped = body.lstrip("\n")
    heading = _H1.match(stripped)
    if heading:
        start += len(body) - len(stripped) + heading.end()
        return f"{markdown[:start]}\n{banner.strip()}\n\n{markdown[start:].lstrip(chr(10))}"
    return f"{markdown[:start]}{banner.strip()}\n\n{markdown[start:]}"


def _write(export: Export, src_uri: str, content: bytes | None, source: str | None) -> None:
    """One file of the build: its bytes, or a copy of the file at ``source``."""
    path = export.docs / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is not None:
        path.write_bytes(content)
    elif source is not None:
        shutil.copyfile(source, path)
    export.written.add(src_uri)


def nav_entries(items: list[Any], moved: dict[str, str] | None = None) -> list[Any]:
    """The nav as ``mkdocs.yml`` writes it: pages by path, sections by title, links."""
    entries: list[Any] = []
    for item in items:
        children = getattr(item, "children", None)
        file = getattr(item, "file", None)
        if children is not None and file is None:
            entries.append({str(item.title): nav_entries(children, moved)})
        elif file is not None and "title" in vars(item):  # a title the plugin gave it
            entries.append({str(item.title): (moved or {}).get(file.src_uri, file.src_uri)})
        elif file is not None:
            entries.append((moved or {}).get(file.src_uri, file.src_uri))
        else:
            entries.append({str(item.title): str(item.url)})
    return entries


def write_nav(target: Path, items: list[Any]) -> None:
    """Keep the final navigation for the export's ``mkdocs.yml``."""
    export = current()
    if export is not None and export.target == target:
        export.nav = nav_entries(items, export.moved)


def export_files(files: Any, docs_dir: str, internal: bool) -> None:
    """Write the build's pages and files into the export in progress, if any (chart
    files still being drawn are written by :func:`export_drawn` once drawn)."""
    export = current()
    if export is None:
        return
    shutil.rmtree(export.docs, ignore_errors=True)
    export.docs.mkdir(parents=True)
    themes = []
    pages: dict[str, str] = {}  # old path → Markdown
    sources = (docs_dir, *export.static_dirs)
    known = {f.src_uri for f in files if f.generated_by or f.src_dir in sources}
    for file in files:
        if getattr(file, "background", None) is not None:
            continue  # a chart being drawn (ssa_site.build.deferred): export_drawn
        if file.generated_by and file.is_documentation_page():
            # Data tables marked out of search in the source, as on_page_content marks
            # them in the HTML: the plain build's search indexes what the plugin's does.
            pages[file.src_uri] = exclude_data_tables(file.content_string)
        elif file.generated_by:
            content = None if file.abs_src_path else file.content_bytes
            _write(export, file.src_uri, content, file.abs_src_path)
            export.files += 1
        elif file.src_dir == docs_dir and file.is_documentation_page():
            pages[file.src_uri] = filter_internal_blocks(file.content_string, internal)
        elif file.src_dir == docs_dir:
            _write(export, file.src_uri, file.content_bytes, None)
            export.files += 1
        elif file.src_dir in export.static_dirs:
            themes.append(file)
    # The theme's static files go in last: a docs file of the same path wins, as in MkDocs.
    for file in themes:
        if file.src_uri not in export.written:
            _write(export, file.src_uri, None, file.abs_src_path)
            export.files += 1
    export.moved = moved_pages(pages, export.directory_urls)
    for src_uri, markdown in pages.items():
        markdown = relink(with_banner(markdown, export.banner), src_uri, export.moved, known)
        _write(export, export.moved.get(src_uri, src_uri), markdown.encode(), None)
        export.pages += 1


def export_drawn(deferred: list[Any], background: Background) -> None:
    """Write the chart files drawn in the background into the export, if any."""
    export = current()
    if export is None:
        return
    for file in deferred:
        content = background.content(file.abs_src_path)
        path = None if content is not None else file.abs_src_path
        _write(export, file.src_uri, content, path)
        export.files += 1
