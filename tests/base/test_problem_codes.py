"""Typed problems: every kind has a stable code, ``validate`` carries it, and ``--codes``
lists the catalogue."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from ssa_site.analysis.quality_report import (
    ME_BUDGET_MISSING,
    ME_BUDGET_OUTSIDE,
    PLAN_WITHOUT_PERIOD,
    RESULT_NOT_ALIGNED,
    RULES,
)
from ssa_site.base.problems import ProblemType, Severity
from ssa_site.cli import main, problem_types
from ssa_site.load.glossary import load_glossary

if TYPE_CHECKING:
    from pathlib import Path

PLAN = "data/northland-ics"
_NUMERIC = tuple("bcdoxXneEfFgG%")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


KINDS = problem_types()


def test_the_catalogue_is_plausible():
    codes = {kind.code for kind in KINDS}
    assert len(KINDS) >= 40, sorted(codes)
    assert {"level-not-below-parent", "bad-quality-option", "glossary-term-twice"} <= codes
    assert {kind.rule for kind in KINDS if kind.rule} == set(RULES)  # every rule has a kind


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.code)
def test_every_kind_is_well_formed(kind: ProblemType):
    assert ProblemType.registry[kind.code] is kind
    assert kind.code == kind.code.lower() and "--" not in kind.code
    assert kind.title and kind.title == kind.title.strip() and kind.message
    # A field means one thing in the message and the fix: the same format and conversion.
    seen: dict[str, tuple[str | None, str | None]] = {}
    for template in (kind.message, kind.fix):
        for _, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            assert name.isidentifier(), f"{kind.code}: positional or indexed field {name!r}"
            assert seen.setdefault(name, (spec, conversion)) == (spec, conversion), name
    # Both templates fill in with any values of the right sort.
    params = {
        name: 1 if spec and spec.endswith(_NUMERIC) else "x" for name, (spec, _) in seen.items()
    }
    problem = kind("file.csv", 2, "id", **params)
    assert problem.code == kind.code and problem.title == kind.title
    assert problem.severity is kind.severity and problem.rule == kind.rule


@pytest.mark.parametrize("kind", [k for k in KINDS if k.rule], ids=lambda kind: kind.code)
def test_quality_findings_are_warnings_coded_by_their_rule(kind: ProblemType):
    assert kind.severity is Severity.WARNING
    assert kind.rule in RULES
    assert kind.code == kind.rule or kind.code.startswith(f"{kind.rule}-")


def test_quality_templates_give_the_messages_they_gave():
    outside = ME_BUDGET_OUTSIDE("i.csv", 2, "me_budget", initiative="P1", percent=0.5, low=1.0,
                                high=5.0)  # fmt: skip
    assert outside.message == "initiative P1 sets aside 0.5 % of its budget for M&E, outside 1-5 %"
    assert outside.fix == "plan M&E at 1-5 % of the budget, or record why not"
    missing = ME_BUDGET_MISSING("i.csv", 2, "me_budget", initiative="P1", low=1.5, high=5.0)
    assert missing.message == "initiative P1 has a budget but no M&E budget"
    assert missing.fix == "plan M&E at 1.5-5 % of the budget, or record why not"
    period = PLAN_WITHOUT_PERIOD("d/datapackage.json", None, "ssa.period")
    assert period.fix == 'add "period": {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"} under "ssa"'
    aligned = RESULT_NOT_ALIGNED(
        "r.csv", 2, "aligns_to", result="goal G1", below="", plans="a, b", example="a:G1"
    )
    assert str(aligned) == (
        "r.csv:2: aligns_to: goal G1 align to no result of a higher-level plan (a, b) "
        "(name the results it contributes to in aligns_to, e.g. a:G1)"
    )


def test_validate_codes_lists_the_catalogue_and_exits_0():
    result = run("validate", "--codes")
    assert result.exit_code == 0
    rows = [line.split(None, 2) for line in result.stdout.splitlines()]
    codes = [code for code, _, _ in rows]
    assert codes == sorted(ProblemType.registry) and set(codes) >= {k.code for k in KINDS}
    by_code = {code: (severity, title) for code, severity, title in rows}
    assert by_code["indicator-targets-none"] == ("warning", "Indicator without targets")
    assert by_code["glossary-file-missing"] == ("error", "Glossary file missing")


_EVERY_MODULE = """
import importlib, pkgutil, ssa_site
from ssa_site.base.problems import ProblemType
from ssa_site.cli import problem_types
listed = {kind.code for kind in problem_types()}
for module in pkgutil.walk_packages(ssa_site.__path__, "ssa_site."):
    importlib.import_module(module.name)
