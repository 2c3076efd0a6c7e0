"""Generators of the logic model page of every plan and of the alignment page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.alignment import Alignment
from ssa_site.analysis.logic_drawing import draw
from ssa_site.analysis.logic_model import logic_model
from ssa_site.base.urls import ALIGNMENT_URI, logic_model_uri

if TYPE_CHECKING:
    from ssa_site.output.context import Generated, PageContext


def logic_model_pages(context: PageContext) -> list[Generated]:
    """``/plans/<plan>/logic-model/``: not in the nav, linked from the plan page."""
    _ = context.language.gettext
    portfolio = context.site.portfolio
    alignment = Alignment.of(portfolio)
    return [
        context.page(
            logic_model_uri(plan.name),
            "logic_model.html",
            _("Logic model: %(plan)s") % {"plan": plan.title},
            False,
            # The tiers need the full width of the page. Search leaves the page out: it
            # repeats the results and indicators, which have pages of their own.
            meta={"hide": ["navigation", "toc"], "search": {"exclude": True}},
            plan=plan,
            model=logic_model(plan),
            drawing=draw(logic_model(plan)),
            alignment=alignment,
        )
        for plan in portfolio.plans
    ]


def alignment_page(context: PageContext) -> list[Generated]:
    """``/alignment/``, in the nav."""
    _ = context.language.gettext
    return [
        context.page(
            ALIGNMENT_URI,
            "alignment.html",
            _("Alignment"),
            True,
            alignment=Alignment.of(context.site.portfolio),
        )
    ]
