"""The interface's message catalogs: every string the plugin writes for readers, taken
from its templates and Python code with Babel, and how complete each language's catalog
is (``ssa-site catalogs``).

Strings are found where they are marked: ``_()``, ``gettext()``, ``ngettext()`` and
``{% trans %}`` in the templates of ``ssa_site/templates`` and ``ssa_site/theme``;
``_()``, ``ngettext()`` and ``N_()`` (marked, translated later) in the package's Python
code. A catalog is complete when each of those strings has a translation that is not
fuzzy; :func:`missing` lists the others.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ssa_site.base.i18n import DEFAULT, catalog_path, shipped_languages
from ssa_site.base.schemas import RESOURCES, standard_schema
from ssa_site.downloads.columns import DERIVED_VALUE_FIELDS
from ssa_site.downloads.evaluations import EVALUATION_FIELDS, RECOMMENDATION_FIELDS
from ssa_site.load.glossary import glossary_texts

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
METHODS = [
    ("templates/**.html", "jinja2"),
    ("theme/**.html", "ignore"),  # MkDocs' own environment: main.html takes ssa_text
    ("locales/**", "ignore"),
    ("**.py", "python"),
]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}


@dataclass(frozen=True)
class Message:
    """One string to translate: its English text (and plural), where it is used."""

    id: str | tuple[str, str]
    places: tuple[str, ...]
    comments: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.id if isinstance(self.id, str) else self.id[0]


def messages() -> list[Message]:
    """Every marked string of the package, in a stable order."""
    found: dict[str, Message] = {}
    for filename, line, message, comments, _context in extract_from_dir(
        str(PACKAGE),
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if not message or (isinstance(message, tuple) and not message[0]):
            continue
        ident = message if isinstance(message, str) else (message[0], message[1])
        key = ident if isinstance(ident, str) else ident[0]
        place = f"{filename}:{line}"
        if key in found:
            old = found[key]
            found[key] = Message(old.id, (*old.places, place), old.comments)
        else:
            found[key] = Message(ident, (place,), tuple(comments))
    for text, place in schema_texts():  # the Data page documents each table's columns
        if text in found:
            old = found[text]
            found[text] = Message(old.id, (*old.places, place), old.comments)
        else:
            found[text] = Message(text, (place,), ("A column of a downloadable table.",))
    for text, at in glossary_texts():  # the packaged glossary's terms and definitions
        place = f"glossary.yml:{at or 0}"
        if text in found:
            old = found[text]
            found[text] = Message(old.id, (*old.places, place), old.comments)
        else:
            found[text] = Message(text, (place,), ("A glossary entry (ssa_site/glossary.yml).",))
    return sorted(found.values(), key=lambda m: m.key)


def schema_texts() -> list[tuple[str, str]]:
    """The titles and descriptions of the columns the Data page documents (the packaged
    Table Schemas, the derived value columns, the evaluations catalog's), with where."""
    found: list[tuple[str, str]] = []
    tables: list[tuple[str, list[dict[str, Any]]]] = [
        (f"schemas/{resource}.json", list(standard_schema(resource)["fields"]))
        for resource in RESOURCES
    ]
    tables.append(("downloads/columns.py", list(DERIVED_VALUE_FIELDS)))
    tables.append(("downloads/evaluations.py", [*EVALUATION_FIELDS, *RECOMMENDATION_FIELDS]))
    for place, fields in tables:
        for field in fields:
            found.extend(
                (str(field[key]), f"{place}:0")
                for key in ("title", "description")
                if field.get(key)
            )
    return found


def template(found: list[Message] | None = None) -> Catalog:
    """The catalog of every string, untranslated (messages.pot)."""
    catalog = Catalog(project="ssa-site", fuzzy=False, header_comment="# ssa-site interface")
    for message in found if found is not None else messages():
        catalog.add(
            message.id,
            locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in message.places],
            auto_comments=message.comments,
        )
    return catalog


def read(code: str) -> Catalog:
    path = PACKAGE / catalog_path(code)
    with path.open("rb") as stream:
        return read_po(stream, locale=code)


def missing(code: str, found: list[Message] | None = None) -> list[Message]:
    """The strings the catalog of ``code`` does not translate (or marks fuzzy)."""
    catalog = read(code)
    gaps = []
    for message in found if found is not None else messages():
        entry = catalog.get(message.key)
        strings = _strings(entry.string) if entry is not None else []
        if entry is None or entry.fuzzy or not strings or not all(strings):
            gaps.append(message)
    return gaps


def _strings(string: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if string is None:
        return []
    return [string] if isinstance(string, str) else list(string)


def update(code: str) -> int:
    """Bring a language's catalog up to date with the package: new strings added
    untranslated, strings no longer used dropped; the number of untranslated strings."""
    found = messages()
    path = PACKAGE / catalog_path(code)
    catalog = read(code) if path.is_file() else Catalog(locale=code, project="ssa-site")
    catalog.update(template(found), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())
    return len(missing(code, found))


def languages() -> tuple[str, ...]:
    """The languages with a catalog (English is the source and has none)."""
    return tuple(code for code in shipped_languages() if code != DEFAULT)
