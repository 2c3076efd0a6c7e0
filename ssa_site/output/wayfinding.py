"""Where a generated page sits: its breadcrumbs, and the siblings before and after it.

A result's trail is its plan and the chain of its ancestors; an indicator's adds the
result it measures. Siblings are the results of the same parent (or the top results of
the plan) and the indicators of the same result. Pure: no MkDocs, no HTML. The words of
crumbs and neighbours are written in the wayfinder's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from ssa_site.base import urls
from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.urls import (
    EVALUATIONS_INDEX_URI,
    PLANS_INDEX_URI,
    evaluation_uri,
    indicator_uri,
    logic_model_uri,
    plan_uri,
    result_uri,
)
from ssa_site.base.vocabulary import N_

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ssa_site.load.reviews import Review
    from ssa_site.model.evaluation import Evaluation
    from ssa_site.model.plan import Indicator, Plan, Portfolio, Result

T = TypeVar("T")


#: Index pages of the site's sections; a page under the folder has the index as a crumb
#: (its name in English: translate with ``language.gettext``).
SECTION_INDEXES = {
    "plans": (PLANS_INDEX_URI, N_("Plans")),
    "evaluations": (EVALUATIONS_INDEX_URI, N_("Evaluations")),
    "method": (urls.METHOD_INDEX_URI, N_("Method")),
}


@dataclass(frozen=True)
class Crumb:
    """A link to another page: the page's source URI and the words to show."""

    uri: str
    label: str


@dataclass(frozen=True)
class Place:
    """A page's place in the site: the crumbs above it, its own label, its neighbours."""

    crumbs: tuple[Crumb, ...]  # from Home down to the page's parent
    label: str  # the page itself (the last, current crumb)
    previous: Crumb | None = None
    next: Crumb | None = None
    siblings: str = ""  # what the neighbours are, e.g. "Results under O1"

    @property
    def has_neighbours(self) -> bool:
        return self.previous is not None or self.next is not None


def result_label(result: Result) -> str:
    return f"{result.id} {result.title}"


@dataclass
class Wayfinder:
    """The place of every page of a portfolio, worked out once and looked up by URI."""

    sections: dict[str, Crumb] = field(default_factory=dict)  # top folder → its index
    places: dict[str, Place] = field(default_factory=dict)
    language: Language = ENGLISH

    @classmethod
    def of(
        cls,
        portfolio: Portfolio,
        reviews: Iterable[Review] = (),
        evaluations: Iterable[Evaluation] = (),
        sections: Iterable[str] = ("plans", "evaluations", "method"),
        language: Language = ENGLISH,
    ) -> Wayfinder:
        """``sections`` names the folders whose index page exists in this build."""
        indexes = {
            name: Crumb(SECTION_INDEXES[name][0], language.gettext(SECTION_INDEXES[name][1]))
            for name in sections
        }
        finder = cls(indexes, language=language)
        by_plan: dict[str, list[Review]] = {}
        for review in reviews:
            by_plan.setdefault(review.plan, []).append(review)
        for plan in portfolio.plans:
            finder._add_plan(plan, sorted(by_plan.get(plan.name, []), key=lambda r: r.date))
        for evaluation in evaluations:
            uri = evaluation_uri(evaluation.id)
            finder.places[uri] = Place(finder._trail(uri), evaluation.title)
        return finder

    def _trail(self, uri: str) -> tuple[Crumb, ...]:
        """Home, then the index of the page's top folder (unless the page is that index)."""
        crumbs = [Crumb(urls.HOME_URI, self.language.gettext("Home"))]
        top = uri.split("/", 1)[0] if "/" in uri else ""
        section = self.sections.get(top)
        if section is not None and section.uri != uri:
            crumbs.append(section)
        return tuple(crumbs)

    def _add_plan(self, plan: Plan, reviews: list[Review]) -> None:
        _ = self.language.gettext
        here = self._trail(plan_uri(plan.name))
        self.places[plan_uri(plan.name)] = Place(here, plan.title)
        top = (*here, Crumb(plan_uri(plan.name), plan.title))
        for result in plan.results:
            above = tuple(
                Crumb(result_uri(plan.name, a.id), result_label(a))
                for a in plan.ancestors(result.id)
            )
            siblings = plan.children(result.parent) if result.parent else plan.top_results
            previous, following = _neighbours(siblings, result)
            parent = plan.result(result.parent) if result.parent else None
            self.places[result_uri(plan.name, result.id)] = Place(
                (*top, *above),
                result_label(result),
                _result_crumb(previous),
                _result_crumb(following),
                _("Results under %(result)s") % {"result": parent.id}
                if parent
                else _("Top results of %(plan)s") % {"plan": plan.title},
            )
            indicators = plan.indicators_of(result.id)
            chain = (*top, *above, Crumb(result_uri(plan.name, result.id), result_label(result)))
            for indicator in indicators:
                before, after = _neighbours(indicators, indicator)
                self.places[indicator_uri(plan.name, indicator.id)] = Place(
                    chain,
                    f"{indicator.id} {indicator.title}",
                    _indicator_crumb(before),
                    _indicator_crumb(after),
                    _("Indicators of %(result)s") % {"result": result.id},
                )
        self.places[logic_model_uri(plan.name)] = Place(top, _("Logic model"))
        for review in reviews:
            earlier, later = _neighbours(tuple(reviews), review)
            self.places[urls.review_uri(plan.name, review.date)] = Place(
                top,
                review.title,
                _review_crumb(earlier),
                _review_crumb(later),
                _("Progress reviews of %(plan)s") % {"plan": plan.title},
            )

    def place(self, uri: str, title: str) -> Place:
        """The place of the page at ``uri``; pages not drawn from the portfolio (data,
        alignment, glossary…) sit under Home and their section's index, if any."""
        found = self.places.get(uri)
        if found is not None:
            return found
        if uri == urls.HOME_URI:
            return Place((), self.language.gettext("Home"))
        return Place(self._trail(uri), title)


def _neighbours(items: tuple[T, ...], item: T) -> tuple[T | None, T | None]:
    index = items.index(item)
    before = items[index - 1] if index > 0 else None
    after = items[index + 1] if index + 1 < len(items) else None
    return before, after


def _result_crumb(result: Result | None) -> Crumb | None:
    return Crumb(result_uri(result.plan, result.id), result_label(result)) if result else None


def _indicator_crumb(indicator: Indicator | None) -> Crumb | None:
    if indicator is None:
        return None
    return Crumb(indicator_uri(indicator.plan, indicator.id), f"{indicator.id} {indicator.title}")


def _review_crumb(review: Review | None) -> Crumb | None:
    return Crumb(urls.review_uri(review.plan, review.date), review.title) if review else None
