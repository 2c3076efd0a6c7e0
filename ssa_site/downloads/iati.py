"""IATI activity XML (standard version 2.03) of a plan's initiatives and their results.

Each initiative that contributes to a public result is an ``iati-activity``; each of its
results that has indicators is a ``result`` (IATI requires at least one indicator), typed
from its level; each indicator carries its baselines and, per period, its targets and
actuals, with ``dimension`` elements for disaggregations.  Public evaluation pages that cover
the initiative or its plan are ``document-link``s.

Codes (IATI codelists): ResultType 1 output, 2 outcome, 3 impact, 9 other; IndicatorMeasure
1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative; ActivityStatus 1 pipeline,
2 implementation, 4 closed; ActivityDateType 1/2 planned/actual start, 3/4 planned/actual end;
OrganisationRole 1 funding, 2 accountable, 4 implementing; DocumentCategory A07 evaluation,
A08 results, A12 activity web page; Country ISO 3166-1 alpha-2 (the plan's alpha-3 ``country``
through :mod:`pycountry`, 100 % to it; a plan without one, or with a code pycountry does not
know, names no recipient country).  Built with :mod:`xml.etree.ElementTree`, which escapes
every text and attribute.

Element choices (an importer can read them back):

- ``sector``: the initiative's ``sectors``, else its plan's ``ssa.sectors``; vocabulary 1
  (OECD DAC 5-digit purpose codes), with ``percentage`` when the data gives a share and the
  DAC name as narrative.
- ``reference``: a result's indicators carry their ``standard_code`` (vocabulary 99);
  the result carries ``<plan>:<result id>`` (vocabulary 99) only when none of its
  indicators has a code, as the IATI rulesets allow a reference on the result or on its
  indicators, never both (rule 8.11.1).  The result's and the indicator's ids also open
  their titles (``O1.1 Title``) and their pages are ``document-link``s (category A08).
- ``activity-date``: the start is actual (type 2) once it has passed and the initiative is
  not planned, else planned (type 1); the end is actual (type 4) only when the initiative
  is completed and the day has passed, else planned (type 3): IATI refuses actual dates
  in the future (rules 11.1.4, 11.1.5).  "Today" is the build's date (provenance).
- ``baseline``/``target``/``actual``: ``value`` is written for numeric measures only, in
  plain decimal notation; a qualitative indicator's value goes into the ``comment``, as
  the rulesets expect no ``value`` there (8.8.3, 8.9.3, 8.10.3).  A numeric indicator's
  value kept as text (``12254,1``, as imported) is the ``value`` word for word, as the
  schema allows: the rulesets warn that it is no number (8.8.2) rather than fail the
  file for want of a value (8.8.1), and an imported value reads back as it came.

What the rulesets say of the written file is checked by :mod:`ssa_site.downloads.iati_check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import pycountry

from ssa_site.load.sectors import sector_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

    from ssa_site.downloads.provenance import Provenance
    from ssa_site.model.evaluation import Evaluation
    from ssa_site.model.plan import Indicator, Initiative, Plan, Result, Value
    from ssa_site.model.publisher import Publisher

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

MEASURES = {"unit": "1", "percentage": "2", "nominal": "3", "ordinal": "4", "qualitative": "5"}
STATUSES = {"planned": "1", "unresourced": "1", "ongoing": "2", "completed": "4"}

#: Characters XML 1.0 cannot hold at all; dropped rather than producing a broken file.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def result_type(level: str) -> str:
    """IATI ResultType of a level, by its name: impact/goal 3, outcome/objective 2, output 1."""
    name = level.lower()
    if "impact" in name or "goal" in name:
        return "3"
    if "outcome" in name or "objective" in name or "purpose" in name:
        return "2"
    if "output" in name:
        return "1"
    return "9"


@dataclass(frozen=True)
class Links:
    """Where the activity's pages are, as URLs usable from the XML file."""

    initiative: Callable[[Initiative], str]
    result: Callable[[Result], str]
    indicator: Callable[[Indicator], str]
    evaluation: Callable[[Evaluation], str]


