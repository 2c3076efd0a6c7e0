"""``ssa-site generate OUTDIR``: the whole site as a plain project that builds without the
plugin, with Zensical, ProperDocs or MkDocs.

The plugin's own events run as in a build (configuration, load and checks, every page and
file generated, the navigation arranged, the charts drawn), under
:func:`ssa_site.build.export.exporting`, but MkDocs renders no page: the pages, charts,
maps and downloads are written into ``OUTDIR/docs`` and the site's configuration, less the
plugin, into ``OUTDIR/mkdocs.yml`` (:mod:`ssa_site.build.plain_config`). The command line
runs this module in a process of its own (``python -m ssa_site.build.generate_project``),
since the rest of ``ssa-site`` runs without MkDocs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.utils import CountHandler

from ssa_site.base.urls import ENGINES_CSS
from ssa_site.build import export, plain_config
from ssa_site.build.internal import ROBOTS_TXT
from ssa_site.build.setup import REQUIRED_EXTENSIONS, THEME_DIR
from ssa_site.output.rendering import environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.ssa_site.generate")


class GenerateError(Exception):
    """The project cannot be generated (the message says why and what to do)."""


@dataclass(frozen=True)
class Generated:
    target: Path
    audience: str
    pages: int
    files: int
    seconds: float


def check_target(target: Path, project: Path, docs_dir: Path) -> None:
    """OUTDIR must be empty, new, or an earlier generated project (rewritten in place);
    never the site project's own folder nor a folder inside its docs."""
    target, docs_dir = target.resolve(), docs_dir.resolve()
    if target == project.resolve() or target == docs_dir or docs_dir in target.parents:
        raise GenerateError(
            f"{target}: the generated project cannot be the site project's folder or go "
            f"inside its docs_dir {docs_dir} (choose another folder)"
        )
    config = target / "mkdocs.yml"
    if not target.exists() or not any(target.iterdir()):
        return
    if config.is_file() and config.read_text("utf-8").startswith(plain_config.HEADER):
        return
    raise GenerateError(
        f"{target} is not empty and was not written by 'ssa-site generate' "
        "(choose a new or empty folder)"
    )


def banner(config: MkDocsConfig) -> str:
    """What the plugin's theme shows above every page (ssa_site/theme/main.html), as an
    HTML block; a site's ``<custom_dir>/ssa/generated_banners.html`` replaces it."""
    ssa = config.extra.get("ssa") or {}
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    template = environment(overrides).get_template("generate/banners.html")
    return template.render(internal=bool(ssa.get("internal")), notice=ssa.get("notice") or "")


def main_template(config: MkDocsConfig) -> str:
    """The theme's main.html that links the site's stylesheets and scripts: the site's
    own override, else the plugin's."""
    for folder in (config.theme.custom_dir, str(THEME_DIR)):
        if folder and (Path(folder) / "main.html").is_file():
            return (Path(folder) / "main.html").read_text("utf-8")
    return ""


#: The palette every engine's theme uses when it is given none.
DEFAULT_PALETTE = {"scheme": "default", "primary": "indigo", "accent": "indigo"}


def default_palette(palette: object) -> bool:
    """Whether a ``theme.palette`` names the theme's default colours only (one scheme,
    no toggle, no media query)."""
    options = palette if isinstance(palette, list) else [palette]
    if len(options) != 1 or not isinstance(options[0], dict):
        return False
    given = {k: v for k, v in options[0].items() if v not in (None, "")}
    return all(DEFAULT_PALETTE.get(k) == v for k, v in given.items())


