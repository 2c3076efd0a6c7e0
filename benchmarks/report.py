"""The benchmark's tables: per-phase breakdown and quiet against busy, printed and written
into BENCHMARKS.md.

``write(path, text)`` puts the tables of a run between the two markers of the file's
"Latest run" section (appended when the file has none), so that one command regenerates
it and the hand-written sections around it stay.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from phases import MKDOCS, ORDER, TOTAL

if TYPE_CHECKING:
    from pathlib import Path

BEGIN = "<!-- benchmarks/run.py: begin (generated, do not edit) -->"
END = "<!-- benchmarks/run.py: end -->"


def load() -> str:
    """The load averages now (1, 5 and 15 minutes)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def phase_table(figures: dict[str, Any]) -> str:
    """Seconds per phase of the first (cold) build and of the later (warm) builds of A,
    with B's total beside them."""
    cold, warm = figures["cold_phases"], figures["warm_phases"]
    lines = [
        f"| phase ({figures['plans']} plans) | A, first build | A, later build (median) |",
        "|---|---|---|",
    ]
    for phase in ORDER:
        name = f"{phase} (A)" if phase == MKDOCS else phase
        lines.append(f"| {name} | {cold.get(phase, 0):.2f} s | {warm.get(phase, 0):.2f} s |")
    lines.append(f"| **total A** | {cold[TOTAL]:.2f} s | {warm[TOTAL]:.2f} s |")
    lines.append(
        f"| worker processes, CPU time | {cold.get('worker CPU', 0):.2f} s "
        f"| {warm.get('worker CPU', 0):.2f} s |"
    )
    lines.append(f"| B, plain mkdocs-material (median) | | {figures['b']:.2f} s |")
    return "\n".join(lines)


def summary_table(sizes: list[dict[str, Any]]) -> str:
    """One row per site size: A's first and later builds, B, the ratios, memory."""
    lines = [
        "| plans | pages | values | A, first build | A, later (median) | B (median) "
        "| cold ratio | warm ratio | peak RSS A, first: largest process / with workers "
        "| peak RSS A, later | peak RSS B |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in sizes:
        lines.append(
            f"| {f['plans']} | {f['pages']:,} | {f['values']:,} | {f['cold_a']:.1f} s "
            f"| {f['a']:.1f} s | {f['b']:.1f} s | {f['cold_a'] / f['b']:.3f} "
            f"| {f['a'] / f['b']:.3f} | {f['cold_a_rss']:.0f} / {f['cold_a_tree']:.0f} MiB "
            f"| {f['a_rss']:.0f} / {f['a_tree']:.0f} MiB | {f['b_rss']:.0f} MiB |"
        )
    if len(sizes) == 2:
        small, large = sizes
        lines.append("")
        lines.append(
            f"Scaling from {small['plans']} to {large['plans']} plans: first build "
            f"{large['cold_a'] / small['cold_a']:.3f}, later builds "
            f"{large['a'] / small['a']:.3f}, plain mkdocs-material {large['b'] / small['b']:.3f}."
        )
    if "serve_a" in sizes[-1]:
        last = sizes[-1]
        lines.append("")
        lines.append(
            f"Serve rebuild after one narrative edit ({last['plans']} plans): A "
            f"{last['serve_a']:.1f} s, B {last['serve_b']:.1f} s, ratio "
            f"{last['serve_a'] / last['serve_b']:.3f}."
        )
    return "\n".join(lines)


def busy_table(quiet: dict[str, Any], busy: dict[str, Any], count: int) -> str:
    """Each build quiet and with ``count`` CPU-bound processes beside it."""
    rows = [
        ("A, first build", quiet["cold_a"], busy["cold_a"]),
        ("A, later build (median)", quiet["a"], busy["a"]),
        ("B (median)", quiet["b"], busy["b"]),
    ]
    lines = [
        f"| build ({quiet['plans']} plans) | quiet | busy ({count}) | busy / quiet |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {q:.1f} s | {b:.1f} s | {b / q:.2f} |" for name, q, b in rows]
    lines.append(
        f"| cold ratio A/B | {quiet['cold_a'] / quiet['b']:.3f} "
        f"| {busy['cold_a'] / busy['b']:.3f} | |"
    )
    lines.append(
        f"| warm ratio A/B | {quiet['a'] / quiet['b']:.3f} | {busy['a'] / busy['b']:.3f} | |"
    )
    return "\n".join(lines)


def write(
    path: Path, text: str, begin: str = BEGIN, end: str = END, section: str = "Latest run"
) -> None:
    """Put ``text`` between the markers of ``path`` (a new section when there are none)."""
    current = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    block = f"{begin}\n{text.strip()}\n{end}"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        tail = rest.split(end, 1)[1]
        current = head + block + tail
    else:
        current = current.rstrip("\n") + f"\n\n## {section}\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")