def _text(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(
        parent, tag, {k.replace("_", "-"): _text(v) for k, v in attributes.items()}
    )


def _narrative(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative").text = _text(text)
    return element


def _document(
    parent: ET.Element, url: str, title: str, category: str, day: date | None = None
) -> None:
    link = _sub(parent, "document-link", format="text/html", url=url)
    _narrative(link, "title", title)
    _sub(link, "category", code=category)
    _sub(link, "language", code="en")
    if day is not None:
        _sub(link, "document-date", iso_date=day.isoformat())


def recipient_country(code: str | None) -> tuple[str, str] | None:
    """(ISO 3166-1 alpha-2 code, English name) of a plan's alpha-3 ``country``, or None when
    there is none or pycountry does not know it (IATI accepts only codes of its codelist)."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_3=code.strip().upper())
    if found is None:
        return None
    return found.alpha_2, getattr(found, "common_name", None) or found.name


def covering(
    evaluations: Iterable[Evaluation], plan: Plan, initiative: Initiative
) -> list[Evaluation]:
    """Evaluations of the initiative, and those of its whole plan (naming no initiative)."""
    return [
        e
        for e in evaluations
        if e.covers(plan.name, initiative=initiative.id)
        or (e.covers(plan.name) and not any(r.plan == plan.name for r in e.initiatives))
    ]


def identifier(plan: Plan, initiative: Initiative, publisher: Publisher) -> str:
    """The initiative's own IATI identifier, else ``<publisher ref>-<plan>-<initiative>``."""
    if initiative.iati_identifier:
        return initiative.iati_identifier
    prefix = f"{publisher.iati_ref}-" if publisher.iati_ref else ""
    return f"{prefix}{plan.name}-{initiative.id}"


def _status(initiative: Initiative, today: date) -> str:
    if initiative.status in STATUSES:
        return STATUSES[initiative.status]
    if initiative.end and initiative.end < today:
        return "4"
    if initiative.start and initiative.start > today:
        return "1"
    return "2"


def _dates(activity: ET.Element, plan: Plan, initiative: Initiative, today: date) -> None:
    status = _status(initiative, today)
    start = initiative.start or plan.period_start or today
    actual = status != "1" and start <= today
    _sub(activity, "activity-date", type="2" if actual else "1", iso_date=start.isoformat())
    end = initiative.end or plan.period_end
    if end:
        actual = status == "4" and end <= today
        _sub(activity, "activity-date", type="4" if actual else "3", iso_date=end.isoformat())


def _sectors(activity: ET.Element, plan: Plan, initiative: Initiative) -> None:
    for sector in initiative.sectors or plan.sectors:
        attributes = {"vocabulary": "1", "code": sector.code}
        if sector.percentage is not None:
            attributes["percentage"] = _decimal(sector.percentage)
        name = sector_name(sector.code)
        if name:
            _narrative(activity, "sector", name, **attributes)
        else:
            _sub(activity, "sector", **attributes)


def _decimal(number: float) -> str:
    """A number in plain decimal notation (XPath reads no exponent): 12, 0.00001."""
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")


def _value(
    parent: ET.Element, tag: str, value: Value, qualitative: bool, **attributes: str
) -> None:
    number = None if value.value is None else _decimal(float(value.value))
    as_text = not qualitative and number is None and bool(value.text)
    if number is not None and not qualitative:
        attributes["value"] = number
    elif as_text and value.text:
        attributes["value"] = value.text
    element = _sub(parent, tag, **attributes)
    for name, dimension in value.dimensions:
        _sub(element, "dimension", name=name, value=dimension)
    text = None if as_text else value.text
    remarks = [r for r in (number if qualitative else None, text, value.comment) if r]
    if remarks:
        _narrative(element, "comment", " — ".join(remarks))


def _indicator(parent: ET.Element, indicator: Indicator, links: Links) -> None:
    measure = MEASURES.get(indicator.measure or "", "1")
    attributes = {"measure": measure}
    if indicator.direction in ("increase", "decrease"):
        attributes["ascending"] = "true" if indicator.direction == "increase" else "false"
    element = _sub(parent, "indicator", **attributes)
    _narrative(element, "title", f"{indicator.id} {indicator.title}")
    if indicator.definition:
        _narrative(element, "description", indicator.definition)
    _document(element, links.indicator(indicator), "Indicator reference sheet", "A08")
    if indicator.standard_code:
        _sub(element, "reference", vocabulary="99", code=indicator.standard_code)
    qualitative = measure == MEASURES["qualitative"]
    for baseline in (v for v in indicator.values if v.kind == "baseline"):
        _value(
            element,
            "baseline",
            baseline,
            qualitative,
            year=str(baseline.period.end.year),
            iso_date=baseline.period.end.isoformat(),
        )
    periods: dict[tuple[date, date], list[Value]] = {}
    for value in indicator.values:
        if value.kind in ("target", "actual"):
            periods.setdefault((value.period.start, value.period.end), []).append(value)
    for (start, end), values in sorted(periods.items()):
        period = _sub(element, "period")
        _sub(period, "period-start", iso_date=start.isoformat())
        _sub(period, "period-end", iso_date=end.isoformat())
        for kind in ("target", "actual"):
            for value in values:
                if value.kind == kind:
                    _value(period, kind, value, qualitative)


def _result(parent: ET.Element, plan: Plan, result: Result, links: Links) -> None:
    element = _sub(parent, "result", type=result_type(result.level))
    _narrative(element, "title", f"{result.id} {result.title}")
    if result.statement:
        _narrative(element, "description", result.statement)
    _document(element, links.result(result), f"{result.id} {result.title}", "A08")
    indicators = plan.indicators_of(result.id)
    if not any(i.standard_code for i in indicators):  # one level only (rule 8.11.1)
        _sub(element, "reference", vocabulary="99", code=f"{plan.name}:{result.id}")
    for indicator in indicators:
        _indicator(element, indicator, links)


def activity(
    plan: Plan,
    initiative: Initiative,
    evaluations: Iterable[Evaluation],
    publisher: Publisher,
    provenance: Provenance,
    links: Links,
) -> ET.Element:
    """One initiative as an ``iati-activity``."""
    today = provenance.built.date()
    element = ET.Element(
        "iati-activity", {"last-updated-datetime": provenance.timestamp, XML_LANG: "en"}
    )
    _sub(element, "iati-identifier").text = _text(identifier(plan, initiative, publisher))
    _narrative(
        element,
        "reporting-org",
        provenance.publisher,
        ref=publisher.iati_ref or "",
        type=publisher.iati_type,
    )
    _narrative(element, "title", initiative.title)
    _narrative(
        element,
        "description",
        initiative.description or f"{initiative.title}, contributing to {plan.title}.",
        type="1",
    )
    if initiative.agency:
        _narrative(element, "participating-org", initiative.agency, role="1")
    if initiative.implementer:
        _narrative(element, "participating-org", initiative.implementer, role="4")
    if not (initiative.agency or initiative.implementer):
        _narrative(
            element,
            "participating-org",
            provenance.publisher,
            role="2",
            ref=publisher.iati_ref or "",
            type=publisher.iati_type,
        )
    _sub(element, "activity-status", code=_status(initiative, today))
    _dates(element, plan, initiative, today)
    country = recipient_country(plan.country)
    if country is not None:  # after activity-date, before document-link (2.03 schema order)
        code, name = country
        _narrative(element, "recipient-country", name, code=code, percentage="100")
    _sectors(element, plan, initiative)  # after recipient-country, before document-link
    _document(element, links.initiative(initiative), f"{initiative.title} ({plan.title})", "A12")
    for evaluation in evaluations:
        _document(
            element,
            links.evaluation(evaluation),
            evaluation.title,
            "A07",
            evaluation.published or evaluation.completed,
        )
    for result_id in initiative.results:
        result = plan.result(result_id)
        if result is not None and plan.indicators_of(result_id):
            _result(element, plan, result, links)
    return element


def activities(
    plan: Plan,
    initiatives: Iterable[Initiative],
    evaluations_of: Callable[[Initiative], Iterable[Evaluation]],
    publisher: Publisher,
    provenance: Provenance,
    links: Links,
) -> ET.ElementTree:
    """The ``iati-activities`` document of a plan (at least one initiative)."""
    root = ET.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": provenance.timestamp}
    )
    for initiative in initiatives:
        root.append(
            activity(plan, initiative, evaluations_of(initiative), publisher, provenance, links)
        )
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree
