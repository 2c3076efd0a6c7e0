"""The data packages of a synthetic site: one country strategy per plan, and the agency
framework they align to. Every table is a list of rows (dicts) in file order."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ssa_site.authoring.synth import words

if TYPE_CHECKING:
    from random import Random

FRAMEWORK = "agency-framework"
FRAMEWORK_OBJECTIVES = 7
FIRST_FY = 2023  # plans start on 2022-10-01 (US fiscal years)
ACTUAL_SHARE = 0.75  # periods with actuals; the rest lie in the future


@dataclass(frozen=True)
class PlanShape:
    """What one synthetic plan looks like; its results and indicators follow from it."""

    name: str
    nation: str
    country: str
    results: int
    indicators: int
    periods: int

    @property
    def years(self) -> int:
        return max(1, -(-self.periods // 4))

    @property
    def start(self) -> date:
        return date(FIRST_FY - 1, 10, 1)

    @property
    def end(self) -> date:
        return date(FIRST_FY - 1 + self.years, 9, 30)

    @property
    def actual_periods(self) -> int:
        return max(1, round(self.periods * ACTUAL_SHARE))


def period_label(index: int) -> str:
    """The ``index``-th quarter of the plan: FY2023-Q1, FY2023-Q2, …"""
    return f"FY{FIRST_FY + index // 4}-Q{index % 4 + 1}"


def period_end(index: int) -> date:
    """The last day of the ``index``-th quarter (FY2023-Q1 ends on 2022-12-31)."""
    fiscal_year, quarter = FIRST_FY + index // 4, index % 4
    month = (12, 3, 6, 9)[quarter]
    year = fiscal_year - 1 if quarter == 0 else fiscal_year
    next_first = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return next_first - timedelta(days=1)


def csv_text(header: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def descriptor(name: str, meta: dict[str, Any], resources: list[str], description: str) -> str:
    package = {
        "name": name,
        "title": meta["title"],
        "description": description,
        "ssa": meta,
        "resources": [{"name": r, "path": f"{r}.csv"} for r in resources],
    }
    return json.dumps(package, indent=2) + "\n"


def framework_files() -> dict[str, str]:
    """The agency-wide framework every country strategy aligns to (results only)."""
    meta = {
        "title": "Synthetic Agency Results Framework",
        "kind": "agency-framework",
        "period": {"start": "2022-10-01", "end": "2032-09-30"},
        "levels": ["goal", "objective"],
        "license": "CC-BY-4.0",
    }
    rows: list[dict[str, Any]] = []
    for goal in (1, 2, 3):
        rows.append(
            {
                "id": f"AG{goal}",
                "parent": "",
                "level": "goal",
                "title": f"Agency goal {goal}: partners provide security lawfully",
            }
        )
    for objective in range(1, FRAMEWORK_OBJECTIVES + 1):
        sector = words.SECTORS[objective % len(words.SECTORS)]
        rows.append(
            {
                "id": f"AO{objective}",
                "parent": f"AG{(objective - 1) % 3 + 1}",
                "level": "objective",
                "title": f"{sector[1]} {sector[2]}",
            }
        )
    base = f"data/{FRAMEWORK}"
    return {
        f"{base}/datapackage.json": descriptor(
            FRAMEWORK, meta, ["results"], "The framework all synthetic strategies align to."
        ),
        f"{base}/results.csv": csv_text(["id", "parent", "level", "title"], rows),
    }


def result_tree(shape: PlanShape) -> list[dict[str, Any]]:
    """Goals, objectives under them and sub-objectives under those (ICS levels)."""
    goals = max(1, shape.results // 10)
    objectives = max(goals, shape.results // 3)
    subs = max(0, shape.results - goals - objectives)
    rows = [{"id": f"G{g}", "parent": "", "level": "goal"} for g in range(1, goals + 1)]
    rows += [
        {"id": f"O{o}", "parent": f"G{(o - 1) % goals + 1}", "level": "objective"}
        for o in range(1, objectives + 1)
    ]
    counts: dict[int, int] = {}
    for s in range(subs):
        parent = s % objectives + 1
        counts[parent] = counts.get(parent, 0) + 1
        rows.append(
            {"id": f"O{parent}.{counts[parent]}", "parent": f"O{parent}", "level": "sub-objective"}
        )
    return rows[: max(shape.results, 2)]


def results_table(shape: PlanShape, rng: Random) -> list[dict[str, Any]]:
    rows = result_tree(shape)
    last_sub = next((r["id"] for r in reversed(rows) if r["level"] == "sub-objective"), None)
    for row in rows:
        sector = rng.choice(words.SECTORS)
        row["title"] = f"{sector[1]} {sector[2]}"
        row["statement"] = words.sentence(rng, f"{sector[1]} of {shape.nation}")
        row["aligns_to"] = (
            f"{FRAMEWORK}:AO{rng.randint(1, FRAMEWORK_OBJECTIVES)}"
            if row["level"] != "goal"
            else ""
        )
        # One sub-objective (and so its indicators and values) is internal.
        row["visibility"] = "internal" if row["id"] == last_sub else ""
    return rows


INDICATOR_HEADER = [
    "id", "result", "title", "definition", "unit", "measure", "direction", "indicator_type",
    "disaggregated_by", "rationale", "data_source", "collection_method", "frequency",
    "responsible", "limitations", "dqa_last", "dqa_next", "visibility",
]  # fmt: skip
_DISAGGREGATIONS = (("sex", "region"), ("sex", "region", "age"), ("region", "age"))


@dataclass(frozen=True)
class IndicatorShape:
    id: str
    measure: str
    direction: str
    dimensions: tuple[str, ...]


def indicators_table(
    shape: PlanShape, results: list[dict[str, Any]], rng: Random
) -> tuple[list[dict[str, Any]], list[IndicatorShape]]:
    measured = [r["id"] for r in results if r["level"] != "goal"] or [results[0]["id"]]
    rows: list[dict[str, Any]] = []
    shapes: list[IndicatorShape] = []
    for n in range(shape.indicators):
        ident = f"I-{n + 1:03d}"
        qualitative = n % 25 == 24
        measure = "qualitative" if qualitative else rng.choice(("unit", "unit", "percentage"))
        direction = "increase" if qualitative else rng.choice(("increase", "increase", "decrease"))
        dims = () if qualitative else _DISAGGREGATIONS[n % len(_DISAGGREGATIONS)]
        unit = {"qualitative": "stage", "percentage": "percent"}.get(
            measure, rng.choice(words.UNITS)
        )
        thing = rng.choice(words.OBJECTS)
        rows.append(
            {
                "id": ident,
                "result": measured[n % len(measured)],
                "title": f"{'Share of' if measure == 'percentage' else 'Number of'} {thing} "
                f"{rng.choice(words.ADJECTIVES)} ({ident})",
                "definition": f"Count of {thing} recorded in the national register in the "
                "quarter, checked against a sample of files.",
                "unit": unit,
                "measure": measure,
                "direction": direction,
                "indicator_type": rng.choice(("performance", "capability", "context")),
                "disaggregated_by": "; ".join(dims),
                "rationale": f"Shows whether {thing} change as the theory of change expects.",
                "data_source": "National registers and implementer records",
                "collection_method": "Quarterly extract, reconciled by the implementer",
                "frequency": "Quarterly",
                "responsible": f"Embassy {shape.nation} M&E specialist",
                "limitations": "Registers in remote districts are often late.",
                "dqa_last": "2024-03-14",
                "dqa_next": "2026-03-15",
                "visibility": "internal" if n == 1 else "",
            }
        )
        shapes.append(IndicatorShape(ident, measure, direction, dims))
    return rows, shapes


VALUE_COLUMNS = ["indicator", "period", "kind", "value", "text", "comment", "status",
                 "reported", "visibility"]  # fmt: skip
STAGES = ("Not started", "Drafted", "Consulted", "Adopted", "Implemented")


def _number(x: float, percentage: bool) -> str:
    if percentage:
        x = min(max(x, 0.0), 100.0)
    return f"{x:.1f}".removesuffix(".0")


def values_table(shape: PlanShape, indicators: list[IndicatorShape], rng: Random) -> list[dict]:
    rows: list[dict[str, Any]] = []
    dims = [name for name, _ in words.DIMENSIONS]

    def row(ident: str, period: str, kind: str, **cells: Any) -> dict[str, Any]:
        base = {c: "" for c in VALUE_COLUMNS + dims}
        base.update(indicator=ident, period=period, kind=kind, **cells)
        return base

    for ind in indicators:
        if ind.measure == "qualitative":
            rows.append(
                row(
                    ind.id,
                    "FY2022",
                    "baseline",
                    text=STAGES[0],
                    status="final",
                    reported="2022-12-01",
                )
            )
            for p in range(shape.periods):
                stage = STAGES[min(len(STAGES) - 1, 1 + p * (len(STAGES) - 1) // shape.periods)]
                rows.append(row(ind.id, period_label(p), "target", text=stage))
                if p < shape.actual_periods:
                    rows.append(
                        row(
                            ind.id,
                            period_label(p),
                            "actual",
                            text=stage,
                            status="final",
                            reported=_reported(p),
                        )
                    )
            continue
        percentage = ind.measure == "percentage"
        baseline = rng.uniform(10, 60) if percentage else float(rng.randint(40, 900))
        sign = -1 if ind.direction == "decrease" else 1
        goal = baseline * (1 + sign * rng.uniform(0.2, 0.6))
        pace = rng.uniform(0.5, 1.2)  # how far actuals keep up with targets
        rows.append(
            row(
                ind.id,
                "FY2022",
                "baseline",
                value=_number(baseline, percentage),
                status="final",
                reported="2022-12-01",
            )
        )
        for p in range(shape.periods):
            label = period_label(p)
            share = (p + 1) / shape.periods
            target = baseline + (goal - baseline) * share
            rows.append(row(ind.id, label, "target", value=_number(target, percentage)))
            if "sex" in ind.dimensions:
                for sex, part in (("female", 0.45), ("male", 0.55)):
                    value = target if percentage else target * part
                    rows.append(
                        row(ind.id, label, "target", value=_number(value, percentage), sex=sex)
                    )
            if p >= shape.actual_periods:
                continue
            actual = baseline + (goal - baseline) * share * pace * rng.uniform(0.9, 1.1)
            last = p == shape.actual_periods - 1
            rows.append(
                row(
                    ind.id,
                    label,
                    "actual",
                    value=_number(actual, percentage),
                    status="preliminary" if last else "final",
                    reported=_reported(p),
                    comment="Checked against a sample of files." if p % 4 == 0 else "",
                )
            )
            for name, categories in words.DIMENSIONS:
                if name not in ind.dimensions:
                    continue
                weights = [rng.uniform(0.5, 1.5) for _ in categories]
                for category, weight in zip(categories, weights, strict=True):
                    value = (
                        actual * rng.uniform(0.9, 1.1)
                        if percentage
                        else actual * weight / sum(weights)
                    )
                    rows.append(
                        row(
                            ind.id,
                            label,
                            "actual",
                            value=_number(value, percentage),
                            status="final",
                            reported=_reported(p),
                            # A region's first figures stay internal.
                            visibility="internal" if last and name == "region" else "",
                            **{name: category},
                        )
                    )
    return rows


def _reported(period: int) -> str:
    return (period_end(period) + timedelta(days=30)).isoformat()


def initiatives_table(
    shape: PlanShape, results: list[dict[str, Any]], rng: Random
) -> list[dict[str, Any]]:
    subs = [r["id"] for r in results if r["level"] != "goal" and not r["visibility"]]
    count = max(2, shape.results // 8)
    rows = []
    for n in range(count):
        budget = rng.randint(10, 150) * 100_000
        linked = sorted({subs[(2 * n) % len(subs)], subs[(2 * n + 1) % len(subs)]})
        rows.append(
            {
                "id": f"INI-{n + 1:02d}",
                "title": f"{rng.choice(words.SECTORS)[1]} support program {n + 1}",
                "description": words.sentence(rng, f"Partners in {shape.nation}"),
                "results": "; ".join(linked),
                "agency": "Synthetic Agency",
                "implementer": rng.choice(words.IMPLEMENTERS),
                "status": "ongoing" if n % 3 else "completed",
                "start": "2022-11-01",
                "end": shape.end.isoformat(),
                "budget": budget,
                "me_budget": budget * rng.randint(2, 4) // 100,
                "iati_identifier": f"XM-DAC-99999-{shape.name.upper()}-{n + 1:02d}",
                "visibility": "internal" if n == count - 1 and count > 2 else "",
            }
        )
    return rows


def assumptions_table(results: list[dict[str, Any]], rng: Random) -> list[dict[str, Any]]:
    return [
        {
            "result": r["id"],
            "text": f"The government keeps funding {rng.choice(words.OBJECTS)} at current levels.",
            "risk": rng.choice(("low", "medium", "high")),
            "mitigation": "Annual budget dialogue; co-financing written into agreements.",
            "visibility": "internal" if n % 4 == 3 else "",
        }
        for n, r in enumerate(x for x in results if x["level"] == "objective")
    ]
