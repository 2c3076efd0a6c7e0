"""The ``mkdocs.yml`` of a generated project: the site's own, without the plugin.

The site's file is read as YAML with its tags kept as they are (``!ENV``,
``!!python/name:…`` of pymdownx options), so the generated file says what the author
wrote, less what only the plugin's build needs: the ``ssa`` plugin, the theme's template
folder, the data folder watched by ``serve``. What the theme overrides did is said in
settings every engine reads: the stylesheets and scripts as ``extra_css`` and
``extra_javascript``, the navigation as ``nav``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

#: A stylesheet or a script the theme's main.html links: ``href="{{ 'path' | url }}"``.
_LINKED = re.compile(
    r"""<(link) rel="stylesheet" href="\{\{ '([^']+)' \| url \}\}"[^>]*>"""
    r"""|<(script) src="\{\{ '([^']+)' \| url \}\}"([^>]*)>"""
)
#: Settings of the site's mkdocs.yml that point at what the generated project does not
#: have (its folders are written afresh) or need.
DROPPED = ("site_dir", "watch", "hooks", "INHERIT")
HEADER = (
    "# Written by `ssa-site generate` from the site's mkdocs.yml: every page, chart and\n"
    "# download as a file, no plugin needed. Build with `zensical build`, `properdocs\n"
    "# build` or `mkdocs build`. Generate it again rather than editing it.\n"
)


@dataclass(frozen=True)
class ThemeAssets:
    """The stylesheets and scripts a theme's main.html adds to every page."""

    stylesheets: list[str] = field(default_factory=list)
    scripts: list[dict[str, Any]] = field(default_factory=list)  # extra_javascript items


def theme_assets(main_html: str) -> ThemeAssets:
    """What ``main.html`` links, in its order, as ``extra_css`` and ``extra_javascript``
    say it (a script keeps its ``defer``)."""
    assets = ThemeAssets()
    for match in _LINKED.finditer(main_html):
        if match.group(1):
            assets.stylesheets.append(match.group(2))
        else:
            script: dict[str, Any] = {"path": match.group(4)}
            if re.search(r"\bdefer\b", match.group(5)):
                script["defer"] = True
            assets.scripts.append(script)
    return assets


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag this module does not interpret, kept to be written back."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct)
_Dumper.add_representer(Tagged, _represent)


def read(text: str) -> dict[str, Any]:
    """A mkdocs.yml, tags kept."""
    config = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    return config if isinstance(config, dict) else {}


def write(config: dict[str, Any]) -> str:
    """A mkdocs.yml again, with the generated project's header."""
    body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def _is_ssa(plugin: Any) -> bool:
    return plugin == "ssa" or (isinstance(plugin, dict) and "ssa" in plugin)


def _names(items: list[Any]) -> list[str]:
    return [next(iter(i)) if isinstance(i, dict) else str(i) for i in items]


def plain_config(
    site: dict[str, Any],
    nav: list[Any],
    required_extensions: tuple[str, ...],
    assets: ThemeAssets,
) -> dict[str, Any]:
    """The generated project's configuration from the site's (as :func:`read` gives it)."""
    config = {key: value for key, value in site.items() if key not in DROPPED}
    config["docs_dir"] = "docs"
    theme = config.get("theme")
    if isinstance(theme, dict):
        config["theme"] = {k: v for k, v in theme.items() if k != "custom_dir"}
    plugins = config.get("plugins")
    if isinstance(plugins, list):
        config["plugins"] = [p for p in plugins if not _is_ssa(p)]
    elif isinstance(plugins, dict):
        config["plugins"] = {k: v for k, v in plugins.items() if k != "ssa"}
    extensions = list(config.get("markdown_extensions") or [])
    known = _names(extensions)
    config["markdown_extensions"] = extensions + [e for e in required_extensions if e not in known]
    config["extra_css"] = [*assets.stylesheets, *(config.get("extra_css") or [])]
    config["extra_javascript"] = [*assets.scripts, *(config.get("extra_javascript") or [])]
    config["nav"] = nav
    # Leaf pages (results, indicators) are reached from index pages, not from the nav.
    validation = config.get("validation")
    validation = dict(validation) if isinstance(validation, dict) else {}
    validation["omitted_files"] = "info"
    config["validation"] = validation
    return config
