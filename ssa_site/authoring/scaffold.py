"""``ssa-site new``: write a fresh site project that builds with ``mkdocs build --strict``.

The files ship as package data under ``ssa_site/scaffold/``: ``project/`` (rendered with
Jinja; ``__plan__`` in a path becomes the plan's name) and ``presets/<preset>/`` (the
plan's CSV tables and one result narrative for each level preset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from ssa_site.base.schemas import LEVEL_PRESETS

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

PLAN_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PRESET_KINDS = {
    "ics": "country-strategy",
    "results-chain": "initiative",
    "logic-model": "initiative",
}
_TABLES = ("results", "indicators", "values", "initiatives", "assumptions")
_RENAMES = {"gitignore": ".gitignore"}


class ScaffoldError(Exception):
    """The project cannot be written (the message says why and what to do)."""


@dataclass(frozen=True)
class Scaffold:
    """What ``new`` writes: relative path → text."""

    files: dict[str, str]


def default_title(plan: str) -> str:
    return " ".join(word.capitalize() for word in plan.split("-")) + " Plan"


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            found.extend(_walk(child, rel + "/"))
        elif child.name != "__pycache__":
            found.append((rel, child))
    return found


def render_scaffold(plan: str, preset: str = "ics", title: str | None = None) -> Scaffold:
    """The files of a new project, rendered but not yet written."""
    if not PLAN_NAME.match(plan):
        raise ScaffoldError(
            f"'{plan}' is not a valid plan name (use lower-case letters, digits and '-', "
            "e.g. northland-ics)"
        )
    if preset not in PRESET_KINDS:
        raise ScaffoldError(f"'{preset}' is not a preset (use one of {', '.join(PRESET_KINDS)})")
    root = resources.files("ssa_site").joinpath("scaffold")
    preset_dir = root.joinpath("presets").joinpath(preset)
    env = jinja2.Environment(
        autoescape=False,  # Markdown, YAML, JSON and CSV: values are checked names and titles
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    context = {
        "plan": plan,
        "title": title or default_title(plan),
        "preset": preset,
        "kind": PRESET_KINDS[preset],
        "levels": LEVEL_PRESETS[preset],
        "narrated": preset_dir.joinpath("narrated").read_text("utf-8").strip(),
    }
    files: dict[str, str] = {}
    for rel, source in _walk(root.joinpath("project")):
        name = rel.rsplit("/", 1)[-1]
        target = rel.replace("__plan__", plan)
        if name in _RENAMES:
            target = target[: -len(name)] + _RENAMES[name]
        files[target] = env.from_string(source.read_text("utf-8")).render(context)
    for table in _TABLES:
        files[f"data/{plan}/{table}.csv"] = preset_dir.joinpath(f"{table}.csv").read_text("utf-8")
    narrative = preset_dir.joinpath("narrative.md").read_text("utf-8")
    files[f"content/plans/{plan}/{context['narrated']}.md"] = env.from_string(narrative).render(
        context
    )
    return Scaffold(dict(sorted(files.items())))


def write_scaffold(directory: Path, scaffold: Scaffold) -> list[Path]:
    """Write the files into ``directory``, which must be missing or empty."""
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} is a file (choose a new folder name)")
    if directory.is_dir() and any(directory.iterdir()):
        raise ScaffoldError(
            f"{directory} is not empty; nothing was written (choose a new or empty folder)"
        )
    written: list[Path] = []
    for rel, text in scaffold.files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
