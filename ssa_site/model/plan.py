"""The domain model: plans, results, indicators, values, initiatives and assumptions.

Frozen dataclasses built by :mod:`ssa_site.load.plans` and filtered for an audience by
:mod:`ssa_site.model.visibility`.  Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.base.periods import Period
    from ssa_site.model.translation import Translation

PUBLIC = "public"
INTERNAL = "internal"


@dataclass(frozen=True)
class ResultRef:
    """A reference to a result of a plan, written ``plan:result``."""

    plan: str
    result: str

    def __str__(self) -> str:
        return f"{self.plan}:{self.result}"


@dataclass(frozen=True, slots=True)
class Value:
    """A baseline, target or actual of one indicator for one period (a row of the ITT)."""

    indicator: str
    period: Period
    kind: str
    value: float | None
    text: str | None
    comment: str | None
    status: str | None
    reported: date | None
    dimensions: tuple[tuple[str, str], ...]
    internal: bool = False
    row: int = field(default=0, compare=False)

    def __reduce__(self) -> tuple[type[Value], tuple[object, ...]]:
        # Pickled as its fields in order: about twice as fast to load as the dataclass
        # default, which matters for the 500,000 values of a large cached site.
        return (
            Value,
            (
                self.indicator,
                self.period,
                self.kind,
                self.value,
                self.text,
                self.comment,
                self.status,
                self.reported,
                self.dimensions,
                self.internal,
                self.row,
            ),
        )

    @property
    def is_total(self) -> bool:
        return not self.dimensions

    @property
    def display(self) -> str:
        if self.value is not None:
            return format_number(self.value)
        return self.text or ""


@dataclass(frozen=True)
class Indicator:
    """An indicator with the fields of its Performance Indicator Reference Sheet."""

    plan: str
    id: str
    result: str
    title: str
    definition: str
    unit: str
    measure: str | None = None
    direction: str | None = None
    indicator_type: str | None = None
    cumulative: bool = False
    disaggregated_by: tuple[str, ...] = ()
    rationale: str | None = None
    data_source: str | None = None
    collection_method: str | None = None
    frequency: str | None = None
    responsible: str | None = None
    limitations: str | None = None
    dqa_last: date | None = None
    dqa_next: date | None = None
    standard_code: str | None = None
    values: tuple[Value, ...] = ()
    internal: bool = False
    row: int = field(default=0, compare=False)

    @property
    def qualitative(self) -> bool:
        return self.measure == "qualitative"

    @cached_property
    def totals(self) -> tuple[Value, ...]:
        return tuple(v for v in self.values if v.is_total)

    def values_of(self, kind: str) -> tuple[Value, ...]:
        return tuple(v for v in self.totals if v.kind == kind)

    @property
    def baseline(self) -> Value | None:
        baselines = self.values_of("baseline")
        return baselines[-1] if baselines else None

    @property
    def latest_actual(self) -> Value | None:
        actuals = self.values_of("actual")
        return max(actuals, key=lambda v: v.period.end) if actuals else None

    @cached_property
    def dimensions(self) -> tuple[str, ...]:
        """Dimensions present in the values, in the order the indicator declares them."""
        present: list[str] = []
        for value in self.values:
            for name, _ in value.dimensions:
                if name not in present:
                    present.append(name)
        declared = [d for d in self.disaggregated_by if d in present]
        return tuple(declared + [d for d in present if d not in declared])


@dataclass(frozen=True)
class Assumption:
    plan: str
    result: str
    text: str
    risk: str | None = None
    mitigation: str | None = None
    #: Its place among its result's assumptions (1, 2…), in the plan as authored:
    #: translations name it <result>/<ordinal>.
    ordinal: int = field(default=0, compare=False)
    internal: bool = False
    row: int = field(default=0, compare=False)

    @property
    def key(self) -> str:
        return f"{self.result}/{self.ordinal}"


@dataclass(frozen=True)
class Sector:
    """An OECD DAC 5-digit purpose code an initiative works in, with its share (percent)."""

    code: str
    percentage: float | None = None

    def __str__(self) -> str:  # as written in a sectors cell: 15210 or 15210:60
        if self.percentage is None:
            return self.code
        share = int(self.percentage) if self.percentage.is_integer() else self.percentage
        return f"{self.code}:{share}"


@dataclass(frozen=True)
class Initiative:
    """A program, project or activity contributing to results."""

    plan: str
    id: str
    title: str
    description: str | None = None
    results: tuple[str, ...] = ()
    agency: str | None = None
    implementer: str | None = None
    status: str | None = None
    start: date | None = None
    end: date | None = None
    budget: float | None = None
    me_budget: float | None = None
    iati_identifier: str | None = None
    sectors: tuple[Sector, ...] = ()  # none: the plan's default sectors
    internal: bool = False
    row: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Result:
    """One node of a plan's results hierarchy (goal, objective, outcome, output...)."""

    plan: str
    id: str
    parent: str | None
    level: str
    title: str
    statement: str | None = None
    aligns_to: tuple[ResultRef, ...] = ()
    internal: bool = False
    row: int = field(default=0, compare=False)

    @property
    def ref(self) -> ResultRef:
        return ResultRef(self.plan, self.id)


