"""Licences as a plan or the publisher states them: a well-known one gets its SPDX
identifier, URL and title (downloads' descriptors, catalogs and the embed pages say them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Well-known licences: identifier (lower case) → (SPDX identifier, URL, title).
LICENSES: dict[str, tuple[str | None, str, str]] = {
    "cc0-1.0": (
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons Zero v1.0 Universal",
    ),
    "cc-by-4.0": (
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
    "cc-by-sa-4.0": (
        "CC-BY-SA-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Attribution-ShareAlike 4.0 International",
    ),
    "odc-by-1.0": (
        "ODC-By-1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
        "Open Data Commons Attribution License v1.0",
    ),
    "odbl-1.0": (
        "ODbL-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Data Commons Open Database License v1.0",
    ),
    "pddl-1.0": (
        "PDDL-1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
        "Open Data Commons Public Domain Dedication and License v1.0",
    ),
    # No SPDX identifier: works of the US government are in the public domain by law.
    "us-pd": (
        None,
        "https://www.usa.gov/government-works",
        "U.S. Government Works (public domain)",
    ),
    "public-domain": (
        None,
        "https://www.usa.gov/government-works",
        "U.S. Government Works (public domain)",
    ),
}

_LICENSE_NAME = re.compile(r"^[-a-zA-Z0-9._]+$")
_URL = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class License:
    text: str  # as the plan states it
    name: str | None  # an identifier such as CC-BY-4.0
    url: str | None
    title: str

    def descriptor(self) -> dict[str, str]:
        found = {"title": self.title}
        if self.name:
            found["name"] = self.name
        if self.url:
            found["path"] = self.url
        return found


def license_of(text: str | None) -> License | None:
    """A licence as a plan or the publisher states it, with its SPDX identifier and URL
    when it is a well-known one (or its URL when it is one)."""
    if not text:
        return None
    known = LICENSES.get(text.strip().lower())
    if known:
        return License(text, known[0], known[1], known[2])
    if _URL.match(text.strip()):
        return License(text, None, text.strip(), text.strip())
    name = text.strip() if _LICENSE_NAME.match(text.strip()) else None
    return License(text, name, None, text.strip())
