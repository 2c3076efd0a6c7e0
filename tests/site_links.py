"""Links of a built site: every internal link, image, script, stylesheet and anchor
checked against the files of the build, with html.parser (no browser needed)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

if TYPE_CHECKING:
    from pathlib import Path


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as posix paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def url_path(rel: str) -> str:
    """The URL path (relative to the site root) at which a built HTML file is served."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


LINK_ATTRIBUTES = {
    "a": ("href", "xlink:href"),  # xlink:href: links inside SVG charts and maps
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "object": ("data",),
    "form": ("action",),
}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for key in ("id", "name") if tag in {"a", "map"} else ("id",):
            if key in values:
                self.ids.add(values[key])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((tag, candidate.strip().split()[0]))
            else:
                self.links.append((tag, value.strip()))


@dataclass(frozen=True)
class BrokenLink:
    page: str  # relative path of the HTML file
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page} → {self.href}: {self.reason}"


def _target_file(site: Path, path: str) -> Path | None:
    """The file a URL path (relative to the site root, no query/fragment) is served from."""
    clean = posixpath.normpath("/" + unquote(path)).lstrip("/")
    if clean.startswith(".."):
        return None
    target = site / clean if clean not in {"", "."} else site
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path, site_url: str) -> list[BrokenLink]:
    """Every internal link, image, script, stylesheet and anchor of a built site that resolves
    to nothing, in its HTML pages and its SVG files (charts and maps may hold links). A link is
    internal when it is relative, absolute on the site's path, or starts with the site_url;
    links to other sites are left alone (they must not be loaded, which the browser tests
    check, but a page may link to them)."""
    site_base = urlsplit(site_url) if site_url else None
    prefix = site_base.path if site_base and site_base.path.endswith("/") else "/"
    parsed: dict[str, _PageParser] = {}

    def parse(rel: str) -> _PageParser:
        if rel not in parsed:
            parser = _PageParser()
            parser.feed((site / rel).read_text("utf-8"))
            parsed[rel] = parser
        return parsed[rel]

    broken: list[BrokenLink] = []
    svg_files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.svg"))
    for rel in html_pages(site) + svg_files:
        # The 404 page is served at any missing URL: MkDocs writes its links absolute.
        page_url = "http://site.invalid" + prefix + url_path(rel)
        for tag, href in parse(rel).links:
            if href.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            if site_base and href.startswith(site_url.rstrip("/") + "/"):
                href_url = "http://site.invalid" + prefix + href[len(site_url.rstrip("/") + "/") :]
            elif site_base and href.rstrip("/") == site_url.rstrip("/"):
                href_url = "http://site.invalid" + prefix
            else:
                href_url = urljoin(page_url, href)
            target = urlsplit(href_url)
            if target.netloc != "site.invalid":
                continue  # another site
            if not target.path.startswith(prefix):
                broken.append(BrokenLink(rel, href, f"outside the site's path {prefix}"))
                continue
            file = _target_file(site, target.path[len(prefix) :])
            if file is None:
                broken.append(BrokenLink(rel, href, "no such file in the build"))
                continue
            fragment = unquote(target.fragment)
            if not fragment or tag not in {"a", "area"} or file.suffix != ".html":
                continue
            if fragment not in parse(file.relative_to(site).as_posix()).ids:
                broken.append(
                    BrokenLink(rel, href, f"no id '{fragment}' in {file.relative_to(site)}")
                )
    return broken


# ---------------------------------------------------------------------------------------------
# Which page to load for a page type
