"""Real `mkdocs build` runs of small sites, asserting on what a reader sees."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import all_text, build, read
from mkdocs.exceptions import Abort

PAGES = [
    "index.html",
    "plans/index.html",
    "plans/northland-ics/index.html",
    "plans/northland-ics/results/G1/index.html",
    "plans/northland-ics/results/O1/index.html",
    "plans/northland-ics/results/O1.1/index.html",
    "plans/northland-ics/indicators/I1/index.html",
    "plans/northland-ics/indicators/I2/index.html",
    "plans/agency-framework/index.html",
    "plans/agency-framework/results/AO1/index.html",
]


def text_of(html: str) -> str:
    """The visible text of the article, roughly: tags dropped, entities kept."""
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


@pytest.mark.slow
def test_public_build_has_a_page_for_every_plan_result_and_indicator(project):
    site = build(project())
    for page in PAGES:
        assert (site / page).is_file(), page
    plan = text_of(read(site, "plans/northland-ics/index.html"))
    assert "Northland Integrated Country Strategy" in plan
    assert "Smuggling routes cross the northern border." in plan  # the narrative
    assert "Closing public sentence." in plan
    assert "G1 Northland secures its borders" in plan
    assert "Share of crossings screened" in plan


@pytest.mark.slow
def test_result_page_shows_chain_alignment_and_indicators(project):
    site = build(project())
    page = text_of(read(site, "plans/northland-ics/results/O1/index.html"))
    assert "Border agencies detect illicit flows" in page
    assert "G1 Northland secures its borders" in page  # the chain above
    assert "O1.1 Screening at crossings expands" in page  # below
    assert "AO1 Border security improves" in page  # alignment up
    agency = text_of(read(site, "plans/agency-framework/results/AO1/index.html"))
    assert "O1 Border agencies detect illicit flows" in agency  # alignment down


@pytest.mark.slow
def test_indicator_page_shows_reference_sheet_and_values(project):
    site = build(project())
    page = text_of(read(site, "plans/northland-ics/indicators/I1/index.html"))
    assert "Crossings with screening over all crossings" in page
    assert "Border agency logs" in page
    assert "FY2023" in page and "41" in page and "FY2025" in page and "70" in page


@pytest.mark.slow
def test_links_between_generated_pages_resolve(project):
    site = build(project())
    for page in PAGES:
        html = read(site, page)
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', html):
            if href.startswith(("/", "mailto")):
                continue
            target = (site / page).parent / href
            if href.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page} links to missing {href}"


@pytest.mark.slow
def test_public_build_holds_no_trace_of_internal_content(project):
    site = build(project())
    leaks = {
        path: sorted(set(re.findall(r"CANARY-[A-Z-]+", text)))
        for path, text in all_text(site).items()
        if "CANARY" in text
    }
    assert leaks == {}
    assert not (site / "plans/northland-ics/results/O1.2/index.html").exists()
    assert not (site / "plans/northland-ics/indicators/I3/index.html").exists()
    assert "987" not in text_of(read(site, "plans/northland-ics/indicators/I1/index.html"))
    assert "Internal — not for public release" not in read(site, "index.html")


@pytest.mark.slow
def test_internal_build_shows_everything_with_a_banner(project):
    site = build(project(), audience="internal")
    texts = all_text(site)
    for canary in [
        "CANARY-NARRATIVE-PASSAGE",
        "CANARY-INTERNAL-RESULT-NARRATIVE",
        "CANARY-INTERNAL-SUBOBJECTIVE",
        "CANARY-INTERNAL-INDICATOR",
        "CANARY-RESPONSIBLE",
        "CANARY-VALUE-COMMENT",
        "CANARY-INTERNAL-INITIATIVE",
        "CANARY-INTERNAL-ASSUMPTION",
    ]:
        assert any(canary in t for t in texts.values()), canary
    for path, html in texts.items():
        if path.endswith(".html"):
            assert "Internal — not for public release" in html, path


@pytest.mark.slow
def test_data_is_escaped_not_interpreted(project):
    root = project()
    results = root / "data/northland-ics/results.csv"
    results.write_text(
        results.read_text().replace(
            "Border agencies detect illicit flows",
            '"<script>alert(1)</script> *bold* & [x](javascript:y)"',
        )
    )
    site = build(root)
    html = read(site, "plans/northland-ics/results/O1/index.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* &amp; [x](javascript:y)" in html
    assert "<em>bold</em>" not in html
    assert 'href="javascript' not in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title


@pytest.mark.slow
def test_authored_page_marked_internal_is_left_out_of_public_builds(project):
    root = project(
        files={"content/staff.md": "---\nvisibility: internal\n---\n# Staff\n\nCANARY-STAFF-PAGE\n"}
    )
    site = build(root)
    assert not (site / "staff").exists()
    assert "CANARY-STAFF-PAGE" not in read(site, "search/search_index.json")
    assert (build(root, audience="internal") / "staff/index.html").exists()


@pytest.mark.slow
def test_bad_data_fails_the_build_before_writing_anything(project, caplog):
    root = project()
    values = root / "data/northland-ics/values.csv"
    values.write_text(values.read_text().replace("I2,FY2024,actual,14", "I2,FY2024,actual,abc"))
    with pytest.raises(Abort):
        build(root)
    assert "1 error(s) in the data and narratives; nothing was built" in caplog.text
    assert not (root / "site").exists()


def test_mkdocs_cli_exits_non_zero_and_names_the_problem(project):
    root = project()
    values = root / "data/northland-ics/values.csv"
    values.write_text(values.read_text().replace("I2,FY2024,actual,14", "I2,FY2024,actual,abc"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode != 0
    assert "data/northland-ics/values.csv:9: value: 'abc' is not a number" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (root / "site").exists()
