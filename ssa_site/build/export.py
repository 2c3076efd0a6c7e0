"""Export the pages and files of a build as a plain MkDocs docs folder (for benchmarks).

With the environment variable ``SSA_EXPORT_DIR`` set, the plugin writes every page and
file of the build (generated or authored, after internal passages are filtered) into
``$SSA_EXPORT_DIR/docs/`` and the final navigation into ``$SSA_EXPORT_DIR/nav.json``.
A build of that folder with plain mkdocs-material (same theme and Markdown settings, no
ssa plugin) renders exactly the pages the plugin produced: ``benchmarks/run.py`` compares
the two. Files and nav items are read duck-typed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssa_site.load.narratives import filter_internal_blocks
from ssa_site.pages.html import exclude_data_tables

if TYPE_CHECKING:
    from ssa_site.cache.workers import Background

EXPORT_ENV = "SSA_EXPORT_DIR"


def export_dir(environ: Any = os.environ) -> Path | None:
    """The export folder the environment asks for, or None (the normal case)."""
    raw = environ.get(EXPORT_ENV, "").strip()
    return Path(raw) if raw else None


def reset(target: Path) -> Path:
    """An empty ``<target>/docs`` folder."""
    docs = target / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    return docs


def write_file(docs: Path, src_uri: str, content: bytes | None, source: str | None) -> None:
    """One file of the build: its bytes, or a copy of the file at ``source``."""
    path = docs / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is not None:
        path.write_bytes(content)
    elif source is not None:
        shutil.copyfile(source, path)


def nav_entries(items: list[Any]) -> list[Any]:
    """The nav as ``mkdocs.yml`` writes it: pages by path, sections by title, links."""
    entries: list[Any] = []
    for item in items:
        children = getattr(item, "children", None)
        file = getattr(item, "file", None)
        if children is not None and file is None:
            entries.append({str(item.title): nav_entries(children)})
        elif file is not None:
            entries.append(file.src_uri)
        else:
            entries.append({str(item.title): str(item.url)})
    return entries


def write_nav(target: Path, items: list[Any]) -> None:
    text = json.dumps(nav_entries(items), indent=1, ensure_ascii=False)
    (target / "nav.json").write_text(text + "\n", encoding="utf-8")


def export_files(files: Any, docs_dir: str, internal: bool) -> None:
    """Write the build's pages and files into the export folder, if one is asked for:
    generated pages as MkDocs reads them, authored pages with their internal passages
    filtered for the audience, and every other file (chart files still being drawn are
    written by :func:`export_drawn` once drawn)."""
    target = export_dir()
    if target is None:
        return
    docs = reset(target)
    for file in files:
        if getattr(file, "background", None) is not None:
            continue  # a chart being drawn (ssa_site.build.deferred): export_drawn
        if file.generated_by and file.is_documentation_page():
            # Data tables marked out of search in the source, as on_page_content marks
            # them in the HTML: the plain build's search indexes what the plugin's does.
            page = exclude_data_tables(file.content_string).encode()
            write_file(docs, file.src_uri, page, None)
        elif file.generated_by:
            content = None if file.abs_src_path else file.content_bytes
            write_file(docs, file.src_uri, content, file.abs_src_path)
        elif file.src_dir == docs_dir:
            source = (
                filter_internal_blocks(file.content_string, internal).encode()
                if file.is_documentation_page()
                else file.content_bytes
            )
            write_file(docs, file.src_uri, source, None)


def export_drawn(deferred: list[Any], background: Background) -> None:
    """Write the chart files drawn in the background into the export folder, if any."""
    target = export_dir()
    if target is None:
        return
    for file in deferred:
        content = background.content(file.abs_src_path)
        path = None if content is not None else file.abs_src_path
        write_file(target / "docs", file.src_uri, content, path)
