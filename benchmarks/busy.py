"""CPU-bound processes kept running beside the builds, as on a shared CI runner.

``with busy(2): ...`` starts two processes that spin on the processor (at the build's
priority) and stops exactly those processes when the block ends.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

SPIN = "while True:\n    pass\n"


@contextmanager
def busy(count: int) -> Iterator[list[int]]:
    """Keep ``count`` CPU-bound processes running inside the block; yields their ids."""
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(count)]
    try:
        yield [s.pid for s in spinners]
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()