def for_every_engine(plain: dict[str, Any], docs: Path, config: MkDocsConfig) -> None:
    """What the themes of all three engines need of the project to pass WCAG 2.1 AA
    (axe, tests/browser/test_generated_accessibility.py):

    - the stylesheet ``engines.css`` (why: in it), last in ``extra_css``;
    - no ``theme.palette`` when it names the default colours only: Zensical turns any
      palette into a list of options and draws, for one without a toggle, a radio button
      hidden from screen readers that the keyboard still reaches (axe:
      aria-hidden-focus). Without it, every engine draws the same default colours. A
      palette of other colours stays, and Zensical's radio button with it.
    """
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    css = environment(overrides).get_template("generate/engines.css").render()
    path = docs / ENGINES_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(css, encoding="utf-8")
    plain["extra_css"] = [*(plain.get("extra_css") or []), ENGINES_CSS]
    theme = plain.get("theme")
    if isinstance(theme, dict) and "palette" in theme and default_palette(theme["palette"]):
        plain["theme"] = {k: v for k, v in theme.items() if k != "palette"}


def run_plugin(config: MkDocsConfig, target: Path) -> export.Export:
    """Every event of a build up to the navigation, then the post-build work (charts
    drawn in the background), with the export in force. The events of a build's
    pages do not run: nothing is rendered."""
    plugins = config.plugins
    if "ssa" not in plugins:
        raise GenerateError(
            f"{config.config_file_path}: the ssa plugin is not in 'plugins' "
            "(add '- ssa' to the plugins of mkdocs.yml)"
        )
    plugins.on_startup(command="build", dirty=False)
    try:
        config = plugins.on_config(config)
        static = [str(THEME_DIR)]
        if config.theme.custom_dir:
            static.append(str(config.theme.custom_dir))
        dirs = tuple(os.path.normpath(d) for d in static)
        job = export.Export(target, banner(config), dirs, config.use_directory_urls)
        with export.exporting(job):
            plugins.on_pre_build(config=config)
            files = get_files(config)
            files.add_files_from_theme(config.theme.get_env(), config)
            files = plugins.on_files(files, config=config)
            nav = get_navigation(files, config)
            plugins.on_nav(nav, config=config, files=files)
            plugins.on_post_build(config=config)
    except Exception as error:
        plugins.on_build_error(error=error)
        raise
    finally:
        plugins.on_shutdown()
    return job


def generate(project: Path, target: Path, audience: str) -> Generated:
    """Write the site of ``project`` for ``audience`` into ``target`` as a plain project."""
    began = time.perf_counter()
    config_file = project / "mkdocs.yml"
    if not config_file.is_file():
        raise GenerateError(f"{project}: no mkdocs.yml here (run in a site project, or --dir)")
    os.environ["SSA_AUDIENCE"] = audience  # as SSA_AUDIENCE=… mkdocs build
    with tempfile.TemporaryDirectory(prefix="ssa-generate-") as scratch:
        config = load_config(str(config_file), site_dir=scratch)
        check_target(target, project, Path(config.docs_dir))
        job = run_plugin(config, target.resolve())
    site = plain_config.read(config_file.read_text("utf-8"))
    assets = plain_config.theme_assets(main_template(config))
    plain = plain_config.plain_config(site, job.nav or [], REQUIRED_EXTENSIONS, assets)
    for_every_engine(plain, job.docs, config)
    (target / "mkdocs.yml").write_text(plain_config.write(plain), encoding="utf-8")
    if audience == "internal" and "robots.txt" not in job.written:
        # In place of the plugin's internal build's robots.txt: not to be indexed.
        (job.docs / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")
    return Generated(target, audience, job.pages, job.files, time.perf_counter() - began)


def _log_to_stderr() -> CountHandler:
    """Show the build's log as MkDocs would; count warnings for --strict."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    stream = logging.StreamHandler()
    stream.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(stream)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    return counter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ssa-site generate", description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--audience", choices=("public", "internal"), default="public")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    counter = _log_to_stderr()
    try:
        done = generate(args.project, args.outdir, args.audience)
    except (GenerateError, MkDocsException) as error:
        log.error("ssa_site: %s", error)
        return 1
    if args.strict and counter.get_counts():
        log.error("ssa_site: warnings in strict mode: %s was written, but fix them", done.target)
        return 1
    log.info(
        "ssa_site: wrote %d page(s) and %d file(s) for the %s audience into %s in %.2f s; "
        "build it with zensical build, properdocs build or mkdocs build",
        done.pages,
        done.files,
        done.audience,
        done.target,
        done.seconds,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
