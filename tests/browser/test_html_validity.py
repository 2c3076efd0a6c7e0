"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) finds no error in the markup the
project writes: every HTML page and SVG chart of both builds, checked in one run.

vnu.jar comes from the npm package vnu-jar, installed into .cache/vnu by scripts/test.sh, and
runs on the machine's Java. Errors caused by mkdocs-material's own templates are filtered,
each one precisely and with its reason (THEME_ERRORS); everything else fails the test.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import TYPE_CHECKING, Any

import pytest
from conftest import AUDIENCES

from browser.conftest import missing_tool, vnu_jar

if TYPE_CHECKING:
    from pathlib import Path

# (message pattern, pattern the extract of the markup must match, why it is not ours)
THEME_ERRORS: tuple[tuple[str, str, str], ...] = (
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'type="checkbox"',
        "material/templates/base.html: autocomplete=off on its drawer and search checkboxes",
    ),
    (
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'class="md-nav__link',
        "material/templates/partials/nav-item.html: tabindex is empty on section labels",
    ),
    (
        r"^The value of the “for” attribute of the “label” element must be the ID of a "
        r"non-hidden form control",
        r'for="__toc"',
        "material/templates/partials/toc.html: its label points to the __toc checkbox, which "
        "nav-item.html writes only for pages in the navigation (leaf pages are not)",
    ),
)


def from_the_theme(message: dict[str, Any]) -> bool:
    return any(
        re.search(text, message.get("message", ""))
        and re.search(extract, message.get("extract", ""))
        for text, extract, _why in THEME_ERRORS
    )


@pytest.fixture(scope="module")
def nu_messages(example_builds: dict[str, Path]) -> list[dict[str, Any]]:
    """One vnu run over both builds (the checker is slow to start, fast per page)."""
    jar = vnu_jar()
    if jar is None:
        missing_tool(
            "the Nu HTML Checker is not installed (scripts/test.sh installs the npm package "
            "vnu-jar into .cache/vnu; it needs java): HTML validity not checked"
        )
    run = subprocess.run(
        [
            "java",
            "-Xss8m",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--skip-non-html",
            "--also-check-svg",
            *(str(example_builds[a]) for a in AUDIENCES),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        return list(json.loads(run.stderr)["messages"])
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {run.returncode}):\n{run.stderr[-3000:]}")


def describe(message: dict[str, Any], site: Path) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}\n    {extract}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_html_error_in_the_projects_markup(
    nu_messages: list[dict[str, Any]], example_builds: dict[str, Path], audience: str
) -> None:
    site = example_builds[audience]
    errors = [
        m
        for m in nu_messages
        if m.get("type") in {"error", "non-document-error"}
        and m.get("url", "").startswith(f"file:{site}/")
        and not from_the_theme(m)
    ]
    assert not errors, f"{len(errors)} Nu HTML Checker error(s) in the {audience} build:\n" + (
        "\n".join(describe(m, site) for m in errors)
    )


def test_the_checker_ran_over_every_page(
    nu_messages: list[dict[str, Any]], example_builds: dict[str, Path]
) -> None:
    """vnu reports nothing for a valid file: make sure the run saw the builds at all."""
    seen = {m.get("url", "") for m in nu_messages}
    theme_filtered = [m for m in nu_messages if from_the_theme(m)]
    # Every page has the theme's checkbox toggles, so every page leaves a filtered message
    # (the embed pages have no theme: a valid one leaves none, an invalid one fails above).
    for audience in AUDIENCES:
        site = example_builds[audience]
        pages = {
            f"file:{p}" for p in site.rglob("*.html") if "embed" not in p.relative_to(site).parts
        }
        assert pages <= seen, f"vnu did not report on: {sorted(pages - seen)[:5]}"
    assert theme_filtered
