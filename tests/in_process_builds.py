"""Strict MkDocs builds in the test's own process, with or without the plugin's caches, and
how to make the next one read the caches as a new process would (tests/cache)."""

from __future__ import annotations

import os
from pathlib import Path

from ssa_site.cache import pages as page_cache
from ssa_site.cache import store as cache


def forget() -> None:
    """Nothing kept in memory: the next build reads the caches as a new process does."""
    cache._PACKAGES.clear()
    cache._RESULTS.clear()
    page_cache._MEMO.clear()
    page_cache._HTML_MEMO.clear()


def build(
    root: Path, site: Path, audience: str = "public", cached: bool = True, fresh: bool = False
) -> Path:
    """A strict build, in this process, with or without the caches; ``fresh``: as a new
    process, remembering nothing before or after."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    saved = {name: os.environ.get(name) for name in ("SSA_AUDIENCE", cache.DISABLE_ENV)}
    os.environ["SSA_AUDIENCE"] = audience
    os.environ[cache.DISABLE_ENV] = "1" if cached else "0"
    cwd = Path.cwd()
    if fresh:
        forget()
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    finally:
        if fresh:
            forget()
        os.chdir(cwd)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return site
