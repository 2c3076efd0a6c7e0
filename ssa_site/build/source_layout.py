"""Where each page of a generated project lives, so that every engine reads its links alike.

The plugin writes links in HTML relative to the page's address (``/glossary/``), as MkDocs
leaves HTML alone. Zensical resolves relative links in HTML against the page's source file
instead (``glossary.md`` sits one folder above ``/glossary/``). The two agree when each
page's source sits where its address is: with directory URLs, ``glossary.md`` is written as
``glossary/index.md`` (the same address in every engine), and the relative Markdown links
of every page are rewritten to the moved files (``[terms](glossary.md)`` from ``index.md``
becomes ``glossary/index.md``; an image next to a moved page is one folder up).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

#: Pages that already sit where their address is.
_INDEX_NAMES = ("index.md", "README.md")
#: An inline link or image target: ``[text](target "title")``.
_INLINE = re.compile(r"(!?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\(\s*)(<[^>\n]*>|[^)\s]+)")
#: A link reference definition: ``[label]: target``.
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def moved_pages(pages: Collection[str], directory_urls: bool) -> dict[str, str]:
    """Old → new source path of each page that moves (``a/b.md`` → ``a/b/index.md``)."""
    if not directory_urls:
        return {}
    return {
        page: page.removesuffix(".md") + "/index.md"
        for page in pages
        if posixpath.basename(page) not in _INDEX_NAMES
    }


def relink(markdown: str, source: str, moved: dict[str, str], files: Collection[str]) -> str:
    """The page at ``source`` (its old path) with each relative Markdown link to a file of
    the project (``files``: old paths) pointing where that file is now, from where the page
    is now. Links in fenced code and links to nothing known are left as written."""
    if not moved:
        return markdown
    here = posixpath.dirname(moved.get(source, source))
    there = posixpath.dirname(source)

    def target(raw: str) -> str:
        bracketed = raw.startswith("<") and raw.endswith(">")
        link = raw[1:-1] if bracketed else raw
        if not link or link.startswith(("#", "/")) or _SCHEME.match(link):
            return raw
        cut = min((i for i in (link.find("#"), link.find("?")) if i >= 0), default=len(link))
        path, rest = link[:cut], link[cut:]
        old = posixpath.normpath(posixpath.join(there, path))
        if old not in files:
            return raw
        new = posixpath.relpath(moved.get(old, old), here or ".")
        return f"<{new}{rest}>" if bracketed else f"{new}{rest}"

    return _outside_fences(markdown, lambda text: _relink_text(text, target))


def _relink_text(text: str, target: Callable[[str], str]) -> str:
    text = _INLINE.sub(lambda m: m.group(1) + target(m.group(2)), text)
    return _REFERENCE.sub(lambda m: m.group(1) + target(m.group(2)), text)


def _outside_fences(markdown: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the text outside fenced code blocks."""
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and opening:
            out.append(change("".join(chunk)))
            chunk = []
            fence = opening.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
        else:
            chunk.append(line)
    out.append(change("".join(chunk)))
    return "".join(out)
