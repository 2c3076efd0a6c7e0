"""The page context of a build, made from the plugin's options and MkDocs' configuration,
and the scope of the page cache (everything a generated page may depend on)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import StatusSettings
from ssa_site.build.languages import Languages
from ssa_site.cache import store as cache
from ssa_site.cache.pages import PageCache, docs_digests
from ssa_site.config import notice_in, publisher
from ssa_site.generate import environment
from ssa_site.output.context import PageContext

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ssa_site.build.authored import AuthoredPages
    from ssa_site.cache.workers import Background
    from ssa_site.config import SsaConfig
    from ssa_site.load.glossary import Glossary
    from ssa_site.project import SiteView


def page_context(
    view: SiteView,
    authored: AuthoredPages,
    options: SsaConfig,
    config: MkDocsConfig,
    *,
    root: Path,
    scratch: Path,
    glossary: Glossary,
    background: Background,
    languages: Languages | None = None,
    fallback_pages: frozenset[str] = frozenset(),
) -> PageContext:
    """What every generator of this build gets (see ssa_site.output.context), in the
    language being built."""
    languages = languages or Languages()
    language = languages.language
    return PageContext(
        view,
        environment(_override_dirs(config), language, languages.original),
        config.use_directory_urls,
        scratch=scratch,
        home_markdown=authored.home,
        plans_index_markdown=authored.plans_index,
        site_name=config.site_name,
        publisher=publisher(options.publisher),
        evaluations_index_markdown=authored.evaluations_index,
        status_settings=StatusSettings(options.status_thresholds, options.late_after_days),
        glossary=glossary,
        cache_dir=cache.base_dir(root),
        pages=_page_cache(view, options, config, root, languages),
        background=background,
        notice=notice_in(options.notice, languages.current, languages.default),
        language=language,
        language_root=languages.root,
        fallback_pages=fallback_pages,
        site_url=languages.base_site_url(config),
    )


def _override_dirs(config: MkDocsConfig) -> list[Path]:
    """``<custom_dir>/ssa/…`` templates replace the packaged ones."""
    return [Path(config.theme.custom_dir)] if config.theme.custom_dir else []


def _page_cache(
    view: SiteView, options: SsaConfig, config: MkDocsConfig, root: Path, languages: Languages
) -> PageCache | None:
    """Pages of earlier builds (ssa_site.cache.pages), keyed by everything they are made
    of: the data, the docs folder, the audience, the options of the plugin and of MkDocs
    that pages show, template overrides, the glossary and SOURCE_DATE_EPOCH."""
    if not cache.enabled("pages"):
        return None
    others, narratives = docs_digests(Path(config.docs_dir))
    custom = Path(config.theme.custom_dir) / "ssa" if config.theme.custom_dir else None
    glossary = root / options.glossary.file if options.glossary.file else None
    scope = (
        view.data_fingerprint,
        others,
        "internal" if view.internal else "public",
        cache.canonical(options),
        config.site_url,
        config.site_name,
        config.use_directory_urls,
        cache.canonical(config.nav),
        cache.tree_digest(custom) if custom and custom.is_dir() else "",
        cache.file_digest(glossary) if glossary and glossary.is_file() else "",
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        languages.current,  # the options say which languages, not which one is built
    )
    return PageCache(cache.base_dir(root), repr(scope), narratives)
