"""Builds of the example site shared by test_reproducible.py and test_third_party.py.

Each build is made once per test run, in a fresh copy of the example project (so that no
cache or earlier output is reused), and removed when the run ends.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import REPO, build

if TYPE_CHECKING:
    from collections.abc import Iterator

_BASE = Path(tempfile.mkdtemp(prefix="ssa-example-builds-"))
atexit.register(shutil.rmtree, _BASE, True)

#: A day on which nobody runs the tests: a build "on another day" reads this clock.
ANOTHER_DAY = datetime(2031, 5, 5, 12, 0, tzinfo=UTC)


@contextlib.contextmanager
def without_source_date_epoch() -> Iterator[None]:
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def copy_example(name: str) -> Path:
    """A fresh copy of the example project (configuration, content, data and theme)."""
    root = _BASE / name
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "data", "theme", "releases"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


_ANOTHER_DAY_BUILD = """
import sys
from datetime import datetime
import mkdocs.utils
from mkdocs.__main__ import cli

class AnotherDay(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2031, 5, 5, 12, 0, tzinfo=tz)

mkdocs.utils.datetime = AnotherDay
sys.argv = ["mkdocs", "build", "--quiet", "--site-dir", sys.argv[1]]
cli()
"""


@cache
def example_site(audience: str = "public", another_day: bool = False) -> Path:
    """The example site built for an audience (not strict: its content may be in progress).

    ``another_day``: built in a process of its own, with no cache (``SSA_CACHE=0``) and
    MkDocs' clock reading :data:`ANOTHER_DAY`: a clean build that shares nothing with the
    others of this test run."""
    root = copy_example(f"{audience}{'-another-day' if another_day else ''}")
    if not another_day:
        with without_source_date_epoch():
            return build(root, audience, strict=False)
    return build_on_another_day(root, audience)


def build_on_another_day(root: Path, audience: str = "public") -> Path:
    """Build a project in a process of its own, without caches, on :data:`ANOTHER_DAY`."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(SSA_AUDIENCE=audience, SSA_CACHE="0", NO_MKDOCS_2_WARNING="1")
    site = root / "site-another-day"
    subprocess.run(
        [sys.executable, "-c", _ANOTHER_DAY_BUILD, str(site)],
        cwd=root,
        env=env,
        check=True,
        timeout=600,
    )
    return site
