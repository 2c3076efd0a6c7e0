"""Run ``mkdocs build --strict`` with the plugin and say where its time went.

Run as a child process by benchmarks/run.py: ``python benchmarks/phases.py SITE_DIR
[--profile FILE]``, in the project's folder. It builds the site in this process, as
``python -m mkdocs build --strict -d SITE_DIR`` does, with a clock around each phase of
the plugin's work (the real functions, wrapped, nothing replaced), and prints last a line
``phases=<json>``: seconds per phase, exclusive of the phases nested in it. What is left of
the wall time when the plugin's phases are taken out is MkDocs' own work (reading and
rendering Markdown, the theme, search, sitemap, copying files).

``--profile FILE`` also runs the build under cProfile and writes its statistics to FILE
(the clocks then include the profiler's overhead).
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

#: Phase names, in the order of a build; MkDocs' own work is what is left.
READ = "read and validate packages"
ANALYSIS = "analysis and checks"
PAGES = "generate pages (Markdown)"
CHARTS = "charts (generate, draw or cache)"
DOWNLOADS = "downloads"
FILES = "list generated files, export"
HOOKS = "page hooks (Markdown and HTML)"
WAIT = "wait for workers, copy charts"
MKDOCS = "MkDocs' own work"
TOTAL = "total"
ORDER = (READ, ANALYSIS, PAGES, CHARTS, DOWNLOADS, FILES, HOOKS, WAIT, MKDOCS)

_times: dict[str, float] = dict.fromkeys(ORDER, 0.0)
_stack: list[str] = []


def timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its time added to ``phase`` and taken from the enclosing phase."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append(phase)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            _stack.pop()
            _times[phase] += elapsed
            if _stack:
                _times[_stack[-1]] -= elapsed

    return wrapper


def instrument() -> None:
    """Put a clock around each phase of the plugin's work."""
    from ssa_site import generate, project
    from ssa_site.build import session
    from ssa_site.downloads.changelog import changelog
    from ssa_site.downloads.generator import downloads
    from ssa_site.pages.performance import performance_files
    from ssa_site.pages.reviews import review_pages

    project.load_plans = timed(READ, project.load_plans)  # type: ignore[attr-defined]
    start = session.Build.__dict__["start"].__func__
    session.Build.start = classmethod(timed(ANALYSIS, start))  # type: ignore[method-assign,assignment]
    session.Build.add_files = timed(FILES, session.Build.add_files)  # type: ignore[method-assign]
    session.Build.page_markdown = timed(HOOKS, session.Build.page_markdown)  # type: ignore[method-assign]
    session.Build.finish_html = timed(HOOKS, session.Build.finish_html)  # type: ignore[method-assign]
    session.Build.finish = timed(WAIT, session.Build.finish)  # type: ignore[method-assign]
    kinds = {performance_files: CHARTS, review_pages: CHARTS, downloads: DOWNLOADS}
    kinds[changelog] = DOWNLOADS
    generate.GENERATORS[:] = [timed(kinds.get(g, PAGES), g) for g in generate.GENERATORS]
    generate.STARTERS[:] = [timed(DOWNLOADS, s) for s in generate.STARTERS]


def build(site_dir: str) -> None:
    from mkdocs.__main__ import cli

    cli.main(args=["build", "--strict", "-d", site_dir], standalone_mode=False)


def main() -> None:
    site_dir = sys.argv[1]
    profile = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--profile" else None
    instrument()
    start = time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.runcall(build, site_dir)
        profiler.dump_stats(profile)
    else:
        build(site_dir)
    total = time.perf_counter() - start
    _times[MKDOCS] = total - sum(_times[p] for p in ORDER if p != MKDOCS)
    _times[TOTAL] = total
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    _times["worker CPU"] = workers.ru_utime + workers.ru_stime
    sys.stdout.flush()
    print("phases=" + json.dumps({k: round(v, 3) for k, v in _times.items()}), flush=True)


if __name__ == "__main__":
    main()
