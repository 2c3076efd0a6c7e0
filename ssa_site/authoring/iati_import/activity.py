"""One IATI activity with results as the files of one plan (kind ``initiative``).

The activity's title and general description become the plan's; its recipient country
(alpha-2) the plan's ``country`` (alpha-3, through :mod:`pycountry`); its start and end
dates (actual, else planned) the plan's period and the initiative's dates; its
participating organisations the initiative's agency (funding, else accountable, else
extending) and implementer; its OECD DAC sectors (else, when it names none, those of its
transactions) the initiative's ``sectors`` when the initiatives schema has that column;
its identifier the initiative's ``iati_identifier``. Other descriptions and every document
link go into the plan's narrative.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pycountry

from ssa_site.authoring.iati_import.reading import XML_LANG, narrative
from ssa_site.authoring.iati_import.report import ActivityReport, Tracker
from ssa_site.authoring.iati_import.results import Tables, document_lines, read_results
from ssa_site.authoring.iati_import.values import day
from ssa_site.base.schemas import standard_field_names

if TYPE_CHECKING:
    from lxml import etree

    from ssa_site.authoring.iati_import.reading import IatiFile

STATUSES = {"1": "planned", "2": "ongoing", "3": "completed", "4": "completed"}
DESCRIPTIONS = {"2": "Objectives", "3": "Target groups", "4": "Other"}
_SECTOR = re.compile(r"^\d{5}$", re.ASCII)


@dataclass
class ImportedPlan:
    """The files of one plan, not yet written."""

    identifier: str
    title: str
    descriptor: dict[str, Any]
    tables: dict[str, list[dict[str, str]]]
    narratives: dict[str, str] = field(default_factory=dict)  # file name → Markdown
    report: ActivityReport | None = None
    dimensions: list[str] = field(default_factory=list)  # breakdown columns of values


def has_results(activity: etree._Element) -> bool:
    return activity.find("result") is not None


def fiscal_year_start(activity: etree._Element) -> int:
    """The month fiscal years start in, as the activity's year-long periods show (1 when
    none starts in another month): an interval equal to a fiscal year is then named so."""
    months: Counter[int] = Counter()
    for period in activity.iterfind("result/indicator/period"):
        first = day(_date_of(period, "period-start"))
        last = day(_date_of(period, "period-end"))
        if first is None or last is None or first.day != 1 or first.month == 1:
            continue
        after = last + timedelta(days=1)
        if (after.year, after.month, after.day) == (first.year + 1, first.month, 1):
            months[first.month] += 1
    return months.most_common(1)[0][0] if months else 1


def _date_of(element: etree._Element, tag: str) -> str | None:
    found = element.find(tag)
    return None if found is None else found.get("iso-date")


def _orgs(activity: etree._Element, tracker: Tracker, lang: str, default: str) -> dict[str, str]:
    names: dict[str, list[str]] = {}
    elements: dict[str, list[etree._Element]] = {}
    for org in activity.iterfind("participating-org"):
        role = (org.get("role") or "").strip()
        found, _ = narrative(org, lang, default)
        name = found.text if found else (org.get("ref") or "").strip()
        if not name:
            tracker.drop(org, "an organisation without a name or reference")
            continue
        if name not in names.setdefault(role, []):
            names[role].append(name)
        elements.setdefault(role, []).append(org)
    agency_role = next((r for r in ("1", "2", "3") if names.get(r)), None)
    for role, orgs in elements.items():
        for org in orgs:
            if role in (agency_role, "4"):
                tracker.use(org, *org.iter())
            else:
                tracker.drop(
                    org,
                    "a plan names the funding (else accountable, else extending) "
                    "and the implementing organisations only",
                )
    return {
        "agency": "; ".join(names.get(agency_role or "", [])),
        "implementer": "; ".join(names.get("4", [])),
    }


def _country(activity: etree._Element, tracker: Tracker) -> str | None:
    countries = list(activity.iterfind("recipient-country"))
    if len(countries) != 1:
        for element in countries:
            tracker.drop(element, f"a plan has one country; the activity names {len(countries)}")
        return None
    code = (countries[0].get("code") or "").strip().upper()
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if found is None:
        tracker.drop(countries[0], f"'{code}' is not an ISO 3166-1 alpha-2 country code")
        return None
    tracker.use(countries[0], *countries[0].iter())
    return str(found.alpha_3)


def _dates(activity: etree._Element, tracker: Tracker) -> tuple[str, str]:
    by_type: dict[str, str] = {}
    for element in activity.iterfind("activity-date"):
        kind, when = (element.get("type") or "").strip(), day(element.get("iso-date"))
        if when is None or kind not in ("1", "2", "3", "4"):
            tracker.drop(element, "an activity date without a valid date or type")
            continue
        tracker.use(element, *element.iter())
        by_type.setdefault(kind, when.isoformat())
    start = by_type.get("2") or by_type.get("1") or ""
    end = by_type.get("4") or by_type.get("3") or ""
    if start and end and end < start:
        tracker.report.warnings.append(
            f"the activity ends ({end}) before it starts ({start}); the plan has no period"
        )
        return "", ""
    return start, end


def _sectors(activity: etree._Element, tracker: Tracker) -> tuple[str, str]:
    """The initiative's ``sectors`` and, when they come from elsewhere, where from."""
    kept = "sectors" in standard_field_names("initiatives")
    found = []
    for sector in activity.iterfind("sector"):
        vocabulary = (sector.get("vocabulary") or "1").strip()
        code = (sector.get("code") or "").strip()
        if not kept:
            tracker.drop(sector, "this version of ssa-site has no sectors column")
        elif vocabulary != "1" or not _SECTOR.match(code):
            tracker.drop(sector, "only OECD DAC 5-digit purpose codes (vocabulary 1) are kept")
        else:
            tracker.use(sector, *sector.iter())
            share = (sector.get("percentage") or "").strip()
            found.append(f"{code}:{share}" if share else code)
    if found or not kept:
        return "; ".join(found), ""
    codes = _transaction_sectors(activity)
    return "; ".join(codes), TRANSACTION_SECTORS if codes else ""


