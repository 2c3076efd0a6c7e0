"""An activity's ``result`` elements as rows of ``results.csv``, ``indicators.csv`` and
``values.csv``.

Results are numbered in document order (``R1``, ``R2`` …), indicators within them
(``I1.1``, ``I1.2`` …). ResultType 1/2/3/9 gives the level (output, outcome, impact,
other); IndicatorMeasure 1-5 the measure (unit, percentage, nominal, ordinal,
qualitative); ``ascending`` the direction; ``aggregation-status`` a column of its own,
declared in the package's schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ssa_site.authoring.iati_import.reading import narrative
from ssa_site.authoring.iati_import.values import (
    Context,
    baseline_period,
    period_label,
    value_row,
)

if TYPE_CHECKING:
    from lxml import etree

    from ssa_site.authoring.iati_import.report import Tracker

LEVELS = {"1": "output", "2": "outcome", "3": "impact", "9": "other"}
LEVEL_ORDER = ("impact", "outcome", "output", "other")
MEASURES = {"1": "unit", "2": "percentage", "3": "nominal", "4": "ordinal", "5": "qualitative"}
#: IATI names no unit: each indicator gets its measure's, for the author to make precise.
UNITS = {
    "unit": "number",
    "percentage": "percent",
    "nominal": "category",
    "ordinal": "rank",
    "qualitative": "description",
}
_TRUE, _FALSE = ("1", "true"), ("0", "false")


@dataclass
class Tables:
    """The rows of one plan's results, indicators and values."""

    results: list[dict[str, str]] = field(default_factory=list)
    indicators: list[dict[str, str]] = field(default_factory=list)
    values: list[dict[str, str]] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    documents: dict[str, list[str]] = field(default_factory=dict)  # result id → lines

    @property
    def levels(self) -> list[str]:
        present = {row["level"] for row in self.results}
        return [level for level in LEVEL_ORDER if level in present]


def _flag(element: etree._Element) -> str:
    value = (element.get("aggregation-status") or "").strip().lower()
    return "true" if value in _TRUE else "false" if value in _FALSE else ""


def _text(parent: etree._Element | None, tracker: Tracker, lang: str, default: str) -> str | None:
    if parent is None:
        return None
    found, others = narrative(parent, lang, default)
    tracker.use(parent, found.element if found else None)
    for other in others:
        written = (other.text or "").strip()
        tracker.drop(other, "in another language (the plan holds one)" if written else "empty")
    return found.text if found else None


def document_lines(element: etree._Element, tracker: Tracker, lang: str, default: str) -> list[str]:
    """Markdown list items of an element's ``document-link`` children."""
    lines = []
    for link in element.iterfind("document-link"):
        url = (link.get("url") or "").strip()
        if not url.startswith(("http://", "https://")):
            tracker.drop(link, "a document link without a web address")
            continue
        title = _text(link.find("title"), tracker, lang, default) or url
        tracker.use(link, *link.iter("category", "language", "document-date", "description"))
        when = link.find("document-date")
        dated = f" ({when.get('iso-date')})" if when is not None and when.get("iso-date") else ""
        shown = title.replace("[", "(").replace("]", ")")
        lines.append(f"- [{shown}](<{url}>){dated}")
    return lines


def read_results(
    activity: etree._Element, tracker: Tracker, lang: str, default: str, fy_start: int
) -> Tables:
    tables = Tables()
    for number, result in enumerate(activity.iterfind("result"), start=1):
        tracker.use(result)
        result_id = f"R{number}"
        code = (result.get("type") or "").strip()
        level = LEVELS.get(code, "other")
        if code not in LEVELS:
            tracker.report.warnings.append(
                f"result {result_id}: type '{code}' is not a ResultType code; level 'other'"
            )
        title = _text(result.find("title"), tracker, lang, default)
        if not title:
            title = f"Result {number}"
            tracker.report.warnings.append(f"result {result_id} has no title; '{title}' given")
        tables.results.append(
            {
                "id": result_id,
                "level": level,
                "title": title,
                "statement": _text(result.find("description"), tracker, lang, default) or "",
                "aggregation_status": _flag(result),
            }
        )
        documents = document_lines(result, tracker, lang, default)
        for reference in result.iterfind("reference"):
            tracker.drop(reference, "a result's reference codes are not kept")
        for index, indicator in enumerate(result.iterfind("indicator"), start=1):
            lines = _indicator(
                indicator, f"I{number}.{index}", result_id, tables, tracker, lang, default, fy_start
            )
            documents += lines
        if documents:
            tables.documents[result_id] = documents
    return tables


def _indicator(
    element: etree._Element,
    indicator_id: str,
    result_id: str,
    tables: Tables,
    tracker: Tracker,
    lang: str,
    default: str,
    fy_start: int,
) -> list[str]:
    """Add one indicator and its values; its document links as Markdown lines."""
    tracker.use(element)
    code = (element.get("measure") or "").strip()
    measure = MEASURES.get(code, "")
    if not measure:
        tracker.report.warnings.append(
            f"indicator {indicator_id}: measure '{code}' is not an IndicatorMeasure code; "
            "left blank (numbers expected)"
        )
    title = _text(element.find("title"), tracker, lang, default) or f"Indicator {indicator_id}"
    description = _text(element.find("description"), tracker, lang, default)
    ascending = (element.get("ascending") or "").strip().lower()
    direction = "increase" if ascending in _TRUE else "decrease" if ascending in _FALSE else ""
    references = list(element.iterfind("reference"))
    code_of = (references[0].get("code") or "").strip() if references else ""
    if references and code_of:
        tracker.use(references[0])
    for reference in references[1 if code_of else 0 :]:
        tracker.drop(reference, "an indicator keeps one reference code (standard_code)")
    context = Context(
        indicator_id, title, measure == "qualitative", lang, default, fy_start, tracker
    )
    seen: set[tuple[str, str, tuple[tuple[str, str], ...]]] = set()

    def add(row: dict[str, str] | None, source: etree._Element) -> None:
        if row is None:
            return
        dims = tuple((k, v) for k, v in row.items() if k in context.dimensions)
        key = (row["period"], row["kind"], dims)
        if key in seen:
            tracker.drop(source, f"a second {row['kind']} for {row['period']} (the site holds one)")
            return
        seen.add(key)
        tables.values.append(row)

    for baseline in element.iterfind("baseline"):
        period = baseline_period(baseline)
        if period is None:
            tracker.drop(baseline, "a baseline without a year or date")
            continue
        add(value_row(baseline, "baseline", period, context), baseline)
    for period_element in element.iterfind("period"):
        label = period_label(period_element, fy_start)
        if label is None:
            tracker.drop(period_element, "a period without valid start and end dates")
            continue
        parts = [*period_element.iterfind("target"), *period_element.iterfind("actual")]
        if not parts:
            tracker.drop(period_element, "a period without target or actual")
            continue
        tracker.use(
            period_element, period_element.find("period-start"), period_element.find("period-end")
        )
        for part in parts:
            add(value_row(part, str(part.tag), label, context), part)
    for name in context.dimensions:
        if name not in tables.dimensions:
            tables.dimensions.append(name)
    tables.indicators.append(
        {
            "id": indicator_id,
            "result": result_id,
            "title": title,
            "definition": description or title,
            "unit": UNITS.get(measure, "number"),
            "measure": measure,
            "direction": direction,
            "disaggregated_by": "; ".join(context.dimensions),
            "standard_code": code_of,
            "aggregation_status": _flag(element),
        }
    )
    lines = document_lines(element, tracker, lang, default)
    return [f"{line} (indicator {indicator_id})" for line in lines]
