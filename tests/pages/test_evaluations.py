"""Evaluation summaries: front-matter validation, audiences, the index and cross-links."""

from __future__ import annotations

import copy
import shutil
import subprocess
from datetime import date
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, REPO, all_text, build, read, write_project
from lxml import etree
from lxml import html as lxml_html
from mkdocs.exceptions import Abort

from ssa_site import load_site
from ssa_site.analysis.asof import reference_date

if TYPE_CHECKING:
    from pathlib import Path

# 2025-01-01T00:00:00Z: "today" of the builds below.
EPOCH_2025 = "1735689600"

SECRET_PLAN = {
    "data/secret-plan/datapackage.json": {
        "name": "secret-plan",
        "ssa": {
            "title": "CANARY-SECRET-PLAN",
            "kind": "initiative",
            "levels": ["goal"],
            "visibility": "internal",
        },
        "resources": [{"name": "results", "path": "results.csv"}],
    },
    "data/secret-plan/results.csv": "id,parent,level,title\nS1,,goal,Hidden goal\n",
}

BORDER = """\
---
id: border-midterm
title: Mid-term evaluation of border <screening>
type: mid-term
plans: [northland-ics]
results: [northland-ics:O1.1, northland-ics:O1.2]
initiatives: [northland-ics:P1, northland-ics:P2]
evaluator: Evalco & Partners
independent: true
completed: 2024-06-30
published: 2024-08-15
report_url: https://example.org/border-midterm.pdf
questions:
  - Did screening expand at the crossings?
recommendations:
  - id: R1
    text: Train more screening staff
    response: accept
    action: Two more courses
    due: 2024-09-30
    status: in-progress
  - id: R2
    text: Buy scanners
    response: partial
    action: Lease scanners instead
    due: 2026-01-01
  - id: R3
    text: Close crossings at night
    response: reject
  - id: R4
    text: Share seizure data
    response: accept
    status: done
---
# Mid-term evaluation

## Findings

Screening expanded at most crossings.

/// internal
CANARY-EVALUATION-PASSAGE
///
"""

AGENCY = """\
---
id: agency-final
title: Final evaluation of the agency framework
type: final
plans: agency-framework
results: [agency-framework:AO1]
evaluator: Agency evaluation office
independent: false
completed: 2023-03-01
published: 2023-04-01
recommendations:
  - {id: A1, text: Keep the framework short, response: accept, status: done}
  - {id: A2, text: Review it yearly, response: accept, status: done, due: 2023-12-31}
---
The framework served its purpose.
"""

INTERNAL = """\
---
id: secret-review
title: CANARY-INTERNAL-EVALUATION
type: process
plans: [northland-ics]
evaluator: CANARY-INTERNAL-EVALUATOR
completed: 2024-11-01
visibility: internal
recommendations:
  - {id: S1, text: CANARY-INTERNAL-RECOMMENDATION, response: accept, due: 2024-12-01}
---
CANARY-INTERNAL-EVALUATION-BODY
"""

ON_INTERNAL_PLAN = """\
---
id: hidden-plan-review
title: CANARY-EVALUATION-OF-INTERNAL-PLAN
type: performance
plans: [secret-plan]
evaluator: Someone
completed: 2024-02-01
---
CANARY-EVALUATION-OF-INTERNAL-PLAN-BODY
"""

INDEX = """\
# Lessons from evaluations

We publish the summary of every evaluation within 90 days.
"""

EVALUATION_FILES: dict[str, str | dict] = {
    **SECRET_PLAN,
    "content/evaluations/index.md": INDEX,
    "content/evaluations/border-midterm.md": BORDER,
    "content/evaluations/agency-final.md": AGENCY,
    "content/evaluations/secret-review.md": INTERNAL,
    "content/evaluations/hidden-plan-review.md": ON_INTERNAL_PLAN,
}


