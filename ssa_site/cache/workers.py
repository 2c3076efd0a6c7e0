"""Work done in worker processes: pure work mapped over many items, and the background
work of a first build.

A first build of a large site draws thousands of charts and writes every download, and
MkDocs renders its pages in one process. :class:`Background` hands such work to worker
processes, which use the cores MkDocs leaves idle, and the build goes on:

- files (:meth:`Background.start`), such as new charts: a page only needs a file's
  address. The build lists each file at once (ssa_site.build.deferred) and copies it into
  the site once :meth:`Background.finish` has seen every file made, at the end of the build;
- jobs (:meth:`Background.submit`), such as the first run of the downloads, which the
  build collects with :meth:`Background.wait` where it needs them.

Workers run at the build's own priority: on a busy machine a worker niced below the build
got almost no processor, and the build waited for it. When the build reaches
:meth:`Background.finish`, it makes itself the batches no worker has started yet, last
first, while the workers go on from the first: nothing waits on a worker that is behind.

Workers write into the content-addressed cache (ssa_site.cache.store) what the build
would make itself, byte for byte; whatever a worker could not make or store, the build
makes itself. This module knows nothing of what the work is: callers hand it functions.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssa_site.base.logs import logger

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator
    from concurrent.futures import Future

log = logger(__name__)

#: SSA_WORKERS=1 draws and loads in this process only; default: one worker per CPU.
WORKERS_ENV = "SSA_WORKERS"
#: Fewer items than this per worker are not worth starting processes for.
_PER_WORKER = 32


def workers(amount: int, per_worker: int | None = None) -> int:
    """How many processes to use for ``amount`` of independent work (1: none), given how
    much of it one worker should have at least (default: _PER_WORKER items)."""
    return max(1, min(worker_count(), amount // (per_worker or _PER_WORKER)))


def worker_count() -> int:
    """How many worker processes a build may use: SSA_WORKERS, else one per CPU."""
    raw = os.environ.get(WORKERS_ENV, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else (os.cpu_count() or 1)


def parallel_map(
    function: Callable[[Any], Any], items: list[Any], count: int | None = None
) -> list[Any]:
    """``[function(item) for item in items]``, in worker processes when there are many.

    Only for cache misses of pure work (drawing charts, reading packages): the results
    are the same whichever process makes them, and come back in order. Workers are
    spawned, never forked (``mkdocs serve`` runs threads). If processes cannot be used,
    the work is done here. ``count``: how many processes (default: by the number of items)."""
    count = min(workers(len(items)) if count is None else count, len(items))
    if count <= 1:
        return [function(item) for item in items]
    import concurrent.futures

    chunks = max(1, len(items) // (count * 8))
    try:
        with worker_pool(count) as pool:
            with hidden_main():
                results = pool.map(function, items, chunksize=chunks)
            return list(results)
    except (OSError, RuntimeError, concurrent.futures.process.BrokenProcessPool):
        return [function(item) for item in items]


def worker_pool(count: int, initializer: Callable[[], None] | None = None) -> Any:
    """A pool of ``count`` spawned processes (never forked: ``mkdocs serve`` runs threads)."""
    import concurrent.futures
    import multiprocessing

    return concurrent.futures.ProcessPoolExecutor(
        max_workers=count, mp_context=multiprocessing.get_context("spawn"), initializer=initializer
    )


@contextmanager
def hidden_main() -> Iterator[None]:
    """Hand out work to spawned workers inside this block.

    A spawned process runs the parent's main script again unless it is guarded by
    ``if __name__ == "__main__"``; a script calling mkdocs' build() may not be. Workers
    start while the work is handed out: the script is hidden meanwhile."""
    import types

    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


#: Items handed to a worker at a time.
_BATCH = 48


def _call(payload: bytes) -> Any:
    function, args = pickle.loads(payload)  # made by Background.submit in the build
    return function(*args)


class Background:
    """The background work of one build: files being made, and jobs."""

    def __init__(self) -> None:
        self._pool: Any = None  # makes files
        self._job_pool: Any = None  # runs jobs; ends with the last job (frees its memory)
        # Each batch: the function making the files, its items and the worker's future.
        self._batches: list[tuple[Callable[[list[Any]], object], list[Any], Future[Any]]] = []
        self._jobs: dict[Hashable, Future[Any]] = {}
        self._files: dict[str, tuple[Any, Callable[[Any], bytes]]] = {}  # file → item, maker
        self._later: list[Callable[[], None]] = []
        self._started = 0.0

    def start(
        self,
        make: Callable[[list[Any]], object],
        items: list[Any],
        files: list[Path],
        content: Callable[[Any], bytes],
    ) -> bool:
        """Make the ``files`` of ``items`` in worker processes, ``make(batch)`` writing the
        files of a batch of items (a picklable function); ``content(item)`` gives the bytes
        of an item whose file could not be written. False when there are too few items to
        be worth processes or processes cannot start (the caller then makes them itself)."""
        if workers(len(items)) <= 1:
            return False
        try:
            pool = self._workers()
            with hidden_main():
                for first in range(0, len(items), _BATCH):
                    batch = items[first : first + _BATCH]
                    self._batches.append((make, batch, pool.submit(make, batch)))
        except (OSError, RuntimeError):
            self.cancel()
            return False
        self._files.update((str(f), (item, content)) for f, item in zip(files, items, strict=True))
        return True

    def submit(self, name: Hashable, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` in a worker, unless the build has a single worker; the
        build collects it with :meth:`wait`. For work whose result goes to the cache."""
        if worker_count() <= 1:
            return
        # Pickled now, not by the pool's feeder thread while the build goes on: the build
        # fills cached properties of the very objects it hands over.
        payload = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            if self._job_pool is None:
                self._job_pool = worker_pool(1)
            with hidden_main():
                self._jobs[name] = self._job_pool.submit(_call, payload)
        except (OSError, RuntimeError):
            self.cancel()

    def wait(self, name: Hashable) -> bool:
        """Wait for the job of this name, if one was started; whether it ran. A job no
        worker has started yet is cancelled, and a failed job is not raised: the build
        then does the work itself, as it would without workers."""
        job = self._jobs.pop(name, None)
        if job is None:
            return False
        done = not job.cancel()  # a job no worker has started yet: the build does it now
        try:
            if done:
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
            self._pool = worker_pool(worker_count())
            self._started = time.perf_counter()
        return self._pool

    def defer(self, copy: Callable[[], None]) -> None:
        """Do ``copy()`` in :meth:`finish`, once every file is made."""
        self._later.append(copy)

    def finish(self) -> None:
        """Wait for every file and job, then make the copies MkDocs deferred. The batches
        no worker has started yet are made here, from the last one back."""
        for name in list(self._jobs):
            self.wait(name)
        made = here = 0
        for make, batch, future in reversed(self._batches):
            if future.cancel():  # not started: the build is free, it makes them itself
                make(batch)
                here += len(batch)
            made += len(batch)
        for make, batch, future in self._batches:
            if future.cancelled():
                continue
            try:
                future.result()
            except Exception:  # a worker that broke: make its batch here
                make(batch)
        if made:
            log.info(
                "Made %d file(s) in worker processes, done %.2f s after they started%s",
                made,
                time.perf_counter() - self._started,
                f" ({here} of them by the build itself)" if here else "",
            )
        self._shutdown()
        copies, self._later = self._later, []
        for copy in copies:
            copy()

    def content(self, path: str | None) -> bytes | None:
        """The bytes of a file (``path``) that a worker could not store, made here; None
        when the file is there."""
        if path is None or Path(path).is_file():
            return None
        item, content = self._files[path]
        return content(item)

    def cancel(self) -> None:
        """Stop the work (the build failed): no worker outlives the build."""
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
