"""Benchmark ssa-site against plain mkdocs-material on the same pages.

For a synthetic site of N plans (``ssa-site synth``) this script

1. builds it once with the plugin from a cold cache (A, cold: a first build, which reads
   every package and draws every chart);
2. writes a plain project of exactly the pages and files the plugin produced with
   ``ssa-site generate`` (not timed): the same mkdocs.yml without the ssa plugin, the
   plugin's navigation as ``nav``, its stylesheets and scripts as ``extra_css`` and
   ``extra_javascript`` (B);
3. alternates builds of A (cache warm, as on every build after the first) and B, each in
   a child process, and prints pages, values, median wall time and peak RSS of each, and
   last ``ratio=<median A / median B>``.

``--scaling`` does the same at N and 2N plans and ends with ``scaling=<t(2N) / t(N)>``
(warm A medians); ``ratio=`` is then the ratio at 2N. ``--serve`` measures a ``mkdocs
serve`` rebuild: two builds in one process (as serve does: config and plugin reloaded,
module caches kept) with one narrative edited in between, for A and for B, and prints
``serve_ratio=<A rebuild / B rebuild>``.

Every A build runs through benchmarks/phases.py, which clocks the plugin's phases: the run
prints a per-phase table of the first build and of the later ones (``--profile`` also
writes a cProfile of the first build into the workdir). ``--busy N`` runs the whole
comparison a second time with N CPU-bound processes beside every build (benchmarks/busy.py)
and prints each build's busy / quiet ratio. ``--write FILE`` puts the tables and the
figures into FILE (BENCHMARKS.md) between its generated markers (benchmarks/report.py).

Run from the repository: ``.venv/bin/python benchmarks/run.py --plans 50 --runs 3``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from busy import busy
from phases import ORDER, TOTAL
from report import busy_table, load, phase_table, summary_table, write

from ssa_site.authoring.synth import SynthOptions, write_synth

ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONHASHSEED": "0",
}
EDITED = "plans/{plan}/index.md"  # the narrative a serve rebuild edits


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float  # the largest single process (the build, or one of its workers)
    log: str
    peak_tree_mib: float = 0.0  # the build and its worker processes together (sampled)


def tree_rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants, now (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        members.update(children)
        frontier.extend(children)
    pages = 0
    for pid in members:
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a child process: its wall time, the peak RSS of its largest process (wait4, not
    a delta) and the peak of the whole process tree (sampled every half second)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdout=out, stderr=out)
        tree = 0.0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if Path("/proc").is_dir():
                tree = max(tree, tree_rss_mib(child.pid))
            time.sleep(0.5)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    if child.returncode:
        sys.stderr.write(log[-5000:])
        raise SystemExit(f"{' '.join(args)} failed with status {child.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024, log, max(tree, usage.ru_maxrss / 1024))


def mkdocs(project: Path, site: Path, env: dict[str, str] | None = None) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project, env)


PHASES = Path(__file__).with_name("phases.py")


def plugin_build(
    project: Path, site: Path, profile: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """An A build (``mkdocs build --strict`` with the plugin) whose log ends with the
    seconds of each phase (benchmarks/phases.py)."""
    extra = ["--profile", str(profile)] if profile else []
    return run([sys.executable, str(PHASES), str(site), *extra], project, env)


def phases_of(result: Run) -> dict[str, float]:
    """The phases line of an A build's log."""
    found = re.search(r"^phases=(\{.*\})$", result.log, re.MULTILINE)
    return json.loads(found.group(1)) if found else {}


def median_phases(runs: list[Run]) -> dict[str, float]:
    """Each phase's median over ``runs``."""
    each = [phases_of(r) for r in runs]
    keys = [*ORDER, TOTAL, "worker CPU"]
    return {k: statistics.median(p.get(k, 0.0) for p in each) for k in keys}


def synth(workdir: Path, options: SynthOptions) -> Path:
    """The synthetic project of these options (kept in the workdir between runs)."""
    project = workdir / f"synth-{options.plans}"
    stamp = project / ".synth-options"
    wanted = f"{options!r}\n"
    if not (stamp.is_file() and stamp.read_text() == wanted):
        shutil.rmtree(project, ignore_errors=True)
        write_synth(project, options)
        stamp.write_text(wanted)
    return project


def plain_project(project: Path, target: Path) -> Run:
    """The B project: ``ssa-site generate`` of the site into ``target``."""
    shutil.rmtree(target, ignore_errors=True)
    command = str(Path(sys.executable).with_name("ssa-site"))
    return run([command, "generate", str(target), "--dir", str(project)], project)


def counts(log: str, plain: Path) -> tuple[int, int]:
    """(pages, values) of a build: Markdown pages generated, values the plugin loaded."""
    pages = sum(1 for _ in (plain / "docs").rglob("*.md"))
    found = re.search(r"indicator\(s\), (\d+) value\(s\)", log)
    return pages, int(found.group(1)) if found else 0


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def compare(
    workdir: Path, options: SynthOptions, runs: int, serve: bool, profile: bool = False
) -> dict[str, Any]:
    """Cold A, then A and B alternately; prints the figures and returns them."""
    plans = options.plans
    project = synth(workdir, options)
    site = workdir / f"site-{plans}"
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = plugin_build(project, site, workdir / f"cold-{plans}.prof" if profile else None)
    plain = workdir / f"plain-{plans}"
    pages, values = counts(plain_project(project, plain).log, plain)
    a_runs: list[Run] = []
    b_runs: list[Run] = []
    for index in range(runs):
        # Alternate which goes first, so that load from other users hits both alike.
        order = (("A", project), ("B", plain)) if index % 2 == 0 else (("B", plain), ("A", project))
        for name, where in order:
            result = plugin_build(where, site) if name == "A" else mkdocs(where, site)
            (a_runs if name == "A" else b_runs).append(result)
            print(
                f"  run {index + 1} {name}: {result.seconds:.1f} s, {result.peak_rss_mib:.0f} MiB"
            )
    figures = {
        "plans": plans,
        "pages": pages,
        "values": values,
        "cold_a": cold.seconds,
        "cold_a_rss": cold.peak_rss_mib,
        "cold_a_tree": cold.peak_tree_mib,
        "a": median(a_runs),
        "a_rss": max(r.peak_rss_mib for r in a_runs),
        "a_tree": max(r.peak_tree_mib for r in a_runs),
        "b": median(b_runs),
        "b_rss": max(r.peak_rss_mib for r in b_runs),
        "cold_phases": median_phases([cold]),
        "warm_phases": median_phases(a_runs),
        "load": load(),
    }
    print(f"plans={plans} pages={pages} values={values} load={figures['load']}")
    print(
        f"A (ssa plugin, cold cache): {cold.seconds:.1f} s, peak RSS {cold.peak_rss_mib:.0f} MiB "
        f"(with its workers: {cold.peak_tree_mib:.0f} MiB)"
    )
    print(
        f"A (ssa plugin, median of {runs}): {figures['a']:.1f} s, "
        f"peak RSS {figures['a_rss']:.0f} MiB (with its workers: {figures['a_tree']:.0f} MiB)"
    )
    print(f"B (plain mkdocs-material, median of {runs}): {figures['b']:.1f} s, "
          f"peak RSS {figures['b_rss']:.0f} MiB")  # fmt: skip
    print(f"cold_ratio@{plans}={cold.seconds / figures['b']:.3f}  (a first build against B)")
    print(phase_table(figures))
    if profile:
        print(f"profile of the first build: {workdir / f'cold-{plans}.prof'}")
    if serve:
        figures.update(serve_rebuilds(project, plain, workdir))
    return figures


