"""The example written by ``ssa-site generate`` and built by each engine, shared by the
tests of the generated projects (tests/whole_site/test_generate.py) and of what a reader meets in
them (tests/browser/test_generated_accessibility.py).

Each audience is generated once per test run (as a user runs the command) and each project
built once per engine, in a temporary folder removed when the run ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from example_builds import copy_example

ENGINES = ("zensical", "properdocs", "mkdocs")
_BASE = Path(tempfile.mkdtemp(prefix="ssa-generated-"))
atexit.register(shutil.rmtree, _BASE, True)


def env(**extra: str) -> dict[str, str]:
    """The environment of a command: no SOURCE_DATE_EPOCH or SSA_AUDIENCE of the caller."""
    found = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SSA_AUDIENCE")}
    return {**found, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **extra}


def run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env(), capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


def command(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def generate(project: Path, target: Path, audience: str, *options: str) -> Path:
    """``ssa-site generate`` as a user runs it."""
    args = [command("ssa-site"), "generate", str(target), "--dir", str(project)]
    run([*args, "--audience", audience, *options], project)
    return target


def build(project: Path, engine: str) -> Path:
    """The generated project built by ``engine`` (strict), into a folder of its own."""
    if engine == "zensical":  # builds into site_dir ('site'); no option for another folder
        run([command("zensical"), "build", "--strict"], project)
        return project / "site"
    site = project / f"site-{engine}"
    run([command(engine), "build", "--strict", "-d", str(site)], project)
    return site


@cache
def generated(audience: str) -> Path:
    """The example generated for ``audience`` (strict: the example has no warning)."""
    project = copy_example(f"generate-{audience}")
    return generate(project, _BASE / f"plain-{audience}", audience, "--strict")


@cache
def engine_site(engine: str, audience: str) -> Path:
    """The generated example of ``audience`` built by ``engine``."""
    return build(generated(audience), engine)
