"""The ``ssa-site`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from .project import load_site


def _plugin_options(root: Path) -> dict[str, object]:
    """The ``ssa`` plugin's options and docs_dir from a project's mkdocs.yml."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return {}
    text = config_file.read_text("utf-8")
    # mkdocs.yml may hold !ENV and !!python tags; we only need plain keys.
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)  # type: ignore[no-untyped-call]
    config = yaml.load(text, Loader=loader) or {}  # noqa: S506 - SafeLoader subclass
    options: dict[str, object] = {"docs_dir": config.get("docs_dir", "docs")}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "ssa" in plugin:
            options.update(plugin["ssa"] or {})
    return options


@click.group()
@click.version_option(package_name="ssa-site")
def main() -> None:
    """Publish security-sector-assistance plans, indicators and evaluations."""


@main.command()
@click.argument(
    "directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def validate(directory: Path) -> None:
    """Check a site project's data and narratives; exit 1 on errors."""
    root = directory.resolve()
    options = _plugin_options(root)
    site = load_site(
        root,
        root / str(options.get("data_dir", "data")),
        root / str(options.get("docs_dir", "docs")),
        "internal",
    )
    for problem in site.problems:
        label = "error" if problem.is_error else "warning"
        click.echo(f"{label}: {problem}")
    errors, warnings = len(site.errors), len(site.warnings)
    plans = len(site.plans)
    click.echo(f"{plans} plan(s) checked: {errors} error(s), {warnings} warning(s)")
    sys.exit(1 if errors else 0)
