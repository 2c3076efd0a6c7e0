"""The IATI Standard rulesets, evaluated on an IATI activity file.

The IATI validator applies the rulesets of the IATI-Rulesets repository (``rulesets/
standard.json``, branch ``version-2.03``) on top of the XML schema; publishers are judged
by them. The package ships that file unchanged (``ssa_site/standards/``) and this module
evaluates it as the validator does (its JavaScript edition, IATI/js-validator-api): each
context is an XPath selecting elements, each rule kind a test of the case's XPaths from
that element, and a failed case is a :class:`Finding` with the rule's id, severity and
message.

Every rule kind of the specification is evaluated: ``atleast_one``, ``no_more_than_one``,
``only_one_of``, ``one_or_all``, ``dependent``, ``unique``, ``sum``, ``strict_sum``,
``range``, ``date_order``, ``date_now``, ``time_limit``, ``between_dates``,
``regex_matches``, ``regex_no_matches``, ``startswith``, ``no_spaces``, ``if_then`` and
``loop``.  Conditions are read as XPath booleans (an empty node-set is false).

Two rules need lists kept by the IATI Registry (:class:`IdSets`): ``ORG-ID-PREFIX``, the
organisation registration agencies, and ``ORG-ID``, the identifiers of registered
publishers. Without them (the build, which fetches nothing), a case whose prefixes are
``ORG-ID-PREFIX`` is not evaluated, and an ``idCondition`` treats every identifier as not
registered, so that its rule is evaluated rather than skipped.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lxml import etree

RULESET = "iati-rulesets-standard-2.03.json"
_NAMESPACES = {"xml": "http://www.w3.org/XML/1998/namespace"}
_DATE_KEYS = ("less", "more", "start", "end", "date")


@dataclass(frozen=True)
class IdSets:
    """Lists the IATI Registry keeps: registration agency prefixes and publishers' ids."""

    org_id_prefixes: frozenset[str] = frozenset()
    org_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Finding:
    """One failed case of a rule, for one activity."""

    rule: str  # the ruleset's id, e.g. "6.2.2"
    severity: str  # "error" or "warning", as the ruleset says
    message: str  # the ruleset's message
    kind: str  # the rule kind, e.g. "atleast_one"
    activity: str  # the activity's iati-identifier ("" outside an activity)
    context: str  # the XPath of the context the rule applies to

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@cache
def standard_ruleset() -> dict[str, Any]:
    """The shipped IATI Standard rulesets of version 2.03."""
    text = resources.files("ssa_site").joinpath("standards", RULESET).read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def _text(node: Any) -> str:
    if isinstance(node, str):  # an attribute's value or a text node
        return str(node)
    return "".join(node.itertext())


def _when(text: str) -> datetime | None:
    """A date or date-time of the file, in UTC (a date is its midnight, as JavaScript's
    Date reads it)."""
    try:
        if "T" not in text:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _number(text: str) -> float:
    """A text as a number as JavaScript's Number() reads it (blank is 0, else NaN)."""
    stripped = text.strip()
    if not stripped:
        return 0.0
    return float(stripped) if _DECIMAL.fullmatch(stripped) else math.nan


