"""What generators produce (pages and files) and what they get (the page context)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from ssa_site.analysis.asof import EPOCH
from ssa_site.analysis.ratings import StatusSettings
from ssa_site.analysis.rollup import StatusBoard
from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.urls import Linker
from ssa_site.base.vocabulary import N_
from ssa_site.cache.pages import text_arguments
from ssa_site.charts.specs import CHARTS
from ssa_site.load.narratives import filter_internal_blocks
from ssa_site.model.publisher import Publisher
from ssa_site.output.rendering import front_matter, render
from ssa_site.output.wayfinding import Wayfinder

if TYPE_CHECKING:
    from pathlib import Path

    import jinja2

    from ssa_site.cache.pages import PageCache
    from ssa_site.cache.workers import Background
    from ssa_site.load.glossary import Glossary
    from ssa_site.project import SiteView

#: Headings of the groups of plans (English: translate with ``language.gettext``).
PLAN_KIND_LABELS = {
    "agency-framework": N_("Agency frameworks"),
    "functional-strategy": N_("Functional strategies"),
    "regional-strategy": N_("Regional strategies"),
    "country-strategy": N_("Country strategies"),
    "initiative": N_("Initiatives"),
}


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site, as Markdown source."""

    src_uri: str
    content: str
    in_nav: bool


@dataclass(frozen=True)
class GeneratedAsset:
    """A static file the plugin adds (chart, CSV, zip...): bytes, or a file already on disk."""

    src_uri: str
    content: bytes | None = None
    abs_src_path: str | None = None
    deferred: bool = False  # a chart still being drawn into abs_src_path (background.py)


Generated = GeneratedPage | GeneratedAsset


@dataclass(frozen=True)
class PageContext:
    """What every generator gets: the loaded site, templates and where to put big files."""

    site: SiteView  # what the audience may see: nothing else reaches a template
    env: jinja2.Environment
    use_directory_urls: bool = True
    scratch: Path | None = None  # a private folder for large generated files
    home_markdown: str | None = None  # the authored index.md, front matter included
    plans_index_markdown: str | None = None  # the authored plans/index.md body
    site_url: str | None = None  # mkdocs.yml site_url: downloads and catalogs use absolute URLs
    site_name: str = ""  # mkdocs.yml site_name
    publisher: Publisher = field(default_factory=Publisher)  # plugin option publisher
    evaluations_index_markdown: str | None = None  # the authored evaluations/index.md
    status_settings: StatusSettings = field(default_factory=StatusSettings)
    glossary: Glossary | None = None  # the site's glossary (None: the packaged one)
    cache_dir: Path | None = None  # <project>/.cache/ssa: content-addressed caches (cache.py)
    pages: PageCache | None = None  # pages of earlier builds (page_cache.py)
    background: Background | None = None  # worker processes: new charts, first downloads
    notice: str | None = None  # plugin option notice: shown on every page and embed
    #: The language this build writes in (interface strings, numbers, dates); the Jinja
    #: environment ``env`` is made for the same language.
    language: Language = ENGLISH
    #: Where this language's pages are below the site's root: "fr/"; "" for the default
    #: language. The downloads are the default language's (site_url, shared_root).
    language_root: str = ""
    #: Authored pages (src_uri) shown in the default language for want of a translation.
    fallback_pages: frozenset[str] = frozenset()
    # Narratives read since the last page was made: they are part of the next page's key.
    _read: list[str] = field(default_factory=list, compare=False, repr=False)

    @cached_property
    def status(self) -> StatusBoard:
        """Every status as of the build's "today" (see ssa_site.analysis.asof), worked out once."""
        today = self.site.today if self.site.today != EPOCH else None
        as_of = self.status_settings.as_of or today
        return StatusBoard(self.site.portfolio, self.status_settings, as_of, self.language)

    @cached_property
    def wayfinder(self) -> Wayfinder:
        """Breadcrumbs and neighbours of every page (see ssa_site.output.wayfinding)."""
        site = self.site
        sections = ["plans", "method"]
        if site.evaluations or self.evaluations_index_markdown is not None:
            sections.append("evaluations")
        return Wayfinder.of(site.portfolio, site.reviews, site.evaluations, sections, self.language)

    @property
    def internal(self) -> bool:
        return self.site.portfolio.is_internal

    @property
    def shared_root(self) -> str:
        """From this language's site folder to the files every language shares."""
        return "../" * self.language_root.count("/")

    @property
    def pages_url(self) -> str | None:
        """The absolute URL of this language's site (site_url, then /fr/…)."""
        return f"{self.site_url}{self.language_root}" if self.site_url else None

    def linker(self, src_uri: str) -> Linker:
        return Linker(src_uri, self.use_directory_urls, shared_root=self.shared_root)

    def render(self, src_uri: str, template: str, **context: Any) -> str:
        """Render a template for the page at ``src_uri`` with the common context."""
        return self._render(self.linker(src_uri), template, context)

    def render_file(self, site_path: str, template: str, **context: Any) -> bytes:
        """A whole HTML file outside the theme (an embed page) written at ``site_path``,
        rendered with the common context and links relative to it."""
        link = Linker.from_file(site_path, self.use_directory_urls, self.shared_root)
        return self._render(link, template, context).strip().encode("utf-8") + b"\n"

    def _render(self, link: Linker, template: str, context: dict[str, Any]) -> str:
        return render(
            self.env,
            template,
            site=self.site,
            portfolio=self.site.portfolio,
            internal=self.internal,
            link=link,
            kind_labels={k: self.language.gettext(v) for k, v in PLAN_KIND_LABELS.items()},
            **{"status": self.status, "charts": CHARTS.for_language(self.language), **context},
        )

    def page(
        self,
        src_uri: str,
        template: str,
        title: str,
        in_nav: bool,
        meta: dict[str, Any] | None = None,
        **context: Any,
    ) -> GeneratedPage:
        """A generated page: front matter with the (escaped) title, then the template."""
        key = None
        if self.pages is not None:
            read = tuple(self._read)
            texts = text_arguments(context)
            key = self.pages.key(src_uri, template, title, in_nav, meta, read, texts)
            found = self.pages.get(key)
            if found is not None:
                self._read.clear()
                return GeneratedPage(src_uri, found, in_nav)
        self._read.clear()
        body = self.render(src_uri, template, **context)
        # Every generated page gets breadcrumbs above and its neighbours below.
        place = self.wayfinder.place(src_uri, title)
        chrome: Any = self.env.get_template("ssa/wayfinding.html").make_module()
        link = self.linker(src_uri)
        body = f"{chrome.breadcrumbs(place, link)}{body}{chrome.pager(place, link)}"
        page_meta = {"title": str(escape(title)), "ssa_page": template.removesuffix(".html")}
        page_meta.update(meta or {})
        content = front_matter(page_meta) + body
        if self.pages is not None and key is not None:
            self.pages.put(key, content)
        return GeneratedPage(src_uri, content, in_nav)

    def narrative(self, plan: str, result: str | None = None) -> str:
        """A narrative's Markdown for the audience; generators read narratives only here,
        so that a page's key (page_cache.py) names every narrative it shows."""
        found = self.site.narrative(plan, result)
        text = "" if found is None else filter_internal_blocks(found.body, self.internal)
        self._read.append(f"{plan}:{result}:{text}")
        return text

    def filter(self, markdown: str | None) -> str:
        return filter_internal_blocks(markdown or "", self.internal)
