"""Problem statement, theory of change and assumptions: recognised, and always in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from chain_fixtures import THREE_PLANS, page, text
from conftest import build, write_project

from ssa_site.analysis.theory_of_change import narrative_sections, normalise_title, split_sections

if TYPE_CHECKING:
    from pathlib import Path

NARRATIVE = """\
Opening paragraph.

## Context

Why the border matters.

## THEORY OF CHANGE:

If officers screen well, smuggling falls.

### Evidence

A pilot showed it.

```markdown
## Problem statement
not a heading: inside a fence
```

## Assumptions

Budgets hold.

## problem statement {#ps}

Smugglers use the crossings.

## Next steps

Train more officers.
"""


def test_recognised_sections_are_lifted_out_and_the_rest_stays_in_order() -> None:
    sections = narrative_sections(NARRATIVE)
    # A section before the first recognised one (context) stays on top with the opening.
    assert sections.intro.startswith("Opening paragraph.")
    assert "## Context\n\nWhy the border matters." in sections.intro
    assert sections.problem_statement == "Smugglers use the crossings.\n"
    assert sections.theory_of_change is not None
    assert sections.theory_of_change.startswith("If officers screen well")
    assert "### Evidence" in sections.theory_of_change  # sub-headings stay with it
    assert "not a heading: inside a fence" in sections.theory_of_change
    assert sections.assumptions == "Budgets hold.\n"
    assert [s.title for s in sections.others] == ["Next steps"]


def test_titles_are_matched_case_insensitively_without_decoration() -> None:
    assert normalise_title("Theory of Change:") == "theory of change"
    assert normalise_title("  PROBLEM   statement ## ") == "problem statement"
    assert normalise_title("Assumptions {#assume .x}") == "assumptions"
    assert normalise_title("Assumptions and risks") == "assumptions and risks"


def test_edge_cases() -> None:
    assert narrative_sections(None).is_empty
    assert narrative_sections("Just text.\n").intro == "Just text.\n"
    empty = narrative_sections("## Theory of change\n\n## Assumptions\nA.\n\n## Assumptions\nB.\n")
    assert empty.theory_of_change is None  # an empty section is no section
    assert empty.assumptions == "A.\n\nB.\n"  # repeated titles are joined in order
    intro, sections = split_sections("#### deep\n##no-space\n## Real\nbody\n")
    assert intro == "#### deep\n##no-space\n" and [s.title for s in sections] == ["Real"]


@pytest.mark.slow
def test_pages_show_the_sections_in_a_consistent_place(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            **THREE_PLANS,
            "content/plans/ics/O1.1.md": NARRATIVE.replace(
                "Budgets hold.", "Budgets hold.\n\n/// internal\nCANARY-TOC-INTERNAL\n///\n"
            ),
            "content/plans/ics/index.md": (
                "# Kestria\n\n## Assumptions\n\nThe ministry stays committed.\n\n"
                "## Theory of change\n\nIf borders and courts improve, Kestria is safer.\n\n"
                "## Problem statement\n\nSmuggling funds armed groups.\n"
            ),
        },
    )
    site = build(root)
    result = text(page(site, "plans/ics/results/O1.1/index.html"))
    order = [
        "Opening paragraph.",
        "Context Why the border matters.",
        "Problem statement Smugglers use the crossings.",
        "Theory of change If officers screen well",
        "Evidence A pilot showed it.",
        "Next steps Train more officers.",
        "Results chain",
        "Alignment",
        "Indicators",
        "Assumptions Budgets hold.",
        "Screening staff stay in post",  # the data assumption, next to the authored one
    ]
    positions = [result.index(part) for part in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert result.count("Assumptions") == 1
    assert "CANARY" not in (site / "plans/ics/results/O1.1/index.html").read_text("utf-8")

    plan = text(page(site, "plans/ics/index.html"))
    order = [
        "Problem statement Smuggling funds armed groups.",
        "Theory of change If borders and courts improve",
        "Results hierarchy",
        "Assumptions Show the assumptions The ministry stays committed.",  # folded
    ]
    positions = [plan.index(part) for part in order]
    assert positions == sorted(positions)
