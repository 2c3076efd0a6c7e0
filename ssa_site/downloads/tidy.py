"""The tidy table: every public value in one table, with its context and its status.

One row per value (``data/all-values.csv``, a resource of ``all-data.zip``, and each
indicator's own CSV): the plan, result and indicator it belongs to (titles, unit, measure,
direction), the period with its dates, the kind, the figure, and one column per
disaggregation dimension of any plan (blank where it does not apply; ``breakdown`` says
``total`` for a value not broken down). Each actual the site rates also carries what the
site shows for it: the baseline and target it was compared with (the period's own target,
an interim one, the next or the last), the progress and the rating, the status date and
the method. A value revised since an earlier data release names its previous figure and
the revision's date. It loads with one call and no join.

Statuses come from a :class:`~ssa_site.analysis.rollup.StatusBoard` of the public data,
the same as the pages' in a public build; each indicator is assessed once.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.ratings import RATING_LABELS, RATINGS
from ssa_site.analysis.status import INTERIM, LATEST, NEXT, SAME_PERIOD
from ssa_site.base.schemas import dimension_field, standard_schema
from ssa_site.downloads.datapackage import schema_field
from ssa_site.model.release import TOTAL, breakdown_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ssa_site.analysis.revisions import Revisions
    from ssa_site.analysis.rollup import StatusBoard
    from ssa_site.analysis.status import Assessment
    from ssa_site.model.plan import Indicator, Plan, Portfolio

#: The version of the status method (ssa_site.analysis.status) the ratings follow.
STATUS_METHOD_VERSION = "1"


def _standard(resource: str, name: str, rename: str | None = None) -> dict[str, Any]:
    """A field of a standard schema, under another name if need be."""
    found = next(f for f in standard_schema(resource)["fields"] if f["name"] == name)
    if rename:
        found["name"] = rename
    found.get("constraints", {}).pop("required", None)
    if not found.get("constraints"):
        found.pop("constraints", None)
    return found


@cache
def _context_fields() -> list[dict[str, Any]]:
    required = {"required": True}
    return [
        schema_field("plan", "string", "Plan", "Name of the plan (its data package).", **required),
        schema_field("plan_title", "string", "Plan title", "Title of the plan."),
        schema_field(
            "country", "string", "Country", "ISO 3166-1 alpha-3 code of the plan's country."
        ),
        schema_field("result", "string", "Result", "ID of the result the indicator measures."),
        schema_field("result_level", "string", "Result level", "Level of that result in the plan."),
        schema_field("result_title", "string", "Result title", "Title of that result."),
        schema_field("indicator", "string", "Indicator", "ID of the indicator.", **required),
        schema_field("indicator_title", "string", "Indicator title", "Title of the indicator."),
        schema_field("unit", "string", "Unit", "Unit of the values."),
        _standard("indicators", "measure"),
        _standard("indicators", "direction"),
        _standard("values", "period"),
        schema_field("period_start", "date", "Period start", "First day of the period."),
        schema_field("period_end", "date", "Period end", "Last day of the period."),
        _standard("values", "kind"),
        schema_field(
            "breakdown",
            "string",
            "Breakdown",
            "'total' for a value not broken down; else the dimensions it is broken down by, "
            "as name=category separated by '; ' (the same categories are in the dimension "
            "columns).",
        ),
        _standard("values", "value"),
        _standard("values", "text"),
        _standard("values", "status", "value_status"),
        _standard("values", "reported"),
    ]


@cache
def _status_fields() -> list[dict[str, Any]]:
    bases = [SAME_PERIOD, INTERIM, NEXT, LATEST]
    return [
        schema_field(
            "compared_baseline",
            "number",
            "Baseline compared",
            "Actuals rated by the site: the baseline progress is measured from.",
        ),
        schema_field(
            "compared_target",
            "number",
            "Target compared",
            "Actuals rated by the site: the target the actual was compared with (see "
            "target_basis).",
        ),
        schema_field(
            "compared_target_text",
            "string",
            "Target compared (text)",
            "Qualitative actuals rated by the site: the target text compared.",
        ),
        schema_field("target_period", "string", "Target period", "Period of the target compared."),
        schema_field(
            "target_basis",
            "string",
            "Target basis",
            "Which target: 'period' (the period's own), 'interim' (on a straight line to the "
            "next target), 'next' (the next target) or 'latest' (the last target, still in "
            "force).",
            enum=bases,
        ),
        schema_field(
            "progress",
            "number",
            "Progress",
            "(actual − baseline) ÷ (target − baseline) as a fraction (0.85 = 85%), "
            "direction-aware, as the site shows it.",
        ),
        schema_field(
            "rating",
            "string",
            "Rating",
            "The status the site shows for this actual: "
            + ", ".join(f"{r} ({RATING_LABELS[r]})" for r in RATINGS)
            + ".",
            enum=list(RATINGS),
        ),
        schema_field("rating_label", "string", "Status", "The rating as the site writes it."),
        schema_field(
            "status_as_of", "date", "Status date", "The date statuses are worked out as of."
        ),
        schema_field(
            "status_method",
            "string",
            "Status method",
            "Version of the status method and its thresholds (explained on the site's "
            "status method page).",
        ),
        schema_field(
            "revised_on",
            "date",
            "Revised on",
            "A value revised since an earlier data release: the date of the revision.",
        ),
        schema_field(
            "previous_value",
            "number",
            "Previous value",
            "A value revised since an earlier data release: the number it had before.",
        ),
        schema_field(
            "previous_text",
            "string",
            "Previous text",
            "A value revised since an earlier data release: the text it had before.",
        ),
    ]


def dimension_columns(
    portfolio: Portfolio, plans: tuple[Plan, ...] | None = None
) -> dict[str, str]:
    """Every dimension of the plans' values (all plans of the portfolio by default), in
    order of first appearance, with its column: its own name, or ``by_<name>`` when that
    is already a column of the table."""
    taken = {f["name"] for f in _context_fields() + _status_fields()}
    found: dict[str, str] = {}
    for plan in portfolio.plans if plans is None else plans:
        for indicator in plan.indicators:
            for name in indicator.dimensions:
                if name not in found:
                    column = name if name not in taken else f"by_{name}"
                    while column in taken:
                        column = f"by_{column}"
                    found[name] = column
                    taken.add(column)
    return found


def tidy_schema(dimensions: dict[str, str]) -> dict[str, Any]:
    """The full Table Schema of the tidy table with these dimension columns."""
    fields = copy.deepcopy(_context_fields())  # made once, copied: a schema is the caller's
    for name, column in dimensions.items():
        field = dimension_field(name)
        field["name"] = column
        fields.append(field)
    fields.extend(copy.deepcopy(_status_fields()))
    return {"fields": fields, "missingValues": [""]}


def method_label(board: StatusBoard) -> str:
    t = board.thresholds
    return (
        f"{STATUS_METHOD_VERSION}: achieved at {t.achieved * 100:g}%, on track at "
        f"{t.on_track * 100:g}%, at risk at {t.at_risk * 100:g}% of progress"
    )


class TidyRows:
    """The tidy rows of the public data, an indicator at a time."""

    def __init__(
        self,
        portfolio: Portfolio,
        board: StatusBoard,
        revisions: Revisions | None,
        dimensions: dict[str, str],
    ) -> None:
        self.portfolio = portfolio
        self.board = board
        self.revisions = revisions
        self.dimensions = dimensions
        self.method = method_label(board)

    def plan_context(self, plan: Plan) -> dict[str, Any]:
        return {"plan": plan.name, "plan_title": plan.title, "country": plan.country}

    def indicator_context(self, plan: Plan, indicator: Indicator) -> dict[str, Any]:
        result = plan.result(indicator.result)
        return {
            **self.plan_context(plan),
            "result": indicator.result,
            "result_level": result.level if result else None,
            "result_title": result.title if result else None,
            "indicator": indicator.id,
            "indicator_title": indicator.title,
            "unit": indicator.unit,
            "measure": indicator.measure,
            "direction": indicator.direction,
        }

    def records(self, plan: Plan, indicator: Indicator) -> list[dict[str, Any]]:
        """The rows of one indicator, in the order of its values."""
        context = self.indicator_context(plan, indicator)
        status = self.board.indicator(indicator)
        rated = {id(a.actual): a for a in status.assessments}
        found = []
        for value in indicator.values:
            record = dict(context)
            record.update(
                period=value.period.label,
                period_start=value.period.start,
                period_end=value.period.end,
                kind=value.kind,
                breakdown=breakdown_of(value.dimensions) if value.dimensions else TOTAL,
                value=value.value,
                text=value.text,
                value_status=value.status,
                reported=value.reported,
            )
            for name, category in value.dimensions:
                record[self.dimensions.get(name, name)] = category
            assessment = rated.get(id(value))
            if assessment is not None:
                record.update(self._rated(assessment))
            revision = self.revisions.of_value(plan.name, value) if self.revisions else None
            if revision is not None:
                record.update(
                    revised_on=revision.on,
                    previous_value=revision.old.value,
                    previous_text=revision.old.text,
                )
            found.append(record)
        return found

    def _rated(self, assessment: Assessment) -> dict[str, Any]:
        return {
            "compared_baseline": assessment.baseline,
            "compared_target": assessment.target,
            "compared_target_text": assessment.target_text,
            "target_period": assessment.target_period.label if assessment.target_period else None,
            "target_basis": assessment.basis,
            "progress": assessment.progress,
            "rating": assessment.rating,
            "rating_label": RATING_LABELS[assessment.rating],
            "status_as_of": self.board.as_of,
            "status_method": self.method,
        }

    def all(self) -> Iterator[tuple[Plan, Indicator, list[dict[str, Any]]]]:
        """Every indicator with values, with its rows, plan by plan."""
        for plan in self.portfolio.plans:
            for indicator in plan.indicators:
                if indicator.values:
                    yield plan, indicator, self.records(plan, indicator)
