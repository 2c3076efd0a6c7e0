"""Chart files MkDocs lists at once but copies only once drawn (see ssa_site.cache.workers).

Like plugin.py and config.py, this module works with MkDocs' own classes.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, cast

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from ssa_site.cache.workers import Background


class DeferredFile(File):
    """A chart file MkDocs copies into the site only when its chart has been drawn."""

    background: Background

    def copy_file(self, dirty: bool = False) -> None:
        self.background.defer(partial(self._copy_drawn, dirty))

    def _copy_drawn(self, dirty: bool) -> None:
        content = self.background.content(self.abs_src_path)
        if content is not None:  # the cache could not hold it: drawn by the build
            self.content_bytes = content
        super().copy_file(dirty)


def deferred_file(background: Background, config: Any, src_uri: str, path: str) -> DeferredFile:
    """The site file of a chart being drawn into ``path`` (a cache file)."""
    file = cast("DeferredFile", DeferredFile.generated(config, src_uri, abs_src_path=path))
    file.background = background
    return file
