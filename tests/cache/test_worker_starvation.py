"""Background work cannot starve the build (issue 24, item 3): workers run at the build's
priority, and the build makes itself the files no worker has started on when it gets to
them."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pytest

from ssa_site.cache import workers


def write_maker(items: list[str], build_pid: int, folder: str) -> None:
    """Write each item's file: who made it and at which niceness. Slow in a worker, as a
    worker on a busy machine is."""
    if os.getpid() != build_pid:
        time.sleep(1.0)
    for item in items:
        Path(folder, item).write_text(f"{os.getpid()} {os.nice(0)}", "utf-8")


def _content(item: str) -> bytes:
    return item.encode()


def _background(tmp_path: Path, count: int) -> tuple[workers.Background, list[Path]]:
    items = [f"file-{n}" for n in range(count)]
    files = [tmp_path / item for item in items]
    background = workers.Background()
    make = partial(write_maker, build_pid=os.getpid(), folder=str(tmp_path))
    assert background.start(make, items, files, _content)
    return background, files


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_PER_WORKER", 1)
    monkeypatch.setattr(workers, "_BATCH", 1)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")


@pytest.mark.usefixtures("two_workers")
def test_workers_run_at_the_priority_of_the_build(tmp_path: Path) -> None:
    background, files = _background(tmp_path, 2)
    time.sleep(0.5)  # let the workers take both
    background.finish()
    niceness = os.nice(0)
    assert [f.read_text("utf-8").split()[1] for f in files] == [str(niceness)] * 2


@pytest.mark.usefixtures("two_workers")
def test_the_build_makes_the_files_no_worker_has_started(tmp_path: Path) -> None:
    background, files = _background(tmp_path, 12)
    background.finish()  # at once: the workers are still starting, or on their first file
    makers = [f.read_text("utf-8").split()[0] for f in files]
    # Every file is made, the last ones by the build itself; two workers (and one file
    # queued for each) cannot have taken all twelve.
    assert makers[-1] == str(os.getpid())
    assert makers.count(str(os.getpid())) >= 12 - 4