@dataclass(frozen=True)
class Plan:
    """A strategy or results framework: one Frictionless data package."""

    name: str
    title: str
    kind: str
    levels: tuple[str, ...]
    period_start: date | None = None
    period_end: date | None = None
    country: str | None = None
    fiscal_year_start: int = 10
    license: str | None = None
    description: str | None = None
    #: Where an imported plan came from (``ssa.imported``), until its author takes it over:
    #: its warnings and quality findings are then report-only (see ssa_site.project).
    imported: str | None = None
    sectors: tuple[Sector, ...] = ()  # default sectors of its initiatives (ssa.sectors)
    bureau_codes: tuple[str, ...] = ()  # ssa.bureau_code: the publisher's, when empty
    program_codes: tuple[str, ...] = ()  # ssa.program_code: the publisher's, when empty
    internal: bool = False
    results: tuple[Result, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    translations: tuple[Translation, ...] = ()
    #: The language its texts are in when a build translated them (ssa_site.model.translated);
    #: "" as authored. Entities whose title has no translation, as (entity, id).
    language: str = ""
    untranslated: frozenset[tuple[str, str]] = frozenset()
    directory: str = field(default="", compare=False)
    resource_paths: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def resource_path(self, resource: str) -> str:
        return dict(self.resource_paths).get(resource, f"{self.directory}/{resource}.csv")

    @cached_property
    def _results_by_id(self) -> dict[str, Result]:
        return {r.id: r for r in self.results}

    @cached_property
    def _children(self) -> dict[str | None, tuple[Result, ...]]:
        children: dict[str | None, list[Result]] = {}
        for r in self.results:
            parent = r.parent if r.parent in self._results_by_id else None
            children.setdefault(parent, []).append(r)
        return {k: tuple(v) for k, v in children.items()}

    @cached_property
    def _indicators_by_result(self) -> dict[str, tuple[Indicator, ...]]:
        grouped: dict[str, list[Indicator]] = {}
        for i in self.indicators:
            grouped.setdefault(i.result, []).append(i)
        return {k: tuple(v) for k, v in grouped.items()}

    def result(self, result_id: str) -> Result | None:
        return self._results_by_id.get(result_id)

    @cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        found: dict[str, Indicator] = {}
        for i in self.indicators:
            found.setdefault(i.id, i)  # the first of duplicates, as a scan would find
        return found

    @cached_property
    def _assumptions_by_result(self) -> dict[str, tuple[Assumption, ...]]:
        grouped: dict[str, list[Assumption]] = {}
        for a in self.assumptions:
            grouped.setdefault(a.result, []).append(a)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def _initiatives_by_result(self) -> dict[str, tuple[Initiative, ...]]:
        grouped: dict[str, list[Initiative]] = {}
        for i in self.initiatives:
            for result_id in dict.fromkeys(i.results):
                grouped.setdefault(result_id, []).append(i)
        return {k: tuple(v) for k, v in grouped.items()}

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._indicators_by_id.get(indicator_id)

    @property
    def top_results(self) -> tuple[Result, ...]:
        return self._children.get(None, ())

    def children(self, result_id: str) -> tuple[Result, ...]:
        return self._children.get(result_id, ())

    def ancestors(self, result_id: str) -> tuple[Result, ...]:
        """The chain above a result, top first."""
        chain: list[Result] = []
        seen = {result_id}
        current = self.result(result_id)
        while current and current.parent and current.parent not in seen:
            seen.add(current.parent)
            parent = self.result(current.parent)
            if parent is None:
                break
            chain.append(parent)
            current = parent
        return tuple(reversed(chain))

    def descendants(self, result_id: str) -> tuple[Result, ...]:
        found: list[Result] = []
        stack = list(reversed(self.children(result_id)))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(self.children(node.id)))
        return tuple(found)

    def walk(self) -> tuple[tuple[Result, int], ...]:
        """Every result in hierarchy order with its depth."""
        ordered: list[tuple[Result, int]] = []
        stack = [(r, 0) for r in reversed(self.top_results)]
        while stack:
            node, depth = stack.pop()
            ordered.append((node, depth))
            stack.extend((c, depth + 1) for c in reversed(self.children(node.id)))
        return tuple(ordered)

    def indicators_of(self, result_id: str) -> tuple[Indicator, ...]:
        return self._indicators_by_result.get(result_id, ())

    def assumptions_of(self, result_id: str) -> tuple[Assumption, ...]:
        return self._assumptions_by_result.get(result_id, ())

    def initiatives_of(self, result_id: str) -> tuple[Initiative, ...]:
        return self._initiatives_by_result.get(result_id, ())

    def level_index(self, level: str) -> int:
        return self.levels.index(level) if level in self.levels else len(self.levels)

    @property
    def values_count(self) -> int:
        return sum(len(i.values) for i in self.indicators)


@dataclass(frozen=True)
class Portfolio:
    """Every plan of a site project, for one audience."""

    plans: tuple[Plan, ...]
    audience: str = PUBLIC

    @cached_property
    def _plans_by_name(self) -> dict[str, Plan]:
        return {p.name: p for p in self.plans}

    def plan(self, name: str) -> Plan | None:
        return self._plans_by_name.get(name)

    def resolve(self, ref: ResultRef) -> Result | None:
        plan = self.plan(ref.plan)
        return plan.result(ref.result) if plan else None

    @cached_property
    def _contributors(self) -> dict[ResultRef, tuple[Result, ...]]:
        found: dict[ResultRef, list[Result]] = {}
        for plan in self.plans:
            for result in plan.results:
                for target in result.aligns_to:
                    found.setdefault(target, []).append(result)
        return {k: tuple(v) for k, v in found.items()}

    def contributors(self, ref: ResultRef) -> tuple[Result, ...]:
        """Results of other plans that align to the given result."""
        return self._contributors.get(ref, ())

    @property
    def is_internal(self) -> bool:
        return self.audience == INTERNAL


def format_number(number: float) -> str:
    """Format a value for display: integers without decimals, others with up to 2."""
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")
