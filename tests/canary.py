"""The canary fixture (tests/fixtures/canary): every internal entity, row, field and
passage carries a canary, a ``CANARY-…`` string or one of the distinctive numbers and
dates below; a public build, or anything a public template can reach, holds none."""

from __future__ import annotations

import re

from conftest import FIXTURES

CANARY = FIXTURES / "canary"
_TOKEN = re.compile(rb"CANARY[\w.-]*[\w]")

#: Internal numbers and dates of the fixture, with the forms a page may print them in.
NUMBER_CANARIES = {
    "budget 7777777": ("7777777", "7,777,777"),
    "me_budget 3333333": ("3333333", "3,333,333"),
    "internal value row 9191919": ("9191919", "9,191,919"),
    "internal disaggregated value 4848484": ("4848484", "4,848,484"),
    "internal indicator values 8282828": ("8282828", "8,282,828", "8282829", "8,282,829"),
    "internal package values 6464646": ("6464646", "6,464,646", "6464648", "6,464,648"),
    "dqa_last 2011-11-11": ("2011-11-11",),
    "dqa_next 2012-12-12": ("2012-12-12",),
    "reported date of an internal value 2031-03-03": ("2031-03-03",),
    "reported date in the internal package 2032-04-04": ("2032-04-04",),
}

#: Canaries that even the internal build shows nowhere, and why.
SHOWN_NOWHERE = {
    "CANARY-IATI-ID": "an IATI identifier appears only in the IATI download, public in every build",
}


def canaries() -> set[str]:
    """Every CANARY string of the fixture's data and narratives."""
    found: set[str] = set()
    for folder in ("data", "content"):
        for path in (CANARY / folder).rglob("*"):
            if path.is_file():
                found.update(m.decode() for m in _TOKEN.findall(path.read_bytes()))
    return found
