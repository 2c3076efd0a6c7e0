"""Fields of a ``datapackage.json`` checked on their own: ``ssa.country``, a resource's
``dialect`` and ``ssa.imported``.

The plan's ``country`` is an ISO 3166-1 alpha-3 code of a country :mod:`pycountry` knows.
A code of no country (``XVD``) is an error as a malformed one is, and both name the codes
the author most likely meant: the country a name, an alpha-2 or numeric code or a lower-case
code stands for (``Kenya``, ``KE``, ``404``, ``ken`` → ``KEN``), else the codes nearest in
spelling (one letter changed, added, dropped, or two swapped).
"""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Any

from ssa_site.load.package_problems import (
    COUNTRY_CODE_INVALID,
    COUNTRY_CODE_UNKNOWN,
    RESOURCE_DELIMITER_INVALID,
    RESOURCE_DIALECT_NOT_OBJECT,
)

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems

_CODE = re.compile(r"^[A-Z]{3}$")
#: How many codes a fix names at most.
_SUGGESTIONS = 3
#: What a fix names when nothing written looks like any country.
_EXAMPLE = "e.g. KEN (Kenya)"


def _name(country: Any) -> str:
    return str(getattr(country, "common_name", None) or country.name)


def _listed(countries: list[Any]) -> str:
    """``AND (Andorra), BGD (Bangladesh) or BVT (Bouvet Island)``."""
    named = [f"{c.alpha_3} ({_name(c)})" for c in countries[:_SUGGESTIONS]]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def _distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``: letters changed, added, dropped, or two side by side
    swapped (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, start=1):
        row = [i]
        for j, y in enumerate(b, start=1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def nearest(written: str) -> str:
    """The codes the author most likely meant, as a fix names them."""
    import pycountry  # only for a package not in the cache yet

    text = written.strip()
    if not text:
        return _EXAMPLE
    try:
        return _listed([pycountry.countries.lookup(text)])  # a name, alpha-2, numeric, case
    except LookupError:
        pass
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    if len(text) > 3:  # a name misspelt
        by_name = {_name(c).casefold(): c for c in countries}
        close = difflib.get_close_matches(text.casefold(), list(by_name), _SUGGESTIONS, 0.75)
        found = [by_name[name] for name in close]
        if not found:
            try:
                found = pycountry.countries.search_fuzzy(text)
            except LookupError:
                return _EXAMPLE
        return _listed(found)
    code = text.upper()
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return _EXAMPLE
    ranked = sorted((_distance(code, c.alpha_3), c.alpha_3) for c in countries)
    closest = ranked[0][0]
    return _listed([pycountry.countries.get(alpha_3=c) for d, c in ranked if d == closest])


def check_country(value: Any, path: str, problems: Problems) -> str | None:
    """The plan's country code, or None (reported) when it is none of a country."""
    if value is None:
        return None
    import pycountry  # only for a package not in the cache yet

    if not isinstance(value, str) or not _CODE.match(value):
        shown = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
        problems.add(
            COUNTRY_CODE_INVALID, path, None, "ssa.country", country=value, nearest=nearest(shown)
        )
        return None
    if pycountry.countries.get(alpha_3=value) is None:
        problems.add(
            COUNTRY_CODE_UNKNOWN, path, None, "ssa.country", country=value, nearest=nearest(value)
        )
        return None
    return value


def declared_delimiter(dialect: Any, where: str, path: str, problems: Problems) -> str | None:
    """The separator of a resource's columns its dialect declares (``,`` when it declares
    none); None, reported, when the dialect is not one this loader reads."""
    if dialect is None:
        return ","
    if not isinstance(dialect, dict):
        problems.add(RESOURCE_DIALECT_NOT_OBJECT, path, None, f"{where}.dialect")
        return None
    field, found = f"{where}.dialect.delimiter", dialect.get("delimiter", ",")
    options = dialect.get("csv")
    if isinstance(options, dict) and "delimiter" in options:  # as Frictionless 5 writes it
        field, found = f"{where}.dialect.csv.delimiter", options["delimiter"]
    if not isinstance(found, str) or len(found) != 1 or found in '"\r\n':
        problems.add(RESOURCE_DELIMITER_INVALID, path, None, field, delimiter=json.dumps(found))
        return None
    return found


def imported_from(descriptor: dict[str, Any]) -> str | None:
    """``ssa.imported`` (written by ``ssa-site import-iati``) as one line, else None: the
    plan's warnings and quality findings are report-only while it is there."""
    meta = descriptor.get("ssa")
    found = meta.get("imported") if isinstance(meta, dict) else None
    if not isinstance(found, dict) or not found:
        return None
    return ", ".join(f"{key} {value}" for key, value in found.items())
