"""Read ``content/evaluations/<id>.md`` and check its front matter like data.

Every problem names the file, the line of the front matter and the field, and says how to
fix it; a file with errors yields no evaluation (and the errors stop the build).
Recommendations are counted from 1 in field names: ``recommendations[2].response``.
A plan, result or initiative the loader left out for an error of its own is not reported
again as unknown: that error, reported already, is what to fix (see ssa_site.base.problems).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ssa_site.base import urls
from ssa_site.base.formulas import LOOKS_LIKE_FORMULA, formula_params, looks_like_formula
from ssa_site.load.evaluation_problems import (
    DUPLICATE_RECOMMENDATION_ID,
    EVALUATION_COVERS_NO_PLAN,
    EVALUATION_FRONT_MATTER_MISSING,
    EVALUATION_ID_MISMATCH,
    EVALUATION_ID_NOT_URL_SAFE,
    EVALUATION_REFERENCE_MALFORMED,
    EVALUATION_REFERENCE_UNKNOWN_ID,
    EVALUATION_REFERENCE_UNKNOWN_PLAN,
    EVALUATION_REFERENCE_UNQUALIFIED,
    INDEPENDENT_NOT_BOOLEAN,
    LATE_PUBLICATION,
    PUBLICATION_DATE_MISSING,
    PUBLISHED_BEFORE_COMPLETED,
    QUESTION_NOT_TEXT,
    RECOMMENDATION_ID_NOT_URL_SAFE,
    RECOMMENDATION_NOT_A_MAPPING,
    REPORT_URL_NOT_WEB_ADDRESS,
    UNKNOWN_EVALUATED_PLAN,
    UNKNOWN_EVALUATION_FIELD,
    UNKNOWN_RECOMMENDATION_FIELD,
)
from ssa_site.load.front_matter import Checker, parse, read_text
from ssa_site.load.localized import localized, with_original_visibility
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
    docs_dir: Path,
    root: Path,
    full: Portfolio,
    problems: Problems,
    language: str = "",
    languages: tuple[str, ...] = (),
) -> list[Evaluation]:
    """Every ``<docs_dir>/evaluations/<id>.md`` (but ``index.md``), checked against the
    model; ``<id>.fr.md``, a whole translated summary, in a French build."""
    folder = docs_dir / urls.EVALUATIONS_DIR
    if not folder.is_dir():
        return []
    evaluations: list[Evaluation] = []
    for item in localized(sorted(folder.glob("*.md")), language, languages):
        path, name = item.path, item.name
        if name.name == "index.md":
            continue
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        text = read_text(path, display, problems)
        if text is None:
            continue
        parsed = parse(text, display, problems)
        if parsed is None:
            continue
        meta, body, checker = parsed
        meta = with_original_visibility(meta, item)
        evaluation = _evaluation(meta, name.stem, checker, full)
        if evaluation is not None and not checker.failed:
            src_uri = f"{urls.EVALUATIONS_DIR}/{name.name}"
            evaluations.append(
                Evaluation(
                    **{**evaluation, "body": strip_leading_h1(body)},
                    src_uri=src_uri,
                    display_path=display,
                    fallback=item.fallback,
                )
            )
    return evaluations


def _evaluation(
    meta: dict[str, Any], stem: str, check: Checker, full: Portfolio
) -> dict[str, Any] | None:
    if not meta:
        check.add(EVALUATION_FRONT_MATTER_MISSING, ())
        return None
    check.controls(meta)
    for key in meta:
        if str(key) not in _FIELDS and str(key) not in _PAGE_OPTIONS:
            check.add(UNKNOWN_EVALUATION_FIELD, (str(key),), fields=", ".join(_FIELDS))
    eval_id = check.text(meta, ("id",), required=True)
    if eval_id is not None and eval_id != stem:
        check.add(EVALUATION_ID_MISMATCH, ("id",), id=eval_id[:64], stem=stem)
    elif eval_id is not None and not _ID.match(eval_id):
        check.add(EVALUATION_ID_NOT_URL_SAFE, ("id",), id=eval_id[:64])
    title = check.text(meta, ("title",), required=True)
    kind = check.choice(meta, ("type",), TYPES, "an evaluation type", required=True)
    evaluator = check.text(meta, ("evaluator",), required=True)
    completed = check.date(meta, ("completed",), required=True)
    published = check.date(meta, ("published",))
    if completed and published and published < completed:
        check.add(
            PUBLISHED_BEFORE_COMPLETED,
            ("published",),
            published=published.isoformat(),
            completed=completed.isoformat(),
        )
    independent = meta.get("independent")
    if independent is not None and not isinstance(independent, bool):
        check.add(INDEPENDENT_NOT_BOOLEAN, ("independent",), value=str(independent)[:40])
        independent = None
    visibility = check.choice(meta, ("visibility",), (PUBLIC, INTERNAL), "a visibility")
    report_url = check.text(meta, ("report_url",))
    if report_url is not None and (
        urlsplit(report_url).scheme not in ("http", "https") or not urlsplit(report_url).netloc
    ):
        check.add(REPORT_URL_NOT_WEB_ADDRESS, ("report_url",), url=report_url[:80])
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
        check.add(EVALUATION_COVERS_NO_PLAN, ("plans",))
    questions = []
    for where, question in check.items(meta, ("questions",)):
        if isinstance(question, str | int | float) and not isinstance(question, bool):
            questions.append(str(question).strip())
        else:
            check.add(QUESTION_NOT_TEXT, where)
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
            plans = ", ".join(p.name for p in full.plans) or "no plans"
            check.add(UNKNOWN_EVALUATED_PLAN, where, name=name[:64], plans=plans)
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
            if matches:
                check.add(
                    EVALUATION_REFERENCE_UNQUALIFIED,
                    where,
                    text=text[:64],
                    what=what,
                    matches=" or ".join(matches),
                )
            else:
                check.add(EVALUATION_REFERENCE_MALFORMED, where, text=text[:64], what=what)
        elif (plan is None or not exists(plan, entity)) and check.problems.left_out(
            plan_name, name, entity
        ) is not None:
            left_out = True
        elif plan is None:
            check.add(
                EVALUATION_REFERENCE_UNKNOWN_PLAN,
                where,
                text=text[:64],
                plan=plan_name[:64],
                plans=", ".join(p.name for p in full.plans) or "no plans",
            )
        elif not exists(plan, entity):
            check.add(
                EVALUATION_REFERENCE_UNKNOWN_ID,
                where,
                text=text[:64],
                plan=plan.name,
                what=what,
                entity=entity[:64],
                path=plan.resource_path(name),
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
            check.add(RECOMMENDATION_NOT_A_MAPPING, where, fields=", ".join(_RECOMMENDATION_FIELDS))
            continue
        for key in item:
            if str(key) not in _RECOMMENDATION_FIELDS:
                check.add(
                    UNKNOWN_RECOMMENDATION_FIELD,
                    (*where, str(key)),
                    fields=", ".join(_RECOMMENDATION_FIELDS),
                )
        failed = check.failed
        check.failed = False
        rec_id = check.text(item, (*where, "id"), required=True)
        if rec_id is not None and not _ID.match(rec_id):
            check.add(RECOMMENDATION_ID_NOT_URL_SAFE, (*where, "id"), id=rec_id[:64])
        elif rec_id is not None and rec_id in seen:
            check.add(DUPLICATE_RECOMMENDATION_ID, (*where, "id"), id=rec_id, first=seen[rec_id])
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
            check.add(LOOKS_LIKE_FORMULA, where, **formula_params(text.strip()))


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
            problems.add(PUBLICATION_DATE_MISSING, evaluation.display_path, None, "published")
        elif days and (evaluation.published - evaluation.completed).days > days:
            late = (evaluation.published - evaluation.completed).days
            problems.add(
                LATE_PUBLICATION,
                evaluation.display_path,
                None,
                "published",
                late=late,
                days=days,
            )