REBUILD = """
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

edited = Path(sys.argv[1])
times = []
for attempt in range(2):
    if attempt:
        with edited.open("a", encoding="utf-8") as f:
            f.write("\\n\\nA sentence added while the site was being served.\\n")
    start = time.perf_counter()
    config = load_config("mkdocs.yml", site_dir=sys.argv[2])
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def serve_rebuilds(project: Path, plain: Path, workdir: Path) -> dict[str, float]:
    """A ``mkdocs serve`` rebuild after one narrative edit, with the plugin and without."""
    first_plan = sorted(
        p.name for p in (project / "data").iterdir() if p.name != "agency-framework"
    )[0]
    results: dict[str, float] = {}
    for name, where, edited in (
        ("serve_a", project, project / "content" / EDITED.format(plan=first_plan)),
        ("serve_b", plain, plain / "docs" / EDITED.format(plan=first_plan)),
    ):
        original = edited.read_bytes()
        try:
            out = run(
                [sys.executable, "-c", REBUILD, str(edited), str(workdir / f"serve-{name}")],
                where,
            )
        finally:
            edited.write_bytes(original)
        first, second = json.loads(out.log.strip().splitlines()[-1])
        results[name] = second
        print(f"{name}: first build {first:.1f} s, rebuild after a narrative edit {second:.1f} s")
    return results


def heading(argv: list[str], tables: list[str]) -> str:
    """The generated section of BENCHMARKS.md: the command, the machine's load, the tables."""
    command = " ".join([".venv/bin/python benchmarks/run.py", *argv])
    intro = (
        f"Command: `{command}`, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
        f"load average at the end {load()} (1, 5, 15 minutes). Seconds per phase are "
        "exclusive of the phases nested in them; MkDocs' own work is the rest of A's time."
    )
    return "\n\n".join([intro, *tables])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="A/B pairs (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=int, default=SynthOptions.results, help="per plan")
    parser.add_argument("--indicators", type=int, default=SynthOptions.indicators)
    parser.add_argument("--periods", type=int, default=SynthOptions.periods)
    parser.add_argument("--scaling", action="store_true", help="also 2N plans: scaling=")
    parser.add_argument("--serve", action="store_true", help="also serve rebuilds")
    parser.add_argument("--workdir", type=Path, default=None, help="kept between runs")
    parser.add_argument(
        "--busy", type=int, default=0, metavar="N",
        help="also run the comparison with N CPU-bound processes beside every build",
    )  # fmt: skip
    parser.add_argument("--profile", action="store_true", help="cProfile the first build")
    parser.add_argument("--write", type=Path, default=None, metavar="FILE",
                        help="put the tables into FILE (BENCHMARKS.md)")  # fmt: skip
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ssa-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"workdir={workdir} cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f}")
    options = SynthOptions(args.plans, args.results, args.indicators, args.periods, args.seed)
    # With --scaling, serve rebuilds are measured on the larger site.
    small = compare(workdir, options, args.runs, args.serve and not args.scaling, args.profile)
    print(f"ratio@{args.plans}={small['a'] / small['b']:.3f}")
    tables = [phase_table(small)]
    if args.busy:
        with busy(args.busy):
            print(f"with {args.busy} CPU-bound process(es) beside every build:")
            loaded = compare(workdir, options, args.runs, False)
        table = busy_table(small, loaded, args.busy)
        print(table)
        tables.append(table)
        print(f"busy_cold_ratio@{args.plans}={loaded['cold_a'] / loaded['b']:.3f}")
        print(f"busy_ratio@{args.plans}={loaded['a'] / loaded['b']:.3f}")
        worst = max(loaded[k] / small[k] for k in ("cold_a", "a", "b"))
        print(f"busy_slowdown={worst:.3f}  (the largest busy / quiet time of a build)")
    last = small
    if args.scaling:
        last = compare(workdir, replace(options, plans=2 * args.plans), args.runs, args.serve)
        print(f"ratio@{2 * args.plans}={last['a'] / last['b']:.3f}")
        print(f"scaling_b={last['b'] / small['b']:.3f}  (plain mkdocs-material, for comparison)")
    if args.serve:
        print(f"serve_ratio={last['serve_a'] / last['serve_b']:.3f}")
    print(f"ratio={last['a'] / last['b']:.3f}")
    if args.scaling:
        print(f"scaling={last['a'] / small['a']:.3f}")
        print(f"cold_scaling={last['cold_a'] / small['cold_a']:.3f}")
        tables.append(phase_table(last))
    tables.insert(0, summary_table([small, last] if args.scaling else [small]))
    if args.write:
        write(args.write, heading(sys.argv[1:], tables))
        print(f"written to {args.write}", file=sys.stderr)  # ratio= stays the last line
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
