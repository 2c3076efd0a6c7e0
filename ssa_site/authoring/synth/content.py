"""The Markdown of a synthetic site: mkdocs.yml, home page, plan and result narratives,
evaluation summaries and progress reviews, with internal passages to show the split."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.authoring.synth import words
from ssa_site.authoring.synth.data import PlanShape, period_end

if TYPE_CHECKING:
    from random import Random

MKDOCS_YML = """\
# A synthetic site made by `ssa-site synth`: every plan, figure and evaluation is invented.
site_name: Synthetic security assistance results
site_url: https://example.org/synthetic/
docs_dir: content
use_directory_urls: true

theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - search.highlight

plugins:
  - search
  - ssa:
      data_dir: data
      publisher:
        name: Synthetic Agency (fictional)
        email: data@example.org
        iati_ref: XM-DAC-99999  # fictional; activity identifiers begin with it
        bureau_code: ["999:01"]  # fictional OMB bureau and program codes (data.json)
        program_code: ["999:001"]
      quality:
        # Sub-objectives align through their objective, not on their own.
        report_only: [result-alignment]
      notice: >-
        Synthetic site: every plan, figure and evaluation on it is invented by a program.

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.blocks.admonition
  - pymdownx.blocks.details
  - pymdownx.superfences

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""

HOME = """\
# Synthetic security assistance results

A site of {plans} invented country strategies, made by `ssa-site synth` to measure how the
site generator scales. Each strategy aligns to one agency-wide framework.
"""


def front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def plan_narrative(shape: PlanShape, rng: Random) -> str:
    subject = f"The security institutions of {shape.nation}"
    return (
        f"## Problem statement\n\n{words.paragraph(rng, subject)}\n\n"
        f"## Context\n\n{words.paragraph(rng, 'Donors and ministries')}\n\n"
        "/// internal\n"
        f"Embassy note: the ministry of interior of {shape.nation} asked to delay the "
        "next joint review until after the budget session.\n"
        "///\n"
    )


def result_narrative(shape: PlanShape, result_id: str, rng: Random) -> str:
    return (
        f"## Theory of change\n\n{words.paragraph(rng, 'Trained officers', 2)}\n\n"
        f"## Assumptions\n\n- {words.sentence(rng, 'The ministries')}\n"
        f"- {words.sentence(rng, 'Municipal councils')}\n\n"
        "/// internal\n"
        f"Implementer capacity for {result_id} is thin; see the internal risk register.\n"
        "///\n"
    )


def evaluation(shape: PlanShape, results: list[str], initiatives: list[str], rng: Random,
               internal: bool) -> tuple[str, str]:  # fmt: skip
    """(file name, text) of one evaluation summary of the plan."""
    completed = period_end(shape.actual_periods // 2)
    ident = f"{shape.name}-evaluation"
    meta = {
        "id": ident,
        "title": f"Performance evaluation of the {shape.nation} strategy",
        "type": rng.choice(("performance", "mid-term", "process")),
        "plans": [shape.name],
        "results": [f"{shape.name}:{r}" for r in results],
        "initiatives": [f"{shape.name}:{i}" for i in initiatives],
        "evaluator": rng.choice(words.EVALUATORS),
        "independent": True,
        "completed": completed.isoformat(),
        "published": (completed + timedelta(days=45)).isoformat(),
        "report_url": f"https://evaluations.example.org/synthetic/{ident}.pdf",
        "questions": [
            "To what extent did the assistance reach the institutions it meant to?",
            "Are the monitoring data reliable enough to manage by?",
        ],
        "recommendations": [
            {
                "id": f"R{n}",
                "text": words.sentence(rng, "The program"),
                "response": rng.choice(("accept", "accept", "partial", "reject")),
                "action": "Agreed with the ministry and written into the work plan.",
                "due": (completed + timedelta(days=180 * n)).isoformat(),
                "status": rng.choice(("open", "in-progress", "done")),
            }
            for n in (1, 2, 3)
        ],
    }
    if internal:
        meta["visibility"] = "internal"
    body = (
        f"## Summary\n\n{words.paragraph(rng, 'The evaluators')}\n\n"
        f"## Findings\n\n{words.paragraph(rng, 'Partner agencies', 4)}\n"
    )
    return f"{ident}.md", front_matter(meta) + body


def review(shape: PlanShape, rng: Random) -> tuple[str, str]:
    """(file name, text) of the plan's progress review, after its latest actuals but one."""
    when = period_end(max(0, shape.actual_periods - 2)) + timedelta(days=60)
    meta = {"title": f"Strategic progress review, {when:%B %Y}", "date": when.isoformat()}
    body = (
        f"{words.paragraph(rng, 'The country team')}\n\n"
        "/// internal\nThe partner's budget cut is not yet public.\n///\n"
    )
    return f"{when.isoformat()}.md", front_matter(meta) + body
