"""The engines the plugin runs on: MkDocs 1.6 and ProperDocs (README.md, 'Engines').

ProperDocs is a fork of MkDocs 1.6 that loads the plugin from its own entry-point group
(or MkDocs'), with mkdocs-material unchanged. Rather than build every test site twice,
one build of the example with ``properdocs build`` is held to the suite's MkDocs build of
it: the same files, byte for byte, but for the generator tag of each page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import entry_points, version
from pathlib import Path

import pytest
from example_builds import copy_example, example_site

from ssa_site.build.engine import unsupported, version_tuple

#: What each engine writes in <meta name="generator">: the one difference allowed.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def engine_command(name: str) -> str:
    """The command an engine installs beside this Python."""
    return str(Path(sys.executable).with_name(name))


def test_the_plugin_is_registered_for_both_engines() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = {e.name: e.value for e in entry_points(group=group)}
        assert found.get("ssa") == "ssa_site.plugin:SsaPlugin", group


def test_the_engines_installed_are_those_the_readme_names() -> None:
    """README.md says which versions the suite builds with (pinned in the test extra;
    MkDocs 1.6.1 is the last release of MkDocs 1)."""
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    for package in ("mkdocs", "properdocs", "zensical"):
        assert f"{package} {version(package)}" in readme, f"README.md: {package} {version(package)}"


@pytest.mark.parametrize(
    ("engine", "found", "supported"),
    [
        ("mkdocs", "1.6.1", True),
        ("mkdocs", "1.6.0", True),
        ("properdocs", "1.6.7", True),
        ("mkdocs", "1.5.3", False),
        ("mkdocs", "2.0.0a1", False),
        ("properdocs", "2.1", False),
        ("other", "1.6", False),
    ],
)
def test_an_unsupported_engine_gets_a_message_that_says_what_to_install(
    engine: str, found: str, supported: bool
) -> None:
    problem = unsupported(engine, found)
    assert (problem is None) is supported
    if problem is not None:
        assert found in problem and "pip install" in problem


def test_versions_are_read_as_numbers() -> None:
    assert version_tuple("1.6.1") == (1, 6, 1)
    assert version_tuple("2.0.0a1") == (2, 0, 0)
    assert version_tuple("1.10") > version_tuple("1.6")


@pytest.mark.slow
def test_properdocs_builds_the_example_as_mkdocs_does() -> None:
    root = copy_example("properdocs")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SSA_AUDIENCE")}
    env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    done = subprocess.run(
        [engine_command("properdocs"), "build", "-d", "site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    ours, theirs = example_site("public"), root / "site"
    files = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()
    )
    generators = set()
    different = []
    for rel in files:
        a, b = (ours / rel).read_bytes(), (theirs / rel).read_bytes()
        if rel.endswith(".html"):
            generators.update(_GENERATOR.findall(b))
            a, b = _GENERATOR.sub(b"", a), _GENERATOR.sub(b"", b)
        if a != b:
            different.append(rel)
    assert not different, f"{len(different)} file(s) differ: {different[:10]}"
    assert any(b"ProperDocs" in g for g in generators)
