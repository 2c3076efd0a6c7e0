"""What keeps an internal build with staff (SPEC §3).

An internal build shows every internal row and passage. It may be built and previewed on
the author's own computer, but MkDocs will not publish it: ``mkdocs gh-deploy`` and
``mkdocs serve`` on an address other computers can reach refuse it unless the plugin option
``allow_internal_deploy`` says the place it goes is for staff only. Wherever it ends up,
every page asks search engines not to index it (``<meta name="robots">``, theme/main.html),
``robots.txt`` disallows everything, and there is no sitemap to find its pages by
(:func:`keep_unlisted`, after the build).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: robots.txt of an internal build: no crawler is welcome anywhere.
ROBOTS_TXT = (
    "# An internal build: not for search engines, nor for the public.\nUser-agent: *\nDisallow: /\n"
)
_ALLOW = "set 'allow_internal_deploy: true' under the ssa plugin in mkdocs.yml"


def refuse_exposure(command: str | None, config: MkDocsConfig, allowed: bool) -> None:
    """Stop an internal build that MkDocs is about to publish (PluginError), before anything
    is built or pushed: ``gh-deploy``, or ``serve`` on an address other than loopback."""
    if allowed:
        return
    if command == "gh-deploy":
        raise PluginError(
            "The internal audience (SSA_AUDIENCE=internal, or audience: internal) shows every "
            "internal row and passage: 'mkdocs gh-deploy' would publish them on GitHub Pages. "
            "Nothing was built or pushed. Deploy the public build (without SSA_AUDIENCE="
            f"internal); if this site is for staff only, {_ALLOW}."
        )
    host, port = config.dev_addr
    if _serving(command, config) and not _loopback(host):
        raise PluginError(
            f"The internal audience shows every internal row and passage, and 'mkdocs serve' "
            f"would serve it on {host}:{port}, where other computers can reach it. Serve it "
            f"on this computer only (mkdocs serve -a 127.0.0.1:{port}); if every computer "
            f"that can reach {host} is staff's, {_ALLOW}."
        )


def _serving(command: str | None, config: MkDocsConfig) -> bool:
    """Whether MkDocs is serving: ``serve`` (``serve --clean`` says ``build`` but points
    site_url at the server, http://<dev_addr>/)."""
    if command == "serve":
        return True
    if command != "build" or not config.site_url:
        return False
    url = urlsplit(config.site_url)
    host, port = config.dev_addr
    return url.scheme == "http" and url.hostname == host.strip("[]") and url.port == port


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def keep_unlisted(config: MkDocsConfig) -> None:
    """After an internal build: a robots.txt that disallows everything (in place of any
    authored one), and no sitemap.xml nor sitemap.xml.gz, which MkDocs writes from the
    theme's static template (taken out of the theme's list, the template would be copied
    as it is instead)."""
    site = Path(config.site_dir)
    (site / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
