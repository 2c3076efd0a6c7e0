"""Markdown narratives: front matter, attachment to plans and results, internal passages.

``content/plans/<plan>/index.md`` narrates plan ``<plan>``; ``content/plans/<plan>/<id>.md``
narrates result ``<id>``.  Front matter ``plan:`` and ``result:`` may say so explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.base.problems import ProblemType
from ssa_site.load.front_matter import TextDateLoader, YamlProblem, read_text, yaml_problem
from ssa_site.model.plan import INTERNAL, Portfolio

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_BLOCK_OPEN = re.compile(r"^[ \t]*///[ \t]*([\w-]+)")
_BLOCK_CLOSE = re.compile(r"^[ \t]*///[ \t]*$")
_LEADING_H1 = re.compile(r"\A\s*#(?!#)[ \t]+[^\n]*\n")

PAGE_FRONT_MATTER_NOT_A_MAPPING = ProblemType(
    "page-front-matter-not-a-mapping",
    "Page front matter not a mapping",
    "must be a mapping of fields",
    "fix the YAML between the --- lines",
)
UNKNOWN_PAGE_VISIBILITY = ProblemType(
    "unknown-page-visibility",
    "Page visibility not public or internal",
    "'{visibility}' is not a visibility",
    "use public or internal",
)
UNKNOWN_NARRATED_PLAN = ProblemType(
    "unknown-narrated-plan",
    "Narrative of no plan",
    "narrates plan '{plan}', which does not exist",
    "rename the folder or set 'plan:' to one of: {plans}",
)
UNKNOWN_NARRATED_RESULT = ProblemType(
    "unknown-narrated-result",
    "Narrative of no result",
    "narrates result '{result}', which plan '{plan}' does not have",
    "rename the file to an id from {path}, or set 'result:' in the front matter",
)
DUPLICATE_PLAN_NARRATIVE = ProblemType(
    "duplicate-plan-narrative",
    "Two narratives of one plan",
    "narrates the same plan as {other}",
    "merge the two files",
)
DUPLICATE_RESULT_NARRATIVE = ProblemType(
    "duplicate-result-narrative",
    "Two narratives of one result",
    "narrates the same result as {other}",
    "merge the two files",
)


@dataclass(frozen=True)
class Narrative:
    """An authored Markdown file that narrates a plan or a result."""

    src_uri: str  # relative to the docs dir, POSIX
    display_path: str  # relative to the project root, for messages
    plan: str
    result: str | None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    body: str = ""

    @property
    def internal(self) -> bool:
        return self.meta.get("visibility") == INTERNAL


def split_front_matter(text: str) -> tuple[dict[str, Any], str, YamlProblem | None]:
    """(meta, body, error): the YAML front matter of a Markdown text and the rest."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    try:
        meta = yaml.load(match.group(1) or "", Loader=TextDateLoader) or {}
    except yaml.YAMLError as exc:
        return {}, text[match.end() :], yaml_problem(exc)
    if not isinstance(meta, dict):
        return {}, text[match.end() :], YamlProblem(1, PAGE_FRONT_MATTER_NOT_A_MAPPING)
    return meta, text[match.end() :], None


def strip_leading_h1(body: str) -> str:
    """Drop a leading ``# Title``: generated pages carry their title from the data."""
    return _LEADING_H1.sub("", body, count=1)


def filter_internal_blocks(markdown: str, internal: bool) -> str:
    """Drop ``/// internal`` … ``///`` passages (public) or mark them visibly (internal)."""
    out: list[str] = []
    depth = 0  # depth of blocks inside an internal passage, 0 when outside one
    inside = False
    for line in markdown.splitlines(keepends=True):
        if not inside:
            opened = _BLOCK_OPEN.match(line)
            # Any case: a passage marked "/// Internal" must not be published either.
            if opened and opened.group(1).lower() == "internal":
                inside, depth = True, 0
                if internal:
                    out.append(
                        '\n<div class="ssa-internal-passage" markdown="1">\n'
                        '<p class="ssa-internal-passage__label">Internal passage</p>\n\n'
                    )
                continue
            out.append(line)
            continue
        if _BLOCK_CLOSE.match(line):
            if depth == 0:
                inside = False
                if internal:
                    out.append("\n</div>\n")
                continue
            depth -= 1
        elif _BLOCK_OPEN.match(line):
            depth += 1
        if internal:
            out.append(line)
    if inside and internal:
        out.append("\n</div>\n")
    return "".join(out)


