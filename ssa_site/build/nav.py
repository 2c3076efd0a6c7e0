"""The order of the site's top-level navigation (the tabs), by URL. Pure: no MkDocs.

Home comes first, then the generated sections in the order a reader needs them: Plans,
Evaluations, Alignment, Data, Glossary, then About and the method. Authored top-level
pages the plugin does not know keep their relative order, after those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

T = TypeVar("T")

#: URL prefixes of the tabs, in order; "" is the home page.
TAB_ORDER = ("", "plans/", "evaluations/", "alignment/", "data/", "glossary/", "about/", "method/")
#: Tabs merged into one "About" section when both exist: the About page, then the method.
ABOUT, METHOD = "about/", "method/"


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
