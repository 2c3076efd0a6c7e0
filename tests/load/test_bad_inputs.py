"""Every broken input gives clear problems, all in one run, and never a traceback (SPEC §5).

The corpus is a table of mutations of ``tests/fixtures/minimal``: each case lists its edits
and the exact error lines ``load_site`` must report (``path:row: field: what is wrong (fix)``,
or ``path: field: …`` when there is no row). Cases expecting nothing are inputs that must be
accepted: a byte-order mark and Windows line ends (Excel writes both), a number just below
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
from ssa_site.project import load_site

FIXTURE = FIXTURES / "minimal"
CONTROL_FIX = "(delete it: such characters often come from copying text out of another program)"


Edit = Callable[[Path], None]
PLAN = "data/northland-ics"
DESCRIPTOR = f"{PLAN}/datapackage.json"


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    expected: tuple[str, ...]


def case(name: str, *edits: Edit, expected: tuple[str, ...] | list[str] = ()) -> Case:
    return Case(name, edits, tuple(expected))


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
GOOD_EVAL = (
    "---\nid: e1\ntitle: An evaluation\ntype: process\nplans: [northland-ics]\n"
    "evaluator: Larchmont\ncompleted: 2024-05-01\npublished: 2024-06-01\n---\nBody.\n"
)

CASES: list[Case] = [
    # -- the descriptor ---------------------------------------------------------------
    case(
        "json-syntax",
        replace(DESCRIPTOR, '"kind": "country-strategy",', '"kind": "country-strategy"'),
        expected=[
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
        expected=[
            "data/northland-ics/datapackage.json:1: is not UTF-8 text (byte 0xe4) (save "
            "the file with the UTF-8 encoding)",
        ],
    ),
    case(
        "json-array",
        write(DESCRIPTOR, "[1, 2]"),
        expected=[
            "data/northland-ics/datapackage.json: must be a JSON object (wrap the package in { })",
        ],
    ),
    case(
        "json-empty-file",
        write(DESCRIPTOR, ""),
        expected=[
            "data/northland-ics/datapackage.json:1: is not valid JSON: Expecting "
            "value at column 1 (fix the JSON syntax (a missing comma or quote is the "
            "usual cause))",
        ],
    ),
    case(
        "no-descriptor",
        delete(DESCRIPTOR),
        expected=[
            "data/northland-ics: the folder has no datapackage.json (add a "
            "datapackage.json describing the plan, or move the folder out of data/)",
        ],
    ),
    case(
        "empty-package-folder",
        write("data/empty/.keep", ""),
        delete("data/empty/.keep"),
        expected=[
            "data/empty: the folder has no datapackage.json (add a datapackage.json "
            "describing the plan, or move the folder out of data/)",
        ],
    ),
    case(
        "name-differs",
        descriptor(lambda d: d.update(name="southland-ics")),
        expected=[
            "data/northland-ics/datapackage.json: name: 'southland-ics' differs from "
            "the folder name 'northland-ics' (rename the folder or the package so "
            "they match)",
        ],
    ),
    case(
        "invalid-folder-name",
        lambda root: (root / PLAN).rename(root / "data/Northland ICS"),
        expected=[
            "data/Northland ICS/datapackage.json: name: 'northland-ics' differs from "
            "the folder name 'Northland ICS' (rename the folder or the package so "
            "they match)",
            "data/Northland ICS/datapackage.json: name: 'Northland ICS' is not a "
            "valid plan name (use lower-case letters, digits and '-', e.g. "
            "northland-ics)",
        ],
    ),
    case(
        "no-ssa",
        descriptor(lambda d: d.pop("ssa")),
        expected=[
            "data/northland-ics/datapackage.json: ssa: the plan metadata is missing "
            '(add "ssa": {"title": ..., "kind": ..., "levels": ...})',
            "data/northland-ics/datapackage.json: ssa.title: the plan has no title (add a title)",
            "data/northland-ics/datapackage.json: ssa.kind: '' is not a plan kind "
            "(use one of country-strategy, regional-strategy, functional-strategy, "
            "agency-framework, initiative)",
        ],
    ),
    case(
        "no-title",
        descriptor(lambda d: d["ssa"].pop("title")),
        expected=[
            "data/northland-ics/datapackage.json: ssa.title: the plan has no title (add a title)",
        ],
    ),
    case(
        "unknown-kind",
        ssa(kind="strategy"),
        expected=[
            "data/northland-ics/datapackage.json: ssa.kind: 'strategy' is not a plan "
            "kind (use one of country-strategy, regional-strategy, "
            "functional-strategy, agency-framework, initiative)",
        ],
    ),
    case(
        "bad-country",
        ssa(country="xn"),
        expected=[
            "data/northland-ics/datapackage.json: ssa.country: 'xn' is not an ISO "
            "3166-1 alpha-3 code (write three capital letters, e.g. KEN)",
        ],
    ),
    case(
        "country-not-text",
        ssa(country=404),
        expected=[
            "data/northland-ics/datapackage.json: ssa.country: '404' is not an ISO "
            "3166-1 alpha-3 code (write three capital letters, e.g. KEN)",
        ],
    ),
    case(
        "fiscal-year-13",
        ssa(fiscal_year_start=13),
        expected=[
            "data/northland-ics/datapackage.json: ssa.fiscal_year_start: 13 is not a "
            "month (write a month number from 1 to 12, without quotes; 10 for US "
            "fiscal years)",
        ],
    ),
    case(
        "fiscal-year-text",
        ssa(fiscal_year_start="10"),
        expected=[
            'data/northland-ics/datapackage.json: ssa.fiscal_year_start: "10" is '
            "text, not a month number (write a month number from 1 to 12, without "
            "quotes; 10 for US fiscal years)",
        ],
    ),
    case(
        "period-reversed",
        ssa(period={"start": "2027-09-30", "end": "2023-10-01"}),
        expected=[
            "data/northland-ics/datapackage.json: ssa.period: ends before it starts "
            "(swap or correct the dates)",
        ],
    ),
    case(
        "period-not-a-date",
        ssa(period={"start": "2023-13-01", "end": "soon"}),
        expected=[
            "data/northland-ics/datapackage.json: ssa.period.start: '2023-13-01' is "
            "not a date (write the date as YYYY-MM-DD)",
            "data/northland-ics/datapackage.json: ssa.period.end: 'soon' is not a "
            "date (write the date as YYYY-MM-DD)",
        ],
    ),
    case(
        "period-not-object",
        ssa(period="2024-2027"),
        expected=[
            "data/northland-ics/datapackage.json: ssa.period: must be an object "
            '(write {"start": ..., "end": ...})',
        ],
    ),
    case(
        "unknown-level-preset",
        ssa(levels="pyramid"),
        expected=[
            "data/northland-ics/datapackage.json: ssa.levels: 'pyramid' is not a "
            "preset (use one of ics, results-chain, logic-model or a list of level "
            "names, top first)",
        ],
    ),
    case(
        "levels-twice",
        ssa(levels=["goal", "objective", "goal"]),
        expected=[
            "data/northland-ics/datapackage.json: ssa.levels: a level is listed twice"
            " (list each level once)",
            "data/northland-ics/results.csv:4: level: 'sub-objective' is not a level "
            "of this plan (use one of: goal, objective, goal (or change ssa.levels))",
            "data/northland-ics/results.csv:5: level: 'sub-objective' is not a level "
            "of this plan (use one of: goal, objective, goal (or change ssa.levels))",
        ],
    ),
    case(
        "levels-empty",
        ssa(levels=[]),
        expected=[
            "data/northland-ics/datapackage.json: ssa.levels: must be a preset name "
            "or a non-empty list of level names (use one of ics, results-chain, "
            "logic-model or a list such as [goal, objective])",
        ],
    ),
    case(
        "bad-visibility",
        ssa(visibility="secret"),
        expected=[
            "data/northland-ics/datapackage.json: ssa.visibility: 'secret' is not a "
            "visibility (use public or internal)",
        ],
    ),
    case(
        "no-resources",
        descriptor(lambda d: d.update(resources=[])),
        expected=[
            "data/northland-ics/datapackage.json: resources: the package lists no "
            'resources (add at least {"name": "results", "path": "results.csv"})',
        ],
    ),
    case(
        "resources-not-list",
        descriptor(lambda d: d.update(resources={"results": "results.csv"})),
        expected=[
            "data/northland-ics/datapackage.json: resources: must be a list of "
            'resources (write [{"name": "results", "path": "results.csv"}, ...])',
        ],
    ),
    case(
        "duplicate-resource",
        resources(lambda r: r.append({"name": "results", "path": "results.csv"})),
        expected=[
            "data/northland-ics/datapackage.json: resources[6].name: 'results' is "
            "listed twice (list it once)",
        ],
    ),
    case(
        "unknown-resource",
        resources(lambda r: r.append({"name": "outcomes", "path": "results.csv"})),
        expected=[
            "data/northland-ics/datapackage.json: resources[6].name: 'outcomes' is "
            "not a known resource (name it one of results, indicators, values, "
            "initiatives, assumptions)",
        ],
    ),
    case(
        "no-results-resource",
        resources(lambda r: r.pop(0)),
        expected=[
            "data/northland-ics/datapackage.json: resources: the package has no "
            'results resource (add {"name": "results", "path": "results.csv"})',
        ],
    ),
    case(
        "resource-url",
        resources(lambda r: r[2].update(path="https://example.org/values.csv")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: "
            "'https://example.org/values.csv' is a URL; the plugin never fetches data"
            " over the network (use a CSV file inside the package folder, e.g. "
            '"values.csv")',
        ],
    ),
    case(
        "resource-absolute",
        resources(lambda r: r[2].update(path="/etc/passwd")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: '/etc/passwd' is"
            " an absolute path (use a CSV file inside the package folder, e.g. "
            '"values.csv")',
        ],
    ),
    case(
        "resource-windows-absolute",
        resources(lambda r: r[2].update(path="C:\\data\\values.csv")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: "
            "'C:\\data\\values.csv' is an absolute path (use a CSV file inside the "
            'package folder, e.g. "values.csv")',
        ],
    ),
    case(
        "resource-traversal",
        resources(lambda r: r[2].update(path="../agency-framework/results.csv")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: "
            "'../agency-framework/results.csv' leads outside the package folder (use "
            'a CSV file inside the package folder, e.g. "values.csv")',
        ],
    ),
    case(
        "resource-symlink-out",
        write("outside.csv", "indicator,period,kind\n"),
        symlink(V, "../../outside.csv"),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: 'values.csv' "
            "leads outside the package folder (through a link) (use a CSV file inside"
            ' the package folder, e.g. "values.csv")',
        ],
    ),
    case(
        "resource-missing-file",
        delete(V),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: 'values.csv' "
            "does not exist (add data/northland-ics/values.csv or correct the path)",
        ],
    ),
    case(
        "resource-no-path",
        resources(lambda r: r[2].pop("path")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].path: is missing (add "
            '"path": "values.csv")',
        ],
    ),
    # A refused results resource is the one error: no initiative or narrative is reported
    # again for naming a result it would have held.
    case(
        "results-resource-missing-file",
        delete(R),
        expected=[
            "data/northland-ics/datapackage.json: resources[1].path: 'results.csv' "
            "does not exist (add data/northland-ics/results.csv or correct the path)",
        ],
    ),
    case(
        "results-resource-no-path",
        resources(lambda r: r[0].pop("path")),
        expected=[
            "data/northland-ics/datapackage.json: resources[1].path: is missing (add "
            '"path": "results.csv")',
        ],
    ),
    case(
        "results-resource-outside",
        resources(lambda r: r[0].update(path="../agency-framework/results.csv")),
        expected=[
            "data/northland-ics/datapackage.json: resources[1].path: "
            "'../agency-framework/results.csv' leads outside the package folder (use a "
            'CSV file inside the package folder, e.g. "results.csv")',
        ],
    ),
    case(
        "resource-schema-not-object",
        resources(lambda r: r[2].update(schema="values.json")),
        expected=[
            "data/northland-ics/datapackage.json: resources[3].schema: must be an "
            "inline Table Schema object (embed the schema, or leave it out to use the"
            " standard one)",
        ],
    ),
    case(
        "resource-not-object",
        resources(lambda r: r.append("values.csv")),
        expected=[
            "data/northland-ics/datapackage.json: resources[6]: must be an object "
            '(write {"name": ..., "path": ...})',
        ],
    ),
    # -- CSV files ------------------------------------------------------------------------
    case(
        "csv-empty-file",
        write(V, ""),
        expected=[
            "data/northland-ics/values.csv: the file is empty (add a header row with "
            "the columns of values)",
        ],
    ),
    case("csv-header-only", write(V, "indicator,period,kind,value\n"), expected=[]),
    case(
        "csv-results-header-only",
        write(R, "id,parent,level,title\n"),
        expected=[
            "data/northland-ics/indicators.csv:2: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/indicators.csv:3: result: 'O1' matches no id in "
            "results (add a row with id 'O1' to results, or correct the reference)",
            "data/northland-ics/indicators.csv:4: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/indicators.csv:5: result: 'O1.2' matches no id in "
            "results (add a row with id 'O1.2' to results, or correct the reference)",
            "data/northland-ics/assumptions.csv:2: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/assumptions.csv:3: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/initiatives.csv:2: results: 'O1.1' is not a result of"
            " this plan (use ids from data/northland-ics/results.csv)",
            "data/northland-ics/initiatives.csv:3: results: 'O1.1' is not a result of"
            " this plan (use ids from data/northland-ics/results.csv)",
            "content/plans/northland-ics/O1.1.md: result: narrates result 'O1.1', "
            "which plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
            "content/plans/northland-ics/O1.2.md: result: narrates result 'O1.2', "
            "which plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
        ],
    ),
    case(
        "csv-not-utf8",
        transform(
            R, lambda b: b.replace(b"crossings expands", "crossings exp\xe4nds".encode("latin-1"))
        ),
        expected=[
            "data/northland-ics/results.csv:4: is not UTF-8 text (byte 0xe4) (save "
            "the file as 'CSV UTF-8' in your spreadsheet program)",
        ],
    ),
    case(
        "csv-utf16",
        transform(A, lambda b: b.decode("utf-8").encode("utf-16")),
        expected=[
            "data/northland-ics/assumptions.csv:1: is not UTF-8 text (byte 0xff) "
            "(save the file as 'CSV UTF-8' in your spreadsheet program)",
        ],
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
        expected=[
            "data/northland-ics/assumptions.csv:2: a quoted cell that starts on this "
            'row is never closed (add the closing double quote ("), or remove the '
            "opening one)",
        ],
    ),
    case(
        "csv-missing-required-column",
        transform(R, lambda b: b.replace(b",title,", b",name,", 1)),
        expected=[
            "data/northland-ics/results.csv:1: title: required column is missing (add"
            " a column named 'title' to the header row)",
        ],
    ),
    case(
        "csv-blank-header",
        transform(A, lambda b: b.replace(b"risk,mitigation", b"risk,,mitigation", 1)),
        expected=[
            "data/northland-ics/assumptions.csv:1: column 4: the header cell is blank"
            " (give every column a name, or delete the empty column)",
        ],
    ),
    case(
        "csv-duplicate-column",
        transform(A, lambda b: b.replace(b"risk,mitigation", b"risk,risk", 1)),
        expected=[
            "data/northland-ics/assumptions.csv:1: risk: the column appears twice "
            "(keep one of the two columns)",
        ],
    ),
    case(
        "csv-unknown-column-warns",
        transform(A, lambda b: b.replace(b"mitigation,", b"mitigaton,", 1)),
        expected=[],
    ),
    case(
        "csv-extra-cells",
        append(A, "O1.1,Another assumption,low,,,surplus"),
        expected=[
            "data/northland-ics/assumptions.csv:4: the row has more cells than the "
            "header (remove the extra cells)",
        ],
    ),
    case(
        "csv-missing-cells",
        append(A, "O1.1,Another assumption"),
        expected=[
            "data/northland-ics/assumptions.csv:4: risk: the row has fewer cells than"
            " the header (add the missing cells)",
            "data/northland-ics/assumptions.csv:4: mitigation: the row has fewer "
            "cells than the header (add the missing cells)",
            "data/northland-ics/assumptions.csv:4: visibility: the row has fewer "
            "cells than the header (add the missing cells)",
        ],
    ),
    case(
        "text-in-number",
        replace(V, "I2,FY2023,baseline,10", "I2,FY2023,baseline,ten"),
        expected=[
            "data/northland-ics/values.csv:7: value: 'ten' is not a number (write a "
            "number such as 42 or 3.5, without units, '%' or thousands separators; a "
            "qualitative value goes in the 'text' column)",
        ],
    ),
    case(
        "number-with-percent",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,14%"),
        expected=[
            "data/northland-ics/values.csv:9: value: '14%' is not a number (write a "
            "number such as 42 or 3.5, without units, '%' or thousands separators; a "
            "qualitative value goes in the 'text' column)",
        ],
    ),
    case(
        "bad-date",
        replace(V, "2023-10-15", "15/10/2023"),
        expected=[
            "data/northland-ics/values.csv:2: reported: '15/10/2023' is not a date "
            "(write the date as YYYY-MM-DD)",
        ],
    ),
    case(
        "impossible-date",
        replace(V, "2023-10-15", "2023-02-30"),
        expected=[
            "data/northland-ics/values.csv:2: reported: '2023-02-30' is not a date "
            "(write the date as YYYY-MM-DD)",
        ],
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
            "data/northland-ics/indicators.csv:3: cumulative: 'yes' is not a boolean "
            "(write true or false)",
            "data/northland-ics/indicators.csv:4: cumulative: 'internal' is not a "
            "boolean (write true or false)",
        ],
    ),
    case(
        "enum-value",
        replace(V, "I2,FY2025,target", "I2,FY2025,forecast"),
        expected=[
            "data/northland-ics/values.csv:8: kind: 'forecast' is not allowed (use "
            "one of: baseline, target, actual)",
        ],
    ),
    case(
        "enum-measure",
        replace(IND, ",percentage,increase,", ",percent,up,"),
        expected=[
            "data/northland-ics/indicators.csv:2: measure: 'percent' is not allowed "
            "(use one of: unit, percentage, nominal, ordinal, qualitative)",
            "data/northland-ics/indicators.csv:2: direction: 'up' is not allowed (use"
            " one of: increase, decrease, maintain)",
        ],
    ),
    case(
        "required-empty",
        replace(R, "Screening at crossings expands", ""),
        expected=[
            "data/northland-ics/results.csv:4: title: is required but empty (fill in the title)",
        ],
    ),
    case(
        "duplicate-id",
        append(R, "O1,G1,objective,Another objective,,,"),
        expected=[
            "data/northland-ics/results.csv:6: id: duplicate id 'O1' (the same as in "
            "the row at position 3) (give every row its own id)",
        ],
    ),
    case(
        "dangling-parent",
        replace(R, "O1.1,O1,", "O1.1,O9,"),
        expected=[
            "data/northland-ics/results.csv:4: parent: 'O9' matches no id in results "
            "(add a row with id 'O9' to results, or correct the reference)",
        ],
    ),
    case(
        "dangling-indicator-result",
        replace(IND, "I2,O1,", "I2,O7,"),
        expected=[
            "data/northland-ics/indicators.csv:3: result: 'O7' matches no id in "
            "results (add a row with id 'O7' to results, or correct the reference)",
        ],
    ),
    case(
        "dangling-value-indicator",
        append(V, "I9,FY2024,actual,3,,,,,"),
        expected=[
            "data/northland-ics/values.csv:12: indicator: 'I9' matches no id in "
            "indicators (add a row with id 'I9' to indicators, or correct the "
            "reference)",
        ],
    ),
    case(
        "cycle",
        replace(R, "G1,,goal", "G1,O1.1,goal"),
        expected=[
            "data/northland-ics/results.csv:2: level: 'goal' is not below its parent "
            "O1.1's level 'sub-objective' (give the result a lower level or attach it"
            " to a higher parent)",
            "data/northland-ics/results.csv:2: parent: the results form a cycle: G1 →"
            " O1.1 → O1 → G1 (give one of them a parent outside the cycle, or none)",
        ],
    ),
    case(
        "level-order",
        replace(R, "O1.1,O1,sub-objective", "O1.1,O1,goal"),
        expected=[
            "data/northland-ics/results.csv:4: level: 'goal' is not below its parent "
            "O1's level 'objective' (give the result a lower level or attach it to a "
            "higher parent)",
        ],
    ),
    case(
        "unknown-level",
        replace(R, "O1,G1,objective", "O1,G1,outcome"),
        expected=[
            "data/northland-ics/results.csv:3: level: 'outcome' is not a level of "
            "this plan (use one of: goal, objective, sub-objective (or change "
            "ssa.levels))",
        ],
    ),
    case(
        "bad-period",
        replace(V, "I2,FY2024,actual", "I2,2024-Q5,actual"),
        expected=[
            "data/northland-ics/values.csv:9: period: '2024-Q5' is not a period "
            "(write one of 2024, FY2024, 2024-Q2, FY2024-Q2, 2024-H1, FY2024-H1 or "
            "2024-03)",
        ],
    ),
    case(
        "period-short-fy",
        replace(V, "I2,FY2024,actual", "I2,FY24,actual"),
        expected=[
            "data/northland-ics/values.csv:9: period: 'FY24' is not a period (write "
            "one of 2024, FY2024, 2024-Q2, FY2024-Q2, 2024-H1, FY2024-H1 or 2024-03)",
        ],
    ),
    case(
        "period-fy-month",
        replace(V, "I2,FY2024,actual", "I2,FY2024-03,actual"),
        expected=[
            "data/northland-ics/values.csv:9: period: 'FY2024-03' mixes a fiscal year"
            " with a calendar month (write one of 2024, FY2024, 2024-Q2, FY2024-Q2, "
            "2024-H1, FY2024-H1 or 2024-03)",
        ],
    ),
    case(
        "period-year-range",
        replace(V, "I2,FY2024,actual", "I2,1850,actual"),
        expected=[
            "data/northland-ics/values.csv:9: period: '1850' has a year outside "
            "1900-2200 (write one of 2024, FY2024, 2024-Q2, FY2024-Q2, 2024-H1, "
            "FY2024-H1 or 2024-03)",
        ],
    ),
    case(
        "aligns-to-unknown-plan",
        replace(R, "agency-framework:AG1", "agency-frame:AG1"),
        expected=[
            "data/northland-ics/results.csv:2: aligns_to: 'agency-frame:AG1' names no"
            " plan 'agency-frame' (use one of: agency-framework, northland-ics)",
        ],
    ),
    case(
        "aligns-to-unknown-result",
        replace(R, "agency-framework:AG1", "agency-framework:AG9"),
        expected=[
            "data/northland-ics/results.csv:2: aligns_to: 'agency-framework:AG9' "
            "names no result 'AG9' in plan 'agency-framework' (correct the id or add "
            "the result to data/agency-framework/results.csv)",
        ],
    ),
    case(
        "aligns-to-not-a-reference",
        replace(R, "agency-framework:AG1", "AG1"),
        expected=[
            "data/northland-ics/results.csv:2: aligns_to: 'AG1' is not a plan:result "
            "reference (write the other plan's name and the result id, e.g. "
            "agency-framework:O2)",
        ],
    ),
    case(
        "aligns-to-same-plan",
        replace(R, "agency-framework:AO1", "northland-ics:G1"),
        expected=[
            "data/northland-ics/results.csv:3: aligns_to: 'northland-ics:G1' refers "
            "to this same plan (use parent for links inside a plan; aligns_to names "
            "other plans)",
        ],
    ),
    case(
        "id-not-for-urls",
        replace(R, "O1.1,O1,", "O1 1,O1,"),
        replace(IND, "I1,O1.1,", "I1,O1 1,"),
        replace(A, "O1.1,Staff", "O1 1,Staff"),
        replace(N, "Border screening program,O1.1", "Border screening program,O1 1"),
        expected=[
            "data/northland-ics/indicators.csv:4: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/assumptions.csv:3: result: 'O1.1' matches no id in "
            "results (add a row with id 'O1.1' to results, or correct the reference)",
            "data/northland-ics/results.csv:4: id: 'O1 1' cannot be used in a web "
            "address (use up to 64 letters, digits, '.', '-' and '_', starting with a"
            " letter or digit)",
            "data/northland-ics/initiatives.csv:3: results: 'O1.1' is not a result of"
            " this plan (use ids from data/northland-ics/results.csv)",
            "content/plans/northland-ics/O1.1.md: result: narrates result 'O1.1', "
            "which plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
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
            "data/northland-ics/values.csv:7: value: indicator I2 is qualitative but "
            "the row has a number (write the value in the 'text' column, or change "
            "the indicator's measure)",
            "data/northland-ics/values.csv:9: value: indicator I2 is qualitative but "
            "the row has a number (write the value in the 'text' column, or change "
            "the indicator's measure)",
            "data/northland-ics/values.csv:8: value: indicator I2 is qualitative but "
            "the row has a number (write the value in the 'text' column, or change "
            "the indicator's measure)",
        ],
    ),
    case(
        "value-empty",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,"),
        expected=[
            "data/northland-ics/values.csv:9: value: is empty (write the number; "
            "qualitative values need measure 'qualitative')",
        ],
    ),
    case(
        "duplicate-value",
        append(V, "I2,FY2024,actual,15,,,,,"),
        expected=[
            "data/northland-ics/values.csv:9: period: indicator I2 has 2 actual rows "
            "for FY2024 (keep one row per indicator, period, kind and disaggregation)",
        ],
    ),
    case(
        "huge-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,1e308"),
        replace(N, "4500000,135000", "1000000000000000,135000"),
        expected=[
            "data/northland-ics/values.csv:9: value: '1e308' is too large: numbers "
            "must be smaller than 1e15 (write a number such as 42 or 3.5; check for a"
            " lost decimal point or unit)",
            "data/northland-ics/initiatives.csv:2: budget: '1000000000000000' is too "
            "large: numbers must be smaller than 1e15 (write a number such as 42 or 3.5; "
            "check for a lost decimal point or unit)",
        ],
    ),
    case(
        "large-number-accepted",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,999999999999999"),
        replace(N, "4500000,135000", "999999999999999,135000"),
    ),
    case(
        "overflowing-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,1e309"),
        expected=[
            "data/northland-ics/values.csv:9: value: '1e309' is not a finite number "
            "(write a number such as 42 or 3.5; check for a lost decimal point or "
            "unit)",
        ],
    ),
    case(
        "not-a-number",
        replace(V, "I2,FY2024,actual,14", "I2,FY2024,actual,NaN"),
        replace(V, "I2,FY2025,target,20", "I2,FY2025,target,INF"),
        expected=[
            "data/northland-ics/values.csv:8: value: 'INF' is not a finite number "
            "(write a number such as 42 or 3.5; check for a lost decimal point or "
            "unit)",
            "data/northland-ics/values.csv:9: value: 'NaN' is not a finite number "
            "(write a number such as 42 or 3.5; check for a lost decimal point or "
            "unit)",
        ],
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
        expected=[
            "data/northland-ics/initiatives.csv:2: end: 2023-11-01 is before the "
            "start 2026-09-30 (correct the dates)",
        ],
    ),
    case(
        "me-budget-over-budget",
        replace(N, "4500000,135000", "4500000,5000000"),
        expected=[
            "data/northland-ics/initiatives.csv:2: me_budget: is larger than the "
            "whole budget (the M&E budget is part of the budget: correct one of them)",
        ],
    ),
    case(
        "initiative-unknown-result",
        replace(N, "Border screening program,O1.1", "Border screening program,O1.1; O4"),
        expected=[
            "data/northland-ics/initiatives.csv:2: results: 'O4' is not a result of "
            "this plan (use ids from data/northland-ics/results.csv)",
        ],
    ),
    case(
        "assumption-bad-risk",
        replace(A, "medium", "severe"),
        expected=[
            "data/northland-ics/assumptions.csv:2: risk: 'severe' is not allowed (use"
            " one of: low, medium, high)",
        ],
    ),
    # -- narratives, reviews and evaluations -------------------------------------------
    case(
        "narrative-unknown-plan",
        write("content/plans/southland-ics/index.md", "# Southland\n"),
        expected=[
            "content/plans/southland-ics/index.md: plan: narrates plan "
            "'southland-ics', which does not exist (rename the folder or set 'plan:' "
            "to one of: agency-framework, northland-ics)",
        ],
    ),
    case(
        "narrative-unknown-result",
        write("content/plans/northland-ics/O9.md", "Text.\n"),
        expected=[
            "content/plans/northland-ics/O9.md: result: narrates result 'O9', which "
            "plan 'northland-ics' does not have (rename the file to an id from "
            "data/northland-ics/results.csv, or set 'result:' in the front matter)",
        ],
    ),
    case(
        "narrative-not-utf8",
        write("content/plans/northland-ics/O1.md", "Caf\xe9\n".encode("latin-1")),
        expected=[
            "content/plans/northland-ics/O1.md:1: is not UTF-8 text (byte 0xe9) (save"
            " the file with the UTF-8 encoding)",
        ],
    ),
    case(
        "narrative-bad-yaml",
        write("content/plans/northland-ics/O1.md", "---\ntitle: [unclosed\n---\nText.\n"),
        expected=[
            "content/plans/northland-ics/O1.md:2: front matter: is not valid YAML: "
            "expected ',' or ']', but got '<stream end>' (while parsing a flow "
            "sequence) (fix the YAML between the --- lines)",
        ],
    ),
    case(
        "narrative-bad-visibility",
        write("content/plans/northland-ics/O1.md", "---\nvisibility: staff\n---\nText.\n"),
        expected=[
            "content/plans/northland-ics/O1.md: visibility: 'staff' is not a "
            "visibility (use public or internal)",
        ],
    ),
    case(
        "narrative-front-matter-plan",
        write(
            "content/plans/northland-ics/extra.md",
            "---\nplan: southland-ics\nresult: G1\n---\nText.\n",
        ),
        expected=[
            "content/plans/northland-ics/extra.md: plan: narrates plan "
            "'southland-ics', which does not exist (rename the folder or set 'plan:' "
            "to one of: agency-framework, northland-ics)",
        ],
    ),
    case(
        "narrative-twice",
        write("content/plans/northland-ics/goal.md", "---\nresult: O1.1\n---\nText.\n"),
        expected=[
            "content/plans/northland-ics/goal.md: narrates the same result as "
            "content/plans/northland-ics/O1.1.md (merge the two files)",
        ],
    ),
    case(
        "review-unknown-plan",
        write("content/reviews/southland-ics/2024-10-01.md", "Review.\n"),
        expected=[
            "content/reviews/southland-ics/2024-10-01.md: plan: reviews plan "
            "'southland-ics', which does not exist (put it in the folder of one of: "
            "agency-framework, northland-ics)",
        ],
    ),
    case(
        "review-not-a-date",
        write("content/reviews/northland-ics/2024-13-01.md", "Review.\n"),
        write("content/reviews/northland-ics/latest.md", "Review.\n"),
        expected=[
            "content/reviews/northland-ics/2024-13-01.md: file name: '2024-13-01' is "
            "not a date (name the review after its date, e.g. 2025-03-31.md)",
            "content/reviews/northland-ics/latest.md: file name: 'latest' is not a "
            "date (name the review after its date, e.g. 2025-03-31.md)",
        ],
    ),
    case(
        "review-misplaced",
        write("content/reviews/2024-10-01.md", "Review.\n"),
        expected=[
            "content/reviews/2024-10-01.md: is not where progress reviews go (move it"
            " to reviews/<plan>/<YYYY-MM-DD>.md)",
        ],
    ),
    case(
        "review-bad-yaml",
        write("content/reviews/northland-ics/2024-09-01.md", "---\ntitle: 'open\n---\nReview.\n"),
        expected=[
            "content/reviews/northland-ics/2024-09-01.md:2: front matter: is not "
            "valid YAML: found unexpected end of stream (while scanning a quoted "
            "scalar) (fix the YAML between the --- lines)",
        ],
    ),
    case(
        "evaluation-unknown-plan",
        write(EVAL, GOOD_EVAL.replace("plans: [northland-ics]", "plans: [southland-ics]")),
        expected=[
            "content/evaluations/e1.md:5: plans[1]: 'southland-ics' is not a plan "
            "(use one of: agency-framework, northland-ics)",
        ],
    ),
    case(
        "evaluation-bad-yaml",
        write(EVAL, "---\nid: e1\ntitle: [unclosed\n---\nBody.\n"),
        expected=[
            "content/evaluations/e1.md:3: front matter: is not valid YAML: expected "
            "',' or ']', but got '<stream end>' (while parsing a flow sequence) (fix "
            "the YAML between the --- lines)",
        ],
    ),
    case(
        "evaluation-not-mapping",
        write(EVAL, "---\n- a list\n---\nBody.\n"),
        expected=[
            "content/evaluations/e1.md:1: front matter: must be a mapping of fields "
            "(write one 'field: value' per line)",
        ],
    ),
    case(
        "evaluation-no-front-matter",
        write(EVAL, "Just a body.\n"),
        expected=[
            "content/evaluations/e1.md: has no front matter (start the file with the "
            "evaluation's fields between two '---' lines)",
        ],
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
            "content/evaluations/e1.md:2: id: 'e2' does not match the file name "
            "'e1.md' (rename the file to e2.md or set 'id: e1')",
            "content/evaluations/e1.md:4: type: 'audit' is not an evaluation type "
            "(use one of: performance, impact, process, mid-term, final)",
            "content/evaluations/e1.md:7: completed: '2024-05-32' is not a date "
            "(write it as YYYY-MM-DD)",
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
            "content/evaluations/e1.md:5: results[1]: 'northland-ics:O9': plan "
            "'northland-ics' has no result 'O9' (use an id from "
            "data/northland-ics/results.csv)",
            "content/evaluations/e1.md:5: results[2]: 'O1.1' is not a plan:result "
            "reference (write northland-ics:O1.1)",
            "content/evaluations/e1.md:5: results[3]: 'southland:G1' names plan "
            "'southland', which does not exist (use one of: agency-framework, "
            "northland-ics)",
            "content/evaluations/e1.md:6: initiatives[1]: 'northland-ics:P9': plan "
            "'northland-ics' has no initiative 'P9' (use an id from "
            "data/northland-ics/initiatives.csv)",
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
            "content/evaluations/e1.md:10: recommendations[1].response: 'maybe' is "
            "not a management response (use one of: accept, partial, reject)",
            "content/evaluations/e1.md:11: recommendations[2].id: duplicate id 'R1' "
            "(the same as recommendation 1) (give every recommendation its own id)",
            "content/evaluations/e1.md:11: recommendations[2].text: is missing (add 'text:')",
            "content/evaluations/e1.md:12: recommendations[3]: must be a mapping "
            "(give it the fields id, text, response, action, due, status, visibility)",
        ],
    ),
    case(
        "evaluation-report-url",
        write(EVAL, GOOD_EVAL.replace("---\nBody", "report_url: javascript:alert(1)\n---\nBody")),
        expected=[
            "content/evaluations/e1.md:9: report_url: 'javascript:alert(1)' is not a "
            "web address (use the full https:// address of the published report, or "
            "leave it out)",
        ],
    ),
    case(
        "evaluation-not-utf8",
        write(EVAL, GOOD_EVAL.encode().replace(b"Larchmont", "L\xe4rchmont".encode("latin-1"))),
        expected=[
            "content/evaluations/e1.md:6: is not UTF-8 text (byte 0xe4) (save the "
            "file with the UTF-8 encoding)",
        ],
    ),
    # -- the project --------------------------------------------------------------------
    case(
        "csv-control-characters",
        replace(N, "Border screening program", "Border\x01screening\x0bprogram"),
        replace(IND, "Share of crossings screened", "Share\x08of crossings"),
        expected=[
            f"{IND}:2: holds the control character U+0008 {CONTROL_FIX}",
            f"{N}:2: holds the control character U+0001 {CONTROL_FIX}",
        ],
    ),
    case(
        "descriptor-control-character",
        ssa(title="Northland\x07 strategy"),
        expected=[f"{DESCRIPTOR}: ssa.title: holds the control character U+0007 {CONTROL_FIX}"],
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
            f"{EVAL}:3: title: holds the control character U+0001 {CONTROL_FIX}",
            f"{EVAL}:9: questions[1]: holds the control character U+001B {CONTROL_FIX}",
        ],
    ),
    case(
        "review-title-control-character",
        write(
            "content/reviews/northland-ics/2024-09-01.md", '---\ntitle: "Review\\x0c"\n---\nR.\n'
        ),
        expected=[
            "content/reviews/northland-ics/2024-09-01.md: title: holds the control character "
            f"U+000C {CONTROL_FIX}"
        ],
    ),
    case(
        "page-bad-yaml",
        write("content/staff.md", "---\nvisibility: internal\ntitle: [oops\n---\nSecret.\n"),
        expected=[
            "content/staff.md:3: front matter: is not valid YAML: expected ',' or "
            "']', but got '<stream end>' (while parsing a flow sequence) (fix the "
            "YAML between the --- lines)",
        ],
    ),
    case(
        "page-bad-visibility",
        write("content/staff.md", "---\nvisibility: Internal\n---\nSecret.\n"),
        expected=[
            "content/staff.md: visibility: 'Internal' is not a visibility (use public or internal)",
        ],
    ),
    case(
        "no-data-folder",
        lambda root: __import__("shutil").rmtree(root / "data"),
        expected=[
            "data: the data folder does not exist (create it with one folder per "
            "plan, or set the plugin's data_dir option)",
            # Nothing else: narratives and reviews name plans that could not be loaded.
        ],
    ),
    case(
        "many-problems-one-run",
        replace(V, "I2,FY2023,baseline,10", "I2,FY2023,baseline,ten"),
        replace(R, "O1,G1,objective", "O1,G1,outcome"),
        ssa(kind="strategy"),
        write("content/plans/northland-ics/O9.md", "Text.\n"),
        expected=[
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


def test_the_corpus_is_large_and_its_names_unique() -> None:
    names = [c.name for c in CASES]
    assert len(set(names)) == len(names)
    assert len([c for c in CASES if c.expected]) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_clearly(case: Case, tmp_path: Path) -> None:
    root = apply(case, tmp_path / "site")
    site = load_site(root, root / "data", root / "content", "internal")
    errors = [str(p) for p in site.errors]
    assert errors == list(case.expected)
    for problem in site.problems:
        assert FORMAT.match(str(problem)), str(problem)
        assert "\n" not in str(problem) and "Traceback" not in str(problem)


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
    for line in case.expected:
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
