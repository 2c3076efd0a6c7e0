"""The import report: for each activity, what became what, and every element that was not
carried over, with its XPath and why. Nothing is dropped silently: :class:`Tracker`
marks each element the mapping uses or drops, and whatever is left is listed too."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

    from ssa_site.authoring.iati_import.reading import IatiFile

#: Why whole kinds of activity elements are not carried over (their tag → why).
NOT_PART_OF_A_PLAN = {
    "budget": "financial data is not part of a plan",
    "planned-disbursement": "financial data is not part of a plan",
    "transaction": "financial data is not part of a plan",
    "capital-spend": "financial data is not part of a plan",
    "fss": "financial data is not part of a plan",
    "crs-add": "financial data is not part of a plan",
    "default-flow-type": "financial data is not part of a plan",
    "default-finance-type": "financial data is not part of a plan",
    "default-aid-type": "financial data is not part of a plan",
    "default-tied-status": "financial data is not part of a plan",
    "collaboration-type": "financial data is not part of a plan",
    "contact-info": "contact details are not part of a plan",
    "location": "locations below the country are not part of a plan",
    "recipient-region": "a plan has a country, not a region",
    "policy-marker": "a plan has no policy markers",
    "humanitarian-scope": "a plan has no humanitarian scope",
    "tag": "a plan has no tags",
    "conditions": "a plan has no conditions",
    "related-activity": "each activity becomes a plan of its own; links between them are not kept",
    "other-identifier": "a plan keeps the activity's IATI identifier only",
    "activity-scope": "a plan has no scope code",
    "legacy-data": "legacy data is not part of a plan",
    "country-budget-items": "financial data is not part of a plan",
}


@dataclass
class ActivityReport:
    """What became of one activity."""

    identifier: str
    source: str  # file name and version
    plan: str | None = None
    carried: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (XPath, why)

    def lines(self) -> list[str]:
        target = f"plan {self.plan}" if self.plan else "no plan"
        lines = [f"{self.identifier} ({self.source}) → {target}"]
        lines += [f"  {item}" for item in self.carried]
        lines += [f"  warning: {item}" for item in self.warnings]
        if self.dropped:
            lines.append(f"  not carried over ({len(self.dropped)}):")
            lines += [f"    {xpath}: {why}" for xpath, why in self.dropped]
        return lines


@dataclass
class Tracker:
    """Marks the elements of one activity the mapping used or dropped.

    Elements are kept in a set (not their ``id()``): lxml makes a new Python object for an
    element no one holds, so only a held element keeps its identity."""

    file: IatiFile
    report: ActivityReport
    _seen: set[etree._Element] = field(default_factory=set)
    _dropped: dict[etree._Element, str] = field(default_factory=dict)

    def use(self, *elements: etree._Element | None) -> None:
        for element in elements:
            if element is not None:
                self._seen.add(element)

    def drop(self, element: etree._Element, why: str) -> None:
        self._seen.add(element)
        self._dropped.setdefault(element, why)

    def finish(self, activity: etree._Element) -> None:
        """Report, in document order, every element dropped, and every one neither used
        nor dropped (outermost only: what is below it is not listed again)."""
        self.use(activity)

        def walk(element: etree._Element) -> None:
            for child in element:
                if not isinstance(child.tag, str) or child in self._dropped:
                    continue
                if child in self._seen:
                    walk(child)
                    continue
                why = NOT_PART_OF_A_PLAN.get(str(child.tag))
                self.drop(child, why or f"<{child.tag}> has no place in a plan")

        walk(activity)
        order = {element: index for index, element in enumerate(activity.iter())}
        for element in sorted(self._dropped, key=lambda e: order.get(e, -1)):
            self.report.dropped.append((self.file.xpath(element), self._dropped[element]))
