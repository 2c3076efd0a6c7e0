"""Work of a first build done in worker processes while the build goes on.

A first build of a large site draws thousands of charts and writes every download, and
MkDocs renders its pages in one process. :class:`Background` hands such work to worker
processes, at a lower priority than the build itself so that they use the cores MkDocs
leaves idle, and the build goes on:

- charts: a page only needs a chart's address. The plugin lists each new chart's file
  at once (ssa_site.deferred) and copies it into the site once :meth:`Background.finish`
  has seen every chart drawn, at the end of the build;
- jobs (:meth:`Background.submit`), such as the first run of the downloads, which the
  build collects with :meth:`Background.wait` where it needs them.

Workers write into the content-addressed cache (ssa_site.cache) what the build would make
itself, byte for byte; whatever a worker could not make or store, the build makes itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .charts import cached_svg, render_svg
from .logs import logger

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from concurrent.futures import Future

    from .charts import Chart

log = logger(__name__)

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


def _call(payload: bytes) -> Any:
    function, args = pickle.loads(payload)  # made by Background.submit in the build
    return function(*args)


class Background:
    """The background work of one build: charts being drawn, and jobs."""

    def __init__(self) -> None:
        self._pool: Any = None  # draws charts
        self._job_pool: Any = None  # runs jobs; ends with the last job (frees its memory)
        self._batches: list[tuple[list[Chart], Path, Future[list[Path | None]]]] = []
        self._jobs: dict[Hashable, Future[Any]] = {}
        self._charts: dict[str, Chart] = {}  # cache file → its chart
        self._later: list[Callable[[], None]] = []
        self._started = 0.0

    def start(self, charts: list[Chart], files: list[Path], cache_dir: Path) -> bool:
        """Draw ``charts`` into their cache ``files`` in worker processes; False when
        there are too few to be worth processes or processes cannot start (the caller
        then draws them itself)."""
        if cache.workers(len(charts)) <= 1:
            return False
        try:
            pool = self._workers()
            with cache.hidden_main():
                for first in range(0, len(charts), _BATCH):
                    batch = charts[first : first + _BATCH]
                    future = pool.submit(_draw, batch, cache_dir)
                    self._batches.append((batch, cache_dir, future))
        except (OSError, RuntimeError):
            self.cancel()
            return False
        self._charts.update(zip((str(f) for f in files), charts, strict=True))
        return True

    def submit(self, name: Hashable, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` in a worker, unless the build has a single worker; the
        build collects it with :meth:`wait`. For work whose result goes to the cache."""
        if cache.worker_count() <= 1:
            return
        # Pickled now, not by the pool's feeder thread while the build goes on: the build
        # fills cached properties of the very objects it hands over.
        payload = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            if self._job_pool is None:
                self._job_pool = cache.worker_pool(1, _lower_priority)
            with cache.hidden_main():
                self._jobs[name] = self._job_pool.submit(_call, payload)
        except (OSError, RuntimeError):
            self.cancel()

    def wait(self, name: Hashable) -> bool:
        """Wait for the job of this name, if one was started; whether it ran. A failed job
        is not raised (the build then does the work itself, as it would without workers)."""
        job = self._jobs.pop(name, None)
        if job is None:
            return False
        done = True
        try:
            job.result()
        except Exception as error:  # a broken worker, a full disk: the build does it
            log.debug("Background job %s failed (%s); done in the build instead", name, error)
            done = False
        if not self._jobs and self._job_pool is not None:
            # The worker held a copy of the data: it ends before the build grows further.
            self._job_pool.shutdown(wait=True)
            self._job_pool = None
        return done

    def _workers(self) -> Any:
        if self._pool is None:
            self._pool = cache.worker_pool(cache.worker_count(), _lower_priority)
            self._started = time.perf_counter()
        return self._pool

    def defer(self, copy: Callable[[], None]) -> None:
        """Do ``copy()`` in :meth:`finish`, once every chart is drawn."""
        self._later.append(copy)

    def finish(self) -> None:
        """Wait for every chart and job, then make the copies MkDocs deferred."""
        for name in list(self._jobs):
            self.wait(name)
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

    def content(self, path: str | None) -> bytes | None:
        """The SVG of a chart whose cache file (``path``) could not be stored, drawn here;
        None when the file is in the cache."""
        if path is None or Path(path).is_file():
            return None
        return render_svg(self._charts[path])

    def cancel(self) -> None:
        """Stop drawing (the build failed): no worker outlives the build."""
        for _, _, future in self._batches:
            future.cancel()
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._shutdown(wait=False)
        self._later.clear()

    def _shutdown(self, wait: bool = True) -> None:
        for pool in (self._pool, self._job_pool):
            if pool is not None:
                pool.shutdown(wait=wait, cancel_futures=not wait)
        self._pool = self._job_pool = None
        self._batches.clear()
