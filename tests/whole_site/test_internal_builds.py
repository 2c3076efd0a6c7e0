"""An internal build stays with staff (SPEC §3).

- ``mkdocs gh-deploy`` of an internal build stops before anything is built or pushed, and
  ``mkdocs serve`` of one on an address other than loopback stops before serving, unless
  the plugin option ``allow_internal_deploy`` allows it;
- every page of an internal build asks search engines not to index it, its robots.txt
  disallows everything and it has no sitemap; a public build has none of this.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, build, write_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from ssa_site.build.internal import ROBOTS_TXT

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'
ALLOW = "  - ssa:\n      allow_internal_deploy: true\n"


def minimal(root: Path, allow: bool = False) -> Path:
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".cache"))
    if allow:
        yml = root / "mkdocs.yml"
        yml.write_text(yml.read_text("utf-8").replace("  - ssa:\n", ALLOW), encoding="utf-8")
    return root


def run(root: Path, *args: str, audience: str = "internal", timeout: int = 180) -> tuple[int, str]:
    env = {**os.environ, "SSA_AUDIENCE": audience}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e.org")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e.org")
    done = subprocess.run(
        args, cwd=root, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.returncode, done.stdout + done.stderr


def git_project(tmp_path: Path, allow: bool = False) -> tuple[Path, Path]:
    """The minimal fixture in a git repository whose origin is a local bare repository."""
    root = minimal(tmp_path / "site", allow)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", "site"],
        ["git", "remote", "add", "origin", str(remote)],
    ):
        code, output = run(root, *command)
        assert code == 0, output
    return root, remote


def branches(repository: Path) -> str:
    return subprocess.run(
        ["git", "branch", "--list"], cwd=repository, capture_output=True, text=True, check=True
    ).stdout


# -- gh-deploy ------------------------------------------------------------------------------


@pytest.mark.slow
def test_gh_deploy_of_an_internal_build_stops_before_building_or_pushing(
    tmp_path: Path,
) -> None:
    root, remote = git_project(tmp_path)
    code, output = run(root, MKDOCS, "gh-deploy", "--force")
    assert code != 0
    assert "'mkdocs gh-deploy' would publish them on GitHub Pages" in output
    assert "allow_internal_deploy: true" in output
    assert branches(remote) == ""  # nothing pushed
    assert "gh-pages" not in branches(root)  # nor committed
    assert not (root / "site").exists()  # nor built


@pytest.mark.slow
def test_gh_deploy_of_an_internal_build_goes_ahead_when_the_option_allows_it(
    tmp_path: Path,
) -> None:
    root, remote = git_project(tmp_path, allow=True)
    code, output = run(root, MKDOCS, "gh-deploy", "--force")
    assert code == 0, output
    assert "gh-pages" in branches(remote)
    robots = subprocess.run(
        ["git", "show", "gh-pages:robots.txt"], cwd=remote, capture_output=True, text=True
    )
    assert robots.stdout == ROBOTS_TXT


# -- serve ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serving_an_internal_build_to_the_network_stops_before_serving(tmp_path: Path) -> None:
    root = minimal(tmp_path / "site")
    port = free_port()
    code, output = run(root, MKDOCS, "serve", "-a", f"0.0.0.0:{port}", timeout=120)
    assert code != 0
    assert f"would serve it on 0.0.0.0:{port}, where other computers can reach it" in output
    assert f"mkdocs serve -a 127.0.0.1:{port}" in output
    assert "Serving on" not in output


@pytest.mark.parametrize(
    ("audience", "command", "address", "site_url", "refused"),
    [
        ("internal", "serve", "0.0.0.0:8000", None, True),
        ("internal", "serve", "192.168.1.20:8000", None, True),
        ("internal", "serve", "[::]:8000", None, True),
        ("internal", "build", "0.0.0.0:8000", "http://0.0.0.0:8000/", True),  # serve --clean
        ("internal", "gh-deploy", "127.0.0.1:8000", None, True),
        ("internal", "serve", "127.0.0.1:8000", None, False),
        ("internal", "serve", "127.0.0.2:8000", None, False),
        ("internal", "serve", "localhost:8000", None, False),
        ("internal", "serve", "[::1]:8000", None, False),
        ("internal", "build", "0.0.0.0:8000", None, False),  # a build serves nothing
        ("internal", None, "0.0.0.0:8000", None, False),
        ("public", "serve", "0.0.0.0:8000", None, False),
        ("public", "gh-deploy", "127.0.0.1:8000", None, False),
    ],
)
def test_the_plugin_refuses_to_publish_an_internal_build(
    monkeypatch: pytest.MonkeyPatch,
    audience: str,
    command: str | None,
    address: str,
    site_url: str | None,
    refused: bool,
) -> None:
    monkeypatch.setenv("SSA_AUDIENCE", audience)
    for allowed in (False, True):
        root = FIXTURES / "minimal"
        config = load_config(str(root / "mkdocs.yml"), dev_addr=address, site_url=site_url)
        plugin = config.plugins["ssa"]
        plugin.config.allow_internal_deploy = allowed
        if command is not None:
            plugin.on_startup(command=command, dirty=False)
        try:
            if refused and not allowed:
                with pytest.raises(PluginError, match="allow_internal_deploy: true"):
                    plugin.on_config(config)
            else:
                plugin.on_config(config)
        finally:
            plugin.on_shutdown()  # MkDocs keeps the plugin for the next command


# -- what an internal build holds -------------------------------------------------------------


@pytest.mark.slow
def test_an_internal_build_is_not_for_search_engines(tmp_path: Path) -> None:
    root = write_project(
        minimal(tmp_path / "site"), {"content/robots.txt": "User-agent: *\nAllow: /\n"}
    )
    internal = build(root, "internal")
    pages = sorted(internal.rglob("*.html"))
    assert len(pages) > 10
    unmarked = [
        p.relative_to(internal).as_posix() for p in pages if ROBOTS_META not in p.read_text("utf-8")
    ]
    assert unmarked == []
    assert (internal / "robots.txt").read_text("utf-8") == ROBOTS_TXT
    assert not (internal / "sitemap.xml").exists()
    assert not (internal / "sitemap.xml.gz").exists()

    public = build(root, "public")
    assert (public / "sitemap.xml").is_file() and (public / "sitemap.xml.gz").is_file()
    assert (public / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"
    # Only the embed pages (an iframe's content, not a page to find) keep out of search.
    marked = {p for p in public.rglob("*.html") if 'name="robots"' in p.read_text("utf-8")}
    assert marked == set(public.glob("embed/*/*.html"))
    assert all('content="noindex"' in p.read_text("utf-8") for p in marked)
