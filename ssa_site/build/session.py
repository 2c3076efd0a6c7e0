"""One build of the site, from MkDocs' first event to its last: what the plugin's events
call (ssa_site.plugin only says when).

:meth:`Build.start` loads and checks the project and stops the build on any error before
anything is written; :meth:`Build.add_files` sorts the authored files and adds every
generated one; the page hooks finish each page; :meth:`Build.finish` waits for the work
done in the background and :meth:`Build.close` removes what the build left behind.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ssa_site.base.problems import Severity
from ssa_site.build import export
from ssa_site.build.authored import localize_files, take_authored
from ssa_site.build.context import page_context
from ssa_site.build.files import add_generated
from ssa_site.build.internal import keep_unlisted
from ssa_site.cache import store as cache
from ssa_site.cache.pages import HtmlCache
from ssa_site.cache.workers import Background
from ssa_site.config import publisher
from ssa_site.downloads.standards import checked_downloads
from ssa_site.generate import generate_all
from ssa_site.load.glossary import in_language, load_glossary
from ssa_site.load.narratives import filter_internal_blocks
from ssa_site.output import rendering
from ssa_site.output.context import GeneratedPage
from ssa_site.pages.html import TermMarker, exclude_data_tables
from ssa_site.project import load_site, with_problems_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from ssa_site.base.problems import Problem
    from ssa_site.build.deferred import DeferredFile
    from ssa_site.build.languages import Languages
    from ssa_site.config import SsaConfig
    from ssa_site.load.glossary import Glossary
    from ssa_site.project import Site

log = get_plugin_logger(__name__)


class Build:
    """The state of one build: the loaded site, its glossary, its scratch folder, the
    work in the background and the pages it generated."""

    def __init__(
        self,
        site: Site,
        glossary: Glossary,
        options: SsaConfig,
        root: Path,
        audience: str,
        languages: Languages,
    ) -> None:
        self.site = site
        self.languages = languages
        self.fallback_pages: set[str] = set()  # authored pages not translated (yet)
        self.glossary = glossary
        self.options = options
        self.root = root
        self.internal = audience == "internal"
        self.marker = TermMarker(glossary) if options.glossary.tooltips else None
        self.html_cache = (
            HtmlCache(
                cache.base_dir(root),
                repr(
                    (
                        audience,
                        cache.canonical(glossary),
                        self.marker is not None,
                        languages.current,
                    )
                ),
            )
            if cache.enabled("html")
            else None
        )
        self.scratch: Path | None = None  # large generated files, until MkDocs copied them
        self.background: Background | None = None  # work done while pages render
        self.deferred: list[DeferredFile] = []  # chart files copied once drawn
        self.generated_pages: set[str] = set()  # src_uri of the generated pages

    @classmethod
    def start(
        cls,
        options: SsaConfig,
        config: MkDocsConfig,
        root: Path,
        audience: str,
        languages: Languages,
    ) -> Build:
        """Load and check the project; every problem is logged, and any error stops the
        build (PluginError) before anything is written."""
        began = time.perf_counter()

        def load(language: str) -> Site:
            return load_site(
                root,
                root / options.data_dir,
                Path(config.docs_dir),
                audience,
                tuple(options.internal_fields),
                evaluation_publication_days=options.evaluation_publication_days,
                # One notion of "late": quality findings use the status option late_after_days.
                quality=replace(options.quality, reporting_lag_days=options.late_after_days),
                as_of=options.as_of,
                language=language,
                languages=languages.codes,
            )

        site = load(languages.current)
        if not languages.building_others:
            # Every language's files are checked before the default language's site is
            # written: an error in a translation stops the build with nothing written.
            # The other languages' builds are not checked again (nor their downloads,
            # which the default language's build writes).
            site = with_problems_of(site, (load(code) for code in languages.others))
            _report(site)
            _report_standards(
                checked_downloads(site.view, publisher(options.publisher), config.site_name, root)
            )
        option = options.glossary.file
        glossary, glossary_problems = load_glossary(root / option if option else None, option or "")
        if glossary_problems.errors:
            for problem in glossary_problems.errors:
                log.error(str(problem))
            raise PluginError("The glossary file has errors; nothing was built.")
        glossary = in_language(glossary, languages.language)
        portfolio = site.portfolio
        log.info(
            "Loaded and validated %d plan(s), %d indicator(s), %d value(s) for the %s "
            "audience in %.2f s",
            len(portfolio.plans),
            sum(len(p.indicators) for p in portfolio.plans),
            sum(p.values_count for p in portfolio.plans),
            audience,
            time.perf_counter() - began,
        )
        log.info("%s", site.as_of)  # one mistyped period can move "today": say what set it
        return cls(site, glossary, options, root, audience, languages)

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Take the authored files the plugin builds itself, then add every generated page
        and file; new charts are drawn in the background meanwhile."""
        began = time.perf_counter()
        self.fallback_pages = localize_files(files, self.languages.codes, self.languages.current)
        authored = take_authored(files, self.internal)
        self.cancel()
        self.background = Background()
        context = page_context(
            self.site.view,
            authored,
            self.options,
            config,
            root=self.root,
            scratch=self._new_scratch(),
            glossary=self.glossary,
            background=self.background,
            languages=self.languages,
            fallback_pages=frozenset(self.fallback_pages),
        )
        generated = generate_all(context)
        if context.pages is not None:
            context.pages.save()
        self.generated_pages = {g.src_uri for g in generated if isinstance(g, GeneratedPage)}
        self.deferred = add_generated(files, generated, config, self.background)
        log.info(
            "Generated %d page(s)%s and %d file(s) in %.2f s",
            len(self.generated_pages),
            f" ({context.pages.reused} unchanged since an earlier build)" if context.pages else "",
            len(generated) - len(self.generated_pages),
            time.perf_counter() - began,
        )
        export.export_files(files, config.docs_dir, self.internal)
        return files

    def page_markdown(self, markdown: str, src_uri: str, generated: bool) -> tuple[str, bool]:
        """The Markdown MkDocs renders for a page, and whether the page's source can be
        dropped from memory (a generated page MkDocs has read). An authored page without
        a translation into the language being built says so above its text."""
        if generated:
            return markdown, src_uri in self.generated_pages
        markdown = filter_internal_blocks(markdown, self.internal)
        if src_uri in self.fallback_pages:
            markdown = self._in_original(markdown)  # MkDocs took the front matter off
        return markdown, False

    def _in_original(self, markdown: str) -> str:
        return str(self._macros.authored_in_original(markdown))

    @cached_property
    def _macros(self) -> Any:
        """ssa/macros.html in the build's language (made once, for untranslated pages)."""
        env = rendering.environment(
            language=self.languages.language, original=self.languages.original
        )
        return env.get_template("ssa/macros.html").module

    def finish_html(self, html: str) -> str:
        """A page's own HTML, before the theme wraps it and the search plugin indexes it:
        tooltips on glossary terms, data tables out of search."""
        if self.html_cache is not None:  # the same HTML was finished by an earlier build
            return self.html_cache.apply(html, self._finish_html)
        return self._finish_html(html)

    def _finish_html(self, html: str) -> str:
        if self.marker is not None:
            html = self.marker.mark(html)
        return exclude_data_tables(html)

    def finish(self, config: MkDocsConfig) -> None:
        """Wait for the work in the background; the charts it drew are copied into the
        site (and the export) now. An internal build gets a robots.txt that disallows all,
        and loses its sitemap."""
        if self.internal:
            keep_unlisted(config)
        if self.background is None:
            return
        self.background.finish()
        export.export_drawn(self.deferred, self.background)
        self.background = None
        self.deferred = []

    def close(self) -> None:
        """Remove the scratch folder (MkDocs has copied its files by now) and keep the
        finished HTML for the next build."""
        self._remove_scratch()
        if self.html_cache is not None:
            self.html_cache.save()

    def abort(self) -> None:
        """The build failed: stop the background work, remove the scratch folder."""
        self.cancel()
        self._remove_scratch()

    def cancel(self) -> None:
        """Stop the work in the background: a failed build leaves no worker behind."""
        if self.background is not None:
            self.background.cancel()
            self.background = None
        self.deferred = []

    def _new_scratch(self) -> Path:
        """A private folder for large generated files, one per build so that two builds
        running at once never share it; removed by :meth:`close`."""
        self._remove_scratch()
        base = cache.base_dir(self.root)
        try:
            base.mkdir(parents=True, exist_ok=True)
            where: Path | None = base
        except OSError:  # .cache is a file, or read-only: the system's temporary folder
            where = None
        audience = "internal" if self.internal else "public"
        self.scratch = Path(tempfile.mkdtemp(prefix=f"build-{audience}-", dir=where))
        return self.scratch

    def _remove_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def _report(site: Site) -> None:
    """Log every problem, errors first; stop the build on errors. Plan quality findings
    are warnings too (they fail --strict), unless report-only."""
    for problem in site.errors:
        log.error(str(problem))
    for problem in site.warnings:
        log.warning(str(problem))
    for problem in site.quality.logged:
        log.warning(f"{problem} [{problem.rule}]")
    if site.quality.report_only:
        log.info(
            "%d plan quality finding(s) are report-only: see /quality/ in the internal "
            "build or run 'ssa-site validate'",
            len(site.quality.report_only),
        )
    if site.errors:
        raise PluginError(
            f"{len(site.errors)} error(s) in the data and narratives; "
            "nothing was built. Fix the problems listed above."
        )


def _report_standards(problems: list[Problem]) -> None:
    """What the open-data standards would say of the downloads (ssa_site.downloads.standards):
    an error in the publisher's options stops the build; a failed IATI rule is a warning
    (a notice, logged as information, on a plan imported from IATI)."""
    errors = [p for p in problems if p.is_error]
    for problem in errors:
        log.error(str(problem))
    for problem in problems:
        if problem.severity is Severity.NOTICE:
            log.info(str(problem))
        elif not problem.is_error:
            log.warning(str(problem))
    if errors:
        raise PluginError(
            f"{len(errors)} error(s) in the publisher options; nothing was built. "
            "Fix the problems listed above."
        )
