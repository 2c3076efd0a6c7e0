"""What each cache and the worker processes bring: the same builds with one mechanism off.

For a synthetic site of N plans (``ssa-site synth``, kept in the workdir) this script
builds the site with the plugin, a first build (``.cache/ssa`` removed) and a later one,

- with every mechanism on (as users build), then
- with one mechanism off at a time: each kind of cache through ``SSA_CACHE_OFF=<kind>``
  (ssa_site.cache.store), the worker processes through ``SSA_WORKERS=1``,

and prints, per mechanism, the first and later build times without it and its gain (the
time without it minus the time with everything on: a negative gain is a cost). The builds
run one after another in child processes; ``--runs`` repeats each pair and takes medians.
``--write FILE`` puts the table into FILE (BENCHMARKS.md) between its own markers, one
pair per number of plans (a 10-plan and a 50-plan run keep both tables).

Run from the repository: ``.venv/bin/python benchmarks/mechanisms.py --plans 10``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from report import load, write
from run import ENV, plugin_build, synth

from ssa_site.authoring.synth import SynthOptions

#: Each mechanism, what turns it off, and the code it costs.
MECHANISMS: list[tuple[str, dict[str, str], str]] = [
    ("package cache", {"SSA_CACHE_OFF": "packages"}, "cache/store.py load_packages"),
    ("cross-check cache", {"SSA_CACHE_OFF": "checks"}, "project.py _checked"),
    ("standards' verdict cache", {"SSA_CACHE_OFF": "standards"}, "downloads/standards.py"),
    ("chart cache", {"SSA_CACHE_OFF": "charts"}, "charts/svg.py cached_svg, chart_files"),
    ("page cache", {"SSA_CACHE_OFF": "pages"}, "cache/pages.py PageCache, build/context.py"),
    ("finished-HTML cache", {"SSA_CACHE_OFF": "html"}, "cache/pages.py HtmlCache"),
    ("download store", {"SSA_CACHE_OFF": "downloads"}, "downloads/stored.py"),
    ("worker processes", {"SSA_WORKERS": "1"}, "cache/workers.py, build/deferred.py"),
]


def markers(plans: int) -> tuple[str, str]:
    """The markers of this site size's table in BENCHMARKS.md (one table per size)."""
    return (
        f"<!-- benchmarks/mechanisms.py: begin {plans} plans (generated, do not edit) -->",
        f"<!-- benchmarks/mechanisms.py: end {plans} plans -->",
    )


def pair(project: Path, site: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """(first build, later build) of the project with this environment, medians."""
    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(plugin_build(project, site, env=env).seconds)
        warm.append(plugin_build(project, site, env=env).seconds)
    return statistics.median(cold), statistics.median(warm)


def table(plans: int, base: tuple[float, float], rows: list[tuple[str, str, float, float]]) -> str:
    lines = [
        f"| mechanism ({plans} plans) | code | first build without | later build without "
        "| gain, first build | gain, later build |",
        "|---|---|---|---|---|---|",
        f"| (all on) | | {base[0]:.1f} s | {base[1]:.1f} s | | |",
    ]
    for name, code, cold, warm in rows:
        lines.append(
            f"| {name} | `{code}` | {cold:.1f} s | {warm:.1f} s "
            f"| {cold - base[0]:+.1f} s | {warm - base[1]:+.1f} s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--results", type=int, default=SynthOptions.results, help="per plan")
    parser.add_argument("--indicators", type=int, default=SynthOptions.indicators)
    parser.add_argument("--periods", type=int, default=SynthOptions.periods)
    parser.add_argument("--workdir", type=Path, default=None, help="kept between runs")
    parser.add_argument("--write", type=Path, default=None, metavar="FILE")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ssa-mechanisms-"))
    workdir.mkdir(parents=True, exist_ok=True)
    options = SynthOptions(args.plans, args.results, args.indicators, args.periods, 1)
    project = synth(workdir, options)
    site = workdir / f"site-mechanisms-{args.plans}"
    base = pair(project, site, ENV, args.runs)
    print(f"all on: first build {base[0]:.1f} s, later build {base[1]:.1f} s", flush=True)
    rows = []
    for name, switch, code in MECHANISMS:
        cold, warm = pair(project, site, {**ENV, **switch}, args.runs)
        print(f"without {name}: first build {cold:.1f} s, later build {warm:.1f} s", flush=True)
        rows.append((name, code, cold, warm))
    text = table(args.plans, base, rows)
    print(text)
    if args.write:
        intro = (
            f"Command: `.venv/bin/python benchmarks/mechanisms.py {' '.join(sys.argv[1:])}`, "
            f"{time.strftime('%Y-%m-%d')}, load average at the end {load()}."
        )
        begin, end = markers(args.plans)
        section = f"What each mechanism brings, {args.plans} plans"
        write(args.write, f"{intro}\n\n{text}", begin, end, section)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
