"""Builds of the example site shared by test_reproducible.py and test_third_party.py.

Each build is made once per test run, in a fresh copy of the example project (so that no
cache or earlier output is reused), and removed when the run ends.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from conftest import REPO, build

if TYPE_CHECKING:
    from collections.abc import Iterator

_BASE = Path(tempfile.mkdtemp(prefix="ssa-example-builds-"))
atexit.register(shutil.rmtree, _BASE, True)

#: A day on which nobody runs the tests: a build "on another day" reads this clock.
ANOTHER_DAY = datetime(2031, 5, 5, 12, 0, tzinfo=UTC)


class _AnotherDay(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
        return ANOTHER_DAY if tz is not None else ANOTHER_DAY.replace(tzinfo=None)


@contextlib.contextmanager
def clock_on_another_day() -> Iterator[None]:
    """MkDocs' clock (page dates, the sitemap) reads :data:`ANOTHER_DAY`."""
    import mkdocs.utils

    with mock.patch.object(mkdocs.utils, "datetime", _AnotherDay):
        yield


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
    for folder in ("content", "data", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@cache
def example_site(audience: str = "public", another_day: bool = False) -> Path:
    """The example site built for an audience (not strict: its content may be in progress)."""
    root = copy_example(f"{audience}{'-another-day' if another_day else ''}")
    with without_source_date_epoch():
        if another_day:
            with clock_on_another_day():
                return build(root, audience, strict=False)
        return build(root, audience, strict=False)