def check_pages(docs_dir: Path, root: Path, problems: Problems) -> None:
    """Check the front matter of authored pages that no other loader checks.

    A page whose front matter cannot be read, or whose visibility is not exactly public or
    internal, cannot be classified, and a page that cannot be classified is not published.
    """
    if not docs_dir.is_dir():
        return
    for path in sorted(docs_dir.rglob("*.md")):
        parts = path.relative_to(docs_dir).parts
        if any(part.startswith(".") for part in parts) or (
            (parts[0] == "plans" and len(parts) > 2)
            or parts[0] == "reviews"
            or (parts[0] == "evaluations" and len(parts) == 2 and parts[1] != "index.md")
        ):
            continue  # narratives, reviews and evaluations: checked by their own loaders
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta, _, error = split_front_matter(text)
        if error:
            error.report(problems, display)
        elif meta.get("visibility") not in (None, "public", "internal"):
            problems.add(
                UNKNOWN_PAGE_VISIBILITY,
                display,
                None,
                "visibility",
                visibility=meta.get("visibility"),
            )


def checked_visibility(meta: dict[str, Any], display: str, problems: Problems) -> dict[str, Any]:
    """The front matter with a valid ``visibility``; anything else is an error and the page
    is treated as internal, so that a typo never publishes it."""
    visibility = meta.get("visibility")
    if visibility in (None, "public", "internal"):
        return meta
    problems.add(UNKNOWN_PAGE_VISIBILITY, display, None, "visibility", visibility=visibility)
    return {**meta, "visibility": INTERNAL}


def find_narratives(
    docs_dir: Path,
    root: Path,
    portfolio_full: Portfolio,
    problems: Problems,
) -> list[Narrative]:
    """Every narrative under ``<docs_dir>/plans``, checked against the full model. A plan
    left out for an error of its own (``Problems.left_out``) is not reported again here."""
    plans_dir = docs_dir / "plans"
    if not plans_dir.is_dir():
        return []
    narratives: list[Narrative] = []
    for path in sorted(plans_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        parts = path.relative_to(plans_dir).parts
        if len(parts) == 1:
            continue  # plans/index.md and other pages beside the plan folders
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else src_uri
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta, body, error = split_front_matter(text)
        if error:
            error.report(problems, display)
            continue
        plan_name = str(meta.get("plan") or parts[0])
        default_result = None if path.stem == "index" and len(parts) == 2 else path.stem
        result_id = meta.get("result", default_result)
        result_id = str(result_id) if result_id is not None else None
        plan = portfolio_full.plan(plan_name)
        if plan is None:
            problems.add(
                UNKNOWN_NARRATED_PLAN,
                display,
                None,
                "plan",
                reference=(plan_name, None, None),
                plan=plan_name,
                plans=", ".join(p.name for p in portfolio_full.plans) or "no plans loaded",
            )
            continue
        if result_id is not None and plan.result(result_id) is None:
            problems.add(
                UNKNOWN_NARRATED_RESULT,
                display,
                None,
                "result",
                # Not reported when the row is left out for its own error, reported already.
                reference=(plan_name, "results", result_id),
                result=result_id,
                plan=plan_name,
                path=plan.resource_path("results"),
            )
            continue
        meta = checked_visibility(meta, display, problems)
        narratives.append(
            Narrative(src_uri, display, plan_name, result_id, meta, strip_leading_h1(body))
        )
    seen: dict[tuple[str, str | None], Narrative] = {}
    for narrative in narratives:
        key = (narrative.plan, narrative.result)
        if key in seen:
            problems.add(
                DUPLICATE_RESULT_NARRATIVE if key[1] else DUPLICATE_PLAN_NARRATIVE,
                narrative.display_path,
                None,
                None,
                other=seen[key].display_path,
            )
        seen[key] = narrative
    return narratives
