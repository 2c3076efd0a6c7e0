"""The words of the site's codes, as the message catalogs see them.

Templates show a code with the ``label`` filter (ssa_site.output.rendering): ``on-track``
becomes ``On track``, then that English text is looked up in the build's catalog. The
catalogs are extracted from source code, and a code's words are written nowhere as a
literal, so every label a template can ask for is listed here with :func:`N_`: the value
kinds, statuses and levels the loaders allow (ssa_site/schemas/*.json, base/schemas.py,
model/evaluation.py) and the ratings (analysis/ratings.py). A new code a template shows
through ``label`` adds its words here.

:func:`N_` marks a message for extraction without translating it; the text is translated
where it is shown (``language.gettext(text)``), once the build's language is known. Other
modules mark their lists of labels the same way.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs; translate it later with ``Language.gettext``."""
    return message


#: ``label(code)`` of every code a template passes to the ``label`` filter, once each.
LABELS = (
    # Kinds of value (values.kind), and their statuses (values.status).
    N_("Baseline"),
    N_("Target"),
    N_("Actual"),
    N_("Preliminary"),
    N_("Final"),  # also an evaluation type
    N_("Revised"),
    # Kinds of plan (ssa.kind).
    N_("Country strategy"),
    N_("Regional strategy"),
    N_("Functional strategy"),
    N_("Agency framework"),
    N_("Initiative"),
    # Levels of the level presets: ics, results-chain, logic-model.
    N_("Goal"),
    N_("Objective"),
    N_("Sub objective"),
    N_("Impact"),  # also an evaluation type
    N_("Outcome"),
    N_("Intermediate outcome"),
    N_("Output"),
    N_("Long term outcome"),
    N_("Short term outcome"),
    N_("Activity"),
    N_("Input"),
    # Indicators: measure, desired direction and type.
    N_("Unit"),
    N_("Percentage"),
    N_("Nominal"),
    N_("Ordinal"),
    N_("Qualitative"),
    N_("Increase"),
    N_("Decrease"),
    N_("Maintain"),
    N_("Context"),
    N_("Capability"),
    N_("Performance"),  # also an evaluation type
    # Statuses of initiatives.
    N_("Planned"),
    N_("Ongoing"),
    N_("Completed"),
    N_("Unresourced"),
    # Risk of assumptions.
    N_("Low"),
    N_("Medium"),
    N_("High"),
    # Ratings of indicators, results and plans (also analysis.ratings.RATING_LABELS).
    N_("Achieved"),
    N_("On track"),
    N_("At risk"),
    N_("Off track"),
    N_("No data"),
    # Evaluations: types, management responses and statuses of recommendations.
    N_("Process"),
    N_("Mid term"),
    N_("Accept"),
    N_("Partial"),
    N_("Reject"),
    N_("Open"),
    N_("In progress"),
    N_("Done"),
)
