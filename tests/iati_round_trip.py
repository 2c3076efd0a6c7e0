"""An imported IATI activity against the activity the built site publishes, element by element.

``losses(original, published, dropped)`` lists, in words, every result, indicator,
baseline, period, target, actual and dimension of the original activity that the published
one does not hold as it was, skipping only the elements the import report names as not
carried over (``dropped``: their XPaths). Results and indicators are matched by title (the
site opens each with its id: ``R1 Title``, ``I1.1 Title``), periods by their dates, values
by kind, value and dimensions. Compared:

- a result's type and description; an indicator's measure (when the original gives one of
  the codelist's), ``ascending`` (absent means true, in both files) and description;
- a baseline's year, date (when the original gives one), value and dimensions;
- a period's targets and actuals: value and dimensions, as a multiset;
- values of numeric measures as numbers when they are numbers (``40`` = ``40.0``), else word
  for word; a qualitative value (its ``value``, else its comment) in the published comment;
- with ``comments``, each original comment inside the published value's comment (the site
  publishes value comments only when its ``internal_fields`` leave ``comment`` out).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEASURES = ("1", "2", "3", "4", "5")


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def narrative(parent: etree._Element | None, lang: str) -> str:
    """The text of ``parent``'s narrative in ``lang`` (else its first with text)."""
    if parent is None:
        return ""
    found = [n for n in parent.iterfind("narrative") if words(n.text)]
    chosen = [n for n in found if (n.get(XML_LANG) or lang).lower() == lang]
    return words((chosen or found or [None])[0].text) if found else ""


def number_or_text(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


class _Compare:
    def __init__(self, lang: str, dropped: set[str], comments: bool) -> None:
        self.lang, self.dropped, self.comments = lang, dropped, comments
        self.found: list[str] = []

    def kept(self, element: etree._Element) -> bool:
        return element.getroottree().getpath(element) not in self.dropped

    def loss(self, where: str, what: str) -> None:
        self.found.append(f"{where}: {what}")

    def titled(self, parent: etree._Element, tag: str) -> dict[str, list[etree._Element]]:
        """The published children by their title without the site's id."""
        found: dict[str, list[etree._Element]] = {}
        for child in parent.iterfind(tag):
            title = narrative(child.find("title"), "en").split(" ", 1)
            found.setdefault(title[-1], []).append(child)
        return found

    def activity(self, original: etree._Element, published: etree._Element) -> None:
        results = self.titled(published, "result")
        for number, result in enumerate(original.iterfind("result"), start=1):
            title = narrative(result.find("title"), self.lang) or f"Result {number}"
            where = f"result '{title}'"
            if not result.findall("indicator"):
                continue  # IATI requires an indicator: the site publishes none without
            if not results.get(title):
                self.loss(where, "missing")
                continue
            self.result(where, result, results[title].pop(0))

    def result(self, where: str, original: etree._Element, published: etree._Element) -> None:
        kind = original.get("type") if original.get("type") in ("1", "2", "3") else "9"
        if published.get("type") != kind:
            self.loss(where, f"type {published.get('type')}, not {kind}")
        described = narrative(original.find("description"), self.lang)
        if described and narrative(published.find("description"), "en") != described:
            self.loss(where, "description differs")
        indicators = self.titled(published, "indicator")
        for indicator in original.iterfind("indicator"):
            title = narrative(indicator.find("title"), self.lang)
            inner = f"{where}: indicator '{title}'"
            if not indicators.get(title):
                self.loss(inner, "missing")
                continue
            self.indicator(inner, indicator, indicators[title].pop(0))

    def indicator(self, where: str, original: etree._Element, published: etree._Element) -> None:
        measure = (original.get("measure") or "").strip()
        if measure in MEASURES and published.get("measure") != measure:
            self.loss(where, f"measure {published.get('measure')}, not {measure}")
        ascending = (original.get("ascending") or "true").strip().lower() in ("1", "true")
        if (published.get("ascending") or "true") != ("true" if ascending else "false"):
            self.loss(where, f"ascending {published.get('ascending')}, not {ascending}")
        described = narrative(original.find("description"), self.lang)
        if described and narrative(published.find("description"), "en") != described:
            self.loss(where, "description differs")
        qualitative = published.get("measure") == "5"
        self.values(
            f"{where}: baselines",
            [b for b in original.iterfind("baseline") if self.kept(b)],
            published.findall("baseline"),
            qualitative,
            dated=True,
        )
        periods = {
            (p.find("period-start").get("iso-date"), p.find("period-end").get("iso-date")): p
            for p in published.iterfind("period")
        }
        for period in original.iterfind("period"):
            if not self.kept(period):
                continue
            dates = tuple(words(period.find(t).get("iso-date"))[:10] for t in PERIOD_TAGS)
            inner = f"{where}: period {dates[0]}/{dates[1]}"
            if dates not in periods:
                self.loss(inner, "missing")
                continue
            for kind in ("target", "actual"):
                self.values(
                    f"{inner}: {kind}s",
                    [v for v in period.iterfind(kind) if self.kept(v)],
                    periods[dates].findall(kind),  # type: ignore[index]
                    qualitative,
                )

    def value(
        self, element: etree._Element, qualitative: bool, dated: bool, original: bool
    ) -> tuple[object, ...]:
        """What identifies a value: (year, date,) value, dimensions."""
        comment = narrative(element.find("comment"), self.lang if original else "en")
        raw = words(element.get("value"))
        if qualitative:
            shown: object = (raw or comment) if original else comment
        else:
            shown = number_or_text(raw)
        dimensions = frozenset(
            (words(d.get("name")), words(d.get("value")))
            for d in element.iterfind("dimension")
            if self.kept(d)
        )
        key: tuple[object, ...] = (shown, dimensions)
        if dated:
            day = words(element.get("iso-date"))[:10]
            key = (words(element.get("year")), day if (day or not original) else None, *key)
        return key

    def values(
        self,
        where: str,
        originals: list[etree._Element],
        published: list[etree._Element],
        qualitative: bool,
        dated: bool = False,
    ) -> None:
        left = list(published)
        for element in originals:
            key = self.value(element, qualitative, dated, original=True)
            match = next((p for p in left if self.same(key, p, qualitative, dated)), None)
            if match is None:
                self.loss(where, f"{key} missing")
                continue
            left.remove(match)
            comment = narrative(element.find("comment"), self.lang)
            published = narrative(match.find("comment"), "en")
            if self.comments and comment and not qualitative and comment not in published:
                self.loss(where, f"{key}: comment '{comment}' missing")
        extra = Counter(str(self.value(p, qualitative, dated, original=False)) for p in left)
        if extra:
            self.loss(where, f"published but not in the original: {dict(extra)}")

    def same(
        self, key: tuple[object, ...], element: etree._Element, qualitative: bool, dated: bool
    ) -> bool:
        found = self.value(element, qualitative, dated, original=False)
        if dated and key[1] is None:  # the original gave a year only
            found = (found[0], None, *found[2:])
        if qualitative:  # the published comment holds the text, maybe with a remark
            return (
                found[:-2] == key[:-2] and found[-1] == key[-1] and str(key[-2]) in str(found[-2])
            )
        return found == key


PERIOD_TAGS = ("period-start", "period-end")


def losses(
    original: etree._Element,
    published: etree._Element,
    dropped: set[str],
    comments: bool = False,
) -> list[str]:
    """What ``published`` (an ``iati-activity`` of the site) lost of ``original``."""
    lang = (original.get(XML_LANG) or "en").lower()
    compare = _Compare(lang, dropped, comments)
    compare.activity(original, published)
    return compare.found