@dataclass
class _Case:
    """One case of a rule, tested from one context element."""

    element: etree._Element
    case: dict[str, Any]
    now: datetime
    ids: IdSets | None
    matches: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.matches = [n for p in self.case.get("paths", []) for n in self.select(p)]

    def select(self, path: str) -> list[Any]:
        found = self.element.xpath(path, namespaces=_NAMESPACES)
        return found if isinstance(found, list) else [found]

    def true(self, expression: str) -> bool:
        return bool(self.element.xpath(f"boolean({expression})", namespaces=_NAMESPACES))

    @property
    def texts(self) -> list[str]:
        return [_text(n) for n in self.matches]

    def when(self, key: str) -> datetime | None:
        path = self.case[key]
        if path == "NOW":
            return self.now
        found = self.select(path)
        return _when(_text(found[0])) if found else None

    # -- the rule kinds: True passes, False fails, None when the rule does not apply ------

    def atleast_one(self) -> bool | None:
        return len(self.matches) >= 1

    def no_more_than_one(self) -> bool | None:
        return len(self.matches) <= 1

    def only_one_of(self) -> bool | None:
        for excluded in self.case.get("excluded", []):
            if self.select(excluded):
                if self.matches:
                    return False
            elif len(self.matches) != 1:
                return False
        return True

    def dependent(self) -> bool | None:
        present = [bool(self.select(p)) for p in self.case.get("paths", [])]
        return all(present) or not any(present)

    def one_or_all(self) -> bool | None:
        if self.select(self.case["one"]):
            return True
        every = self.case["all"]
        if every == "lang":
            return not self.select("descendant::narrative[not(@xml:lang)]")
        if every == "sector":
            return not self.select("transaction[not(sector)]")
        if every == "recipient-country|recipient-region":
            return not self.select("transaction[not(recipient-country or recipient-region)]")
        if every == "currency":
            paths = ("value", "forecast", "loan-status")
            return not any(self.select(f"descendant::{p}[not(@currency)]") for p in paths)
        return True

    def unique(self) -> bool | None:
        return len(set(self.texts)) == len(self.texts)

    def sum(self) -> bool | None:
        return not self.matches or self.strict_sum()

    def strict_sum(self) -> bool | None:
        total = round(sum(_number(t) for t in self.texts), 4)
        return total == float(self.case["sum"])

    def range(self) -> bool | None:
        def inside(text: str) -> bool:
            value = _number(text)
            low = float(self.case.get("min", value))
            high = float(self.case.get("max", value))
            return low <= value <= high

        return all(inside(t) for t in self.texts)

    def date_order(self) -> bool | None:
        less, more = self.when("less"), self.when("more")
        return None if less is None or more is None else less <= more

    def date_now(self) -> bool | None:
        day = self.when("date")
        return None if day is None else day <= self.now

    def time_limit(self) -> bool | None:
        start, end = self.when("start"), self.when("end")
        return None if start is None or end is None else (end - start).days <= 365

    def between_dates(self) -> bool | None:
        day, start, end = self.when("date"), self.when("start"), self.when("end")
        if day is None or start is None or end is None:
            return None
        return start <= day <= end

    def _regex(self, wanted: bool) -> bool:
        pattern = re.compile(self.case["regex"])
        return all(t == "" or bool(pattern.search(t)) == wanted for t in self.texts)

    def regex_matches(self) -> bool | None:
        return self._regex(True)

    def regex_no_matches(self) -> bool | None:
        return self._regex(False)

    def startswith(self) -> bool | None:
        prefixes = self.case["prefix"]
        if prefixes in ("ORG-ID-PREFIX", ["ORG-ID-PREFIX"]):
            if self.ids is None:
                return None  # the registration agencies are not known here
            known = self.ids.org_id_prefixes
            return all("-".join(t.split("-")[:2]) in known for t in self.texts)
        starts = [
            _text(n) + self.case.get("separator", "") for p in prefixes for n in self.select(p)
        ]
        return all(any(t.startswith(s) for s in starts) for t in self.texts)

    def no_spaces(self) -> bool | None:
        return all(t == t.strip() for t in self.texts)

    def if_then(self) -> bool | None:
        return self.true(self.case["then"]) if self.true(self.case["if"]) else True

    def applies(self) -> bool:
        """Whether the case's condition and idCondition hold."""
        if "condition" in self.case and not self.true(self.case["condition"]):
            return False
        registered = self.ids.org_ids if self.ids is not None else frozenset()
        condition = self.case.get("idCondition")
        if condition == "NOT_EXISTING_ORG_ID":
            return all(t not in registered for t in self.texts)
        if condition == "NOT_EXISTING_ORG_ID_PREFIX":
            return all(not any(t.startswith(f"{r}-") for r in registered) for t in self.texts)
        return True


#: The camel-case names of the JavaScript edition, for rulesets written with them.
_CAMEL = {
    "atLeastOne": "atleast_one",
    "noMoreThanOne": "no_more_than_one",
    "onlyOneOf": "only_one_of",
    "oneOrAll": "one_or_all",
    "strictSum": "strict_sum",
    "dateOrder": "date_order",
    "dateNow": "date_now",
    "timeLimit": "time_limit",
    "betweenDates": "between_dates",
    "regexMatches": "regex_matches",
    "regexNoMatches": "regex_no_matches",
    "startsWith": "startswith",
    "noSpaces": "no_spaces",
    "ifThen": "if_then",
}
KINDS = frozenset(
    {*_CAMEL.values(), "dependent", "unique", "sum", "range", "loop"},
)


def _cases(
    kind: str, cases: list[dict[str, Any]], element: Any
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind, case) of the rule, a loop's cases once for each value it loops over."""
    if kind != "loop":
        for case in cases:
            yield kind, case
        return
    for loop in cases:
        values = list(dict.fromkeys(_text(v) for v in element.xpath(loop["foreach"])))
        for sub_kind, sub in loop["do"].items():
            for case in sub["cases"]:
                for value in values:
                    replaced = dict(case)
                    for key in loop.get("subs", []):
                        if isinstance(case.get(key), str):
                            replaced[key] = case[key].replace("$1", value)
                        elif isinstance(case.get(key), list):
                            replaced[key] = [p.replace("$1", value) for p in case[key]]
                    yield _CAMEL.get(sub_kind, sub_kind), replaced


def _activity_of(element: Any) -> str:
    found = element.xpath("ancestor-or-self::iati-activity[1]/iati-identifier")
    return _text(found[0]).strip() if found else ""


def evaluate(
    root: etree._Element,
    now: datetime,
    ruleset: dict[str, Any] | None = None,
    ids: IdSets | None = None,
) -> list[Finding]:
    """Every failed case of the ruleset (default: the shipped standard one) on a file.

    ``now`` stands for the validator's clock (rules on dates in the past); ``ids`` for
    the IATI Registry's lists (see the module's docstring)."""
    rules = standard_ruleset() if ruleset is None else ruleset
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    findings: list[Finding] = []
    for context, kinds in rules.items():
        for element in root.getroottree().xpath(context):
            for name, body in kinds.items():
                kind = _CAMEL.get(name, name)
                for case_kind, case in _cases(kind, body["cases"], element):
                    test = _Case(element, case, now, ids)
                    method: Callable[[], bool | None] = getattr(test, case_kind)
                    if not test.applies() or method() is not False:
                        continue
                    info = case.get("ruleInfo", {})
                    findings.append(
                        Finding(
                            rule=str(info.get("id", "")),
                            severity=str(info.get("severity", "error")),
                            message=str(info.get("message", "")),
                            kind=case_kind,
                            activity=_activity_of(element),
                            context=context,
                        )
                    )
    return findings
