"""Synthetic site projects of any size, for benchmarks and scaling tests (``ssa-site synth``).

A synthetic project is a complete site project (mkdocs.yml, data packages, narratives,
evaluations and progress reviews, with internal content) that builds with
``mkdocs build --strict``. It depends only on its :class:`SynthOptions`: the same options
(seed included) always give byte-identical files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.authoring.synth import content, data, words

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SynthOptions", "synth_files", "write_synth"]


@dataclass(frozen=True)
class SynthOptions:
    """Size of a synthetic site. The defaults give about 100 pages and 10,000 values per
    plan: 50 plans make a site of about 5,000 pages and 500,000 values."""

    plans: int = 10
    results: int = 30  # per plan: goals, objectives and sub-objectives
    indicators: int = 74  # per plan
    periods: int = 16  # quarters with targets; the first three quarters have actuals
    seed: int = 1

    def __post_init__(self) -> None:
        for name in ("plans", "results", "indicators", "periods"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.results < 3:
            raise ValueError("results must be at least 3 (a goal, an objective, a sub-objective)")


def _shapes(options: SynthOptions, rng: random.Random) -> list[data.PlanShape]:
    shapes: list[data.PlanShape] = []
    used: set[str] = set()
    width = max(3, len(str(options.plans)))
    for n in range(1, options.plans + 1):
        nation = words.nation(rng)
        if nation in used:
            nation = f"{nation} {n}"
        used.add(nation)
        shapes.append(
            data.PlanShape(
                name=f"plan-{n:0{width}d}",
                nation=nation,
                country=rng.choice(words.COUNTRIES),
                results=options.results,
                indicators=options.indicators,
                periods=options.periods,
            )
        )
    return shapes


def _plan_files(shape: data.PlanShape, rng: random.Random, index: int) -> dict[str, str]:
    base = f"data/{shape.name}"
    results = data.results_table(shape, rng)
    indicators, indicator_shapes = data.indicators_table(shape, results, rng)
    values = data.values_table(shape, indicator_shapes, rng)
    initiatives = data.initiatives_table(shape, results, rng)
    assumptions = data.assumptions_table(results, rng)
    meta = {
        "title": f"{shape.nation} Integrated Country Strategy FY{data.FIRST_FY}-"
        f"{data.FIRST_FY + shape.years - 1}",
        "kind": "country-strategy",
        "country": shape.country,
        "period": {"start": shape.start.isoformat(), "end": shape.end.isoformat()},
        "fiscal_year_start": 10,
        "levels": "ics",
        "license": "CC-BY-4.0",
        "sectors": "15210",  # OECD DAC: security system management and reform
    }
    resources = ["results", "indicators", "values", "initiatives", "assumptions"]
    dims = [name for name, _ in words.DIMENSIONS]
    files = {
        f"{base}/datapackage.json": data.descriptor(
            shape.name, meta, resources, f"Synthetic strategy for {shape.nation}."
        ),
        f"{base}/results.csv": data.csv_text(list(results[0]), results),
        f"{base}/indicators.csv": data.csv_text(data.INDICATOR_HEADER, indicators),
        f"{base}/values.csv": data.csv_text(data.VALUE_COLUMNS + dims, values),
        f"{base}/initiatives.csv": data.csv_text(list(initiatives[0]), initiatives),
        f"{base}/assumptions.csv": data.csv_text(
            ["result", "text", "risk", "mitigation", "visibility"], assumptions
        ),
    }
    docs = f"content/plans/{shape.name}"
    files[f"{docs}/index.md"] = content.plan_narrative(shape, rng)
    public = [r["id"] for r in results if not r["visibility"]]
    objectives = [r for r in public if r.startswith("O") and "." not in r]
    for result_id in objectives[:3]:
        files[f"{docs}/{result_id}.md"] = content.result_narrative(shape, result_id, rng)
    public_initiatives = [i["id"] for i in initiatives if not i["visibility"]]
    name, text = content.evaluation(
        shape, objectives[:2], public_initiatives[:1], rng, internal=index % 5 == 4
    )
    files[f"content/evaluations/{name}"] = text
    name, text = content.review(shape, rng)
    files[f"content/reviews/{shape.name}/{name}"] = text
    return files


def synth_files(options: SynthOptions) -> dict[str, str]:
    """Every file of the synthetic project: path relative to the project → text."""
    rng = random.Random(options.seed)
    files = {"mkdocs.yml": content.MKDOCS_YML, ".gitignore": ".cache/\nsite/\n"}
    files["content/index.md"] = content.HOME.format(plans=options.plans)
    files.update(data.framework_files())
    for index, shape in enumerate(_shapes(options, rng)):
        files.update(_plan_files(shape, rng, index))
    return files


def write_synth(outdir: Path, options: SynthOptions) -> list[Path]:
    """Write the synthetic project into ``outdir`` (created; existing files replaced)."""
    written: list[Path] = []
    for rel, text in synth_files(options).items():
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
