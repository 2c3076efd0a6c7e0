"""The kinds of problem of evaluation summaries (ssa_site.load.evaluations), beyond the
generic problems of a front matter field (ssa_site.load.front_matter)."""

from __future__ import annotations

from ssa_site.base.problems import ProblemType, Severity

EVALUATION_FRONT_MATTER_MISSING = ProblemType(
    "evaluation-front-matter-missing",
    "Evaluation without front matter",
    "has no front matter",
    "start the file with the evaluation's fields between two '---' lines",
)
UNKNOWN_EVALUATION_FIELD = ProblemType(
    "unknown-evaluation-field",
    "Unknown evaluation field",
    "is not a field of an evaluation",
    "check the spelling; the fields are: {fields}",
    Severity.WARNING,
)
EVALUATION_ID_MISMATCH = ProblemType(
    "evaluation-id-mismatch",
    "Evaluation id differs from the file name",
    "'{id}' does not match the file name '{stem}.md'",
    "rename the file to {id}.md or set 'id: {stem}'",
)
EVALUATION_ID_NOT_URL_SAFE = ProblemType(
    "evaluation-id-not-url-safe",
    "Evaluation id unusable in a web address",
    "'{id}' cannot be used in a web address",
    "use up to 64 letters, digits, '.', '-' and '_', starting with a letter or digit",
)
PUBLISHED_BEFORE_COMPLETED = ProblemType(
    "published-before-completed",
    "Published before completed",
    "{published} is before the evaluation was completed ({completed})",
    "correct one of the two dates",
)
INDEPENDENT_NOT_BOOLEAN = ProblemType(
    "independent-not-boolean",
    "Independence not true or false",
    "'{value}' is not true or false",
    "write independent: true or independent: false",
)
REPORT_URL_NOT_WEB_ADDRESS = ProblemType(
    "report-url-not-web-address",
    "Report address not a web address",
    "'{url}' is not a web address",
    "use the full https:// address of the published report, or leave it out",
)
EVALUATION_COVERS_NO_PLAN = ProblemType(
    "evaluation-covers-no-plan",
    "Evaluation covering no plan",
    "the evaluation covers no plan",
    "list the plans, results (plan:result) or initiatives (plan:initiative) it evaluated",
)
QUESTION_NOT_TEXT = ProblemType(
    "question-not-text",
    "Question not text",
    "must be text",
    "write each question as one '- ' line",
)
UNKNOWN_EVALUATED_PLAN = ProblemType(
    "unknown-evaluated-plan",
    "Evaluated plan not found",
    "'{name}' is not a plan",
    "use one of: {plans}",
)
EVALUATION_REFERENCE_UNQUALIFIED = ProblemType(
    "evaluation-reference-unqualified",
    "Reference without its plan",
    "'{text}' is not a plan:{what} reference",
    "write {matches}",
)
EVALUATION_REFERENCE_MALFORMED = ProblemType(
    "evaluation-reference-malformed",
    "Malformed plan reference",
    "'{text}' is not a plan:{what} reference",
    "write it as plan:{what}",
)
EVALUATION_REFERENCE_UNKNOWN_PLAN = ProblemType(
    "evaluation-reference-unknown-plan",
    "Reference to no plan",
    "'{text}' names plan '{plan}', which does not exist",
    "use one of: {plans}",
)
EVALUATION_REFERENCE_UNKNOWN_ID = ProblemType(
    "evaluation-reference-unknown-id",
    "Reference to nothing in the plan",
    "'{text}': plan '{plan}' has no {what} '{entity}'",
    "use an id from {path}",
)
RECOMMENDATION_NOT_A_MAPPING = ProblemType(
    "recommendation-not-a-mapping",
    "Recommendation not a mapping",
    "must be a mapping",
    "give it the fields {fields}",
)
UNKNOWN_RECOMMENDATION_FIELD = ProblemType(
    "unknown-recommendation-field",
    "Unknown recommendation field",
    "is not a field of a recommendation",
    "check the spelling; the fields are: {fields}",
    Severity.WARNING,
)
RECOMMENDATION_ID_NOT_URL_SAFE = ProblemType(
    "recommendation-id-not-url-safe",
    "Recommendation id unusable in a web address",
    "'{id}' cannot be used in a web address",
    "use up to 64 letters, digits, '.', '-' and '_'",
)
DUPLICATE_RECOMMENDATION_ID = ProblemType(
    "duplicate-recommendation-id",
    "Two recommendations with one id",
    "duplicate id '{id}' (the same as recommendation {first})",
    "give every recommendation its own id",
)
PUBLICATION_DATE_MISSING = ProblemType(
    "publication-date-missing",
    "Public evaluation without a publication date",
    "a public evaluation has no publication date",
    "set 'published:' to the date its summary was first made public",
    Severity.WARNING,
)
LATE_PUBLICATION = ProblemType(
    "late-publication",
    "Summary published late",
    "the summary was published {late} days after the evaluation was completed, "
    "more than the {days} days allowed",
    "publish summaries sooner, or raise 'evaluation_publication_days' in "
    "mkdocs.yml if the policy allows longer",
    Severity.WARNING,
)
