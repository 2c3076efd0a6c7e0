"""The MkDocs plugin: wires MkDocs events to the core (load → pages)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ssa_site.analysis.asof import source_date
from ssa_site.analysis.status import StatusSettings
from ssa_site.build import export as export_pages
from ssa_site.build.deferred import DeferredFile, deferred_file
from ssa_site.build.nav import ABOUT, METHOD, arrange, is_tab
from ssa_site.cache import store as cache
from ssa_site.cache.pages import HtmlCache, PageCache, docs_digests
from ssa_site.cache.workers import Background
from ssa_site.config import SsaConfig
from ssa_site.generate import environment, generate_all
from ssa_site.load.evaluations import EVALUATIONS_DIR
from ssa_site.load.glossary import Glossary, load_glossary
from ssa_site.load.narratives import filter_internal_blocks, split_front_matter
from ssa_site.load.reviews import is_review_source
from ssa_site.model.publisher import Publisher
from ssa_site.model.visibility import resolve_audience
from ssa_site.output.context import GeneratedPage, PageContext
from ssa_site.output.urls import EVALUATIONS_INDEX_URI, PLANS_INDEX_URI
from ssa_site.pages.html import TermMarker, exclude_data_tables
from ssa_site.project import Site, load_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")


class SsaPlugin(BasePlugin[SsaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.audience = "public"
        self.site: Site | None = None
        self.root = Path.cwd()
        self.scratch: Path | None = None
        self.glossary: Glossary | None = None
        self.marker: TermMarker | None = None
        self.html_cache: HtmlCache | None = None
        self.generated_pages: set[str] = set()  # src_uri of the pages made by on_files
        self.background: Background | None = None  # work done while pages render
        self.deferred: list[DeferredFile] = []  # chart files copied once drawn

    # Runs first so that the theme override and Markdown extensions are in place before
    # any other plugin reads them.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch is not None and source_date() is None:
            # MkDocs would stop with a traceback on the first page.
            raise PluginError(
                f"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds since 1970-01-01 "
                "(unset it, or set it to e.g. the time of the last commit: "
                "git log -1 --format=%ct)"
            )
        self.audience = resolve_audience(self.config.audience)
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        if str(THEME_DIR) not in dirs:
            dirs.insert(position, str(THEME_DIR))
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra["ssa"] = {
            "audience": self.audience,
            "internal": self.audience == "internal",
            "notice": self.config.notice,
        }
        if config.watch is not None:
            data_dir = str(self.root / self.config.data_dir)
            if data_dir not in config.watch:
                config.watch.append(data_dir)
        return config

    # Load and validate before MkDocs cleans the site directory: a project with errors
    # stops the build before anything is written.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        start = time.perf_counter()
        self.site = load_site(
            self.root,
            self.root / self.config.data_dir,
            Path(config.docs_dir),
            self.audience,
            tuple(self.config.internal_fields),
            evaluation_publication_days=self.config.evaluation_publication_days,
            # One notion of "late": quality findings use the status option late_after_days.
            quality=replace(self.config.quality, reporting_lag_days=self.config.late_after_days),
        )
        for problem in self.site.warnings:
            log.warning(str(problem))
        # Plan quality findings are warnings too (they fail --strict), unless report-only.
        for problem in self.site.quality.logged:
            log.warning(f"{problem} [{problem.rule}]")
        if self.site.quality.report_only:
            log.info(
                "%d plan quality finding(s) are report-only: see /quality/ in the internal "
                "build or run 'ssa-site validate'",
                len(self.site.quality.report_only),
            )
        if self.site.errors:
            for problem in self.site.errors:
                log.error(str(problem))
            raise PluginError(
                f"{len(self.site.errors)} error(s) in the data and narratives; "
                "nothing was built. Fix the problems listed above."
            )
        option = self.config.glossary.file
        self.glossary, glossary_problems = load_glossary(
            self.root / option if option else None, option or ""
        )
        if glossary_problems.errors:
            for problem in glossary_problems.errors:
                log.error(str(problem))
            raise PluginError("The glossary file has errors; nothing was built.")
        self.marker = TermMarker(self.glossary) if self.config.glossary.tooltips else None
        self.html_cache = (
            HtmlCache(
                cache.base_dir(self.root),
                repr((self.audience, cache.canonical(self.glossary), self.marker is not None)),
            )
            if cache.enabled()
            else None
        )
        portfolio = self.site.portfolio
        log.info(
            "Loaded and validated %d plan(s), %d indicator(s), %d value(s) for the %s "
            "audience in %.2f s",
            len(portfolio.plans),
            sum(len(p.indicators) for p in portfolio.plans),
            sum(p.values_count for p in portfolio.plans),
            self.audience,
            time.perf_counter() - start,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        start = time.perf_counter()
        internal = self.audience == "internal"
        home = files.get_file_from_path("index.md")
        plans_index = files.get_file_from_path(PLANS_INDEX_URI)
        evaluations_index = files.get_file_from_path(EVALUATIONS_INDEX_URI)
        evaluations_markdown = (
            evaluations_index.content_string
            if evaluations_index and (internal or not _is_internal_page(evaluations_index))
            else None
        )
        for file in list(files):
            if not file.is_documentation_page() or file.generated_by:
                continue
            if file.src_uri.startswith("plans/") and file.src_uri != PLANS_INDEX_URI:
                # Narratives are folded into generated pages; internal or unused ones go.
                files.remove(file)
            elif is_review_source(file.src_uri):
                # Review narratives become /plans/<plan>/reviews/<date>/ pages.
                files.remove(file)
            elif file.src_uri.count("/") == 1 and file.src_uri.startswith(EVALUATIONS_DIR + "/"):
                # Evaluation summaries are rebuilt from their front matter (index.md is the
                # intro of the generated index), so none is built as authored.
                files.remove(file)
            elif not internal and _is_internal_page(file):
                files.remove(file)
                if file is home or file is plans_index:
                    raise PluginError(f"{file.src_uri} is marked internal but must be public")
        home_markdown = home.content_string if home else None
        plans_markdown = plans_index.content_string if plans_index else None
        if home:
            files.remove(home)
        if plans_index:
            files.remove(plans_index)
        self._cancel_background()
        self.background = Background()
        self.deferred = []
        context = PageContext(
            self.site,
            environment(_override_dirs(config)),
            config.use_directory_urls,
            scratch=self._new_scratch(),
            home_markdown=home_markdown,
            plans_index_markdown=_body(plans_markdown),
            site_url=config.site_url,
            site_name=config.site_name,
            publisher=Publisher(
                name=self.config.publisher.name or "",
                email=self.config.publisher.email,
                iati_ref=self.config.publisher.iati_ref,
                iati_type=self.config.publisher.iati_type,
            ),
            evaluations_index_markdown=evaluations_markdown,
            status_settings=StatusSettings(
                self.config.status_thresholds, self.config.late_after_days
            ),
            glossary=self.glossary,
            cache_dir=cache.base_dir(self.root),
            pages=self._page_cache(config),
            background=self.background,
        )
        generated = generate_all(context)
        if context.pages is not None:
            context.pages.save()
        self.generated_pages = {g.src_uri for g in generated if isinstance(g, GeneratedPage)}
        for item in generated:
            if isinstance(item, GeneratedPage):
                inclusion = InclusionLevel.INCLUDED if item.in_nav else InclusionLevel.NOT_IN_NAV
                new = File.generated(
                    config, item.src_uri, content=item.content, inclusion=inclusion
                )
            elif item.deferred and item.abs_src_path is not None:
                new = deferred_file(self.background, config, item.src_uri, item.abs_src_path)
                self.deferred.append(new)
            elif item.abs_src_path is not None:
                new = File.generated(config, item.src_uri, abs_src_path=item.abs_src_path)
            else:
                new = File.generated(config, item.src_uri, content=item.content or b"")
            existing = files.get_file_from_path(item.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(new)
        log.info(
            "Generated %d page(s)%s and %d file(s) in %.2f s",
            sum(isinstance(g, GeneratedPage) for g in generated),
            f" ({context.pages.reused} unchanged since an earlier build)" if context.pages else "",
            sum(not isinstance(g, GeneratedPage) for g in generated),
            time.perf_counter() - start,
        )
        self._export_files(files, config)
        return files

    def _page_cache(self, config: MkDocsConfig) -> PageCache | None:
        """Pages of earlier builds (page_cache.py), keyed by everything they are made of."""
        if not cache.enabled():
            return None
        assert self.site is not None
        others, narratives = docs_digests(Path(config.docs_dir))
        custom = Path(config.theme.custom_dir) / "ssa" if config.theme.custom_dir else None
        glossary = self.root / self.config.glossary.file if self.config.glossary.file else None
        scope = (
            self.site.data_fingerprint,
            others,
            self.audience,
            cache.canonical(self.config),
            config.site_url,
            config.site_name,
            config.use_directory_urls,
            cache.canonical(config.nav),
            cache.tree_digest(custom) if custom and custom.is_dir() else "",
            cache.file_digest(glossary) if glossary and glossary.is_file() else "",
            os.environ.get("SOURCE_DATE_EPOCH", ""),
        )
        return PageCache(cache.base_dir(self.root), repr(scope), narratives)

    def _export_files(self, files: Files, config: MkDocsConfig) -> None:
        """SSA_EXPORT_DIR: the build's pages and files as a plain docs folder (benchmarks)."""
        target = export_pages.export_dir()
        if target is None:
            return
        docs = export_pages.reset(target)
        for file in files:
            if isinstance(file, DeferredFile):
                continue  # exported once drawn (_finish_background)
            if file.generated_by and file.is_documentation_page():
                # Data tables marked out of search in the source, as on_page_content marks
                # them in the HTML: the plain build's search indexes what the plugin's does.
                page = exclude_data_tables(file.content_string).encode()
                export_pages.write_file(docs, file.src_uri, page, None)
            elif file.generated_by:
                content = None if file.abs_src_path else file.content_bytes
                export_pages.write_file(docs, file.src_uri, content, file.abs_src_path)
            elif file.src_dir == config.docs_dir:
                internal = self.audience == "internal"
                source = (
                    filter_internal_blocks(file.content_string, internal).encode()
                    if file.is_documentation_page()
                    else file.content_bytes
                )
                export_pages.write_file(docs, file.src_uri, source, None)

    def _new_scratch(self) -> Path:
        self._remove_scratch()
        self.scratch = _scratch_dir(self.root, self.audience)
        return self.scratch

    def _remove_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    # First of all post-build work: charts drawn in the background are in the site before
    # any other plugin looks at it.
    @event_priority(100)
    def _finish_background(self, *, config: MkDocsConfig) -> None:
        if self.background is None:
            return
        self.background.finish()
        target = export_pages.export_dir()
        if target is not None:
            for file in self.deferred:
                content = self.background.content(file.abs_src_path)
                path = None if content is not None else file.abs_src_path
                export_pages.write_file(target / "docs", file.src_uri, content, path)
        self.background = None
        self.deferred = []

    # Generated files backed by the scratch folder have been copied by now.
    @event_priority(-100)
    def _clean_up(self, *, config: MkDocsConfig) -> None:
        self._remove_scratch()
        if self.html_cache is not None:
            self.html_cache.save()

    on_post_build = CombinedEvent(_finish_background, _clean_up)

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_background()
        self._remove_scratch()

    def _cancel_background(self) -> None:
        if self.background is not None:
            self.background.cancel()
            self.background = None
        self.deferred = []

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A plan folder holds one page in the nav: show the plan page itself, titled
        # by the plan, rather than a section named after the folder.
        from mkdocs.structure.nav import Section

        for item in nav.items:
            if isinstance(item, Section) and item.title.lower() == "plans":
                flattened = []
                for child in item.children:
                    if isinstance(child, Section) and len(child.children) == 1:
                        only = child.children[0]
                        only.parent = item
                        flattened.append(only)
                    else:
                        flattened.append(child)
                item.children = flattened
        # Tabs in the order a reader needs them (site_nav.TAB_ORDER); an explicit `nav:`
        # in mkdocs.yml is the author's order and is kept as written.
        if config.nav is None:
            _arrange_tabs(nav)
        target = export_pages.export_dir()
        if target is not None:
            export_pages.write_nav(target, nav.items)
        return nav

    # MkDocs dates every page (the sitemap's <lastmod>, the gzipped sitemap's timestamp) by
    # the clock unless SOURCE_DATE_EPOCH is set: date them by the build's "today" instead
    # (ssa_site.asof: SOURCE_DATE_EPOCH, else the data's latest date, else 1970-01-01 for
    # a site without a single date), so that the same input gives the same bytes any day.
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.site is not None:
            page.update_date = self.site.today.isoformat()
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by:
            if page.file.src_uri in self.generated_pages:
                # MkDocs has read the page: its source (front matter and all) need not stay
                # in memory beside page.markdown, thousands of times over on a large site.
                page.file.content_string = markdown
            return markdown
        return filter_internal_blocks(markdown, self.audience == "internal")

    # Runs on the page's own HTML, before the theme wraps it and before the search plugin
    # (on_page_context) indexes it: tooltips on glossary terms, data tables out of search.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.html_cache is not None:  # the same HTML was finished by an earlier build
            return self.html_cache.apply(html, self._finish_html)
        return self._finish_html(html)

    def _finish_html(self, html: str) -> str:
        if self.marker is not None:
            html = self.marker.mark(html)
        return exclude_data_tables(html)


