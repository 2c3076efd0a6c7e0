"""Every broken input gives clear problems, all in one run, and never a traceback (SPEC §5).

The corpus is a table of mutations of ``tests/fixtures/minimal``: each case lists its edits
and the errors ``load_site`` must report, in order, by code and position: ``(code, path, row,
field)``. A few cases, one or two per layer, also keep the exact lines (``wording``:
``path:row: field: what is wrong (fix)``, or ``path: field: …`` when there is no row); every
problem of every case is checked for that shape. Cases expecting nothing are inputs that must
be accepted: a byte-order mark and Windows line ends (Excel writes both), a number just below
the limit, a 10,000-character cell. A few cases also go through the real ``mkdocs build``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, build, mkdocs_build_output

from ssa_site.analysis.asof import source_date
from ssa_site.base.problems import ProblemType
from ssa_site.project import Site, load_site

FIXTURE = FIXTURES / "minimal"
CONTROL_FIX = "(delete it: such characters often come from copying text out of another program)"


Edit = Callable[[Path], None]
Expected = tuple[str, str, int | None, str | None]  # (code, path, row, field)
PLAN = "data/northland-ics"
DESCRIPTOR = f"{PLAN}/datapackage.json"


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    expected: tuple[Expected, ...]
    wording: tuple[str, ...]  # the exact lines, for a few cases only


def case(
    name: str,
    *edits: Edit,
    expected: list[Expected] | None = None,
    wording: list[str] | None = None,
) -> Case:
    return Case(name, edits, tuple(expected or ()), tuple(wording or ()))


# -- edits ------------------------------------------------------------------------------


def replace(rel: str, old: str | bytes, new: str | bytes) -> Edit:
    def apply(root: Path) -> None:
        path = root / rel
        data = path.read_bytes()
        before = old.encode() if isinstance(old, str) else old
        after = new.encode() if isinstance(new, str) else new
        assert before in data, f"{old!r} not in {rel}"
        path.write_bytes(data.replace(before, after, 1))

    return apply


def write(rel: str, content: str | bytes) -> Edit:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    return apply


def append(rel: str, line: str) -> Edit:
    def apply(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return apply


def delete(rel: str) -> Edit:
    return lambda root: (root / rel).unlink()


def symlink(rel: str, target: str) -> Edit:
    def apply(root: Path) -> None:
        (root / rel).unlink(missing_ok=True)
        (root / rel).symlink_to(target)

    return apply


def transform(rel: str, change: Callable[[bytes], bytes]) -> Edit:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(change(path.read_bytes()))

    return apply


def descriptor(change: Callable[[dict[str, Any]], None]) -> Edit:
    """Change the northland-ics descriptor as a JSON object."""

    def apply(root: Path) -> None:
        path = root / DESCRIPTOR
        data = json.loads(path.read_text("utf-8"))
        change(data)
        path.write_text(json.dumps(data), "utf-8")

    return apply


def ssa(**fields: Any) -> Edit:
    return descriptor(lambda d: d["ssa"].update(fields))


def resources(change: Callable[[list[dict[str, Any]]], None]) -> Edit:
    return descriptor(lambda d: change(d["resources"]))


R = f"{PLAN}/results.csv"
IND = f"{PLAN}/indicators.csv"
V = f"{PLAN}/values.csv"
N = f"{PLAN}/initiatives.csv"
A = f"{PLAN}/assumptions.csv"
EVAL = "content/evaluations/e1.md"
NAR = "content/plans/northland-ics"
REV = "content/reviews/northland-ics"
GOOD_EVAL = (
    "---\nid: e1\ntitle: An evaluation\ntype: process\nplans: [northland-ics]\n"
    "evaluator: Larchmont\ncompleted: 2024-05-01\npublished: 2024-06-01\n---\nBody.\n"
)

CASES: list[Case] = [
    # -- the descriptor ---------------------------------------------------------------
    case(
        "json-syntax",
        replace(DESCRIPTOR, '"kind": "country-strategy",', '"kind": "country-strategy"'),
        expected=[("descriptor-not-json", DESCRIPTOR, 1, None)],
        wording=[
            "data/northland-ics/datapackage.json:1: is not valid JSON: Expecting ',' "
            "delimiter at column 112 (fix the JSON syntax (a missing comma or quote "
            "is the usual cause))",
        ],
    ),
    case(
        "json-not-utf8",
        transform(
            DESCRIPTOR,
            lambda b: b.replace(
                b"Northland Integrated", "Northl\xe4nd Integrated".encode("latin-1")
            ),
        ),
        expected=[("file-not-utf-8", DESCRIPTOR, 1, None)],
    ),
    case(
        "json-array",
        write(DESCRIPTOR, "[1, 2]"),
        expected=[("descriptor-not-object", DESCRIPTOR, None, None)],
    ),
    case(
        "json-empty-file",
        write(DESCRIPTOR, ""),
        expected=[("descriptor-not-json", DESCRIPTOR, 1, None)],
    ),
    case(
        "no-descriptor",
        delete(DESCRIPTOR),
        expected=[("descriptor-missing", "data/northland-ics", None, None)],
    ),
    case(
        "empty-package-folder",
        write("data/empty/.keep", ""),
        delete("data/empty/.keep"),
        expected=[("descriptor-missing", "data/empty", None, None)],
    ),
    case(
        "name-differs",
        descriptor(lambda d: d.update(name="southland-ics")),
        expected=[("package-name-mismatch", DESCRIPTOR, None, "name")],
    ),
    case(
        "invalid-folder-name",
        lambda root: (root / PLAN).rename(root / "data/Northland ICS"),
        expected=[
            ("package-name-mismatch", "data/Northland ICS/datapackage.json", None, "name"),
            ("plan-name-invalid", "data/Northland ICS/datapackage.json", None, "name"),
        ],
    ),
    case(
        "no-ssa",
        descriptor(lambda d: d.pop("ssa")),
        expected=[
            ("plan-metadata-missing", DESCRIPTOR, None, "ssa"),
            ("plan-title-missing", DESCRIPTOR, None, "ssa.title"),
            ("unknown-plan-kind", DESCRIPTOR, None, "ssa.kind"),
        ],
    ),
    case(
        "no-title",
        descriptor(lambda d: d["ssa"].pop("title")),
        expected=[("plan-title-missing", DESCRIPTOR, None, "ssa.title")],
    ),
    case(
        "unknown-kind",
        ssa(kind="strategy"),
        expected=[("unknown-plan-kind", DESCRIPTOR, None, "ssa.kind")],
    ),
    case(
        "bad-country",
        ssa(country="xn"),
        expected=[("country-code-invalid", DESCRIPTOR, None, "ssa.country")],
    ),
    case(
        "country-not-text",
        ssa(country=404),
        expected=[("country-code-invalid", DESCRIPTOR, None, "ssa.country")],
    ),
    case(
        "fiscal-year-13",
        ssa(fiscal_year_start=13),
        expected=[("fiscal-year-start-invalid", DESCRIPTOR, None, "ssa.fiscal_year_start")],
    ),
    case(
        "fiscal-year-text",
        ssa(fiscal_year_start="10"),
        expected=[("fiscal-year-start-quoted", DESCRIPTOR, None, "ssa.fiscal_year_start")],
    ),
    case(
        "period-reversed",
        ssa(period={"start": "2027-09-30", "end": "2023-10-01"}),
        expected=[("plan-period-reversed", DESCRIPTOR, None, "ssa.period")],
    ),
    case(
        "period-not-a-date",
        ssa(period={"start": "2023-13-01", "end": "soon"}),
        expected=[
            ("plan-period-date-invalid", DESCRIPTOR, None, "ssa.period.start"),
            ("plan-period-date-invalid", DESCRIPTOR, None, "ssa.period.end"),
        ],
    ),
    case(
        "period-not-object",
        ssa(period="2024-2027"),
        expected=[("plan-period-not-object", DESCRIPTOR, None, "ssa.period")],
    ),
    case(
        "unknown-level-preset",
        ssa(levels="pyramid"),
        expected=[("unknown-level-preset", DESCRIPTOR, None, "ssa.levels")],
    ),
    case(
        "levels-twice",
        ssa(levels=["goal", "objective", "goal"]),
        expected=[
            ("level-listed-twice", DESCRIPTOR, None, "ssa.levels"),
            ("unknown-level", R, 4, "level"),
            ("unknown-level", R, 5, "level"),
        ],
    ),
    case(
        "levels-empty",
        ssa(levels=[]),
        expected=[("levels-invalid", DESCRIPTOR, None, "ssa.levels")],
    ),
    case(
        "bad-visibility",
        ssa(visibility="secret"),
        expected=[("unknown-plan-visibility", DESCRIPTOR, None, "ssa.visibility")],
    ),
    case(
        "no-resources",
        descriptor(lambda d: d.update(resources=[])),
        expected=[("no-resources", DESCRIPTOR, None, "resources")],
    ),
    case(
        "resources-not-list",
        descriptor(lambda d: d.update(resources={"results": "results.csv"})),
        expected=[("resources-not-list", DESCRIPTOR, None, "resources")],
    ),
    case(
        "duplicate-resource",
        resources(lambda r: r.append({"name": "results", "path": "results.csv"})),
        expected=[("resource-listed-twice", DESCRIPTOR, None, "resources[6].name")],
    ),
    case(
        "unknown-resource",
        resources(lambda r: r.append({"name": "outcomes", "path": "results.csv"})),
        expected=[("unknown-resource", DESCRIPTOR, None, "resources[6].name")],
    ),
    case(
        "no-results-resource",
        resources(lambda r: r.pop(0)),
        expected=[("results-resource-missing", DESCRIPTOR, None, "resources")],
    ),
    case(
        "resource-url",
        resources(lambda r: r[2].update(path="https://example.org/values.csv")),
        expected=[("resource-path-url", DESCRIPTOR, None, "resources[3].path")],
    ),
    case(
        "resource-absolute",
        resources(lambda r: r[2].update(path="/etc/passwd")),
        expected=[("resource-path-absolute", DESCRIPTOR, None, "resources[3].path")],
    ),
    case(
        "resource-windows-absolute",
        resources(lambda r: r[2].update(path="C:\\data\\values.csv")),
        expected=[("resource-path-absolute", DESCRIPTOR, None, "resources[3].path")],
    ),
    case(
        "resource-traversal",
        resources(lambda r: r[2].update(path="../agency-framework/results.csv")),
        expected=[("resource-path-outside-package", DESCRIPTOR, None, "resources[3].path")],
        wording=[
            "data/northland-ics/datapackage.json: resources[3].path: "
            "'../agency-framework/results.csv' leads outside the package folder (use "
            'a CSV file inside the package folder, e.g. "values.csv")',
        ],
    ),
    case(
        "resource-symlink-out",
        write("outside.csv", "indicator,period,kind\n"),
        symlink(V, "../../outside.csv"),
        expected=[("resource-path-linked-outside-package", DESCRIPTOR, None, "resources[3].path")],
    ),
    case(
        "resource-missing-file",
        delete(V),
        expected=[("resource-file-missing", DESCRIPTOR, None, "resources[3].path")],
    ),
    case(
        "resource-no-path",
        resources(lambda r: r[2].pop("path")),
        expected=[("resource-path-missing", DESCRIPTOR, None, "resources[3].path")],
    ),
    # A refused results resource is the one error: no initiative or narrative is reported
    # again for naming a result it would have held.
    case(
        "results-resource-missing-file",
        delete(R),
        expected=[("resource-file-missing", DESCRIPTOR, None, "resources[1].path")],
    ),
    case(
        "results-resource-no-path",
        resources(lambda r: r[0].pop("path")),
        expected=[("resource-path-missing", DESCRIPTOR, None, "resources[1].path")],
    ),
    case(
        "results-resource-outside",
        resources(lambda r: r[0].update(path="../agency-framework/results.csv")),
        expected=[("resource-path-outside-package", DESCRIPTOR, None, "resources[1].path")],
    ),
    case(
        "resource-schema-not-object",
        resources(lambda r: r[2].update(schema="values.json")),
        expected=[("resource-schema-not-object", DESCRIPTOR, None, "resources[3].schema")],
    ),
    case(
        "resource-not-object",
        resources(lambda r: r.append("values.csv")),
        expected=[("resource-not-object", DESCRIPTOR, None, "resources[6]")],
    ),
    # -- CSV files ------------------------------------------------------------------------
    case(
        "csv-empty-file",
        write(V, ""),
        expected=[("csv-empty", V, None, None)],
    ),
    case("csv-header-only", write(V, "indicator,period,kind,value\n"), expected=[]),
    case(
        "csv-results-header-only",
        write(R, "id,parent,level,title\n"),
        expected=[
            ("reference-to-no-row", IND, 2, "result"),
            ("reference-to-no-row", IND, 3, "result"),
            ("reference-to-no-row", IND, 4, "result"),
            ("reference-to-no-row", IND, 5, "result"),
            ("reference-to-no-row", A, 2, "result"),
            ("reference-to-no-row", A, 3, "result"),
            ("unknown-initiative-result", N, 2, "results"),
            ("unknown-initiative-result", N, 3, "results"),
            ("unknown-narrated-result", f"{NAR}/O1.1.md", None, "result"),
            ("unknown-narrated-result", f"{NAR}/O1.2.md", None, "result"),
        ],
    ),
    case(
        "csv-not-utf8",
        transform(
            R, lambda b: b.replace(b"crossings expands", "crossings exp\xe4nds".encode("latin-1"))
        ),
        expected=[("csv-not-utf-8", R, 4, None)],
    ),
    case(
        "csv-utf16",
        transform(A, lambda b: b.decode("utf-8").encode("utf-16")),
        expected=[("csv-not-utf-8", A, 1, None)],
    ),
    case(
        "csv-bom-accepted",
        transform(V, lambda b: b"\xef\xbb\xbf" + b),
        transform(R, lambda b: b"\xef\xbb\xbf" + b),
        expected=[],
    ),
    case(
        "csv-crlf-accepted",
        transform(V, lambda b: b.replace(b"\n", b"\r\n")),
        transform(IND, lambda b: b.replace(b"\n", b"\r\n")),
        expected=[],
    ),
    case(
        "csv-unclosed-quote",
        replace(A, "Retention allowances", '"Retention allowances'),
        expected=[("unclosed-quote", A, 2, None)],
        wording=[
            "data/northland-ics/assumptions.csv:2: a quoted cell that starts on this "
            'row is never closed (add the closing double quote ("), or remove the '
            "opening one)",
        ],
    ),
    case(
        "csv-missing-required-column",
        transform(R, lambda b: b.replace(b",title,", b",name,", 1)),
        expected=[("required-column-missing", R, 1, "title")],
    ),
    case(
        "csv-blank-header",
        transform(A, lambda b: b.replace(b"risk,mitigation", b"risk,,mitigation", 1)),
        expected=[("header-cell-blank", A, 1, "column 4")],
    ),
    case(
        "csv-duplicate-column",
        transform(A, lambda b: b.replace(b"risk,mitigation", b"risk,risk", 1)),
        expected=[("duplicate-column", A, 1, "risk")],
    ),
    case(
        "csv-unknown-column-warns",
        transform(A, lambda b: b.replace(b"mitigation,", b"mitigaton,", 1)),
        expected=[],
    ),
    case(
        "csv-extra-cells",
        append(A, "O1.1,Another assumption,low,,,surplus"),
        expected=[("extra-cells", A, 4, None)],
    ),
    case(
        "csv-missing-cells",
        append(A, "O1.1,Another assumption"),
        expected=[
            ("missing-cells", A, 4, "risk"),
            ("missing-cells", A, 4, "mitigation"),
            ("missing-cells", A, 4, "visibility"),
        ],
    ),
    case(
        "text-in-number",
        replace(V, "I2,FY2023,baseline,10", "I2,FY2023,baseline,ten"),
        expected=[("cell-not-a-type", V, 7, "value")],
    ),
    case(
        "number-with-percent",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,14%"),
        expected=[("cell-not-a-type", V, 9, "value")],
    ),
    case(
        "bad-date",
        replace(V, "2023-10-15", "15/10/2023"),
        expected=[("cell-not-a-type", V, 2, "reported")],
        wording=[
            "data/northland-ics/values.csv:2: reported: '15/10/2023' is not a date "
            "(write the date as YYYY-MM-DD)",
        ],
    ),
    case(
        "impossible-date",
        replace(V, "2023-10-15", "2023-02-30"),
        expected=[("cell-not-a-type", V, 2, "reported")],
    ),
    case(
        "bad-boolean",
        transform(
            IND,
            lambda b: b.replace(b",visibility\n", b",cumulative\n", 1).replace(
                b"Customs,,,\n", b"Customs,,,yes\n", 1
            ),
        ),
        expected=[
            ("cell-not-a-type", IND, 3, "cumulative"),
            ("cell-not-a-type", IND, 4, "cumulative"),
        ],
    ),
    case(
        "enum-value",
        replace(V, "I2,FY2025,target", "I2,FY2025,forecast"),
        expected=[("value-not-allowed", V, 8, "kind")],
    ),
    case(
        "enum-measure",
        replace(IND, ",percentage,increase,", ",percent,up,"),
        expected=[
            ("value-not-allowed", IND, 2, "measure"),
            ("value-not-allowed", IND, 2, "direction"),
        ],
        wording=[
            "data/northland-ics/indicators.csv:2: measure: 'percent' is not allowed "
            "(use one of: unit, percentage, nominal, ordinal, qualitative)",
            "data/northland-ics/indicators.csv:2: direction: 'up' is not allowed (use"
            " one of: increase, decrease, maintain)",
        ],
    ),
    case(
        "required-empty",
        replace(R, "Screening at crossings expands", ""),
        expected=[("required-value-missing", R, 4, "title")],
    ),
    case(
        "duplicate-id",
        append(R, "O1,G1,objective,Another objective,,,"),
        expected=[("duplicate-row-id", R, 6, "id")],
    ),
    case(
        "dangling-parent",
        replace(R, "O1.1,O1,", "O1.1,O9,"),
        expected=[("reference-to-no-row", R, 4, "parent")],
    ),
    case(
        "dangling-indicator-result",
        replace(IND, "I2,O1,", "I2,O7,"),
        expected=[("reference-to-no-row", IND, 3, "result")],
    ),
    case(
        "dangling-value-indicator",
        append(V, "I9,FY2024,actual,3,,,,,"),
        expected=[("reference-to-no-row", V, 12, "indicator")],
    ),
    case(
        "cycle",
        replace(R, "G1,,goal", "G1,O1.1,goal"),
        expected=[("level-not-below-parent", R, 2, "level"), ("result-cycle", R, 2, "parent")],
    ),
    case(
        "level-order",
        replace(R, "O1.1,O1,sub-objective", "O1.1,O1,goal"),
        expected=[("level-not-below-parent", R, 4, "level")],
    ),
    case(
        "unknown-level",
        replace(R, "O1,G1,objective", "O1,G1,outcome"),
        expected=[("unknown-level", R, 3, "level")],
    ),
    case(
        "bad-period",
        replace(V, "I2,FY2024,actual", "I2,2024-Q5,actual"),
        expected=[("value-period-invalid", V, 9, "period")],
    ),
    case(
        "period-short-fy",
        replace(V, "I2,FY2024,actual", "I2,FY24,actual"),
        expected=[("value-period-invalid", V, 9, "period")],
    ),
    case(
        "period-fy-month",
        replace(V, "I2,FY2024,actual", "I2,FY2024-03,actual"),
        expected=[("value-period-invalid", V, 9, "period")],
    ),
    case(
        "period-year-range",
        replace(V, "I2,FY2024,actual", "I2,1850,actual"),
        expected=[("value-period-invalid", V, 9, "period")],
    ),
    case(
        "aligns-to-unknown-plan",
        replace(R, "agency-framework:AG1", "agency-frame:AG1"),
        expected=[("unknown-plan", R, 2, "aligns_to")],
    ),
    case(
        "aligns-to-unknown-result",
        replace(R, "agency-framework:AG1", "agency-framework:AG9"),
        expected=[("unknown-aligned-result", R, 2, "aligns_to")],
        wording=[
            "data/northland-ics/results.csv:2: aligns_to: 'agency-framework:AG9' "
            "names no result 'AG9' in plan 'agency-framework' (correct the id or add "
            "the result to data/agency-framework/results.csv)",
        ],
    ),
    case(
        "aligns-to-not-a-reference",
        replace(R, "agency-framework:AG1", "AG1"),
        expected=[("aligns-to-malformed", R, 2, "aligns_to")],
    ),
    case(
        "aligns-to-same-plan",
        replace(R, "agency-framework:AO1", "northland-ics:G1"),
        expected=[("aligns-to-own-plan", R, 3, "aligns_to")],
    ),
    case(
        "id-not-for-urls",
        replace(R, "O1.1,O1,", "O1 1,O1,"),
        replace(IND, "I1,O1.1,", "I1,O1 1,"),
        replace(A, "O1.1,Staff", "O1 1,Staff"),
        replace(N, "Border screening program,O1.1", "Border screening program,O1 1"),
        expected=[
            ("reference-to-no-row", IND, 4, "result"),
            ("reference-to-no-row", A, 3, "result"),
            ("id-not-url-safe", R, 4, "id"),
            ("unknown-initiative-result", N, 3, "results"),
            ("unknown-narrated-result", f"{NAR}/O1.1.md", None, "result"),
        ],
    ),
    case(
        "qualitative-with-number",
        replace(
            IND,
            "Seizures per month,Average monthly seizures,number,unit",
            "Seizures per month,Average monthly seizures,number,qualitative",
        ),
        expected=[
            ("number-for-qualitative", V, 7, "value"),
            ("number-for-qualitative", V, 9, "value"),
            ("number-for-qualitative", V, 8, "value"),
        ],
    ),
    case(
        "value-empty",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,"),
        expected=[("empty-value", V, 9, "value")],
    ),
    case(
        "duplicate-value",
        append(V, "I2,FY2024,actual,15,,,,,"),
        expected=[("duplicate-value", V, 9, "period")],
    ),
    case(
        "huge-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,1e308"),
        replace(N, "4500000,135000", "1000000000000000,135000"),
        expected=[("number-too-large", V, 9, "value"), ("number-too-large", N, 2, "budget")],
    ),
    case(
        "large-number-accepted",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,999999999999999"),
        replace(N, "4500000,135000", "999999999999999,135000"),
    ),
    case(
        "overflowing-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,1e309"),
        expected=[("number-not-finite", V, 9, "value")],
    ),
    case(
        "not-a-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,NaN"),
        replace(V, "I2,FY2025,target,20", "I2,FY2025,target,INF"),
        expected=[("number-not-finite", V, 8, "value"), ("number-not-finite", V, 9, "value")],
    ),
    case(
        "huge-cell-accepted",
        replace(R, "Screening at crossings expands", "Screening " * 1000),
        expected=[],
    ),
    case(
        "huge-id",
        replace(R, "O1.2,O1,", "O" * 10000 + ",O1,"),
        expected=[
            ("reference-to-no-row", IND, 5, "result"),
            ("id-not-url-safe", R, 5, "id"),
            ("unknown-narrated-result", f"{NAR}/O1.2.md", None, "result"),
        ],
        wording=[
            "data/northland-ics/indicators.csv:5: result: 'O1.2' matches no id in "
            "results (add a row with id 'O1.2' to results, or correct the reference)",
            "data/northland-ics/results.csv:5: id: 'OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO"
            "OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO' cannot be used in a web"
            " address (use up to 64 letters, digits, '.', '-' and '_', starting with "
            "a letter or digit)",
            "content/plans/northland-ics/O1.2.md: result: narrates result 'O1.2', "
            "which plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
        ],
    ),
    case(
        "initiative-dates-reversed",
        replace(N, "2023-11-01,2026-09-30", "2026-09-30,2023-11-01"),
        expected=[("end-before-start", N, 2, "end")],
    ),
    case(
        "me-budget-over-budget",
        replace(N, "4500000,135000", "4500000,5000000"),
        expected=[("me-budget-over-budget", N, 2, "me_budget")],
    ),
    case(
        "initiative-unknown-result",
        replace(N, "Border screening program,O1.1", "Border screening program,O1.1; O4"),
        expected=[("unknown-initiative-result", N, 2, "results")],
    ),
    case(
        "assumption-bad-risk",
        replace(A, "medium", "severe"),
        expected=[("value-not-allowed", A, 2, "risk")],
    ),
    # -- narratives, reviews and evaluations -------------------------------------------
    case(
        "narrative-unknown-plan",
        write("content/plans/southland-ics/index.md", "# Southland\n"),
        expected=[("unknown-narrated-plan", "content/plans/southland-ics/index.md", None, "plan")],
        wording=[
            "content/plans/southland-ics/index.md: plan: narrates plan "
            "'southland-ics', which does not exist (rename the folder or set 'plan:' "
            "to one of: agency-framework, northland-ics)",
        ],
    ),
    case(
        "narrative-unknown-result",
        write("content/plans/northland-ics/O9.md", "Text.\n"),
        expected=[("unknown-narrated-result", f"{NAR}/O9.md", None, "result")],
    ),
    case(
        "narrative-not-utf8",
        write("content/plans/northland-ics/O1.md", "Caf\xe9\n".encode("latin-1")),
        expected=[("file-not-utf-8", f"{NAR}/O1.md", 1, None)],
    ),
    case(
        "narrative-bad-yaml",
        write("content/plans/northland-ics/O1.md", "---\ntitle: [unclosed\n---\nText.\n"),
        expected=[("front-matter-invalid-yaml", f"{NAR}/O1.md", 2, "front matter")],
    ),
    case(
        "narrative-bad-visibility",
        write("content/plans/northland-ics/O1.md", "---\nvisibility: staff\n---\nText.\n"),
        expected=[("unknown-page-visibility", f"{NAR}/O1.md", None, "visibility")],
    ),
    case(
        "narrative-front-matter-plan",
        write(
            "content/plans/northland-ics/extra.md",
            "---\nplan: southland-ics\nresult: G1\n---\nText.\n",
        ),
        expected=[("unknown-narrated-plan", f"{NAR}/extra.md", None, "plan")],
    ),
    case(
        "narrative-twice",
        write("content/plans/northland-ics/goal.md", "---\nresult: O1.1\n---\nText.\n"),
        expected=[("duplicate-result-narrative", f"{NAR}/goal.md", None, None)],
    ),
    case(
        "review-unknown-plan",
        write("content/reviews/southland-ics/2024-10-01.md", "Review.\n"),
        expected=[
            ("unknown-reviewed-plan", "content/reviews/southland-ics/2024-10-01.md", None, "plan")
        ],
    ),
    case(
        "review-not-a-date",
        write("content/reviews/northland-ics/2024-13-01.md", "Review.\n"),
        write("content/reviews/northland-ics/latest.md", "Review.\n"),
        expected=[
            ("review-date-invalid", f"{REV}/2024-13-01.md", None, "file name"),
            ("review-date-invalid", f"{REV}/latest.md", None, "file name"),
        ],
    ),
    case(
        "review-misplaced",
        write("content/reviews/2024-10-01.md", "Review.\n"),
        expected=[("review-misplaced", "content/reviews/2024-10-01.md", None, None)],
    ),
    case(
        "review-bad-yaml",
        write("content/reviews/northland-ics/2024-09-01.md", "---\ntitle: 'open\n---\nReview.\n"),
        expected=[("front-matter-invalid-yaml", f"{REV}/2024-09-01.md", 2, "front matter")],
    ),
    case(
        "evaluation-unknown-plan",
        write(EVAL, GOOD_EVAL.replace("plans: [northland-ics]", "plans: [southland-ics]")),
        expected=[("unknown-evaluated-plan", EVAL, 5, "plans[1]")],
    ),
    case(
        "evaluation-bad-yaml",
        write(EVAL, "---\nid: e1\ntitle: [unclosed\n---\nBody.\n"),
        expected=[("front-matter-invalid-yaml", EVAL, 3, "front matter")],
        wording=[
            "content/evaluations/e1.md:3: front matter: is not valid YAML: expected "
            "',' or ']', but got '<stream end>' (while parsing a flow sequence) (fix "
            "the YAML between the --- lines)",
        ],
    ),
    case(
        "evaluation-not-mapping",
        write(EVAL, "---\n- a list\n---\nBody.\n"),
        expected=[("front-matter-not-a-mapping", EVAL, 1, "front matter")],
    ),
    case(
        "evaluation-no-front-matter",
        write(EVAL, "Just a body.\n"),
        expected=[("evaluation-front-matter-missing", EVAL, None, "")],
    ),
    case(
        "evaluation-fields",
        write(
            EVAL,
            GOOD_EVAL.replace("type: process", "type: audit")
            .replace("completed: 2024-05-01", "completed: 2024-05-32")
            .replace("id: e1", "id: e2")
            + "",
        ),
        expected=[
            ("evaluation-id-mismatch", EVAL, 2, "id"),
            ("not-a-choice", EVAL, 4, "type"),
            ("not-a-date", EVAL, 7, "completed"),
        ],
    ),
    case(
        "evaluation-references",
        write(
            EVAL,
            GOOD_EVAL.replace(
                "plans: [northland-ics]",
                "results: [northland-ics:O9, O1.1, southland:G1]\ninitiatives: [northland-ics:P9]",
            ),
        ),
        expected=[
            ("evaluation-reference-unknown-id", EVAL, 5, "results[1]"),
            ("evaluation-reference-unqualified", EVAL, 5, "results[2]"),
            ("evaluation-reference-unknown-plan", EVAL, 5, "results[3]"),
            ("evaluation-reference-unknown-id", EVAL, 6, "initiatives[1]"),
        ],
    ),
    case(
        "evaluation-recommendations",
        write(
            EVAL,
            GOOD_EVAL.replace(
                "---\nBody",
                "recommendations:\n  - {id: R1, text: Do it, response: maybe}\n"
                "  - {id: R1, response: accept}\n  - just text\n---\nBody",
            ),
        ),
        expected=[
            ("not-a-choice", EVAL, 10, "recommendations[1].response"),
            ("duplicate-recommendation-id", EVAL, 11, "recommendations[2].id"),
            ("field-missing", EVAL, 11, "recommendations[2].text"),
            ("recommendation-not-a-mapping", EVAL, 12, "recommendations[3]"),
        ],
    ),
    case(
        "evaluation-report-url",
        write(EVAL, GOOD_EVAL.replace("---\nBody", "report_url: javascript:alert(1)\n---\nBody")),
        expected=[("report-url-not-web-address", EVAL, 9, "report_url")],
    ),
    case(
        "evaluation-not-utf8",
        write(EVAL, GOOD_EVAL.encode().replace(b"Larchmont", "L\xe4rchmont".encode("latin-1"))),
        expected=[("file-not-utf-8", EVAL, 6, None)],
    ),
    # -- the project --------------------------------------------------------------------
    case(
        "csv-control-characters",
        replace(N, "Border screening program", "Border\x01screening\x0bprogram"),
        replace(IND, "Share of crossings screened", "Share\x08of crossings"),
        expected=[("control-character", IND, 2, None), ("control-character", N, 2, None)],
        wording=[
            f"{IND}:2: holds the control character U+0008 {CONTROL_FIX}",
            f"{N}:2: holds the control character U+0001 {CONTROL_FIX}",
        ],
    ),
    case(
        "descriptor-control-character",
        ssa(title="Northland\x07 strategy"),
        expected=[("control-character", DESCRIPTOR, None, "ssa.title")],
    ),
    case(
        "evaluation-control-character",
        write(
            EVAL,
            GOOD_EVAL.replace("title: An evaluation", 'title: "An\\x01 evaluation"').replace(
                "---\nBody", 'questions: ["Why\\x1b?"]\n---\nBody'
            ),
        ),
        expected=[
            ("control-character", EVAL, 3, "title"),
            ("control-character", EVAL, 9, "questions[1]"),
        ],
    ),
    case(
        "review-title-control-character",
        write(
            "content/reviews/northland-ics/2024-09-01.md", '---\ntitle: "Review\\x0c"\n---\nR.\n'
        ),
        expected=[("control-character", f"{REV}/2024-09-01.md", None, "title")],
    ),
    case(
        "page-bad-yaml",
        write("content/staff.md", "---\nvisibility: internal\ntitle: [oops\n---\nSecret.\n"),
        expected=[("front-matter-invalid-yaml", "content/staff.md", 3, "front matter")],
    ),
    case(
        "page-bad-visibility",
        write("content/staff.md", "---\nvisibility: Internal\n---\nSecret.\n"),
        expected=[("unknown-page-visibility", "content/staff.md", None, "visibility")],
    ),
    case(
        "no-data-folder",
        lambda root: shutil.rmtree(root / "data"),
        expected=[("data-folder-missing", "data", None, None)],
    ),
    case(
        "many-problems-one-run",
        replace(V, "I2,FY2023,baseline,10", "I2,FY2023,baseline,ten"),
        replace(R, "O1,G1,objective", "O1,G1,outcome"),
        ssa(kind="strategy"),
        write("content/plans/northland-ics/O9.md", "Text.\n"),
        expected=[
            ("unknown-plan-kind", DESCRIPTOR, None, "ssa.kind"),
            ("cell-not-a-type", V, 7, "value"),
            ("unknown-level", R, 3, "level"),
            ("unknown-narrated-result", f"{NAR}/O9.md", None, "result"),
        ],
        wording=[
            "data/northland-ics/datapackage.json: ssa.kind: 'strategy' is not a plan "
            "kind (use one of country-strategy, regional-strategy, "
            "functional-strategy, agency-framework, initiative)",
            "data/northland-ics/values.csv:7: value: 'ten' is not a number (write a "
            "number such as 42 or 3.5, without units, '%' or thousands separators; a "
            "qualitative value goes in the 'text' column)",
            "data/northland-ics/results.csv:3: level: 'outcome' is not a level of "
            "this plan (use one of: goal, objective, sub-objective (or change "
            "ssa.levels))",
            "content/plans/northland-ics/O9.md: result: narrates result 'O9', which "
            "plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
        ],
    ),
]


FORMAT = re.compile(r"^[^:\s][^:]*(?::\d+)?: (?:[\w.\[\] -]+: )?.+ \(.+\)$", re.S)


def apply(case: Case, root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    for edit in case.edits:
        edit(root)
    return root


def load(case: Case, tmp_path: Path) -> Site:
    root = apply(case, tmp_path / "site")
    return load_site(root, root / "data", root / "content", "internal")


def test_the_corpus_is_large_and_its_names_unique() -> None:
    names = [c.name for c in CASES]
    assert len(set(names)) == len(names)
    assert len([c for c in CASES if c.expected]) >= 40
    assert all(c.wording for c in CASES if c.name in CLI_CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_clearly(case: Case, tmp_path: Path) -> None:
    site = load(case, tmp_path)
    assert [(p.code, p.path, p.row, p.field) for p in site.errors] == list(case.expected)
    for problem in site.problems:
        assert problem.code and problem.code in ProblemType.registry, str(problem)
        assert FORMAT.match(str(problem)), str(problem)
        assert "\n" not in str(problem) and "Traceback" not in str(problem)


@pytest.mark.parametrize("case", [c for c in CASES if c.wording], ids=lambda c: c.name)
def test_the_wording_of_a_few_cases(case: Case, tmp_path: Path) -> None:
    assert [str(p) for p in load(case, tmp_path).errors] == list(case.wording)


def test_accepted_inputs_load_like_the_originals(tmp_path: Path) -> None:
    """A byte-order mark and Windows line ends change nothing in the model."""
    original = load_site(FIXTURE, FIXTURE / "data", FIXTURE / "content", "internal")
    for name in ("csv-bom-accepted", "csv-crlf-accepted"):
        case = next(c for c in CASES if c.name == name)
        root = apply(case, tmp_path / name)
        site = load_site(root, root / "data", root / "content", "internal")
        assert site.problems == original.problems
        assert site.plans == original.plans


@pytest.mark.slow
def test_accepted_inputs_build(tmp_path: Path) -> None:
    root = tmp_path / "accepted"
    shutil.copytree(FIXTURE, root)
    for case in CASES:
        if case.name.endswith("-accepted"):
            for edit in case.edits:
                edit(root)
    site = build(root, "internal", strict=False)
    page = (site / "plans/northland-ics/indicators/I2/index.html").read_text("utf-8")
    assert "999,999,999,999,999" in page
    assert "Screening " * 50 in (site / "plans/northland-ics/results/O1.1/index.html").read_text(
        "utf-8"
    )


CLI_CASES = ("json-syntax", "csv-unclosed-quote", "evaluation-bad-yaml", "many-problems-one-run")


@pytest.mark.slow
@pytest.mark.parametrize("name", CLI_CASES)
def test_mkdocs_build_fails_with_the_problems_and_no_traceback(name: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    root = apply(case, tmp_path / "site")
    status, output = mkdocs_build_output(root, "--strict")
    assert status != 0
    assert "Traceback" not in output
    for line in case.wording:
        assert line in output, line
    assert "nothing was built" in output
    assert not list((root / "out").rglob("*.html"))


@pytest.mark.slow
def test_a_bad_source_date_epoch_is_reported_not_raised(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    status, output = mkdocs_build_output(root, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert status != 0 and "Traceback" not in output
    assert (
        "SOURCE_DATE_EPOCH: 'yesterday' is not a number of seconds since 1970-01-01 (unset it, "
        "or set it to e.g. the time of the last commit: git log -1 --format=%ct)"
    ) in output
    assert source_date({"SOURCE_DATE_EPOCH": "-5"}) is None  # MkDocs cannot date pages by it
    assert str(source_date({"SOURCE_DATE_EPOCH": " 86400 "})) == "1970-01-02"
