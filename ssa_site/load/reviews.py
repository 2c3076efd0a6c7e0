"""Progress review narratives: ``content/reviews/<plan>/<YYYY-MM-DD>.md``.

Each review is a dated look at a plan. The file gives the narrative (front matter may set
``title`` and ``visibility``); the plugin replaces the file with a generated page that
shows every status as it stood on that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.characters import CONTROL, CONTROL_CHARACTER, control_params
from ssa_site.base.problems import ProblemType
from ssa_site.load.front_matter import Checker, positions, read_text, split
from ssa_site.load.localized import localized, with_original_visibility
from ssa_site.load.narratives import checked_visibility, split_front_matter, strip_leading_h1
from ssa_site.model.plan import INTERNAL, Portfolio

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

REVIEW_MISPLACED = ProblemType(
    "review-misplaced",
    "Review file in the wrong folder",
    "is not where progress reviews go",
    "move it to {folder}/<plan>/<YYYY-MM-DD>.md",
)
REVIEW_DATE_INVALID = ProblemType(
    "review-date-invalid",
    "Review file name not a date",
    "'{stem}' is not a date",
    "name the review after its date, e.g. 2025-03-31.md",
)
REVIEW_DATE_DIFFERS = ProblemType(
    "review-date-differs",
    "Review dated twice",
    "{given} is not the date of the file name, {named}",
    "a review is dated by its file name: rename the file, or correct or remove 'date:'",
)
UNKNOWN_REVIEWED_PLAN = ProblemType(
    "unknown-reviewed-plan",
    "Review of no plan",
    "reviews plan '{plan}', which does not exist",
    "put it in the folder of one of: {plans}",
)


@dataclass(frozen=True)
class Review:
    """A progress review of one plan on one date."""

    plan: str
    date: date
    src_uri: str  # relative to the docs dir, POSIX
    display_path: str  # relative to the project root, for messages
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    body: str = ""
    fallback: bool = False  # the default language's text, in a build of another language

    @property
    def internal(self) -> bool:
        return self.meta.get("visibility") == INTERNAL

    @property
    def title(self) -> str:
        given = self.meta.get("title")
        return str(given) if given else f"Progress review of {self.date.isoformat()}"


def find_reviews(
    docs_dir: Path,
    root: Path,
    portfolio_full: Portfolio,
    problems: Problems,
    language: str = "",
    languages: tuple[str, ...] = (),
) -> list[Review]:
    """Every review under ``<docs_dir>/reviews``, checked against the full model (a plan
    left out for an error of its own, ``Problems.left_out``, is not reported again)."""
    reviews_dir = docs_dir / urls.REVIEWS_DIR
    if not reviews_dir.is_dir():
        return []
    plans = ", ".join(p.name for p in portfolio_full.plans) or "no plans loaded"
    found: list[Review] = []
    for item in localized(sorted(reviews_dir.rglob("*.md")), language, languages):
        path, name = item.path, item.name
        parts = name.relative_to(reviews_dir).parts
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if len(parts) != 2:
            problems.add(REVIEW_MISPLACED, display, None, None, folder=urls.REVIEWS_DIR)
            continue
        plan_name, stem = parts[0], name.stem
        when = _parse_date(stem)
        if when is None:
            problems.add(REVIEW_DATE_INVALID, display, None, "file name", stem=stem)
        if portfolio_full.plan(plan_name) is None:
            problems.add(
                UNKNOWN_REVIEWED_PLAN,
                display,
                None,
                "plan",
                reference=(plan_name, None, None),
                plan=plan_name,
                plans=plans,
            )
            continue
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta, body, error = split_front_matter(text)
        meta = with_original_visibility(meta, item)
        if error:
            error.report(problems, display)
            continue
        if "date" in meta and not _date_agrees(
            meta, when, Checker(display, positions(split(text)[0]), problems)
        ):
            continue
        title = meta.get("title")
        if isinstance(title, str) and (control := CONTROL.search(title)):
            problems.add(
                CONTROL_CHARACTER, display, None, "title", **control_params(control.group())
            )
            continue
        meta = checked_visibility(meta, display, problems)
        if when is not None:
            src_uri = name.relative_to(docs_dir).as_posix()
            body = strip_leading_h1(body)
            found.append(Review(plan_name, when, src_uri, display, meta, body, item.fallback))
    return found


def _date_agrees(meta: dict[str, Any], named: date | None, checker: Checker) -> bool:
    """A ``date:`` in the front matter is a date, the one of the file name (the page is
    dated by the file name: a date that says otherwise is an error, not a choice)."""
    given = checker.date(meta, ("date",))
    if given is None:
        return not checker.failed
    if named is not None and given != named:
        checker.add(REVIEW_DATE_DIFFERS, ("date",), given=given, named=named)
        return False
    return True


def _parse_date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def for_audience(reviews: list[Review], portfolio: Portfolio) -> tuple[Review, ...]:
    """The reviews this audience may read: of visible plans, and public unless internal."""
    return tuple(
        r
        for r in sorted(reviews, key=lambda r: (r.plan, r.date))
        if portfolio.plan(r.plan) is not None and (portfolio.is_internal or not r.internal)
    )
