"""Small site projects for results chains, logic models and alignment (for write_project).

THREE_PLANS is the Cities Alliance picture in miniature: a program's results align to a
country strategy, whose objectives align to an agency framework: one chain over three plans.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

from lxml import html as lxml_html


def package(name: str, title: str, kind: str, levels: Any, resources: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "ssa": {"title": title, "kind": kind, "levels": levels},
        "resources": [{"name": r, "path": f"{r}.csv"} for r in resources],
    }


THREE_PLANS: dict[str, str | dict[str, Any]] = {
    "data/agency/datapackage.json": package(
        "agency", "Agency Framework", "agency-framework", ["goal", "objective"], ["results"]
    ),
    "data/agency/results.csv": (
        "id,parent,level,title,visibility\n"
        "AG1,,goal,Partners secure themselves,\n"
        "AO1,AG1,objective,Borders are managed,\n"
        "AO2,AG1,objective,Courts are accountable,\n"
        "AO3,AG1,objective,Maritime domain is watched,\n"
    ),
    "data/ics/datapackage.json": package(
        "ics",
        "Kestria Country Strategy",
        "country-strategy",
        "ics",
        ["results", "indicators", "assumptions"],
    ),
    "data/ics/results.csv": (
        "id,parent,level,title,aligns_to,visibility\n"
        "G1,,goal,Kestria is safer,,\n"
        "O1,G1,objective,Border police detect smuggling,agency:AO1,\n"
        "O1.1,O1,sub-objective,Crossings are screened,,\n"
        "O1.2,O1,sub-objective,Patrols cover the green border,,\n"
        "O2,G1,objective,Judges decide cases on time,agency:AO2,\n"
        "O3,G1,objective,Prisons meet standards,,\n"
        "O4,G1,objective,CANARY-INTERNAL-OBJECTIVE,agency:AO3,internal\n"
    ),
    "data/ics/indicators.csv": (
        "id,result,title,definition,unit\n"
        "I1,O1.1,Share of crossings screened,Screened over all,percent\n"
        "I2,O1,Seizures per month,Monthly seizures,number\n"
    ),
    "data/ics/assumptions.csv": (
        "result,text,risk,visibility\n"
        "O1.1,Screening staff stay in post,medium,\n"
        "O1.2,CANARY-INTERNAL-ASSUMPTION,high,internal\n"
    ),
    "data/program/datapackage.json": package(
        "program",
        "Kestria Border Program",
        "initiative",
        "results-chain",
        ["results", "initiatives"],
    ),
    "data/program/results.csv": (
        "id,parent,level,title,aligns_to,visibility\n"
        "IM1,,impact,Smuggling falls,,\n"
        "OC1,IM1,outcome,Officers screen travellers well,ics:O1.1,\n"
        "OC2,IM1,outcome,Case files reach court complete,ics:O2,\n"
        "OP1,OC1,output,Officers trained in screening,,\n"
        "OP2,OC1,output,CANARY-INTERNAL-OUTPUT,ics:O3,internal\n"
    ),
    "data/program/initiatives.csv": (
        "id,title,results,status\nA1,Screening training courses,OP1,ongoing\n"
    ),
}

#: Every public aligns_to pair of THREE_PLANS, as (contributor title, target title).
THREE_PLANS_PAIRS = [
    ("Border police detect smuggling", "Borders are managed"),
    ("Judges decide cases on time", "Courts are accountable"),
    ("Officers screen travellers well", "Crossings are screened"),
    ("Case files reach court complete", "Judges decide cases on time"),
]


def big_plan(results: int = 80) -> dict[str, str | dict[str, Any]]:
    """A results-chain plan with ``results`` results: 1 impact, 4 outcomes, 15 intermediate
    outcomes and outputs for the rest, two indicators on every outcome and an assumption on
    every fifth result."""
    rows = ["id,parent,level,title"]
    indicators = ["id,result,title,definition,unit"]
    assumptions = ["result,text,risk"]
    rows.append("IM,,impact,Communities live without fear of organised crime")
    outcomes = [f"OC{i}" for i in range(1, 5)]
    for i, oc in enumerate(outcomes, 1):
        rows.append(f"{oc},IM,outcome,Outcome {i}: police and justice institutions improve")
    intermediates = [f"IO{i}" for i in range(1, 16)]
    for i, io in enumerate(intermediates, 1):
        rows.append(f"{io},{outcomes[(i - 1) % 4]},intermediate-outcome,Intermediate outcome {i}")
    count = len(rows) - 1
    n = 0
    while count < results:
        n += 1
        rows.append(
            f"OP{n},{intermediates[(n - 1) % 15]},output,Output {n}: a service is delivered"
        )
        count += 1
    for row in rows[1:]:
        rid = row.split(",", 1)[0]
        if not rid.startswith("OP"):
            indicators.append(f"I-{rid}-a,{rid},Share of target reached for {rid},Share,percent")
            indicators.append(f"I-{rid}-b,{rid},Number of cases for {rid},Count,number")
    for index, row in enumerate(rows[1:]):
        if index % 5 == 0:
            assumptions.append(f"{row.split(',', 1)[0]},Partners keep funding {index},low")
    return {
        "data/big/datapackage.json": package(
            "big",
            "Big Results Chain",
            "initiative",
            "results-chain",
            ["results", "indicators", "assumptions"],
        ),
        "data/big/results.csv": "\n".join(rows) + "\n",
        "data/big/indicators.csv": "\n".join(indicators) + "\n",
        "data/big/assumptions.csv": "\n".join(assumptions) + "\n",
    }


def page(site: Path, rel: str) -> lxml_html.HtmlElement:
    """The article of a built page, parsed."""
    tree = lxml_html.fromstring((site / rel).read_text("utf-8"))
    return tree.xpath('//article[contains(@class, "md-content__inner")]')[0]


def text(element: lxml_html.HtmlElement) -> str:
    """The visible text of an element, without status badges (tested with status)."""
    element = copy.deepcopy(element)
    for badge in element.xpath(
        './/*[contains(@class, "ssa-status") or contains(@class, "ssa-late")]'
    ):
        badge.drop_tree()
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolves(site: Path, rel: str, href: str) -> Path:
    """The file a relative link of page ``rel`` leads to (index.html for folders)."""
    path = href.split("#", 1)[0]
    target = Path(os.path.normpath((site / rel).parent / path))
    return target / "index.html" if path.endswith("/") or target.is_dir() else target
