"""The evaluations catalog as tables: one row per public evaluation, one per recommendation.

Made from the public evaluations only (``SiteView.public``, see ssa_site.project),
with references to plans, results and initiatives the public cannot see already removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.model.evaluation import RESPONSES, STATUSES, TYPES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ssa_site.model.evaluation import Evaluation

EVALUATION_FIELDS: tuple[dict[str, Any], ...] = (
    {"name": "id", "type": "string", "title": "Evaluation ID", "constraints": {"required": True},
     "description": "Identifier of the evaluation."},
    {"name": "title", "type": "string", "title": "Title", "constraints": {"required": True},
     "description": "Title of the evaluation."},
    {"name": "type", "type": "string", "title": "Type", "constraints": {"enum": list(TYPES)},
     "description": "performance, impact, process, mid-term or final."},
    {"name": "evaluator", "type": "string", "title": "Evaluator",
     "description": "Who carried out the evaluation."},
    {"name": "independent", "type": "boolean", "title": "Independent",
     "description": "true when the evaluator is independent of the implementer."},
    {"name": "completed", "type": "date", "title": "Completed",
     "description": "Date the evaluation was completed."},
    {"name": "published", "type": "date", "title": "Published",
     "description": "Date the summary was published."},
    {"name": "plans", "type": "string", "title": "Plans",
     "description": "Plans covered, separated by ';'."},
    {"name": "results", "type": "string", "title": "Results",
     "description": "Results covered, as plan:result, separated by ';'."},
    {"name": "initiatives", "type": "string", "title": "Initiatives",
     "description": "Initiatives covered, as plan:initiative, separated by ';'."},
    {"name": "questions", "type": "string", "title": "Evaluation questions",
     "description": "The questions the evaluation answered, one per line."},
    {"name": "recommendations", "type": "integer", "title": "Recommendations",
     "description": "Number of recommendations (see the recommendations table)."},
    {"name": "report_url", "type": "string", "title": "Full report",
     "description": "Address of the full report, when published."},
    {"name": "summary_url", "type": "string", "title": "Summary page",
     "description": "Address of the public summary on this site."},
)  # fmt: skip

RECOMMENDATION_FIELDS: tuple[dict[str, Any], ...] = (
    {"name": "evaluation", "type": "string", "title": "Evaluation",
     "constraints": {"required": True}, "description": "ID of the evaluation."},
    {"name": "id", "type": "string", "title": "Recommendation ID",
     "constraints": {"required": True}, "description": "Identifier within the evaluation."},
    {"name": "text", "type": "string", "title": "Recommendation",
     "description": "What the evaluation recommends."},
    {"name": "response", "type": "string", "title": "Management response",
     "constraints": {"enum": list(RESPONSES)}, "description": "accept, partial or reject."},
    {"name": "action", "type": "string", "title": "Action",
     "description": "What management will do about it."},
    {"name": "due", "type": "date", "title": "Due", "description": "When the action is due."},
    {"name": "status", "type": "string", "title": "Action status",
     "constraints": {"enum": list(STATUSES)}, "description": "open, in-progress or done."},
)  # fmt: skip


def schemas() -> dict[str, dict[str, Any]]:
    """Table Schemas of the two tables."""
    return {
        "evaluations": {
            "fields": [dict(f) for f in EVALUATION_FIELDS],
            "primaryKey": ["id"],
            "missingValues": [""],
        },
        "recommendations": {
            "fields": [dict(f) for f in RECOMMENDATION_FIELDS],
            "primaryKey": ["evaluation", "id"],
            "foreignKeys": [
                {
                    "fields": ["evaluation"],
                    "reference": {"resource": "evaluations", "fields": ["id"]},
                }
            ],
            "missingValues": [""],
        },
    }


def evaluation_records(
    evaluations: tuple[Evaluation, ...], summary_url: Callable[[Evaluation], str]
) -> Iterator[dict[str, Any]]:
    for e in evaluations:
        yield {
            "id": e.id,
            "title": e.title,
            "type": e.type,
            "evaluator": e.evaluator,
            "independent": e.independent,
            "completed": e.completed,
            "published": e.published,
            "plans": e.plans,
            "results": e.results,
            "initiatives": e.initiatives,
            "questions": "\n".join(e.questions),
            "recommendations": len(e.recommendations),
            "report_url": e.report_url,
            "summary_url": summary_url(e),
        }


def recommendation_records(evaluations: tuple[Evaluation, ...]) -> Iterator[dict[str, Any]]:
    for e in evaluations:
        for r in e.recommendations:
            yield {
                "evaluation": e.id,
                "id": r.id,
                "text": r.text,
                "response": r.response,
                "action": r.action,
                "due": r.due,
                "status": r.status,
            }
