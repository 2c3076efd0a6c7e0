"""The ``ssa-site`` command line: new, validate, xlsx round trip, synth, generate, import-iati,
release."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ssa_site.authoring import report
from ssa_site.authoring.project_options import (
    load_project,
    project_options,
    read_mkdocs_yml,
)
from ssa_site.base.problems import Problem, ProblemType, Severity

if TYPE_CHECKING:
    from ssa_site.project import Site


def _iati_findings(root: Path, site: Site) -> list[Problem]:
    """What the IATI Standard rulesets would say of the public IATI files, as the build
    warns (ssa_site.downloads.iati_check; only with publisher.iati_ref)."""
    from ssa_site.downloads.iati_check import check_iati
    from ssa_site.downloads.standards import publisher_from

    config = read_mkdocs_yml(root / "mkdocs.yml") if (root / "mkdocs.yml").is_file() else {}
    plugins = [p["ssa"] for p in config.get("plugins") or [] if isinstance(p, dict) and "ssa" in p]
    options = plugins[0] if plugins and isinstance(plugins[0], dict) else {}
    publisher = publisher_from(options.get("publisher"))
    return check_iati(site.view.public, publisher, str(config.get("site_name") or "")).items


def _color() -> bool | None:
    """None lets click colour only a terminal; NO_COLOR (any value) turns colour off."""
    return False if os.environ.get("NO_COLOR") else None


_PROJECT_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group()
@click.version_option(package_name="ssa-site")
def main() -> None:
    """Publish security-sector-assistance plans, indicators and evaluations."""


def problem_types() -> list[ProblemType]:
    """Every kind of problem ``validate`` can report, by code.

    Kinds are declared beside the checks that report them, in the loaders and analyses
    (some imported only when needed, as ``load.tables`` is): import them all."""
    import ssa_site.analysis
    import ssa_site.base
    import ssa_site.downloads.standards  # the open-data standards' (IATI rules, data.json)
    import ssa_site.load
    import ssa_site.project  # the kinds of its own checks

    for package in (ssa_site.base, ssa_site.load, ssa_site.analysis):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    return sorted(ProblemType.registry.values(), key=lambda kind: kind.code)


def _print_codes(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``validate --codes``: the catalogue of problem kinds, one a line, sorted by code."""
    if not value or ctx.resilient_parsing:
        return
    kinds = problem_types()
    width = max((len(kind.code) for kind in kinds), default=0)
    for kind in kinds:
        click.echo(f"{kind.code:<{width}}  {kind.severity.value:<7}  {kind.title}")
    ctx.exit(0)


@main.command()
@click.argument("directory", default=".", type=_PROJECT_DIR)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a list of {path, row, field, code, title, message, fix, severity, rule} on stdout.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, like mkdocs build --strict.")
@click.option(
    "--codes",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_print_codes,
    help="List every kind of problem (code, severity, title) and exit.",
)
def validate(directory: Path, output_format: str, strict: bool) -> None:
    """Check a site project's data and narratives and list every problem.

    Exit status 1 on errors (with --strict, on warnings too); report-only quality
    findings are listed as notes and never fail.
    """
    options = project_options(directory.resolve())
    site = load_project(options)
    iati = _iati_findings(options.root, site)
    items = report.collect((*options.problems, *site.problems, *iati), site.quality)
    found = report.counts(items)
    color = _color()
    if output_format == "json":
        click.echo(report.as_json(items))
    else:
        for line in report.as_text(items, click.style):
            click.echo(line, color=color)
    click.echo(str(site.as_of), err=output_format == "json", color=color)
    summary = f"{len(site.plans)} plan(s) checked: {report.describe_counts(found)}"
    click.echo(summary, err=output_format == "json", color=color)
    failed = found[Severity.ERROR] or (strict and found[Severity.WARNING])
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--plan", default="example-plan", show_default=True, help="The plan's name.")
@click.option(
    "--preset",
    type=click.Choice(["ics", "results-chain", "logic-model"]),
    default="ics",
    show_default=True,
    help="The plan's levels: ics (goal, objective, sub-objective), results-chain or logic-model.",
)
@click.option("--title", default=None, help="The plan's title (default: from its name).")
def new(directory: Path, plan: str, preset: str, title: str | None) -> None:
    """Create a site project in DIRECTORY (new or empty) with one small plan."""
    from ssa_site.authoring.scaffold import ScaffoldError, render_scaffold, write_scaffold

    try:
        written = write_scaffold(directory, render_scaffold(plan, preset, title))
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {len(written)} files in {directory}. Next:")
    click.echo(f"  cd {directory}")
    click.echo("  ssa-site validate        # list every problem")
    click.echo("  mkdocs serve             # preview at http://127.0.0.1:8000")
    click.echo("  mkdocs build --strict    # build the site into site/")


@main.command("export-xlsx")
@click.argument("plan")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dir", "directory", default=".", type=_PROJECT_DIR, help="The site project.")
def export_xlsx(plan: str, out: Path, directory: Path) -> None:
    """Write PLAN's tables to the workbook OUT (one sheet per table)."""
    from ssa_site.authoring.spreadsheet import SpreadsheetError, export_plan

    options = project_options(directory.resolve())
    try:
        export_plan(options.root, options.data_dir, plan, out)
    except SpreadsheetError as exc:
        _fail(exc)
    click.echo(f"Wrote {out}: edit it, then run 'ssa-site import-xlsx {out} {plan}'.")


