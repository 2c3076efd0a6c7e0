"""Open an IATI activity file and read its narratives in one language.

Only files of the IATI Standard 2.01, 2.02 and 2.03 are read; 1.0x files (free text
instead of ``narrative`` elements, other codes) are refused with what to do instead. The
parser never fetches anything: no DTD, no external entity, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERSIONS = ("2.01", "2.02", "2.03")


class IatiImportError(Exception):
    """A file cannot be imported (the message names it, says why and what to do)."""


@dataclass(frozen=True)
class IatiFile:
    """A checked activity file: its name as given, its version and its tree."""

    name: str
    version: str
    tree: etree._ElementTree

    @property
    def activities(self) -> list[etree._Element]:
        return list(self.tree.getroot().iterfind("iati-activity"))

    def xpath(self, element: etree._Element) -> str:
        return str(self.tree.getpath(element))


def read_file(path: Path) -> IatiFile:
    """The file at ``path``, checked to be an IATI 2.01-2.03 activity file."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        tree = etree.parse(str(path), parser)
    except OSError as exc:
        raise IatiImportError(f"{path}: cannot be read ({exc})") from None
    except etree.XMLSyntaxError as exc:
        raise IatiImportError(
            f"{path}: not well-formed XML ({exc.msg}, line {exc.lineno}) "
            "(check that it is the activity file itself, not a web page about it)"
        ) from None
    root = tree.getroot()
    if root.tag != "iati-activities":
        raise IatiImportError(
            f"{path}: the root element is <{root.tag}>, not <iati-activities> "
            "(import an IATI activity file; organisation files hold no results)"
        )
    version = (root.get("version") or "").strip()
    if version.startswith("1."):
        raise IatiImportError(
            f"{path}: IATI {version} files are not read; only 2.01, 2.02 and 2.03 are "
            "(version 1 of the standard is retired: ask the publisher for its 2.0x file, "
            "or convert this one to 2.03)"
        )
    if version not in VERSIONS:
        shown = f"version '{version}'" if version else "no version attribute"
        raise IatiImportError(
            f"{path}: <iati-activities> has {shown}; only 2.01, 2.02 and 2.03 are read "
            '(an activity file names its version, e.g. version="2.03")'
        )
    return IatiFile(path.name, version, tree)


def language(element: etree._Element, default: str) -> str:
    """The language of an element: its ``xml:lang``, else ``default``."""
    return (element.get(XML_LANG) or default).strip().lower()


@dataclass(frozen=True)
class Narrative:
    """The text of a narrative element chosen for the plan's language."""

    text: str
    element: etree._Element


def narrative(
    parent: etree._Element | None, lang: str, default: str
) -> tuple[Narrative | None, list[etree._Element]]:
    """The ``narrative`` of ``parent`` in ``lang`` (else in ``default``, else the first
    one with text) and the narratives left out (other languages)."""
    if parent is None:
        return None, []
    found = [n for n in parent.iterfind("narrative") if (n.text or "").strip()]
    for wanted in (lang, default):
        chosen = next((n for n in found if language(n, default) == wanted), None)
        if chosen is not None:
            break
    else:
        chosen = found[0] if found else None
    others = [n for n in parent.iterfind("narrative") if n is not chosen]
    if chosen is None:
        return None, others
    text = " ".join((chosen.text or "").split())
    return Narrative(text, chosen), others