#: Where the sectors of an activity that names them on its transactions only come from.
TRANSACTION_SECTORS = "from its transactions: the activity names no DAC purpose code itself"


def _transaction_sectors(activity: etree._Element) -> list[str]:
    """The OECD DAC codes of the activity's transactions, in order, without shares. IATI
    lets an activity name its sectors there instead (rule 6.2.2); without them, the site
    would publish the activity with no sector at all. The transactions themselves stay
    out of the plan (financial data)."""
    codes: list[str] = []
    for sector in activity.iterfind("transaction/sector"):
        vocabulary = (sector.get("vocabulary") or "1").strip()
        code = (sector.get("code") or "").strip()
        if vocabulary == "1" and _SECTOR.match(code) and code not in codes:
            codes.append(code)
    return codes


def read_activity(
    activity: etree._Element, file: IatiFile, plan: str, lang: str | None
) -> ImportedPlan:
    """Map one activity with results to the files of plan ``plan``."""
    default = (activity.get(XML_LANG) or "en").strip().lower()
    language = (lang or default).lower()
    identifier = " ".join((activity.findtext("iati-identifier") or "").split())
    report = ActivityReport(identifier or "(no identifier)", f"{file.name}, IATI {file.version}")
    report.plan = plan
    tracker = Tracker(file, report)
    tracker.use(activity.find("iati-identifier"))

    def text(tag: str) -> str | None:
        element = activity.find(tag)
        found, others = narrative(element, language, default)
        tracker.use(element, found.element if found else None)
        for other in others:
            tracker.drop(other, "a narrative in another language (the plan holds one)")
        return found.text if found else None

    title = text("title") or identifier or plan
    general, sections = "", []
    for element in activity.iterfind("description"):
        kind = (element.get("type") or "1").strip()
        found, others = narrative(element, language, default)
        tracker.use(element, found.element if found else None)
        for other in others:
            tracker.drop(other, "a narrative in another language (the plan holds one)")
        if found and kind == "1" and not general:
            general = found.text
        elif found:
            sections.append(f"## {DESCRIPTIONS.get(kind, 'Description')}\n\n{found.text}\n")
    reporting = activity.find("reporting-org")
    publisher, _ = narrative(reporting, language, default)
    if reporting is not None:
        tracker.use(*reporting.iter())
    fy_start = fiscal_year_start(activity)
    tables = read_results(activity, tracker, language, default, fy_start)
    start, end = _dates(activity, tracker)
    status_element = activity.find("activity-status")
    status = (status_element.get("code") or "").strip() if status_element is not None else ""
    if status_element is not None and status in STATUSES:
        tracker.use(status_element, *status_element.iter())
    elif status_element is not None:
        tracker.drop(
            status_element,
            f"status '{status}' has no counterpart among the "
            "initiative statuses (planned, ongoing, completed)",
        )
    initiative = {
        "id": "A1",
        "title": title,
        "description": general,
        "results": "; ".join(row["id"] for row in tables.results),
        **_orgs(activity, tracker, language, default),
        "status": STATUSES.get(status, ""),
        "start": start,
        "end": end,
        "iati_identifier": identifier,
    }
    sectors, sectors_from = _sectors(activity, tracker)
    if "sectors" in standard_field_names("initiatives"):
        initiative["sectors"] = sectors
    meta: dict[str, Any] = {"title": title, "kind": "initiative"}
    if general:
        meta["description"] = general
    country = _country(activity, tracker)
    if country:
        meta["country"] = country
    if start or end:
        meta["period"] = {k: v for k, v in (("start", start), ("end", end)) if v}
    meta["fiscal_year_start"] = fy_start
    meta["levels"] = tables.levels
    meta["imported"] = {
        "from": f"IATI {file.version} activity file {file.name}",
        "activity": identifier,
        "publisher": publisher.text if publisher else "",
    }
    documents = document_lines(activity, tracker, language, default)
    narratives = _narratives(title, sections, documents, tables)
    tracker.finish(activity)
    report.carried = _carried(tables, meta, initiative, narratives, sectors_from)
    return ImportedPlan(
        identifier=identifier,
        title=title,
        descriptor={"name": plan, "ssa": meta},
        tables={
            "results": tables.results,
            "indicators": tables.indicators,
            "values": tables.values,
            "initiatives": [initiative],
        },
        narratives=narratives,
        report=report,
        dimensions=tables.dimensions,
    )


