"""The evaluator of the IATI Standard rulesets (ssa_site/downloads/iati_rules.py), on small
activity files and on the shipped ruleset."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ssa_site.downloads import iati_rules
from ssa_site.downloads.iati_rules import IdSets, evaluate, standard_ruleset

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
NOW = datetime(2025, 6, 30, tzinfo=UTC)


def org_id_sets() -> IdSets:
    """The registration agencies of tests/standards (no registered publishers)."""
    lines = (STANDARDS / "iati" / "org-id-prefixes.txt").read_text("utf-8").splitlines()
    return IdSets(frozenset(line for line in lines if line and not line.startswith("#")))


def activity(body: str, identifier: str = "XM-DAC-99999-A1", ref: str = "XM-DAC-99999") -> str:
    return (
        '<iati-activities version="2.03"><iati-activity xml:lang="en" '
        'last-updated-datetime="2025-01-01T00:00:00Z">'
        f'<iati-identifier>{identifier}</iati-identifier><reporting-org ref="{ref}" type="10">'
        "<narrative>Org</narrative></reporting-org>"
        f"<title><narrative>T</narrative></title>{body}</iati-activity></iati-activities>"
    )


GOOD = (
    '<activity-date type="2" iso-date="2024-01-01"/>'
    '<recipient-country code="HN" percentage="100"/>'
    '<sector vocabulary="1" code="15210"/>'
)


def rules_failed(xml: str, **kwargs: object) -> set[str]:
    root = etree.fromstring(xml.encode())
    return {f.rule for f in evaluate(root, NOW, **kwargs)}  # type: ignore[arg-type]


def test_shipped_ruleset_is_the_tested_file() -> None:
    shipped = json.loads((STANDARDS / "iati" / "standard.json").read_text("utf-8"))
    assert standard_ruleset() == shipped


def test_every_rule_kind_of_the_ruleset_is_evaluated() -> None:
    def kinds(rules: dict[str, object]) -> set[str]:
        found = set()
        for name, body in rules.items():
            found.add(name)
            for case in body["cases"]:  # type: ignore[index]
                if name == "loop":
                    found |= kinds(case["do"])
        return found

    used = set().union(*(kinds(rules) for rules in standard_ruleset().values()))
    assert used <= iati_rules.KINDS


def test_a_good_activity_passes() -> None:
    assert rules_failed(activity(GOOD), ids=org_id_sets()) == set()


def test_sector_missing_is_6_2_2() -> None:
    assert "6.2.2" in rules_failed(activity('<activity-date type="2" iso-date="2024-01-01"/>'))


def test_sector_percentages_must_sum_to_100() -> None:
    two = (
        '<activity-date type="2" iso-date="2024-01-01"/>'
        '<sector vocabulary="1" code="15210" percentage="60"/>'
        '<sector vocabulary="1" code="15130" percentage="30"/>'
    )
    assert "2.1.2" in rules_failed(activity(two))
    assert "2.1.2" not in rules_failed(activity(two.replace('"30"', '"40"')))


def test_identifier_must_start_with_the_reporting_org() -> None:
    assert "1.1.21" in rules_failed(activity(GOOD, identifier="XX-OTHER-A1"))
    assert "1.1.21" not in rules_failed(activity(GOOD))


def test_org_id_prefix_is_checked_only_with_the_registry_lists() -> None:
    xml = activity(GOOD, identifier="XX-EXAMPLE-A1", ref="XX-EXAMPLE")
    assert "1.14.8" in rules_failed(xml, ids=org_id_sets())
    assert "1.14.8" not in rules_failed(xml)  # the build has no registry lists


def test_reference_on_result_and_indicator_is_8_11_1() -> None:
    result = (
        '<result type="2"><title><narrative>R</narrative></title>'
        '<reference vocabulary="99" code="p:R1"/>'
        '<indicator measure="1"><title><narrative>I</narrative></title>'
        '<reference vocabulary="99" code="F-1"/></indicator></result>'
    )
    assert "8.11.1" in rules_failed(activity(GOOD + result))
    assert "8.11.1" not in rules_failed(
        activity(GOOD + result.replace('<reference vocabulary="99" code="p:R1"/>', ""))
    )


def test_actual_dates_after_now_fail() -> None:
    future = GOOD.replace("2024-01-01", "2026-01-01")
    assert {"11.1.4"} <= rules_failed(activity(future))


def test_dates_in_order() -> None:
    dates = (
        '<activity-date type="1" iso-date="2024-05-01"/>'
        '<activity-date type="3" iso-date="2024-01-01"/>'
    )
    assert "11.1.2" in rules_failed(activity(dates + GOOD))


def test_values_of_numeric_indicators_are_numbers() -> None:
    result = (
        '<result type="2"><title><narrative>R</narrative></title>'
        '<indicator measure="1"><title><narrative>I</narrative></title>'
        '<baseline year="2023" iso-date="2023-12-31" value="{value}"/></indicator></result>'
    )
    assert "8.8.2" in rules_failed(activity(GOOD + result.format(value="12,5")))
    assert "8.8.2" not in rules_failed(activity(GOOD + result.format(value="12.5")))


def test_findings_name_the_activity_and_severity() -> None:
    root = etree.fromstring(activity("").encode())
    found = {f.rule: f for f in evaluate(root, NOW)}
    assert found["6.2.2"].activity == "XM-DAC-99999-A1"
    assert found["6.2.2"].is_error
    assert found["6.2.2"].message.startswith("Each activity must have a specified sector")
