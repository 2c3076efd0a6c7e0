"""Pages and files for a reader new to the field: the portfolio map, the glossary and the
method page; and what the home page and the plans index show of each plan and country."""

from __future__ import annotations

import posixpath
import unicodedata
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.urls import Linker
from ssa_site.charts.world_map import countries, map_svg
from ssa_site.load.glossary import Glossary, Term, packaged_glossary
from ssa_site.output.context import GeneratedAsset
from ssa_site.pages.performance import worked_examples

if TYPE_CHECKING:
    from ssa_site.charts.world_map import Country
    from ssa_site.load.reviews import Review
    from ssa_site.model.plan import Portfolio
    from ssa_site.output.context import Generated, PageContext


def reader_pages(context: PageContext) -> list[Generated]:
    """The map's SVG, /glossary/ and /method/ (in the nav)."""
    _, language = context.language.gettext, context.language
    found = countries(context.site.portfolio, context.status, language)
    # The SVG links from its own folder: a country with one plan opens it, one with
    # several opens its group on the plans index.
    here = Linker(
        posixpath.join(posixpath.dirname(urls.MAP_PATH), "index.md"), context.use_directory_urls
    )
    href = {c.code: _country_link(c, here) for c in found}
    glossary = context.glossary or packaged_glossary()
    return [
        GeneratedAsset(urls.MAP_PATH, map_svg(found, href, language=language)),
        GeneratedAsset(
            urls.phone_chart_path(urls.MAP_PATH),
            map_svg(found, href, phone=True, language=language),
        ),
        context.page(
            urls.GLOSSARY_URI,
            "glossary.html",
            _("Glossary"),
            True,
            letters=by_letter(glossary),
            glossary=glossary,
        ),
        context.page(
            urls.METHOD_INDEX_URI,
            "method.html",
            _("About the data and method"),
            True,
            hierarchies=hierarchies(context.site.portfolio),
            levels=levels(context.site.portfolio, glossary),
            examples=worked_examples(context.status_settings, language)[:1],
            licences=licences(context.site.portfolio),
            publisher=context.publisher.name if context.publisher else "",
            site_name=context.site_name,
            site_url=context.pages_url or "",
        ),
    ]


def portfolio_context(context: PageContext) -> dict[str, Any]:
    """What the home page and the plans index show beside each plan: the countries (for
    the map and its table) and each plan's latest progress review."""
    latest: dict[str, tuple[Review, str]] = {}
    for review in context.site.reviews:  # by plan and date: the last one wins
        if context.site.portfolio.plan(review.plan) is not None:
            latest[review.plan] = (review, urls.review_uri(review.plan, review.date))
    found = countries(context.site.portfolio, context.status, context.language)
    return {
        "countries": found,
        "country_names": {c.code: c.label for c in found},
        "latest_reviews": latest,
    }


def _country_link(country: Country, here: Linker) -> str:
    if len(country.plans) == 1:
        return here.to(urls.plan_uri(country.plans[0].name))
    return here.to(urls.PLANS_INDEX_URI, country.anchor)


def by_letter(glossary: Glossary) -> list[tuple[str, str, list[Term]]]:
    """The terms grouped by their first letter (accents set aside: É with E; any script),
    then the others under "#": (heading, anchor, terms)."""
    groups: dict[str, list[Term]] = {}
    for term in glossary.terms:
        first = unicodedata.normalize("NFD", term.term[:1])[:1].upper()
        # The letter becomes a Markdown heading: a letter or digit, never other data.
        letter = first if first.isalnum() else "#"
        groups.setdefault(letter, []).append(term)
    return [
        (letter, letter_anchor(letter), terms)
        for letter, terms in sorted(groups.items(), key=lambda group: (group[0] == "#", group[0]))
    ]


def letter_anchor(letter: str) -> str:
    """``letter-e``; a letter of another script by its code point; ``letter-other``."""
    if letter == "#":
        return "letter-other"
    return "letter-" + (letter.lower() if letter.isascii() else f"u{ord(letter):04x}")


def hierarchies(portfolio: Portfolio) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each distinct hierarchy of levels (top first) and the plans using it."""
    found: dict[tuple[str, ...], list[str]] = {}
    for plan in portfolio.plans:
        found.setdefault(plan.levels, []).append(plan.title)
    return sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))


def levels(portfolio: Portfolio, glossary: Glossary) -> list[tuple[str, Term | None]]:
    """Every level a plan uses, in the order of the hierarchies, with its glossary term
    (the level itself, or the kind of result it is: a long-term outcome is an outcome)."""
    found: list[str] = []
    for chain, _ in hierarchies(portfolio):
        found.extend(level for level in chain if level not in found)
    result = []
    for level in found:
        words = level.replace("-", " ")
        term = glossary.get(level) or glossary.get(words) or glossary.get(words.split()[-1])
        result.append((level, term))
    return result


def licences(portfolio: Portfolio) -> list[tuple[str, list[str]]]:
    """Each licence and the plans under it ("" for plans that state none)."""
    found: dict[str, list[str]] = {}
    for plan in portfolio.plans:
        found.setdefault(plan.license or "", []).append(plan.title)
    return sorted(found.items())