def copy_fixture(target: Path, files: dict[str, str | dict]) -> Path:
    shutil.copytree(FIXTURES / "minimal", target)
    return write_project(target, files)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The public and internal builds of the fixture with four evaluations."""
    root = copy_fixture(tmp_path_factory.mktemp("evaluations") / "site", EVALUATION_FILES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
        return build(root, "public"), build(root, "internal")


def article(page: str) -> lxml_html.HtmlElement:
    root = lxml_html.fromstring(page)
    return root.xpath("//article")[0]


def text(element: lxml_html.HtmlElement) -> str:
    element = copy.deepcopy(element)
    etree.strip_tags(element, "abbr", "time")  # tooltips and dates are inline: no spaces
    return " ".join(" ".join(element.itertext()).split())


def index_rows(site: Path) -> dict[str, list[str]]:
    """The no-JS index table: evaluation title → the text of each cell."""
    page = article(read(site, "evaluations/index.html"))
    rows = page.xpath("//table[@data-ssa-sortable]/tbody/tr")
    return {
        text(row[0]).split(" Evalco")[0].split(" Agency")[0]: [text(c) for c in row] for row in rows
    }


# --- Front matter validation ---------------------------------------------------------

BAD = """\
---
id: wrong-name
title: Bad evaluation
type: summative
plans: [northland-ics, nowhere]
results:
  - northland-ics:O9
  - O1.1
initiatives: [northland-ics:P9, elsewhere:P1]
independent: maybe
completed: 2024-13-01
published: 2024-05-01
report_url: ftp://example.org/report
recommendations:
  - id: R1
    text: Do this
    response: maybe
    due: tomorrow
  - id: R1
    text: Do that
    response: accept
    status: finished
  - text: A recommendation without id or response