def _narratives(
    title: str, sections: list[str], documents: list[str], tables: Tables
) -> dict[str, str]:
    """The plan's narrative (other descriptions, documents) and one per result with
    document links, as Markdown (only when there is something to say)."""
    found: dict[str, str] = {}
    parts = list(sections)
    if documents:
        parts.append("## Documents\n\n" + "\n".join(documents) + "\n")
    if parts:
        found["index.md"] = "\n".join(parts)
    for result, lines in tables.documents.items():
        found[f"{result}.md"] = "## Documents\n\n" + "\n".join(lines) + "\n"
    return found


def _carried(
    tables: Tables,
    meta: dict[str, Any],
    initiative: dict[str, str],
    narratives: dict[str, str],
    sectors_from: str,
) -> list[str]:
    kinds = Counter(row["kind"] for row in tables.values)
    period = meta.get("period", {})
    lines = [
        "title, description → datapackage.json ssa.title, ssa.description",
        f"country → {meta.get('country') or 'none'}; dates → period "
        f"{period.get('start', '…')} to {period.get('end', '…')}; "
        f"fiscal years start in month {meta['fiscal_year_start']}",
        f"organisations → agency '{initiative['agency']}', implementer "
        f"'{initiative['implementer']}'; identifier → initiatives.csv A1",
        f"sectors → {initiative.get('sectors') or 'none'}"
        + (f" ({sectors_from})" if sectors_from else ""),
        f"{len(tables.results)} result(s) → results.csv (levels {', '.join(tables.levels)})",
        f"{len(tables.indicators)} indicator(s) → indicators.csv",
        f"{kinds['baseline']} baseline(s), {kinds['target']} target(s), {kinds['actual']} "
        f"actual(s) → values.csv"
        + (f" (breakdowns: {', '.join(tables.dimensions)})" if tables.dimensions else ""),
    ]
    if narratives:
        lines.append(f"descriptions and document links → {', '.join(sorted(narratives))}")
    return lines
