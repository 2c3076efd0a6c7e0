"""Who publishes the data: used by data.json, IATI files, package metadata and citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..output import PageContext


@dataclass(frozen=True)
class Publisher:
    """The organisation publishing the site's data (plugin option ``publisher``)."""

    name: str = ""  # empty: the site name is used
    email: str | None = None  # contact for the data (data.json contactPoint)
    iati_ref: str | None = None  # IATI organisation identifier, e.g. "US-GOV-11"
    iati_type: str = "10"  # IATI OrganisationType code; 10 is Government

    def display_name(self, site_name: str) -> str:
        return self.name or site_name or "ssa-site"


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

    @classmethod
    def of(cls, context: PageContext) -> Run:
        return cls(
            publisher=context.publisher or Publisher(),
            site_url=context.site_url,
            site_name=context.site_name,
            use_directory_urls=context.use_directory_urls,
            scratch=context.scratch,
            hidden=frozenset(context.site.internal_fields),
            cache_dir=context.cache_dir,
        )
