"""The site's navigation: plan folders shown as their plan pages, and the top-level
items (the tabs) in the order a reader needs them, by URL.

Home comes first, then the generated sections in the order a reader needs them: Plans,
Evaluations, Alignment, Data, Glossary, then About and the method. Authored top-level
pages the plugin does not know keep their relative order, after those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from ssa_site.base import urls
from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.vocabulary import N_
from ssa_site.build import export

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from mkdocs.structure.nav import Navigation

T = TypeVar("T")

#: URL prefixes of the tabs, in order; "" is the home page.
TAB_ORDER = tuple(
    urls.dest_url(page)
    for page in (
        urls.HOME_URI,
        urls.PLANS_INDEX_URI,
        urls.EVALUATIONS_INDEX_URI,
        urls.ALIGNMENT_URI,
        urls.DATA_PAGE_URI,
        urls.GLOSSARY_URI,
        urls.ABOUT_URI,
        urls.METHOD_INDEX_URI,
    )
)
#: Tabs merged into one "About" section when both exist: the About page, then the method.
ABOUT, METHOD = urls.dest_url(urls.ABOUT_URI), urls.dest_url(urls.METHOD_INDEX_URI)


def tab_rank(url: str | None) -> int:
    """Position of a top-level item whose first page has ``url``; unknown pages come last."""
    if url is None:
        return len(TAB_ORDER)
    url = url.lstrip("/")
    if url in ("", "index.html"):
        return 0
    top = url.split("/", 1)[0] + "/"
    if top.removesuffix(".html/") + "/" in TAB_ORDER:  # use_directory_urls: false
        top = top.removesuffix(".html/") + "/"
    return TAB_ORDER.index(top) if top in TAB_ORDER[1:] else len(TAB_ORDER)


def is_tab(url: str | None, prefix: str) -> bool:
    """Whether a top-level item's first page belongs to the tab of ``prefix``."""
    return tab_rank(url) == TAB_ORDER.index(prefix)


def arrange(items: Sequence[T], url_of: Callable[[T], str | None]) -> list[T]:
    """The items in tab order; a stable sort, so unknown pages keep their order."""
    return sorted(items, key=lambda item: tab_rank(url_of(item)))


#: Sections MkDocs names after the site's folders, and the tabs the plugin names: their
#: words in the build's language (the catalogs' messages).
SECTION_TITLES = (N_("Home"), N_("Plans"), N_("Evaluations"), N_("Data"), N_("Method"), N_("About"))


def arrange_nav(nav: Navigation, explicit: bool, language: Language = ENGLISH) -> Navigation:
    """The site's navigation: each plan folder shown as its plan page, titled by the plan
    (not a section named after the folder); tabs in the order a reader needs them,
    unless ``mkdocs.yml`` has an explicit ``nav:`` (the author's order is kept)."""
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
    if not explicit:
        _arrange_tabs(nav)
    if language.code != ENGLISH.code:
        _translate_sections(nav.items, language)
    target = export.export_dir()
    if target is not None:  # SSA_EXPORT_DIR: the final nav beside the exported pages
        export.write_nav(target, nav.items)
    return nav


def _translate_sections(items: Sequence[object], language: Language) -> None:
    """Sections (named after folders) and the home page in the build's language."""
    for item in items:
        if isinstance(item, Section):
            item.title = language.gettext(item.title)
            _translate_sections(item.children, language)
        elif isinstance(item, Page) and item.is_homepage and item.title == "Home":
            item.title = language.gettext("Home")


def _first_url(item: object) -> str | None:
    children = getattr(item, "children", None)
    if children:
        return _first_url(children[0])
    return getattr(item, "url", None)


def _arrange_tabs(nav: Navigation) -> None:
    """Order the top-level items, call the home page "Home", and put the About page and
    the method (page or section) under one "About" tab; previous/next follow the new order."""
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
