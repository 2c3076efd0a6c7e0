"""Charts no build has drawn yet, drawn in worker processes while MkDocs renders pages.

A first build of a large site draws thousands of charts, and MkDocs renders its pages in
one process. A page only needs the chart's address, so the two need not wait for each
other: :class:`ChartPool` hands the missing charts to worker processes (at a lower
priority than the build itself, so they use the cores MkDocs leaves idle) and the build
goes on. Each chart file is a :class:`DeferredFile`: MkDocs lists it like any file, and
copies it into the site when :meth:`ChartPool.finish` has seen every chart drawn, at the
end of the build.

The SVG files are the ones :func:`ssa_site.charts.cached_svg` writes to the cache, byte for
byte what the build would draw itself; a chart a worker could not store is drawn in the
build's own process.
"""

from __future__ import annotations

import contextlib
import os
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from . import cache
from .charts import cached_svg, render_svg

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future

    from .charts import Chart

log = get_plugin_logger(__name__)

#: Charts handed to a worker at a time.
_BATCH = 48
#: Workers yield the processor to the build (nice(2) increment).
_NICENESS = 10


def _lower_priority() -> None:
    # Where this cannot be done the workers run at the build's priority: same result.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(_NICENESS)


def _draw(charts: list[Chart], cache_dir: Path) -> list[Path | None]:
    return [cached_svg(chart, cache_dir) for chart in charts]


class ChartPool:
    """The charts of one build being drawn in the background, and their site files."""

    def __init__(self) -> None:
        self._pool: Any = None
        self._batches: list[tuple[list[Chart], Path, Future[list[Path | None]]]] = []
        self._charts: dict[str, Chart] = {}  # cache file → its chart
        self._later: list[Callable[[], None]] = []
        self._started = 0.0
        self.files: list[DeferredFile] = []

    def start(self, charts: list[Chart], files: list[Path], cache_dir: Path) -> bool:
        """Draw ``charts`` into their cache ``files`` in worker processes; False when
        there are too few to be worth processes or processes cannot start (the caller
        then draws them itself)."""
        count = cache.workers(len(charts))
        if count <= 1:
            return False
        try:
            if self._pool is None:
                self._pool = cache.worker_pool(count, _lower_priority)
                self._started = time.perf_counter()
            with cache.hidden_main():
                for first in range(0, len(charts), _BATCH):
                    batch = charts[first : first + _BATCH]
                    future = self._pool.submit(_draw, batch, cache_dir)
                    self._batches.append((batch, cache_dir, future))
        except (OSError, RuntimeError):
            self.cancel()
            return False
        self._charts.update(zip((str(f) for f in files), charts, strict=True))
        return True

    def file(self, config: Any, src_uri: str, abs_src_path: str) -> DeferredFile:
        """The site file of a chart being drawn; MkDocs' copy of it waits for :meth:`finish`."""
        made = DeferredFile.generated(config, src_uri, abs_src_path=abs_src_path)
        file = cast("DeferredFile", made)
        file.pool = self
        self.files.append(file)
        return file

    def defer(self, copy: Callable[[], None]) -> None:
        self._later.append(copy)

    def finish(self) -> None:
        """Wait for every chart, then make the copies MkDocs deferred."""
        drawn = 0
        for batch, cache_dir, future in self._batches:
            try:
                future.result()
            except Exception:  # a worker that broke: draw its batch here
                _draw(batch, cache_dir)
            drawn += len(batch)
        if drawn:
            log.info(
                "Drew %d chart(s) in worker processes, done %.2f s after they started",
                drawn,
                time.perf_counter() - self._started,
            )
        self._shutdown()
        copies, self._later = self._later, []
        for copy in copies:
            copy()

    def content(self, file: File) -> bytes | None:
        """The SVG of a chart whose file could not be stored (drawn here); None when the
        file is in the cache."""
        path = file.abs_src_path
        if path is None or Path(path).is_file():
            return None
        return render_svg(self._charts[path])

    def cancel(self) -> None:
        """Stop drawing (the build failed): no worker outlives the build."""
        for _, _, future in self._batches:
            future.cancel()
        self._shutdown(wait=False)
        self._later.clear()
        self.files.clear()

    def _shutdown(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=not wait)
            self._pool = None
        self._batches.clear()


class DeferredFile(File):
    """A chart file MkDocs copies only once it has been drawn (see :class:`ChartPool`)."""

    pool: ChartPool

    def copy_file(self, dirty: bool = False) -> None:
        self.pool.defer(partial(self._copy_drawn, dirty))

    def _copy_drawn(self, dirty: bool) -> None:
        content = self.pool.content(self)
        if content is not None:
            self.content_bytes = content
        super().copy_file(dirty)