visibility: secret
recomendations: []
---
Body.
"""


def problems_of(root: Path, **options: object) -> list[str]:
    site = load_site(root, root / "data", root / "content", "public", **options)  # type: ignore[arg-type]
    return [str(p) for p in site.problems]


def test_every_front_matter_problem_is_reported_with_line_field_and_fix(tmp_path):
    root = copy_fixture(tmp_path / "site", {"content/evaluations/bad.md": BAD})
    path = "content/evaluations/bad.md"
    assert problems_of(root) == [
        f"{path}:2: id: 'wrong-name' does not match the file name 'bad.md' (rename the file "
        "to wrong-name.md or set 'id: bad')",
        f"{path}:4: type: 'summative' is not an evaluation type (use one of: performance, "
        "impact, process, mid-term, final)",
        f"{path}: evaluator: is missing (add 'evaluator:')",
        f"{path}:11: completed: '2024-13-01' is not a date (write it as YYYY-MM-DD)",
        f"{path}:10: independent: 'maybe' is not true or false (write independent: true or "
        "independent: false)",
        f"{path}:24: visibility: 'secret' is not a visibility (use one of: public, internal)",
        f"{path}:13: report_url: 'ftp://example.org/report' is not a web address (use the "
        "full https:// address of the published report, or leave it out)",
        f"{path}:5: plans[2]: 'nowhere' is not a plan (use one of: agency-framework, "
        "northland-ics)",
        f"{path}:7: results[1]: 'northland-ics:O9': plan 'northland-ics' has no result 'O9' "
        "(use an id from data/northland-ics/results.csv)",
        f"{path}:8: results[2]: 'O1.1' is not a plan:result reference (write northland-ics:O1.1)",
        f"{path}:9: initiatives[1]: 'northland-ics:P9': plan 'northland-ics' has no "
        "initiative 'P9' (use an id from data/northland-ics/initiatives.csv)",
        f"{path}:9: initiatives[2]: 'elsewhere:P1' names plan 'elsewhere', which does not "
        "exist (use one of: agency-framework, northland-ics)",
        f"{path}:17: recommendations[1].response: 'maybe' is not a management response (use "
        "one of: accept, partial, reject)",
        f"{path}:18: recommendations[1].due: 'tomorrow' is not a date (write it as YYYY-MM-DD)",
        f"{path}:19: recommendations[2].id: duplicate id 'R1' (the same as recommendation 1) "
        "(give every recommendation its own id)",
        f"{path}:22: recommendations[2].status: 'finished' is not a status (use one of: open, "
        "in-progress, done)",
        f"{path}:23: recommendations[3].id: is missing (add 'id:')",
        f"{path}:23: recommendations[3].response: is missing (add 'response:' with one of: "
        "accept, partial, reject)",
        # Warnings come after every error.
        f"{path}:25: recomendations: is not a field of an evaluation (check the spelling; the "
        "fields are: id, title, type, evaluator, completed, plans, results, initiatives, "
        "independent, published, report_url, questions, recommendations, visibility)",
    ]


def test_missing_front_matter_and_bad_yaml(tmp_path):
    root = copy_fixture(
        tmp_path / "site",
        {
            "content/evaluations/plain.md": "Just a body.\n",
            "content/evaluations/broken.md": "---\ntitle: [unclosed\n---\nBody\n",
        },
    )
    found = problems_of(root)
    assert found[0] == (
        "content/evaluations/broken.md:2: front matter: is not valid YAML: expected ',' or ']', "
        "but got '<stream end>' (while parsing a flow sequence) (fix the YAML between the --- "
        "lines)"
    )
    assert found[1:] == [
        "content/evaluations/plain.md: has no front matter (start the file with the "
        "evaluation's fields between two '---' lines)",
    ]


def test_published_before_completed_is_an_error(tmp_path):
    bad = AGENCY.replace("published: 2023-04-01", "published: 2023-01-01")
    root = copy_fixture(tmp_path / "site", {"content/evaluations/agency-final.md": bad})
    assert problems_of(root) == [
        "content/evaluations/agency-final.md:10: published: 2023-01-01 is before the "
        "evaluation was completed (2023-03-01) (correct one of the two dates)"
    ]


def test_references_to_rows_and_plans_left_out_for_their_own_errors_are_not_reported(tmp_path):
    # O1.1 and P1 are left out for their blank titles, agency-framework for its broken JSON;
    # border-midterm names O1.1 and P1, agency-final names only agency-framework.
    fixture = FIXTURES / "minimal" / "data"
    results = (fixture / "northland-ics/results.csv").read_text("utf-8")
    initiatives = (fixture / "northland-ics/initiatives.csv").read_text("utf-8")
    border = BORDER.replace(
        "results: [northland-ics:O1.1, northland-ics:O1.2]",
        "results: [northland-ics:O1.1, northland-ics:O1.2, northland-ics:O9]",
    ).replace("plans: [northland-ics]", "plans: [northland-ics, agency-framework]")
    root = copy_fixture(
        tmp_path / "site",
        {
            "data/northland-ics/results.csv": results.replace(
                "sub-objective,Screening at crossings expands", "sub-objective,"
            ),
            "data/northland-ics/initiatives.csv": initiatives.replace(
                "P1,Border screening program,", "P1,,"
            ),
            "data/agency-framework/datapackage.json": '{"name": ',
            "content/evaluations/border-midterm.md": border,
            "content/evaluations/agency-final.md": AGENCY,
        },
    )
    site = load_site(root, root / "data", root / "content", "public")
    path = "content/evaluations/border-midterm.md"
    assert [str(p) for p in site.problems] == [
        "data/agency-framework/datapackage.json:1: is not valid JSON: Expecting value at "
        "column 10 (fix the JSON syntax (a missing comma or quote is the usual cause))",
        "data/northland-ics/results.csv:4: title: is required but empty (fill in the title)",
        "data/northland-ics/initiatives.csv:2: title: is required but empty (fill in the title)",
        # A reference to a row that is not there at all is still reported.
        f"{path}:6: results[3]: 'northland-ics:O9': plan 'northland-ics' has no result 'O9' "
        "(use an id from data/northland-ics/results.csv)",
    ]
    assert all(p.is_error for p in site.problems)  # the root errors still fail the build


def test_late_or_missing_publication_is_a_warning(tmp_path):
    late = AGENCY.replace("published: 2023-04-01", "published: 2023-09-01")
    unpublished = BORDER.replace("published: 2024-08-15\n", "")
    root = copy_fixture(
        tmp_path / "site",
        {
            **SECRET_PLAN,
            "content/evaluations/agency-final.md": late,
            "content/evaluations/border-midterm.md": unpublished,
            "content/evaluations/secret-review.md": INTERNAL,  # internal: no publication due
            "content/evaluations/hidden-plan-review.md": ON_INTERNAL_PLAN,
        },
    )
    site = load_site(root, root / "data", root / "content", "public")
    assert not site.errors
    assert [str(p) for p in site.warnings] == [
        "content/evaluations/agency-final.md: published: the summary was published 184 days "
        "after the evaluation was completed, more than the 90 days allowed (publish "
        "summaries sooner, or raise 'evaluation_publication_days' in mkdocs.yml if the "
        "policy allows longer)",
        "content/evaluations/border-midterm.md: published: a public evaluation has no "
        "publication date (set 'published:' to the date its summary was first made public)",
    ]
    assert problems_of(root, evaluation_publication_days=200) == [str(site.warnings[1])]


@pytest.mark.slow
def test_late_publication_fails_only_a_strict_build(tmp_path):
    late = AGENCY.replace("published: 2023-04-01", "published: 2023-09-01")
    root = copy_fixture(tmp_path / "site", {"content/evaluations/agency-final.md": late})
    with pytest.raises(Abort):
        build(root, "public", strict=True)
    site = build(root, "public", strict=False)
    assert (site / "evaluations/agency-final/index.html").is_file()


# --- Audience ------------------------------------------------------------------------


def test_public_audience_drops_internal_evaluations_and_references(tmp_path):
    root = copy_fixture(tmp_path / "site", EVALUATION_FILES)
    public = load_site(root, root / "data", root / "content", "public")
    internal = load_site(root, root / "data", root / "content", "internal")
    assert not public.errors
    assert [e.id for e in public.evaluations] == ["border-midterm", "agency-final"]
    assert [e.id for e in internal.evaluations] == [
        "secret-review",
        "border-midterm",
        "hidden-plan-review",
        "agency-final",
    ]
    assert len(public.all_evaluations) == 4
    border = public.evaluations[0]
    assert [str(r) for r in border.results] == ["northland-ics:O1.1"]
    assert [str(i) for i in border.initiatives] == ["northland-ics:P1"]
    assert [e.id for e in public.view.evaluations_of("northland-ics", initiative="P1")] == [
        "border-midterm"
    ]
    assert public.view.evaluations_of("northland-ics", result="O1.2") == ()


def test_today_is_source_date_epoch_or_the_latest_date_of_the_data(tmp_path):
    root = copy_fixture(tmp_path / "site", EVALUATION_FILES)
    site = load_site(root, root / "data", root / "content", "public")
    assert reference_date(
        site.portfolio, site.evaluations, {"SOURCE_DATE_EPOCH": EPOCH_2025}
    ) == date(2025, 1, 1)
    # public data: the latest `reported` date is 2024-10-20 (the internal 2025 value is hidden)
    assert reference_date(site.portfolio, site.evaluations, {}) == date(2024, 10, 20)


# --- Real builds ---------------------------------------------------------------------


@pytest.mark.slow
def test_index_lists_every_public_evaluation_without_javascript(sites):
    public, _ = sites
    rows = index_rows(public)
    assert list(rows) == [
        "Mid-term evaluation of border <screening>",
        "Final evaluation of the agency framework",
    ]
    # Evaluation, type, plans, completed, published, recs, accepted, partly, rejected, done
    assert rows["Mid-term evaluation of border <screening>"][1:] == [
        "Mid-term",
        "Northland Integrated Country Strategy (ISL)",
        "30 Jun 2024",
        "15 Aug 2024",
        "4",
        "2",
        "1",
        "1",
        "1",
        "⚠ Actions overdue (1)",
    ]
    assert rows["Final evaluation of the agency framework"][1:] == [
        "Final",
        "Agency Results Framework",
        "1 Mar 2023",
        "1 Apr 2023",
        "2",
        "2",
        "0",
        "0",
        "2",
        "All actions done",
    ]
    page = article(read(public, "evaluations/index.html"))
    assert (
        "2 evaluations, 6 recommendations: 4 accepted, 1 partly accepted, 1 rejected; 3 "
        "done, 1 overdue." in text(page)
    )
    # The authored index.md is the intro and names the page.
    assert text(page.xpath("//h1")[0]) == "Lessons from evaluations"
    assert "We publish the summary of every evaluation within 90 days." in text(page)
    # Filters are real labelled controls, hidden until the script shows them.
    form = page.xpath("//form[contains(@class, 'ssa-filters')]")[0]
    assert form.get("hidden") is not None
    labels = {label.get("for"): text(label) for label in form.xpath(".//label")}
    assert labels == {
        "ssa-filter-type": "Type",
        "ssa-filter-plan": "Plan",
        "ssa-filter-country": "Country code",
        "ssa-filter-year": "Year completed",
        "ssa-filter-followup": "Follow-up of recommendations",
    }
    years = form.xpath(".//select[@name='year']/option/@value")
    assert years == ["", "2024", "2023"]
    assert page.xpath("//th[@aria-sort='descending']/text()") == ["Completed"]


@pytest.mark.slow
def test_evaluation_page_shows_summary_questions_and_responses(sites):
    public, _ = sites
    page = article(read(public, "evaluations/border-midterm/index.html"))
    content = text(page)
    assert text(page.xpath("//h1")[0]) == "Mid-term evaluation of border <screening>"
    for expected in (
        "Mid-term evaluation",
        "Evalco & Partners",
        "Independent of those who manage",
        "30 Jun 2024",
        "15 Aug 2024",
        "Did screening expand at the crossings?",
        "Screening expanded at most crossings.",
        "4 recommendations: 2 accepted, 1 partly accepted, 1 rejected; 1 done, 1 overdue. "
        "Status as of 1 Jan 2025.",
    ):
        assert expected in content, expected
    assert page.xpath("//a[text()='Read the full report']/@href") == [
        "https://example.org/border-midterm.pdf"
    ]
    assert page.xpath("//ul[@class='ssa-evaluated']//a/@href") == [
        "../../plans/northland-ics/",
        "../../plans/northland-ics/results/O1.1/",
        "../../plans/northland-ics/#initiative-P1",
    ]
    overdue = page.xpath("//tr[@id='recommendation-R1']")[0]
    assert text(overdue).endswith("In progress ⚠ Overdue")  # a word, not colour alone
    assert "Overdue" not in text(page.xpath("//tr[@id='recommendation-R2']")[0])
    assert text(page.xpath("//tr[@id='recommendation-R3']")[0]).endswith(
        "Rejected — — No action (rejected)"
    )
    # The authored file is replaced by the generated page, not built as well.
    assert "CANARY" not in read(public, "evaluations/border-midterm/index.html")
    assert not (public / "evaluations/border-midterm.md").exists()


@pytest.mark.slow
def test_plan_result_and_initiative_pages_link_their_evaluations(sites):
    public, _ = sites
    plan = article(read(public, "plans/northland-ics/index.html"))
    assert "../../evaluations/border-midterm/" in plan.xpath("//table//a/@href")
    initiative = plan.xpath("//tr[@id='initiative-P1']")[0]
    assert initiative.xpath(".//a/@href") == ["../../evaluations/border-midterm/"]
    open_recs = plan.xpath("//h3[@id='open-recommendations']/following::table[1]")[0]
    open_rows = [text(row) for row in open_recs.xpath("./tbody/tr")]
    assert len(open_rows) == 2  # R1 and R2: R3 was rejected, R4 is done
    assert open_rows[0].startswith("R1 Train more screening staff")
    assert open_rows[0].endswith("Overdue") and not open_rows[1].endswith("Overdue")
    assert open_recs.xpath(".//a/@href")[0] == (
        "../../evaluations/border-midterm/#recommendation-R1"
    )
    result = article(read(public, "plans/northland-ics/results/O1.1/index.html"))
    assert "../../../../evaluations/border-midterm/" in result.xpath("//a/@href")
    untouched = article(read(public, "plans/northland-ics/results/G1/index.html"))
    assert "Evaluations" not in text(untouched)
    agency = article(read(public, "plans/agency-framework/results/AO1/index.html"))
    assert "../../../../evaluations/agency-final/" in agency.xpath("//a/@href")
    agency_plan = text(article(read(public, "plans/agency-framework/index.html")))
    assert "Every accepted recommendation of these evaluations has been acted on." in agency_plan


@pytest.mark.slow
def test_internal_evaluations_leave_no_trace_in_the_public_build(sites):
    public, _ = sites
    for path, content in all_text(public).items():
        assert "CANARY" not in content, path
        assert "secret-review" not in content, path
        assert "hidden-plan-review" not in content, path
    assert not (public / "evaluations/secret-review").exists()
    assert not (public / "evaluations/hidden-plan-review").exists()


@pytest.mark.slow
def test_internal_build_shows_every_evaluation(sites):
    _, internal = sites
    page = read(internal, "evaluations/secret-review/index.html")
    assert "CANARY-INTERNAL-EVALUATION-BODY" in page
    assert "CANARY-INTERNAL-RECOMMENDATION" in page
    assert "CANARY-EVALUATION-OF-INTERNAL-PLAN-BODY" in read(
        internal, "evaluations/hidden-plan-review/index.html"
    )
    assert "CANARY-EVALUATION-PASSAGE" in read(internal, "evaluations/border-midterm/index.html")
    assert len(index_rows(internal)) == 4
    search = read(internal, "search/search_index.json")
    assert "CANARY-INTERNAL-EVALUATION-BODY" in search


@pytest.mark.slow
def test_the_index_script_is_served_by_the_site(sites):
    public, _ = sites
    page = read(public, "evaluations/index.html")
    assert '<script src="../assets/javascripts/ssa-evaluations.js" defer>' in page
    assert (public / "assets/javascripts/ssa-evaluations.js").is_file()


PROBE = """<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var out = [], rows = Array.from(document.querySelectorAll("[data-ssa-sortable] tbody tr"));
    var visible = function () { return rows.filter(function (r) { return !r.hidden; }).length; };
    out.push("form hidden: " + document.querySelector("form.ssa-filters").hidden);
    var type = document.getElementById("ssa-filter-type");
    type.value = "final";
    type.dispatchEvent(new Event("change", {bubbles: true}));
    out.push("final: " + visible() + "; " + document.querySelector("[data-ssa-count]").textContent);
    type.value = "";
    type.dispatchEvent(new Event("change", {bubbles: true}));
    var title = document.querySelector("th[data-sort] button");
    title.click();
    out.push(title.parentNode.getAttribute("aria-sort") + ": " + rows.length + " " +
      Array.from(document.querySelector("[data-ssa-sortable] tbody").rows)
        .map(function (r) { return r.cells[0].getAttribute("data-value"); }).join(" | "));
    var pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = out.join("\\n");
    document.body.appendChild(pre);
  }, 50);
});
</script>"""


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium")
def test_the_script_filters_and_sorts_in_a_browser(sites):
    public, _ = sites
    probe = public / "evaluations" / "probe.html"
    probe.write_text(read(public, "evaluations/index.html").replace("</body>", PROBE + "</body>"))
    dom = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=3000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    probe.unlink()
    found = lxml_html.fromstring(dom).xpath("//pre[@id='probe']")
    assert found, "the probe did not run"
    assert found[0].text_content().splitlines() == [
        "form hidden: false",
        "final: 1; Showing 1 of 2 evaluations.",
        "ascending: 2 Final evaluation of the agency framework | Mid-term evaluation of border "
        "<screening>",
    ]


def test_the_example_evaluations_are_valid_and_split_by_audience():
    languages = ("en", "fr")  # mkdocs.yml: French summaries are translations, not summaries
    public = load_site(REPO, REPO / "data", REPO / "content", "public", languages=languages)
    internal = load_site(REPO, REPO / "data", REPO / "content", "internal", languages=languages)
    assert [str(p) for p in public.problems if p.path.startswith("content/evaluations/")] == []
    authored = sorted(
        p.stem
        for p in (REPO / "content/evaluations").glob("*.md")
        if p.name != "index.md" and "." not in p.stem  # not a translation (.fr.md)
    )
    assert len(authored) >= 4
    assert sorted(e.id for e in internal.evaluations) == authored
    shown = {e.id for e in public.evaluations}
    hidden = [e for e in internal.evaluations if e.id not in shown]
    assert hidden, "the example should show an internal evaluation"
    for evaluation in hidden:
        plans = [internal.portfolio.plan(name) for name in evaluation.plans]
        assert evaluation.internal or all(p is not None and p.internal for p in plans)
