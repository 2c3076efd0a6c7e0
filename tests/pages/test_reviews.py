"""Progress reviews: each shows the plan as it stood on its date, beside its narrative.

The minimal fixture has three reviews of northland-ics: 2024-10-01 (before I1's FY2024
actual was reported on 2024-10-20), 2024-11-01 (after it) and 2024-12-01 (internal).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, build, read, write_project

from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

REVIEWS = "plans/northland-ics/reviews"


def text_of(page: str) -> str:
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    article = re.sub(r"</?(abbr|time)\b[^>]*>", "", article)  # tooltips and dates are inline
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("reviews") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    return build(root)


@pytest.mark.slow
def test_a_review_counts_only_values_reported_by_its_date(public: Path) -> None:
    before = text_of(read(public, f"{REVIEWS}/2024-10-01/index.html"))
    after = text_of(read(public, f"{REVIEWS}/2024-11-01/index.html"))
    i1 = "I1 Share of crossings screened"
    assert re.search(rf"{i1} No data ", before)  # FY2024 actual reported on 2024-10-20
    assert re.search(rf"{i1} At risk 52 \(FY2024\) 55.52 \(interim, toward FY2025\) 76%", after)
    # I2's FY2024 actual has no reported date: it counts from the end of FY2024, 2024-09-30.
    assert re.search(r"I2 Seizures per month At risk 14 \(FY2024\)", before)


@pytest.mark.slow
def test_a_review_shows_its_narrative_and_what_changed_since_the_one_before(public: Path) -> None:
    first = text_of(read(public, f"{REVIEWS}/2024-10-01/index.html"))
    assert "First quarter review" in first
    assert "The FY2024 screening figures had not been reported yet." in first
    assert "This is the first review of the plan." in first
    second = text_of(read(public, f"{REVIEWS}/2024-11-01/index.html"))
    assert "Screening reached 52 percent of crossings in FY2024." in second
    assert "Previous review: First quarter review (1 Oct 2024)" in second
    # Changes are grouped by the new status, each named, linked and with its old status.
    changes = second.split("Now At risk (2)", 1)[1].split("Results", 1)[0]
    assert "Indicator I1 Share of crossings screened (was no data)" in changes
    assert "O1.1 Screening at crossings expands (was no data)" in changes
    assert "Overall: At risk · 2 indicators: 2 at risk (as of 1 Nov 2024)" in second
    assert (public / "assets/charts/northland-ics/reviews/2024-11-01.svg").is_file()


@pytest.mark.slow
def test_plan_page_lists_reviews_newest_first_with_their_changes(public: Path) -> None:
    page = read(public, "plans/northland-ics/index.html")
    text = text_of(page)
    section = text.split("Progress reviews of", 1)[1]
    assert section.index("1 Nov 2024") < section.index("1 Oct 2024")
    assert "2 now at risk Which changed" in section  # the review page names them
    assert "First review." in section
    assert 'href="reviews/2024-11-01/"' in page


@pytest.mark.slow
def test_authored_review_files_and_internal_reviews_stay_out_of_public_builds(public: Path) -> None:
    assert not (public / "reviews").exists()
    assert not (public / f"{REVIEWS}/2024-12-01").exists()
    assert not (public / "assets/charts/northland-ics/reviews/2024-12-01.svg").exists()
    second = read(public, f"{REVIEWS}/2024-11-01/index.html")
    assert "CANARY" not in second
    assert "2024-12-01" not in read(public, "plans/northland-ics/index.html")
    assert "reviews/2024-12-01" not in read(public, "sitemap.xml")


@pytest.mark.slow
def test_internal_build_has_the_internal_review(project) -> None:
    site = build(project(), audience="internal")
    page = read(site, f"{REVIEWS}/2024-12-01/index.html")
    assert "CANARY-INTERNAL-REVIEW-BODY" in page and "Internal — not for public release" in page
    assert "CANARY-INTERNAL-REVIEW-PASSAGE" in read(site, f"{REVIEWS}/2024-11-01/index.html")
    # The internal FY2025 actual of I1 (reported 2025-10-20) is not known on 2024-12-01.
    assert "987,654" not in text_of(page)


def test_reviews_of_unknown_plans_or_with_bad_dates_are_errors_with_their_paths(
    tmp_path: Path,
) -> None:
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    write_project(
        root,
        {
            "content/reviews/nowhere-ics/2024-10-01.md": "Text\n",
            "content/reviews/northland-ics/2024-02-30.md": "Text\n",
            "content/reviews/northland-ics/october.md": "Text\n",
            "content/reviews/stray.md": "Text\n",
        },
    )
    site = load_site(root, root / "data", root / "content", "public")
    errors = [str(p) for p in site.errors]
    assert (
        "content/reviews/nowhere-ics/2024-10-01.md: plan: reviews plan 'nowhere-ics', which does "
        "not exist (put it in the folder of one of: agency-framework, northland-ics)"
    ) in errors
    assert (
        "content/reviews/northland-ics/2024-02-30.md: file name: '2024-02-30' is not a date "
        "(name the review after its date, e.g. 2025-03-31.md)"
    ) in errors
    assert any(e.startswith("content/reviews/northland-ics/october.md: file name:") for e in errors)
    assert any(
        e.startswith("content/reviews/stray.md: is not where progress reviews go") for e in errors
    )
    assert {r.date.isoformat() for r in site.reviews} == {"2024-10-01", "2024-11-01"}
