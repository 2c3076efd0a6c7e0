"""Generated pages and files handed to MkDocs as its own ``File`` objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File, InclusionLevel

from ssa_site.build.deferred import DeferredFile, deferred_file
from ssa_site.output.context import GeneratedPage

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from ssa_site.cache.workers import Background
    from ssa_site.output.context import Generated


def add_generated(
    files: Files, generated: list[Generated], config: MkDocsConfig, background: Background
) -> list[DeferredFile]:
    """Put every generated page and file into ``files`` (replacing an authored file of
    the same path); the chart files still being drawn, which MkDocs copies once drawn.
    Leaf pages are left out of the navigation (reached from index pages)."""
    deferred: list[DeferredFile] = []
    for item in generated:
        new: File
        if isinstance(item, GeneratedPage):
            inclusion = InclusionLevel.INCLUDED if item.in_nav else InclusionLevel.NOT_IN_NAV
            new = File.generated(config, item.src_uri, content=item.content, inclusion=inclusion)
        elif item.deferred and item.abs_src_path is not None:
            new = deferred_file(background, config, item.src_uri, item.abs_src_path)
            deferred.append(new)
        elif item.abs_src_path is not None:
            new = File.generated(config, item.src_uri, abs_src_path=item.abs_src_path)
        else:
            new = File.generated(config, item.src_uri, content=item.content or b"")
        existing = files.get_file_from_path(item.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(new)
    return deferred
