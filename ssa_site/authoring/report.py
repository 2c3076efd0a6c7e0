"""How ``ssa-site validate`` shows problems: grouped by file for people, JSON for CI.

Severities (:class:`~ssa_site.base.problems.Severity`): ``error`` (stops every build),
``warning`` (fails only ``--strict``) and ``notice`` (a report-only quality finding: listed
as a note, never failing anything). Each JSON object carries the problem's ``code`` and
``title`` (its :class:`~ssa_site.base.problems.ProblemType`), so CI can filter by kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.base.problems import Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ssa_site.analysis.quality import QualityReport
    from ssa_site.base.problems import Problem

_LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


@dataclass(frozen=True)
class Reported:
    """A problem with the severity ``validate`` gives it."""

    problem: Problem
    severity: Severity

    def as_dict(self) -> dict[str, object]:
        p = self.problem
        return {
            "path": p.path,
            "row": p.row,
            "field": p.field,
            "code": p.code or None,
            "title": p.title or None,
            "message": p.message,
            "fix": p.fix,
            "severity": self.severity.value,
            "rule": p.rule,
        }

    @property
    def line(self) -> str:
        return f"{self.problem} [{self.problem.rule}]" if self.problem.rule else str(self.problem)


def collect(problems: Iterable[Problem], quality: QualityReport) -> list[Reported]:
    """Every problem and quality finding, in load order, each with its severity: a
    finding of a report-only rule is a notice."""
    reported = [Reported(p, p.severity) for p in problems]
    logged = set(quality.logged)
    reported += [
        Reported(f, f.severity if f in logged else Severity.NOTICE) for f in quality.findings
    ]
    return reported


def counts(items: Iterable[Reported]) -> dict[Severity, int]:
    found = dict.fromkeys(Severity, 0)
    for item in items:
        found[item.severity] += 1
    return found


def describe_counts(found: dict[Severity, int]) -> str:
    parts = [
        _plural(found[Severity.ERROR], "error"),
        _plural(found[Severity.WARNING], "warning"),
    ]
    if found[Severity.NOTICE]:
        parts.append(_plural(found[Severity.NOTICE], "report-only note"))
    return ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def as_json(items: Iterable[Reported]) -> str:
    return json.dumps([item.as_dict() for item in items], indent=2, ensure_ascii=False)


def as_text(items: list[Reported], style: Callable[..., str]) -> list[str]:
    """Lines grouped by file (files in order of first problem, rows ascending).

    ``style`` is ``click.style`` (or any function with its signature).
    """
    groups: dict[str, list[Reported]] = {}
    for item in items:
        groups.setdefault(item.problem.path, []).append(item)
    lines: list[str] = []
    for path, group in groups.items():
        group = sorted(group, key=lambda i: i.problem.row or 0)
        lines.append(style(f"{path}", bold=True) + f" ({describe_counts(counts(group))})")
        for item in group:
            label = style(f"{_LABELS[item.severity]:<7}", fg=_COLOURS[item.severity], bold=True)
            lines.append(f"  {label} {item.line}")
        lines.append("")
    return lines
