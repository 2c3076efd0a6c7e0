"""Read ``content/evaluations/<id>.md`` and check its front matter like data.

Every problem names the file, the line of the front matter and the field, and says how to
fix it; a file with errors yields no evaluation (and the errors stop the build).
Recommendations are counted from 1 in field names: ``recommendations[2].response``.
A plan, result or initiative the loader left out for an error of its own is not reported
again as unknown: that error, reported already, is what to fix (see ssa_site.problems).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ssa_site.base import urls
from ssa_site.base.formulas import FORMULA_FIX, formula_message, looks_like_formula
from ssa_site.load.front_matter import Checker, parse, read_text
from ssa_site.load.narratives import strip_leading_h1
from ssa_site.model.evaluation import (
    RESPONSES,
    STATUSES,
    TYPES,
    Evaluation,
    InitiativeRef,
    Recommendation,
)
from ssa_site.model.plan import INTERNAL, PUBLIC, Plan, Portfolio, ResultRef

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ssa_site.base.problems import Problems

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_REQUIRED = ("id", "title", "type", "evaluator", "completed")
_FIELDS = (
    *_REQUIRED,
    "plans",
    "results",
    "initiatives",
    "independent",
    "published",
    "report_url",
    "questions",
    "recommendations",
    "visibility",
)
#: Page options of MkDocs and mkdocs-material that may sit beside the evaluation's fields.
_PAGE_OPTIONS = ("description", "hide", "search", "status", "subtitle", "tags", "template")
_RECOMMENDATION_FIELDS = ("id", "text", "response", "action", "due", "status", "visibility")


def load_evaluations(
    docs_dir: Path, root: Path, full: Portfolio, problems: Problems
) -> list[Evaluation]:
    """Every ``<docs_dir>/evaluations/<id>.md`` (but ``index.md``), checked against the model."""
    folder = docs_dir / urls.EVALUATIONS_DIR
    if not folder.is_dir():
        return []
    evaluations: list[Evaluation] = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        text = read_text(path, display, problems)
        if text is None:
            continue
        parsed = parse(text, display, problems)
        if parsed is None:
            continue
        meta, body, checker = parsed
        evaluation = _evaluation(meta, path.stem, checker, full)
        if evaluation is not None and not checker.failed:
            src_uri = f"{urls.EVALUATIONS_DIR}/{path.name}"
            evaluations.append(
                Evaluation(
                    **{**evaluation, "body": strip_leading_h1(body)},
                    src_uri=src_uri,
                    display_path=display,
                )
            )
    return evaluations


def _evaluation(
    meta: dict[str, Any], stem: str, check: Checker, full: Portfolio
) -> dict[str, Any] | None:
    if not meta:
        check.error(
            (),
            "has no front matter",
            "start the file with the evaluation's fields between two '---' lines",
        )
        return None
    check.controls(meta)
    for key in meta:
        if str(key) not in _FIELDS and str(key) not in _PAGE_OPTIONS:
            check.warning(
                (str(key),),
                "is not a field of an evaluation",
                f"check the spelling; the fields are: {', '.join(_FIELDS)}",
            )
    eval_id = check.text(meta, ("id",), required=True)
    if eval_id is not None and eval_id != stem:
        check.error(
            ("id",),
            f"'{eval_id[:64]}' does not match the file name '{stem}.md'",
            f"rename the file to {eval_id[:64]}.md or set 'id: {stem}'",
        )
    elif eval_id is not None and not _ID.match(eval_id):
        check.error(
            ("id",),
            f"'{eval_id[:64]}' cannot be used in a web address",
            "use up to 64 letters, digits, '.', '-' and '_', starting with a letter or digit",
        )
    title = check.text(meta, ("title",), required=True)
    kind = check.choice(meta, ("type",), TYPES, "an evaluation type", required=True)
    evaluator = check.text(meta, ("evaluator",), required=True)
    completed = check.date(meta, ("completed",), required=True)
    published = check.date(meta, ("published",))
    if completed and published and published < completed:
        check.error(
            ("published",),
            f"{published.isoformat()} is before the evaluation was completed "
            f"({completed.isoformat()})",
            "correct one of the two dates",
        )
    independent = meta.get("independent")
    if independent is not None and not isinstance(independent, bool):
        check.error(
            ("independent",),
            f"'{str(independent)[:40]}' is not true or false",
            "write independent: true or independent: false",
        )
        independent = None
    visibility = check.choice(meta, ("visibility",), (PUBLIC, INTERNAL), "a visibility")
    report_url = check.text(meta, ("report_url",))
    if report_url is not None and (
        urlsplit(report_url).scheme not in ("http", "https") or not urlsplit(report_url).netloc
    ):
        check.error(
            ("report_url",),
            f"'{report_url[:80]}' is not a web address",
            "use the full https:// address of the published report, or leave it out",
        )
        report_url = None
    plans, plans_left_out = _plans(meta, check, full)
    results, results_left_out = _refs(
        meta, check, full, "results", lambda plan, rid: plan.result(rid) is not None, ResultRef
    )
    initiatives, initiatives_left_out = _refs(
        meta,
        check,
        full,
        "initiatives",
        lambda plan, iid: any(i.id == iid for i in plan.initiatives),
        InitiativeRef,
    )
    covered = list(
        dict.fromkeys([*plans, *(r.plan for r in results), *(i.plan for i in initiatives)])
    )
    if not covered and (plans_left_out or results_left_out or initiatives_left_out):
        # Everything it names was left out for errors reported already: no evaluation, and
        # no "covers no plan" for the author to chase either.
        check.failed = True
    elif not covered and not check.failed:
        check.error(
            ("plans",),
            "the evaluation covers no plan",
            "list the plans, results (plan:result) or initiatives (plan:initiative) it evaluated",
        )
    questions = []
    for where, question in check.items(meta, ("questions",)):
        if isinstance(question, str | int | float) and not isinstance(question, bool):
            questions.append(str(question).strip())
        else:
            check.error(where, "must be text", "write each question as one '- ' line")
    recommendations = _recommendations(meta, check)
    _check_formulas(meta, check)
    if None in (eval_id, title, kind, evaluator, completed):
        return None
    return {
        "id": eval_id,
        "title": title,
        "type": kind,
        "evaluator": evaluator,
        "completed": completed,
        "plans": tuple(covered),
        "results": tuple(results),
        "initiatives": tuple(initiatives),
        "independent": independent,
        "published": published,
        "report_url": report_url,
        "questions": tuple(questions),
        "recommendations": tuple(recommendations),
        "internal": visibility == INTERNAL,
    }


def _plans(meta: dict[str, Any], check: Checker, full: Portfolio) -> tuple[list[str], bool]:
    """The plans named, and whether any named was left out for an error of its own."""
    found: list[str] = []
    left_out = False
    for where, item in check.items(meta, ("plans",)):
        name = str(item).strip()
        if full.plan(name) is None and check.problems.left_out(name) is not None:
            left_out = True
        elif full.plan(name) is None:
            check.error(
                where,
                f"'{name[:64]}' is not a plan",
                f"use one of: {', '.join(p.name for p in full.plans) or 'no plans'}",
            )
        elif name not in found:
            found.append(name)
    return found, left_out


def _refs(
    meta: dict[str, Any],
    check: Checker,
    full: Portfolio,
    name: str,
    exists: Callable[[Plan, str], bool],
    make: Callable[[str, str], Any],
) -> tuple[list[Any], bool]:
    """The references named, and whether any named a row (or plan) left out for an error
    of its own: such a reference is neither kept nor reported."""
    what = name.removesuffix("s")
    found: list[Any] = []
    left_out = False
    for where, item in check.items(meta, (name,)):
        text = str(item).strip()
        plan_name, sep, entity = text.partition(":")
        plan_name, entity = plan_name.strip(), entity.strip()
        plan = full.plan(plan_name)
        if not sep or not entity:
            matches = [f"{p.name}:{text}" for p in full.plans if exists(p, text)]
            check.error(
                where,
                f"'{text[:64]}' is not a plan:{what} reference",
                f"write {' or '.join(matches)}" if matches else f"write it as plan:{what}",
            )
        elif (plan is None or not exists(plan, entity)) and check.problems.left_out(
            plan_name, name, entity
        ) is not None:
            left_out = True
        elif plan is None:
            check.error(
                where,
                f"'{text[:64]}' names plan '{plan_name[:64]}', which does not exist",
                f"use one of: {', '.join(p.name for p in full.plans) or 'no plans'}",
            )
        elif not exists(plan, entity):
            check.error(
                where,
                f"'{text[:64]}': plan '{plan.name}' has no {what} '{entity[:64]}'",
                f"use an id from {plan.resource_path(name)}",
            )
        else:
            ref = make(plan.name, entity)
            if ref not in found:
                found.append(ref)
    return found, left_out


def _recommendations(meta: dict[str, Any], check: Checker) -> list[Recommendation]:
    found: list[Recommendation] = []
    seen: dict[str, int] = {}
    for where, item in check.items(meta, ("recommendations",)):
        if not isinstance(item, dict):
            check.error(
                where,
                "must be a mapping",
                f"give it the fields {', '.join(_RECOMMENDATION_FIELDS)}",
            )
            continue
        for key in item:
            if str(key) not in _RECOMMENDATION_FIELDS:
                check.warning(
                    (*where, str(key)),
                    "is not a field of a recommendation",
                    f"check the spelling; the fields are: {', '.join(_RECOMMENDATION_FIELDS)}",
                )
        failed = check.failed
        check.failed = False
        rec_id = check.text(item, (*where, "id"), required=True)
        if rec_id is not None and not _ID.match(rec_id):
            check.error(
                (*where, "id"),
                f"'{rec_id[:64]}' cannot be used in a web address",
                "use up to 64 letters, digits, '.', '-' and '_'",
            )
        elif rec_id is not None and rec_id in seen:
            check.error(
                (*where, "id"),
                f"duplicate id '{rec_id}' (the same as recommendation {seen[rec_id]})",
                "give every recommendation its own id",
            )
        elif rec_id is not None:
            seen[rec_id] = int(where[-1]) + 1 if isinstance(where[-1], int) else 1
        text = check.text(item, (*where, "text"), required=True)
        response = check.choice(
            item, (*where, "response"), RESPONSES, "a management response", required=True
        )
        action = check.text(item, (*where, "action"))
        due = check.date(item, (*where, "due"))
        status = check.choice(item, (*where, "status"), STATUSES, "a status") or "open"
        visibility = check.choice(item, (*where, "visibility"), (PUBLIC, INTERNAL), "a visibility")
        if not check.failed and rec_id and text and response:
            row = check.row(where) or 0
            internal = visibility == INTERNAL
            found.append(Recommendation(rec_id, text, response, action, due, status, row, internal))
        check.failed = check.failed or failed
    return found


def _check_formulas(meta: dict[str, Any], check: Checker) -> None:
    """Warn about text of the evaluations catalog a spreadsheet would run as a formula."""
    texts: list[tuple[tuple[str | int, ...], Any]] = [
        (("title",), meta.get("title")),
        (("evaluator",), meta.get("evaluator")),
        *check.items(meta, ("questions",)),
    ]
    for where, item in check.items(meta, ("recommendations",)):
        if isinstance(item, dict):
            texts += [((*where, key), item.get(key)) for key in ("text", "action")]
    for where, text in texts:
        if isinstance(text, str) and looks_like_formula(text.strip()):
            check.warning(where, formula_message(text.strip()), FORMULA_FIX)


def check_publication(
    evaluations: list[Evaluation], full: Portfolio, days: int | None, problems: Problems
) -> None:
    """Warn when a public evaluation's summary is published late, or not at all.

    ``days`` is the plugin option ``evaluation_publication_days``; 0 or None turns the
    check of late publication off (a missing date is still reported).
    """
    for evaluation in evaluations:
        public = not evaluation.internal and any(
            (plan := full.plan(name)) is not None and not plan.internal for name in evaluation.plans
        )
        if not public:
            continue
        if evaluation.published is None:
            problems.warning(
                evaluation.display_path,
                None,
                "published",
                "a public evaluation has no publication date",
                "set 'published:' to the date its summary was first made public",
            )
        elif days and (evaluation.published - evaluation.completed).days > days:
            late = (evaluation.published - evaluation.completed).days
            problems.warning(
                evaluation.display_path,
                None,
                "published",
                f"the summary was published {late} days after the evaluation was completed, "
                f"more than the {days} days allowed",
                "publish summaries sooner, or raise 'evaluation_publication_days' in "
                "mkdocs.yml if the policy allows longer",
            )