@main.command("import-xlsx")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("plan")
@click.option("--dir", "directory", default=".", type=_PROJECT_DIR, help="The site project.")
def import_xlsx(workbook: Path, plan: str, directory: Path) -> None:
    """Check the workbook and write it back to PLAN's CSV files (nothing on errors)."""
    from ssa_site.authoring.spreadsheet import SpreadsheetError, import_plan

    options = project_options(directory.resolve())
    try:
        result = import_plan(options.root, options.data_dir, plan, workbook, options.docs_dir)
    except SpreadsheetError as exc:
        _fail(exc)
    for warning in result.warnings:
        click.echo(f"warning: {warning}")
    if not result.changed:
        click.echo(f"{workbook}: no changes; nothing written.")
    for path in result.changed:
        click.echo(f"Wrote {path}")


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--plans", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--results", type=click.IntRange(min=3), default=30, show_default=True, help="Results per plan."
)
@click.option(
    "--indicators",
    type=click.IntRange(min=1),
    default=74,
    show_default=True,
    help="Indicators per plan.",
)
@click.option(
    "--periods",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Quarters with targets per plan (three in four have actuals).",
)
@click.option("--seed", type=int, default=1, show_default=True)
def synth(outdir: Path, plans: int, results: int, indicators: int, periods: int,
          seed: int) -> None:  # fmt: skip
    """Write a synthetic site project of any size into OUTDIR (for benchmarks).

    The same options and seed always give identical files; the project builds with
    mkdocs build --strict. About 100 pages and 10,000 values per plan by default.
    """
    from ssa_site.authoring.synth import SynthOptions, write_synth

    written = write_synth(outdir, SynthOptions(plans, results, indicators, periods, seed))
    click.echo(f"Wrote {len(written)} files of {plans} synthetic plan(s) to {outdir}.")


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--audience", type=click.Choice(["public", "internal"]), default="public",
              show_default=True)  # fmt: skip
@click.option("--dir", "directory", default=".", type=_PROJECT_DIR, help="The site project.")
@click.option("--strict", is_flag=True, help="Fail on warnings, like mkdocs build --strict.")
def generate(outdir: Path, audience: str, directory: Path, strict: bool) -> None:
    """Write the whole site into OUTDIR as a plain project that Zensical, ProperDocs and
    MkDocs build without the plugin (README.md, 'Engines')."""
    import subprocess  # MkDocs runs in a process of its own: the rest of the CLI needs none

    module = "ssa_site.build.generate_project"
    args = [str(directory), str(outdir), "--audience", audience, *(["--strict"] * strict)]
    sys.exit(subprocess.run([sys.executable, "-m", module, *args], check=False).returncode)


@main.command("import-iati")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--dir",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The site project (a new or empty folder becomes one).",
)
@click.option(
    "--plan", default=None, help="The plan's name (several activities: NAME-1, NAME-2 …)."
)
@click.option(
    "--lang", default=None, help="Language of titles and descriptions (default: the file's)."
)
@click.option("--replace", is_flag=True, help="Overwrite plans of the same name.")
def import_iati(files: tuple[Path, ...], directory: Path, plan: str | None, lang: str | None,
                replace: bool) -> None:  # fmt: skip
    """Write one plan per activity with results of the IATI 2.0x activity FILES."""
    from ssa_site.authoring.iati_import import IatiImportError
    from ssa_site.authoring.iati_import import import_iati as run

    try:
        result = run(list(files), directory, plan, lang, replace)
    except IatiImportError as exc:
        _fail(exc)
    click.echo("\n".join([*result.lines(), f"Wrote {len(result.written)} files in {directory}."]))


@main.command()
@click.option("--dir", "directory", default=".", type=_PROJECT_DIR, help="The site project.")
@click.option("--date", "day", required=True, help="The release's date, YYYY-MM-DD.")
def release(directory: Path, day: str) -> None:
    """Keep the public data as of a date in releases/<date>/ (README, 'Data releases')."""
    from ssa_site.authoring.release import ReleaseError, run_release

    options = project_options(directory.resolve())
    try:
        click.echo(run_release(options.root, load_project(options), day))
    except ReleaseError as exc:
        _fail(exc)


def _fail(exc: Exception) -> None:
    messages = getattr(exc, "messages", None) or [str(exc)]
    for message in messages:
        click.secho(message, err=True, fg="red", color=_color())
    count = len(messages)
    raise click.ClickException(
        f"{count} problem(s); nothing was written" if count > 1 else "nothing was written"
    )


@main.command()
@click.option(
    "--update",
    is_flag=True,
    help="Add the package's new strings to every catalog (untranslated) and drop unused ones.",
)
@click.argument("languages", nargs=-1)
def catalogs(update: bool, languages: tuple[str, ...]) -> None:
    """How complete the interface's translations are (ssa_site/locales/<code>/...).

    Lists, for each language (all by default), the strings its catalog does not
    translate yet, with where they are used; exits 1 when any is missing."""
    from ssa_site.authoring import catalogs as found

    codes = languages or found.languages()
    gaps = 0
    for code in codes:
        if update:
            found.update(code)
        missing = found.missing(code)
        gaps += len(missing)
        total = len(found.messages())
        click.echo(f"{code}: {total - len(missing)} of {total} strings translated")
        for message in missing:
            click.echo(f"  {message.key!r}  ({message.places[0]})")
    if gaps:
        raise SystemExit(1)
