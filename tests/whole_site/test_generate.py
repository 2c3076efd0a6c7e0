"""``ssa-site generate``: the example as a plain project, built by Zensical, ProperDocs and
MkDocs without the plugin, and what a reader finds in each engine's site.

The example is generated once per audience (as a user runs the command) and each project
is built once per engine (tests/generated_sites.py, shared with the accessibility test of
the Zensical site); the tests compare every engine's site with the plugin's own build of
the example (tests/example_builds.py).
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
import yaml
from canary import CANARY, canaries
from conftest import AUDIENCES, REPO, example_site_url
from example_builds import copy_example, example_site
from generated_sites import ENGINES, build, command, engine_site, env, generate, generated
from site_links import broken_links, html_pages
from test_leaks import hits, outputs
from test_third_party import css_urls, external, html_requests, svg_requests

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

BANNER = "Internal — not for public release."
NOTICE = "Example site: every plan, figure and evaluation on it is fictional."
#: Files each engine makes itself (search index, sitemap, theme assets): not the site's.
ENGINE_FILES = (
    *("search/", "search.json", "sitemap.xml"),
    *("assets/stylesheets/", "assets/javascripts/", "assets/images/"),
)


#: ssa-site generate writes the default language's site: the example's other languages
#: (mkdocs.yml, languages) are left out of the comparisons.
OTHER_LANGUAGES = tuple(
    f"{code}/"
    for plugin in yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["plugins"]
    if isinstance(plugin, dict) and "ssa" in plugin
    for code in (plugin["ssa"].get("languages") or [])[1:]
)


def default_language(rels: list[str]) -> list[str]:
    return [rel for rel in rels if not rel.startswith(OTHER_LANGUAGES or ("\0",))]


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def content_pages(site: Path) -> list[str]:
    """Every page of the site's content (404.html is the theme's own page)."""
    return [rel for rel in html_pages(site) if rel != "404.html"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_of_the_plugin_build_is_in_each_engines_site(engine: str, audience: str) -> None:
    site = engine_site(engine, audience)
    assert OTHER_LANGUAGES, "the example site is built in more than one language"
    assert html_pages(site) == default_language(html_pages(example_site(audience)))


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_chart_map_and_download_is_carried_byte_for_byte(engine: str, audience: str) -> None:
    """Each file of the plugin's build that is not a page nor the engine's own (its theme
    assets, search index, sitemap) is in the engine's site with the same bytes."""
    ours, theirs = example_site(audience), engine_site(engine, audience)
    wanted = sorted(
        rel
        for rel in default_language(sorted(site_files(ours)))
        if not rel.endswith(".html") and not rel.startswith(ENGINE_FILES)
    )
    assert sum(rel.endswith(".svg") for rel in wanted) > 50
    assert sum(rel.endswith(".zip") for rel in wanted) >= 4
    missing = [rel for rel in wanted if not (theirs / rel).is_file()]
    assert not missing
    different = [rel for rel in wanted if (ours / rel).read_bytes() != (theirs / rel).read_bytes()]
    assert not different
    # The site's own stylesheets and scripts, carried by extra_css and extra_javascript.
    for asset in ("assets/stylesheets/ssa.css", "assets/javascripts/ssa-site.js"):
        assert (theirs / asset).read_bytes() == (ours / asset).read_bytes()


@pytest.mark.parametrize("engine", ENGINES)
def test_each_internal_page_shows_the_banner_in_every_engine(engine: str) -> None:
    site = engine_site(engine, "internal")
    pages = content_pages(site)
    assert len(pages) > 100
    missing = [rel for rel in pages if BANNER not in (site / rel).read_text("utf-8")]
    assert not missing, f"{len(missing)} internal page(s) without the banner: {missing[:10]}"
    assert (generated("internal") / "docs" / "robots.txt").read_text().endswith("Disallow: /\n")


@pytest.mark.parametrize("engine", ENGINES)
def test_each_public_page_shows_the_notice_and_no_banner(engine: str) -> None:
    site = engine_site(engine, "public")
    for rel in content_pages(site):
        text = (site / rel).read_text("utf-8")
        assert NOTICE in text, rel
        assert "ssa-banner--internal" not in text and BANNER not in text, rel
    index = (site / "index.html").read_text("utf-8")
    for asset in ("ssa.css", "ssa-reader.css", "ssa-evaluations.js", "ssa-site.js"):
        assert asset in index


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_link_resolves_in_each_engines_site(engine: str, audience: str) -> None:
    site = engine_site(engine, audience)
    broken = [b for b in broken_links(site, example_site_url()) if b.page != "404.html"]
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(map(str, broken[:20]))


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_of_each_engines_site_fetches_from_another_origin(engine: str) -> None:
    site = engine_site(engine, "public")
    offending: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            found = html_requests(path)
        elif path.suffix == ".css":
            found = [("url()", u) for u in css_urls(path.read_text("utf-8", "replace"))]
        elif path.suffix == ".svg":
            found = svg_requests(path)
        else:
            continue
        offending += [f"{path.relative_to(site)}: {w} {u}" for w, u in found if external(u)]
    assert not offending, "\n".join(sorted(set(offending))[:20])


def test_the_generated_project_needs_no_plugin() -> None:
    project = generated("public")
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert "ssa" not in str(config["plugins"])
    assert "custom_dir" not in config["theme"]
    assert config["nav"][0] == {"Home": "index.md"}
    # The themes' needs for WCAG 2.1 AA (tests/browser/test_generated_accessibility.py):
    # the project's own stylesheet last, and no palette that only names the defaults.
    assert config["extra_css"][-1] == "assets/stylesheets/ssa-engines.css"
    assert (project / "docs" / "assets" / "stylesheets" / "ssa-engines.css").is_file()
    assert "palette" not in config["theme"]
    # No template override: the only HTML files are the charts' embed pages (static files).
    docs = project / "docs"
    html = {p.relative_to(docs).parts[0] for p in docs.rglob("*.html")}
    assert html == {"embed"}


def test_generating_again_rewrites_the_project_in_place() -> None:
    project = generated("public")
    before = {rel: (project / "docs" / rel).read_bytes() for rel in site_files(project / "docs")}
    again = generate(copy_example("generate-again"), project, "public", "--strict")
    after = {rel: (again / "docs" / rel).read_bytes() for rel in site_files(again / "docs")}
    assert after == before  # same input, same bytes


def test_generate_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    done = subprocess.run(
        [command("ssa-site"), "generate", str(tmp_path), "--dir", str(REPO)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "not empty and was not written by 'ssa-site generate'" in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_public_project_and_its_zensical_site_hold_no_canary(tmp_path: Path) -> None:
    """The canary fixture, generated for the public and built by Zensical: no internal
    entity, row, field or passage in the generated files nor in the site."""
    project = tmp_path / "canary"
    shutil.copytree(CANARY, project)
    target = generate(project, tmp_path / "plain", "public")
    site = build(target, "zensical")
    tokens = canaries()
    found = {
        name: hits(name, data, tokens)
        for folder in (target / "docs", site)
        for name, data in outputs(folder).items()
    }
    found["mkdocs.yml"] = hits("mkdocs.yml", (target / "mkdocs.yml").read_bytes(), tokens)
    leaks = {name: h for name, h in found.items() if h}
    assert len(found) > 20 and not leaks, leaks
