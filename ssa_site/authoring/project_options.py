"""A project as the command line reads it: the ``ssa`` plugin's options from its
mkdocs.yml (without MkDocs), and the whole project loaded for checks."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.analysis.asof import parse_as_of
from ssa_site.analysis.quality import QualityOptions
from ssa_site.base.problems import Problem, ProblemType
from ssa_site.model.visibility import DEFAULT_INTERNAL_FIELDS
from ssa_site.project import Site, load_site, with_problems_of

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


BAD_QUALITY_OPTION = ProblemType(
    "bad-quality-option",
    "Wrong plan quality option",
    "{error}",
    "correct the option (see README.md, 'Plan quality')",
)
BAD_AS_OF_OPTION = ProblemType(
    "bad-as-of-option",
    "Wrong as_of option",
    "{error}",
    "write the status date as YYYY-MM-DD, or remove the option (see README.md, 'Status date')",
)


@dataclass(frozen=True)
class ProjectOptions:
    """What the CLI needs from a project's mkdocs.yml (the ``ssa`` plugin's options)."""

    root: Path
    data_dir: Path
    docs_dir: Path
    internal_fields: tuple[str, ...] = DEFAULT_INTERNAL_FIELDS
    evaluation_publication_days: int | None = 90
    quality: QualityOptions = field(default_factory=QualityOptions)
    as_of: date | None = None
    languages: tuple[str, ...] = ()  # the plugin option: the default first
    problems: tuple[Problem, ...] = ()


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML that reads mkdocs.yml's !ENV and !!python tags as null: we only need
    plain keys."""


_PlainLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    text = config_file.read_text("utf-8")
    config = yaml.load(text, Loader=_PlainLoader) or {}  # a SafeLoader subclass
    return config if isinstance(config, dict) else {}


def project_options(root: Path) -> ProjectOptions:
    """The plugin options of the project at ``root`` (defaults without a mkdocs.yml)."""
    config_file = root / "mkdocs.yml"
    config = read_mkdocs_yml(config_file) if config_file.is_file() else {}
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "ssa" in plugin:
            options = plugin["ssa"] or {}
    quality, errors = QualityOptions.parse(options.get("quality") or {})
    late_after_days = options.get("late_after_days", 90)
    if isinstance(late_after_days, int) and not isinstance(late_after_days, bool):
        quality = replace(quality, reporting_lag_days=late_after_days)
    problems = tuple(
        BAD_QUALITY_OPTION(
            "mkdocs.yml",
            None,
            "plugins.ssa." + error.split(":", 1)[0],
            error=error.split(": ", 1)[1],
        )
        for error in errors
    )
    as_of: date | None = None
    if options.get("as_of") is not None:
        try:
            as_of = parse_as_of(options["as_of"])
        except ValueError as error:
            problems += (BAD_AS_OF_OPTION("mkdocs.yml", None, "plugins.ssa.as_of", error=error),)
    return ProjectOptions(
        root=root,
        data_dir=root / str(options.get("data_dir", "data")),
        docs_dir=root / str(config.get("docs_dir", "docs")),
        internal_fields=tuple(options.get("internal_fields") or DEFAULT_INTERNAL_FIELDS),
        evaluation_publication_days=options.get("evaluation_publication_days", 90),
        quality=quality,
        as_of=as_of,
        languages=tuple(str(code) for code in options.get("languages") or ()),
        problems=problems,
    )


def load_project(options: ProjectOptions) -> Site:
    """Load the whole project for the internal audience (checks see everything), in its
    default language; the translated files of the other languages are checked too (their
    problems are added to the site's)."""

    def load(language: str) -> Site:
        return load_site(
            options.root,
            options.data_dir,
            options.docs_dir,
            "internal",
            options.internal_fields,
            evaluation_publication_days=options.evaluation_publication_days,
            quality=options.quality,
            as_of=options.as_of,
            language=language,
            languages=options.languages,
        )

    site = load(options.languages[0] if options.languages else "")
    return with_problems_of(site, (load(code) for code in options.languages[1:]))