print(sorted(set(ProblemType.registry) - listed))
"""


def test_the_catalogue_misses_no_kind_declared_anywhere():
    """A fresh process: ``--codes`` lists what importing every module would declare."""
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_MODULE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", "declared but not listed by --codes"


def test_validate_json_carries_codes_and_titles(project):
    root = project()
    edit(root, f"{PLAN}/results.csv", "O1.1,O1,sub-objective", "O1.1,O1,objective")
    (root / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: content\nplugins:\n  - ssa:\n      quality:\n"
        "        disable: [smart]\n        report_only: [all]\n",
        "utf-8",
    )
    result = run("validate", str(root), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    level = next(p for p in problems if p["field"] == "level")
    assert (level["path"], level["row"], level["severity"]) == (f"{PLAN}/results.csv", 4, "error")
    assert (level["code"], level["title"]) == (
        "level-not-below-parent",
        "Level not below the parent's",
    )
    (option,) = [p for p in problems if p["path"] == "mkdocs.yml"]
    assert (
        option["code"] == "bad-quality-option" and option["field"] == "plugins.ssa.quality.disable"
    )
    assert option["message"].startswith("'smart' is not a rule (use 'all' or one of ")
    findings = [p for p in problems if p["rule"]]
    assert findings and {p["severity"] for p in findings} == {"notice"}
    for finding in findings:
        assert ProblemType.registry[finding["code"]].rule == finding["rule"]
        assert finding["title"] == ProblemType.registry[finding["code"]].title


def test_glossary_problems_are_typed(tmp_path):
    site_file = tmp_path / "glossary.yml"
    _, problems = load_glossary(site_file, "glossary.yml")
    assert [(p.code, str(p)) for p in problems] == [
        (
            "glossary-file-missing",
            "glossary.yml: the glossary file does not exist "
            "(create it, or remove the plugin option glossary.file)",
        )
    ]
    site_file.write_text(
        "remove: input\nterms:\n"
        "  - term: crossing\n    definition: A place.\n"
        "  - term: Crossing\n    definition: Again.\n"
        "  - just text\n"
        "  - term: x\n    definition: y\n    colour: red\n    abbreviation: 3\n    see: 4\n"
        "  - definition: No term.\n",
        "utf-8",
    )
    _, problems = load_glossary(site_file, "glossary.yml")
    assert [(p.code, p.row, p.field, p.message, p.fix) for p in problems] == [
        ("glossary-remove-not-a-list", None, "remove", "must be a list of terms",
         "e.g. remove: [input]"),
        ("glossary-term-twice", 5, "term", "'Crossing' is defined twice",
         "keep one entry per term"),
        ("glossary-entry-not-a-mapping", 7, None, "an entry must be a mapping",
         "write term: ... and definition: ..."),
        ("glossary-unknown-field", 8, "colour", "unknown field",
         "use term, abbreviation, also, definition, see"),
        ("glossary-abbreviation-not-text", 8, "abbreviation", "must be text",
         "e.g. abbreviation: PIRS"),
        ("glossary-terms-not-a-list", 8, "see", "must be a list of terms",
         "e.g. see: [indicator]"),
        ("glossary-text-required", 13, "term", "is required and must be text",
         "give the entry a term"),
    ]  # fmt: skip
    site_file.write_text("terms: [\n", "utf-8")
    ((code, message),) = [(p.code, p.message) for p in load_glossary(site_file)[1]]
    assert code == "glossary-not-yaml" and message.startswith("not valid YAML: ")
    site_file.write_text("- a list\n", "utf-8")
    assert [p.code for p in load_glossary(site_file)[1]] == ["glossary-wrong-shape"]
