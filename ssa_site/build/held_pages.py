"""Pages' HTML held compressed between MkDocs rendering it and writing the page.

MkDocs renders the Markdown of every page first and writes the pages after, so the HTML
of all pages is in memory at once: on a site of 5,000 generated pages, a few hundred MiB.
:class:`HeldPages` keeps each page's HTML compressed (about a tenth of its size) from the
moment MkDocs has rendered it until the theme and the search index need it, and drops it
again once the page is written. The HTML given back is the very text that was held.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

#: What ``page.content`` holds while the page's HTML is held.
HELD = "<!-- ssa: this page's HTML is held compressed until the page is written -->"


class HeldPages:
    """The compressed HTML of the pages of one build, by source path."""

    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}
        self._last: Page | None = None

    def rendered(self, page: Page | None) -> None:
        """MkDocs moves on from the page rendered last (to ``page``, or None once every
        page is rendered): its HTML is final, and held from now on."""
        last, self._last = self._last, page
        if last is not None and last.content is not None and last.content != HELD:
            self._held[last.file.src_uri] = zlib.compress(last.content.encode("utf-8"), 1)
            last.content = HELD

    def give_back(self, page: Page) -> None:
        """The page's HTML, for the theme and the search index."""
        data = self._held.get(page.file.src_uri)
        if data is not None and page.content == HELD:
            page.content = zlib.decompress(data).decode("utf-8")

    def written(self, page: Page) -> None:
        """The page is written: its HTML is held again."""
        if page.file.src_uri in self._held:
            page.content = HELD
