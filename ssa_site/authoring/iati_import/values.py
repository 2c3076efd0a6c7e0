"""Baselines, targets and actuals of an IATI indicator as rows of ``values.csv``.

A value is a number only when it is written as one (``40847``, ``-2.5``); anything else
(``12254,1``, ``£3,500,000``, ``2019:available``) is kept as text, word for word, with a
warning naming the indicator: never guessed into a number. A qualitative indicator's
value is its text (``@value``, else the comment). Periods become the plan's shortest
label of their days (:func:`ssa_site.base.periods.shortest_label`); a baseline is dated
by its ``iso-date`` (a day) or else its ``year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ssa_site.authoring.iati_import.reading import narrative
from ssa_site.base.periods import shortest_label

if TYPE_CHECKING:
    from lxml import etree

    from ssa_site.authoring.iati_import.report import Tracker

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)


@dataclass
class Context:
    """What the value rows of one indicator need to know."""

    indicator: str  # its id in the plan
    title: str
    qualitative: bool
    lang: str
    default_lang: str
    fiscal_year_start: int
    tracker: Tracker
    dimensions: list[str] = field(default_factory=list)  # columns, in order found


def day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def _comment(element: etree._Element, context: Context) -> str:
    comment = element.find("comment")
    if comment is None:
        return ""
    found, others = narrative(comment, context.lang, context.default_lang)
    context.tracker.use(comment, *(n for n in comment.iterfind("narrative") if n not in others))
    for other in others:
        written = (other.text or "").strip()
        why = "a comment in another language (the plan holds one)" if written else "empty"
        context.tracker.drop(other, why)
    return found.text if found else ""


def _documents(element: etree._Element, context: Context) -> list[str]:
    """Document links of a value, as text for its comment."""
    found = []
    for link in element.iterfind("document-link"):
        title, _ = narrative(link.find("title"), context.lang, context.default_lang)
        url = (link.get("url") or "").strip()
        if not url:
            context.tracker.drop(link, "a document link without a url")
            continue
        context.tracker.use(link, *link.iter())
        found.append(f"document: {title.text if title else url} <{url}>")
    return found


def _dimensions(element: etree._Element, context: Context) -> dict[str, str]:
    found: dict[str, str] = {}
    for dimension in element.iterfind("dimension"):
        name = " ".join((dimension.get("name") or "").split()).replace(";", ",")
        value = " ".join((dimension.get("value") or "").split())
        if not name or not value:
            context.tracker.drop(dimension, "a dimension without a name or a value")
            continue
        if name in ("indicator", "period", "kind", "value", "text", "comment", "status"):
            name = f"{name} (dimension)"
        if name in found:
            context.tracker.drop(dimension, f"a second category of '{name}' for one value")
            continue
        context.tracker.use(dimension)
        found[name] = value
        if name not in context.dimensions:
            context.dimensions.append(name)
    return found


def value_row(
    element: etree._Element, kind: str, period: str, context: Context
) -> dict[str, str] | None:
    """One ``baseline``, ``target`` or ``actual`` as a row; None (reported) when it has
    nothing to carry."""
    raw = " ".join((element.get("value") or "").split())
    comment = _comment(element, context)
    notes = [comment] if comment else []
    notes += _documents(element, context)
    row = {"indicator": context.indicator, "period": period, "kind": kind}
    if context.qualitative:
        text = raw or comment
        if raw and comment:
            row["comment"] = " — ".join(notes)
        elif len(notes) > 1:
            row["comment"] = " — ".join(notes[1:])
        if not text:
            context.tracker.drop(element, f"a qualitative {kind} without text or comment")
            return None
        row["text"] = text
    elif _NUMBER.match(raw):
        row["value"] = raw
        if notes:
            row["comment"] = " — ".join(notes)
    elif raw:
        row["text"] = raw
        if notes:
            row["comment"] = " — ".join(notes)
        context.tracker.report.warnings.append(
            f"indicator {context.indicator} ({context.title}): the {kind} for {period} is "
            f"'{raw}', not a plain number; kept as text (write the number in values.csv)"
        )
    else:
        context.tracker.drop(element, f"a {kind} without a value")
        return None
    context.tracker.use(element)
    row.update(_dimensions(element, context))
    for child in element.iterfind("location"):
        context.tracker.drop(child, "a plan's values have no location")
    return row


def baseline_period(element: etree._Element) -> str | None:
    """A baseline's period: its ``iso-date`` (a day), else its ``year``."""
    when = day(element.get("iso-date"))
    if when is not None:
        return when.isoformat()
    year = (element.get("year") or "").strip()
    return year if _YEAR.match(year) and 1900 <= int(year) <= 2200 else None


def period_label(element: etree._Element, fiscal_year_start: int) -> str | None:
    """A ``period`` element's label, or None when its dates are missing or reversed."""
    start = day(_attr(element, "period-start"))
    end = day(_attr(element, "period-end"))
    if start is None or end is None or end < start:
        return None
    return shortest_label(start, end, fiscal_year_start)


def _attr(element: etree._Element, tag: str) -> str | None:
    found = element.find(tag)
    return None if found is None else found.get("iso-date")
