"""What a run of the downloads generator takes from the build (plain values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import StatusSettings

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.model.publisher import Publisher
    from ssa_site.output.context import PageContext


@dataclass(frozen=True)
class Run:
    """What a run of the downloads generator takes from the build, beside the public data:
    plain values, so that a worker process can make the files as well as the build."""

    publisher: Publisher
    site_url: str | None
    site_name: str
    use_directory_urls: bool
    scratch: Path | None  # where the files are written
    hidden: frozenset[str]  # the configured internal fields, never published
    cache_dir: Path | None
    #: Thresholds and lateness: the tidy table's ratings.
    status_settings: StatusSettings = field(default_factory=StatusSettings)

    @classmethod
    def of(cls, context: PageContext) -> Run:
        return cls(
            publisher=context.publisher,
            site_url=context.site_url,
            site_name=context.site_name,
            use_directory_urls=context.use_directory_urls,
            scratch=context.scratch,
            hidden=frozenset(context.site.internal_fields),
            cache_dir=context.cache_dir,
            status_settings=context.status_settings,
        )
