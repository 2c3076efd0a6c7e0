"""The MkDocs plugin ``ssa``: says when each part of a build runs; ssa_site.build says how.

Each event is a few lines calling into :mod:`ssa_site.build`, with the reason it is the
right moment; the core (load, analysis, pages, downloads) imports nothing from MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ssa_site.build.engine import check_engine
from ssa_site.build.held_pages import HeldPages
from ssa_site.build.languages import Languages, interface_text, with_direction
from ssa_site.build.nav import arrange_nav
from ssa_site.build.raw_html import RawHtmlExtension
from ssa_site.build.session import Build
from ssa_site.build.setup import configure
from ssa_site.config import SsaConfig, notice_in

if TYPE_CHECKING:
    from pathlib import Path

    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


class SsaPlugin(BasePlugin[SsaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.audience = "public"
        self.root: Path | None = None
        self.build: Build | None = None
        self.command: str | None = None
        self.languages = Languages()
        self.generated_page = False  # the page Markdown is rendering now was generated
        self.held = HeldPages()  # pages' HTML, compressed until each page is written

    # Once per MkDocs command (a serve's rebuilds included): which command it is, for
    # on_config to refuse publishing an internal build (gh-deploy, serve to the network).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # MkDocs keeps a plugin with on_startup for the next command run in this process.
    def on_shutdown(self) -> None:
        self.command = None

    # Runs first so that the theme override and Markdown extensions are in place before
    # any other plugin reads them, and an internal build MkDocs would publish (or an
    # engine the plugin does not support) stops here.
    # In a site of several languages, MkDocs runs every event again for each other
    # language (ssa_site.build.languages): the languages are read once, before them.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        check_engine()
        self.audience, self.root = configure(config, self.config, self.command)
        if not any(isinstance(e, RawHtmlExtension) for e in config.markdown_extensions):
            # Generated pages' HTML blocks are set aside without html.parser (same bytes).
            config.markdown_extensions.append(RawHtmlExtension(lambda: self.generated_page))
        if not self.languages.building_others:
            self.languages = Languages.of(self.config, config)
            self.languages.remember(config)
            self.languages.switch(config, self.languages.default)
        languages = self.languages
        config.extra["ssa"]["notice"] = notice_in(
            self.config.notice, languages.current, languages.default
        )
        return config

    # Load and validate before MkDocs cleans the site directory: a project with errors
    # stops the build before anything is written.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.root is not None
        self.held = HeldPages()
        self.build = Build.start(self.config, config, self.root, self.audience, self.languages)

    # The documentation files are known and not yet read: authored narratives are taken
    # out and every generated page and file goes in.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        return self.build.add_files(files, config)

    # The nav is built from the files: plan folders become their plan pages, tabs are
    # put in a reader's order (an explicit nav: in mkdocs.yml is kept as written).
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        return arrange_nav(nav, config.nav is not None, self.languages.language)

    # MkDocs dates every page (the sitemap's <lastmod>, the gzipped sitemap's timestamp) by
    # the clock unless SOURCE_DATE_EPOCH is set: date them by the build's date instead
    # (ssa_site.analysis.asof), so that the same input gives the same bytes any day.
    # Each page's HTML is held compressed from the moment MkDocs goes on to the next page
    # (ssa_site.build.held_pages): the HTML of thousands of pages is not in memory at once.
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.build is not None:
            page.update_date = self.build.site.built.isoformat()
        self.held.rendered(page)
        return page

    # Every page is rendered: the last one's HTML is held too.
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.held.rendered(None)
        return env

    # The theme's templates get the same page in every language (main.html's language
    # switcher) and the plugin's sentences in the page's language. First, before the
    # search plugin indexes the page: the page's HTML is given back.
    @event_priority(100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.held.give_back(page)
        extra: Any = context
        extra["ssa_languages"] = self.languages.alternates(page.url)
        extra["ssa_text"] = interface_text(self.languages.language)
        return context

    # The theme's own pages (404.html, sitemap.xml): the switcher goes to each language's
    # home page; the sitemap names every page in each language (hreflang).
    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        extra: Any = context
        extra["ssa_languages"] = self.languages.alternates("")
        extra["ssa_text"] = interface_text(self.languages.language)
        extra["ssa_sitemap_languages"] = self.languages.roots()
        return context

    # The theme writes the language on <html> and its direction on <body> only: a reader
    # of a right-to-left language gets dir on <html> too.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.held.written(page)
        return with_direction(output, self.languages.language)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if template_name.endswith(".html"):  # the theme's 404 page; not sitemap.xml
            return with_direction(output_content, self.languages.language)
        return output_content

    # Before Markdown is rendered: internal passages of authored pages are dropped for the
    # public, and a generated page's source need not stay in memory once read.
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.build is not None
        markdown, release = self.build.page_markdown(
            markdown, page.file.src_uri, bool(page.file.generated_by)
        )
        if release:
            page.file.content_string = markdown
        self.generated_page = bool(page.file.generated_by)
        return markdown

    # On the page's own HTML, before the theme wraps it and before the search plugin
    # (on_page_context) indexes it: tooltips on glossary terms, data tables out of search.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        self.generated_page = False
        return self.build.finish_html(html)

    # First of all post-build work: charts drawn in the background (and an internal
    # build's robots.txt) are in the site before any other plugin looks at it.
    @event_priority(100)
    def _finish_background(self, *, config: MkDocsConfig) -> None:
        if self.build is not None:
            self.build.finish(config)

    # Last: files backed by the scratch folder have been copied by now.
    @event_priority(-100)
    def _clean_up(self, *, config: MkDocsConfig) -> None:
        if self.build is not None:
            self.build.close()

    # After the default language's site is whole: each other language's site, built by
    # MkDocs again into <site>/<code>/.
    @event_priority(-110)
    def _other_languages(self, *, config: MkDocsConfig) -> None:
        self.languages.build_others(config)

    on_post_build = CombinedEvent(_finish_background, _clean_up, _other_languages)

    # A failed build leaves no worker process and no scratch folder behind.
    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.abort()
