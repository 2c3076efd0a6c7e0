"""Shared fixtures: small site projects written to tmp_path and built for real."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from collections.abc import Callable

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MKDOCS_YML = """\
site_name: Test site
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - ssa:
      publisher:
        federal: false  # data.json in the non-federal profile: no bureau or program codes
      quality:
        report_only: [all]  # tests/test_quality.py checks quality findings in builds
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.blocks.admonition
"""


def write_project(root: Path, files: dict[str, str | dict[str, Any]]) -> Path:
    """Write a site project: paths → text (dicts are written as JSON)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(content, indent=1) if isinstance(content, dict) else content
        path.write_text(text, encoding="utf-8")
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    if not (root / "content" / "index.md").exists():
        (root / "content" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    return root


def build(root: Path, audience: str = "public", strict: bool = True) -> Path:
    """Build a project for real with MkDocs, in-process; returns the site dir."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = root / ("site" if audience == "public" else "site-internal")
    previous = os.environ.get("SSA_AUDIENCE")
    os.environ["SSA_AUDIENCE"] = audience
    cwd = Path.cwd()
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        mkdocs_build(config)
    finally:
        os.chdir(cwd)
        if previous is None:
            os.environ.pop("SSA_AUDIENCE", None)
        else:
            os.environ["SSA_AUDIENCE"] = previous
    return site_dir


def mkdocs_build_output(
    root: Path, *options: str, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """``mkdocs build -d out`` run as a user runs it (a new process): exit status and output."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", *options, "-d", "out"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Copy a fixture project from tests/fixtures/<name> (default: minimal) into tmp_path."""

    def make(name: str = "minimal", files: dict[str, str | dict[str, Any]] | None = None) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return write_project(root, files or {})

    return make


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def all_text(site: Path) -> dict[str, str]:
    """Every text file of a built site (zip members excluded), by relative path."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {
            ".html",
            ".json",
            ".xml",
            ".svg",
            ".csv",
            ".js",
            ".txt",
            ".md",
            ".css",
        }:
            found[path.relative_to(site).as_posix()] = path.read_text("utf-8", errors="replace")
    return found


#: The audiences of a build.
AUDIENCES = ("public", "internal")


def example_site_url() -> str:
    """The example site's site_url (mkdocs.yml)."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=yaml.BaseLoader)  # tags of other tools stay text
    return str(config.get("site_url") or "")


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example site built with `mkdocs build --strict`, once per audience, in parallel."""
    root = tmp_path_factory.mktemp("example-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    runs = {}
    for audience in AUDIENCES:
        out = root / audience
        runs[audience] = (
            out,
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                cwd=REPO,
                env={**env, "SSA_AUDIENCE": audience},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
        )
    sites = {}
    for audience, (out, run) in runs.items():
        output, _ = run.communicate(timeout=600)
        if run.returncode != 0:
            pytest.fail(f"the {audience} build of the example site failed:\n{output[-4000:]}")
        sites[audience] = out
    return sites