def _first_url(item: object) -> str | None:
    children = getattr(item, "children", None)
    if children:
        return _first_url(children[0])
    return getattr(item, "url", None)


def _arrange_tabs(nav: Navigation) -> None:
    """Order the top-level items, call the home page "Home", and put the About page and
    the method (page or section) under one "About" tab; previous/next follow the new order."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    items = arrange(nav.items, _first_url)
    if items and isinstance(items[0], Page) and items[0].is_homepage:
        items[0].title = "Home"
    about = next((i for i in items if isinstance(i, Page) and is_tab(_first_url(i), ABOUT)), None)
    method = next((i for i in items if is_tab(_first_url(i), METHOD)), None)
    if about is not None and method is not None:
        merged = Section("About", [about, method])
        for child in merged.children:
            child.parent = merged
        items = [merged if i is about else i for i in items if i is not method]
    nav.items = items
    pages: list[Page] = []
    stack: list[object] = list(reversed(items))
    while stack:
        item = stack.pop()
        if isinstance(item, Page):
            pages.append(item)
        stack.extend(reversed(getattr(item, "children", None) or []))
    for before, page in zip([None, *pages], pages, strict=False):
        page.previous_page = before
        if before is not None:
            before.next_page = page
    if pages:
        pages[-1].next_page = None
    nav.pages = pages


def _is_internal_page(file: File) -> bool:
    meta, _, _ = split_front_matter(file.content_string)
    return meta.get("visibility") == "internal"


def _body(markdown: str | None) -> str | None:
    if markdown is None:
        return None
    _, body, _ = split_front_matter(markdown)
    return body


def _override_dirs(config: MkDocsConfig) -> list[Path]:
    """``<custom_dir>/ssa/…`` templates replace the packaged ones."""
    return [Path(config.theme.custom_dir)] if config.theme.custom_dir else []


def _scratch_dir(root: Path, audience: str) -> Path:
    """A private folder for large generated files, one per build so that two builds
    running at once never share it; removed after the build (see on_post_build)."""
    base = root / ".cache" / "ssa"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"build-{audience}-", dir=base))
