"""The evaluations index (``/evaluations/``) and one page per evaluation.

Reads only ``site.evaluations`` (already filtered for the audience) and ``site.portfolio``.
The index is a plain table that works without JavaScript; ``ssa-evaluations.js`` adds
filters and sorting on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.base.i18n import ENGLISH
from ssa_site.base.urls import EVALUATIONS_INDEX_URI, evaluation_uri
from ssa_site.base.vocabulary import N_
from ssa_site.load.narratives import split_front_matter, strip_leading_h1
from ssa_site.model.evaluation import (
    FOLLOW_UP_LABELS,
    TYPE_LABELS,
    TYPES,
    Evaluation,
    RecommendationCounts,
)

if TYPE_CHECKING:
    from ssa_site.base.i18n import Language
    from ssa_site.model.plan import Plan
    from ssa_site.output.context import Generated, PageContext

DEFAULT_TITLE = N_("Evaluations")  # the index's title when its authored page gives none


@dataclass(frozen=True)
class EvaluationRow:
    """One evaluation as the index shows it."""

    evaluation: Evaluation
    plans: tuple[Plan, ...]
    countries: tuple[str, ...]
    year: int
    counts: RecommendationCounts
    follow_up: str


@dataclass(frozen=True)
class Filter:
    """A ``<select>`` of the index: the row attribute it reads and its options."""

    key: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, label)


def index_rows(context: PageContext) -> list[EvaluationRow]:
    site = context.site
    rows: list[EvaluationRow] = []
    for evaluation in site.evaluations:
        plans = tuple(p for name in evaluation.plans if (p := site.portfolio.plan(name)))
        countries = tuple(dict.fromkeys(p.country for p in plans if p.country))
        rows.append(
            EvaluationRow(
                evaluation,
                plans,
                countries,
                evaluation.completed.year,
                evaluation.counts(site.today),
                evaluation.follow_up(site.today),
            )
        )
    return rows


def index_filters(rows: list[EvaluationRow], language: Language = ENGLISH) -> list[Filter]:
    """Only values that occur, so that no choice ever shows an empty table."""
    _ = language.gettext
    types = {r.evaluation.type for r in rows}
    plans = {p.name: p.title for r in rows for p in r.plans}
    countries = {c for r in rows for c in r.countries}
    years = {r.year for r in rows}
    follow_ups = {r.follow_up for r in rows}
    return [
        Filter("type", _("Type"), tuple((t, _(TYPE_LABELS[t])) for t in TYPES if t in types)),
        Filter("plan", _("Plan"), tuple(sorted(plans.items(), key=lambda item: item[1]))),
        Filter("country", _("Country code"), tuple((c, c) for c in sorted(countries))),
        Filter("year", _("Year completed"), tuple((str(y), str(y)) for y in sorted(years)[::-1])),
        Filter(
            "followup",
            _("Follow-up of recommendations"),
            tuple((k, _(v)) for k, v in FOLLOW_UP_LABELS.items() if k in follow_ups),
        ),
    ]


def _intro(markdown: str | None, language: Language = ENGLISH) -> tuple[str, str]:
    """(title, body) of the authored ``evaluations/index.md``: its H1 or title names the page."""
    default = language.gettext(DEFAULT_TITLE)
    if markdown is None:
        return default, ""
    meta, body, _ = split_front_matter(markdown)
    title = str(meta.get("title") or "").strip()
    stripped = strip_leading_h1(body)
    if not title and stripped != body:
        title = body.strip().splitlines()[0].lstrip("#").strip()
    return title or default, stripped


def evaluation_pages(context: PageContext) -> list[Generated]:
    """The index (when there is anything to list or an authored intro) and every page."""
    site = context.site
    authored = context.evaluations_index_markdown
    if not site.evaluations and authored is None:
        return []
    language = context.language
    title, intro = _intro(authored, language)
    rows = index_rows(context)
    pages: list[Generated] = [
        context.page(
            EVALUATIONS_INDEX_URI,
            "evaluations.html",
            title,
            True,
            # Eleven columns: the table takes the width the sidebars would.
            meta={"hide": ["navigation", "toc"]},
            page_title=title,
            intro=context.filter(intro),
            authored_fallback=EVALUATIONS_INDEX_URI in context.fallback_pages,
            rows=rows,
            filters=index_filters(rows, language),
            totals=sum((r.counts for r in rows), RecommendationCounts()),
            follow_up_labels={k: language.gettext(v) for k, v in FOLLOW_UP_LABELS.items()},
        )
    ]
    for row in rows:
        evaluation = row.evaluation
        body = context.filter(evaluation.body)
        pages.append(
            context.page(
                evaluation_uri(evaluation.id),
                "evaluation.html",
                evaluation.title,
                False,
                evaluation=evaluation,
                row=row,
                body=body,
                body_has_heading=body.lstrip().startswith("#"),
                today=site.today,
            )
        )
    return pages
