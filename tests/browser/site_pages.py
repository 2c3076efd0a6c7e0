"""Pure helpers of the browser suite: page types of a built site and a local server.

Nothing here drives a browser: the page-type table is plain Python so that it can be read
(and reused) without Chromium. The link checker is tests/site_links.py.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from fnmatch import fnmatchcase
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from site_links import html_pages, url_path

# ---------------------------------------------------------------------------------------------
# Page types


@dataclass(frozen=True)
class PageType:
    """One kind of page of the site, found by where the plugin generates it."""

    key: str
    label: str
    pattern: str  # glob of the HTML file, relative to the site dir; "*" matches one folder
    internal_only: bool = False


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("home", "home", "index.html"),
    PageType("plans-index", "plans index", "plans/index.html"),
    PageType("plan", "plan", "plans/*/index.html"),
    PageType("logic-model", "logic model", "plans/*/logic-model/index.html"),
    PageType("result", "result", "plans/*/results/*/index.html"),
    PageType("indicator", "indicator", "plans/*/indicators/*/index.html"),
    PageType("progress-review", "progress review", "plans/*/reviews/*/index.html"),
    PageType("evaluations-index", "evaluations index", "evaluations/index.html"),
    PageType("evaluation", "evaluation", "evaluations/*/index.html"),
    PageType("alignment", "alignment", "alignment/index.html"),
    PageType("data", "data", "data/index.html"),
    PageType("glossary", "glossary", "glossary/index.html"),
    PageType("method-index", "method index", "method/index.html"),
    PageType("method", "method", "method/*/index.html"),
    PageType("about", "about", "about/index.html"),
    PageType("quality", "quality (internal)", "quality/index.html", internal_only=True),
    PageType("404", "404 (page not found)", "404.html"),
    PageType("embed", "chart embed", "embed/*/*.html"),
)
PAGE_TYPE_KEYS = tuple(t.key for t in PAGE_TYPES)
BY_KEY = {t.key: t for t in PAGE_TYPES}

# Folders whose sub-folders are pages of one kind each (for pages of no known type yet).
COLLECTIONS = {"results", "indicators", "reviews", "evaluations", "method", "initiatives"}


def matches(rel: str, pattern: str) -> bool:
    parts, wanted = rel.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(
        fnmatchcase(p, w) for p, w in zip(parts, wanted, strict=True)
    )


def page_type_of(rel: str) -> str:
    """The key of the page type of a page; pages of no known type get a key from their path.

    A page type that arrives after this table was written is still checked: its pages are
    grouped by path (plan names and collection items replaced by '*').
    """
    for page_type in PAGE_TYPES:
        if matches(rel, page_type.pattern):
            return page_type.key
    parts = rel.split("/")
    if parts[0] == "plans" and len(parts) > 2:
        parts[1] = "*"
    if len(parts) >= 3 and parts[-3] in COLLECTIONS:
        parts[-2] = "*"
    return "other:" + "/".join(parts[:-1]) + "/"


def representative(site: Path, pages: list[str]) -> str:
    """The page that shows most of its type: the largest HTML file (then the first by path)."""
    return max(sorted(pages), key=lambda rel: (site / rel).stat().st_size)


def language_folders(site: Path) -> set[str]:
    """The folders of the site's other languages (fr/...): each is a site of its own, with
    its own search index. Their pages are read by tests/browser/test_languages.py."""
    return {
        p.parent.parent.name
        for p in site.glob("*/search/search_index.json")
        if (p.parent.parent / "index.html").is_file()
    }


def pages_by_type(site: Path) -> dict[str, list[str]]:
    """The pages of the site's own language by page type (other languages' are left out)."""
    others = language_folders(site)
    found: dict[str, list[str]] = {}
    for rel in html_pages(site):
        if rel.split("/", 1)[0] not in others:
            found.setdefault(page_type_of(rel), []).append(rel)
    return found


# ---------------------------------------------------------------------------------------------
# Local server


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site under its site_url path (e.g. /ssa/) and 404.html for what is missing."""

    prefix = "/"

    def __init__(self, *args, prefix: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site_path__" / "missing")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: failures show up in the tests' own messages


class SiteServer:
    """A built site on http://127.0.0.1:<ephemeral port><prefix>, in a daemon thread."""

    def __init__(self, site: Path, prefix: str = "/") -> None:
        self.site = site
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        handler = functools.partial(_SiteHandler, directory=str(site), prefix=self.prefix)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def root(self) -> str:
        return self.origin + self.prefix

    def url(self, rel: str) -> str:
        """The URL of a built HTML file (relative path in the site dir)."""
        return self.root + url_path(rel)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


# ---------------------------------------------------------------------------------------------
# Links and anchors

MISSING_PATH = "no-such-page/"  # any missing URL shows the 404 page


def page_to_visit(site: Path, key: str) -> str | None:
    """The URL path (relative to the site root) of the page that stands for a page type in a
    build, or None when the build has no page of that type."""
    if key == "404":
        return MISSING_PATH if (site / "404.html").exists() else None
    pages = pages_by_type(site).get(key)
    return url_path(representative(site, pages)) if pages else None


def missing_reason(key: str, audience: str) -> str:
    page_type = BY_KEY[key]
    if page_type.internal_only and audience == "public":
        return f"the {page_type.label} page is in internal builds only"
    return (
        f"no {page_type.label} page in the {audience} build of the example site yet "
        f"(looked for {page_type.pattern})"
    )


def other_types(site: Path) -> dict[str, str]:
    """Page types this table does not know yet (key → URL path of their representative)."""
    return {
        key: url_path(representative(site, pages))
        for key, pages in pages_by_type(site).items()
        if key.startswith("other:")
    }
