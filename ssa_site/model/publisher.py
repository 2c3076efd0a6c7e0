"""Who publishes the site's data: named in data.json, IATI files, package metadata and
citations."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: OMB Circular A-11 agency and bureau code, e.g. 015:11.
BUREAU_CODE = re.compile(r"^[0-9]{3}:[0-9]{2}$")
#: Federal Program Inventory code, e.g. 015:001.
PROGRAM_CODE = re.compile(r"^[0-9]{3}:[0-9]{3}$")


@dataclass(frozen=True)
class Publisher:
    """The organisation publishing the site's data (plugin option ``publisher``)."""

    name: str = ""  # empty: the site name is used
    email: str | None = None  # contact for the data (data.json contactPoint)
    iati_ref: str | None = None  # IATI organisation identifier, e.g. "US-GOV-11"
    iati_type: str = "10"  # IATI OrganisationType code; 10 is Government
    #: A US federal publisher: data.json follows the federal profile of Project Open Data
    #: v1.1 (bureau and program codes, a contact address); else the non-federal one.
    federal: bool = True
    bureau_codes: tuple[str, ...] = ()  # OMB bureau codes, NNN:NN
    program_codes: tuple[str, ...] = ()  # Federal Program Inventory codes, NNN:NNN
    #: Licence of the data that states none itself: plans without ssa.license, the
    #: evaluations catalog (an SPDX identifier such as CC-BY-4.0, or a URL).
    license: str | None = None

    def display_name(self, site_name: str) -> str:
        return self.name or site_name or "ssa-site"
