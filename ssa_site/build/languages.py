"""A site in several languages (plugin option ``languages: [en, fr]``): MkDocs builds the
default language into the site folder as usual; then, once everything of that build is
written, the same configuration is built again for each other language into
``<site>/<code>/``, with the theme, its search and the plugin switched to that language.

Each language's build is a whole MkDocs site of its own (its pages, search index, sitemap,
404 page and charts), so the theme's own strings and search work per language as they do
for a one-language site; the downloads are written once, by the default language's build,
and the other languages link to them (ssa_site.base.urls.is_shared_file).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.plugins import get_plugin_logger

from ssa_site.base.i18n import DEFAULT, Language, shipped_languages
from ssa_site.build import export

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ssa_site.config import SsaConfig

log = get_plugin_logger(__name__)


@dataclass
class Languages:
    """The languages of the site and the one being built now."""

    codes: tuple[str, ...] = ()  # the option; empty: the theme's language only
    current: str = DEFAULT
    native_digits: bool = False
    building_others: bool = False  # inside the builds of the other languages
    _saved: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, options: SsaConfig, config: MkDocsConfig) -> Languages:
        """Without the option, the site is in the theme's language, and the plugin's pages
        too when the package has its catalog (else they are in English)."""
        codes = tuple(options.languages)
        theme = str(config.theme.get("language") or DEFAULT)
        current = codes[0] if codes else (theme if theme in shipped_languages() else DEFAULT)
        return cls(codes, current, bool(options.native_digits))

    @property
    def default(self) -> str:
        return self.codes[0] if self.codes else self.current

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    @property
    def language(self) -> Language:
        return Language(self.current, self.native_digits)

    @property
    def original(self) -> Language:
        """The default language: the one untranslated texts are in."""
        return Language(self.default, self.native_digits)

    @property
    def root(self) -> str:
        """This language's folder below the site's root: "fr/"; "" for the default."""
        return "" if self.current == self.default else f"{self.current}/"

    def alternates(self, page_url: str) -> list[dict[str, Any]]:
        """The same page in every language of the site (none for a one-language site), as
        the theme's language switcher and hreflang links read them (``extra.alternate``:
        ``name``, ``lang``, ``link``). ``link`` is a path from the server's root (the path
        of site_url, else /): the theme's ``url`` filter keeps those as they are, and
        one path serves every language's pages."""
        if len(self.codes) < 2:
            return []
        base = urlsplit(self._saved.get("site_url") or "").path or "/"
        found = []
        for code in self.codes:
            root = "" if code == self.default else f"{code}/"
            found.append(
                {
                    "lang": code,
                    "name": Language(code).name,
                    "link": posixpath.join(base, root + page_url),
                    "current": code == self.current,
                }
            )
        return found

    def roots(self) -> list[dict[str, str]]:
        """Each language with the absolute URL of its site (the sitemap's alternates);
        none for a one-language site or one without site_url."""
        base = self._saved.get("site_url") or ""
        if len(self.codes) < 2 or not base:
            return []
        return [
            {"lang": code, "url": base + ("" if code == self.default else f"{code}/")}
            for code in self.codes
        ]

    def base_site_url(self, config: MkDocsConfig) -> str | None:
        """The site's address (the default language's): the downloads are there."""
        if self._saved:
            return self._saved.get("site_url")
        return config.site_url

    # -- MkDocs' configuration, per language ---------------------------------------------

    def remember(self, config: MkDocsConfig) -> None:
        """The default language's settings, kept before a build of another language."""
        if not self.building_others:
            self._saved = {
                "site_dir": config.site_dir,
                "site_url": config.site_url,
                "language": config.theme.get("language"),
                "search": _search_lang(config),
            }

    def switch(self, config: MkDocsConfig, code: str) -> None:
        """Point MkDocs' configuration at ``code``: its folder, address, theme language
        and search language."""
        self.current = code
        root = self.root
        saved = self._saved
        config.site_dir = posixpath.join(saved["site_dir"], root) if root else saved["site_dir"]
        if saved["site_url"]:
            config.site_url = saved["site_url"] + root
        # With the option, the theme speaks the language built; without it, as configured.
        config.theme["language"] = code if self.codes else (saved["language"] or code)
        _set_search_lang(config, saved["search"] if code == self.default else [code])

    def build_others(self, config: MkDocsConfig) -> None:
        """Build every other language after the default one; MkDocs' configuration is the
        default language's again afterwards (``mkdocs serve`` rebuilds with it)."""
        if self.building_others or not self.others:
            return
        if export.current() is not None:
            # ssa-site generate writes a plain project of one language: the default one.
            log.info(
                "Generating the %s site only (languages: %s)", self.default, ", ".join(self.codes)
            )
            return
        self.building_others = True
        try:
            for code in self.others:
                self.switch(config, code)
                log.info("Building the %s site into %s", Language(code).name, config.site_dir)
                mkdocs_build(config)
        finally:
            self.switch(config, self.default)
            self.building_others = False


def interface_text(language: Language) -> dict[str, str]:
    """The theme override's own sentences (main.html), in ``language``."""
    _ = language.gettext
    return {
        "internal_title": _("Internal — not for public release."),
        "internal_text": _("This build shows internal plans, rows and passages."),
        "languages": _("Languages"),
        "not_found": _("404 - Not found"),
    }


_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)


def with_direction(html: str, language: Language) -> str:
    """A page with ``dir`` on its ``<html>`` (the theme puts it on ``<body>`` only)."""
    found = _HTML_TAG.search(html)
    if found is None or " dir=" in found.group(1):
        return html
    tag = f'<html{found.group(1)} dir="{language.direction}">'
    return html[: found.start()] + tag + html[found.end() :]


def _search(config: MkDocsConfig) -> Any:
    for name in ("search", "material/search"):
        if name in config.plugins:
            return config.plugins[name]
    return None


def _search_lang(config: MkDocsConfig) -> Any:
    plugin = _search(config)
    return list(plugin.config.lang or []) if plugin is not None else None


def _set_search_lang(config: MkDocsConfig, lang: Any) -> None:
    plugin = _search(config)
    if plugin is not None:
        plugin.config.lang = list(lang) if lang else None
