"""Who publishes the site's data: named in data.json, IATI files, package metadata and
citations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Publisher:
    """The organisation publishing the site's data (plugin option ``publisher``)."""

    name: str = ""  # empty: the site name is used
    email: str | None = None  # contact for the data (data.json contactPoint)
    iati_ref: str | None = None  # IATI organisation identifier, e.g. "US-GOV-11"
    iati_type: str = "10"  # IATI OrganisationType code; 10 is Government

    def display_name(self, site_name: str) -> str:
        return self.name or site_name or "ssa-site"
