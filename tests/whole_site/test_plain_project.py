"""The parts of ``ssa-site generate`` that need no build: the generated mkdocs.yml, the
banner at the top of each page, and where each page's source goes."""

from __future__ import annotations

from ssa_site.build.export import with_banner
from ssa_site.build.plain_config import plain_config, read, theme_assets, write
from ssa_site.build.setup import REQUIRED_EXTENSIONS, THEME_DIR
from ssa_site.build.source_layout import moved_pages, relink

SITE_YML = """\
site_name: Example
docs_dir: content
site_dir: public
theme:
  name: material
  custom_dir: theme
  features: [navigation.tabs]
plugins:
  - search
  - ssa:
      data_dir: data
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  analytics_key: !ENV [KEY, none]
extra_css:
  - own.css
watch:
  - data
"""


def test_the_generated_config_keeps_the_site_less_the_plugin() -> None:
    assets = theme_assets((THEME_DIR / "main.html").read_text("utf-8"))
    config = plain_config(read(SITE_YML), ["index.md"], REQUIRED_EXTENSIONS, assets)
    text = write(config)
    assert text.startswith("# Written by `ssa-site generate`")
    again = read(text)
    assert again["plugins"] == ["search"]
    assert again["docs_dir"] == "docs" and "site_dir" not in again and "watch" not in again
    assert again["theme"] == {"name": "material", "features": ["navigation.tabs"]}
    assert again["nav"] == ["index.md"]
    assert again["validation"] == {"omitted_files": "info"}
    assert again["extra_css"][-1] == "own.css" and len(again["extra_css"]) > 1
    # Tags of other tools are written back as the author wrote them.
    assert "!!python/name:material.extensions.emoji.to_svg" in text
    assert "!ENV\n  - KEY\n  - none" in text or "!ENV [KEY, none]" in text
    names = [e if isinstance(e, str) else next(iter(e)) for e in again["markdown_extensions"]]
    assert set(REQUIRED_EXTENSIONS) <= set(names)
    assert names.count("toc") == 1


def test_the_stylesheets_and_scripts_are_those_main_html_links() -> None:
    """Read from the template itself, so a stylesheet added there is carried too."""
    template = (THEME_DIR / "main.html").read_text("utf-8")
    assets = theme_assets(template)
    assert len(assets.stylesheets) >= 2 and len(assets.scripts) >= 2
    for path in [*assets.stylesheets, *(s["path"] for s in assets.scripts)]:
        assert (THEME_DIR / path).is_file(), path
        assert path in template
    assert all(s.get("defer") for s in assets.scripts)


def test_the_banner_goes_after_front_matter_and_a_first_heading() -> None:
    banner = '<p class="ssa-banner">Internal</p>\n'
    front = "---\ntitle: A\n---\n"
    assert with_banner(front + "<nav>x</nav>\n", banner) == (
        front + '<p class="ssa-banner">Internal</p>\n\n<nav>x</nav>\n'
    )
    assert with_banner("# Home\n\nText.\n", banner) == (
        '# Home\n\n<p class="ssa-banner">Internal</p>\n\nText.\n'
    )
    assert with_banner("Home\n====\nText.\n", banner).startswith("Home\n====\n\n<p")
    assert with_banner("## Part\n", banner).startswith("<p")
    assert with_banner("Text.\n", "") == "Text.\n"


def test_each_page_goes_where_its_address_is() -> None:
    pages = ["index.md", "about.md", "plans/p/index.md", "plans/p/results/R1.md", "x/README.md"]
    moved = moved_pages(pages, directory_urls=True)
    assert moved == {
        "about.md": "about/index.md",
        "plans/p/results/R1.md": "plans/p/results/R1/index.md",
    }
    assert moved_pages(pages, directory_urls=False) == {}


def test_markdown_links_follow_the_moved_pages() -> None:
    files = {"index.md", "about.md", "img/logo.png", "method/index.md"}
    moved = moved_pages(["index.md", "about.md", "method/index.md"], directory_urls=True)
    home = "[About](about.md#team) ![logo](img/logo.png) [ext](https://x.org/a.md)\n"
    assert relink(home, "index.md", moved, files) == (
        "[About](about/index.md#team) ![logo](img/logo.png) [ext](https://x.org/a.md)\n"
    )
    about = (
        "See [the method](method/index.md), [home](<index.md>) and [gone](nothing.md).\n\n"
        "[logo]: img/logo.png\n\n```\n[code](method/index.md)\n```\n"
    )
    assert relink(about, "about.md", moved, files) == (
        "See [the method](../method/index.md), [home](<../index.md>) and [gone](nothing.md).\n\n"
        "[logo]: ../img/logo.png\n\n```\n[code](method/index.md)\n```\n"
    )


def test_the_banner_template_says_what_main_html_says() -> None:
    """The generated project's banner keeps the wording of the theme's."""
    banners = (THEME_DIR.parent / "templates" / "generate" / "banners.html").read_text("utf-8")
    main = (THEME_DIR / "main.html").read_text("utf-8")
    phrases = ("Internal — not for public release.", "ssa-banner--internal", "ssa-banner--notice")
    for phrase in phrases:
        assert phrase in banners and phrase in main
