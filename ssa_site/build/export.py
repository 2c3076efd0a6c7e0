"""Export the pages and files of a build as a plain MkDocs docs folder (for benchmarks).

With the environment variable ``SSA_EXPORT_DIR`` set, the plugin writes every page and
file of the build (generated or authored, after internal passages are filtered) into
``$SSA_EXPORT_DIR/docs/`` and the final navigation into ``$SSA_EXPORT_DIR/nav.json``.
A build of that folder with plain mkdocs-material (same theme and Markdown settings, no
ssa plugin) renders exactly the pages the plugin produced: ``benchmarks/run.py`` compares
the two. Nothing here imports MkDocs; files and nav items are read duck-typed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

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
