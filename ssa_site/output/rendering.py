"""The Jinja environment of generated pages: autoescaped, overridable from the site theme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from ssa_site.base import dates, urls
from ssa_site.model.plan import format_number

if TYPE_CHECKING:
    from pathlib import Path


def environment(override_dirs: list[Path] | tuple[Path, ...] = ()) -> jinja2.Environment:
    """Templates under ``ssa/``; a site's ``theme/ssa/<name>`` replaces the packaged one."""
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader([str(d) for d in override_dirs if d.is_dir()])
    ]
    loaders.append(jinja2.PackageLoader("ssa_site", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["number"] = lambda v: "" if v is None else format_number(float(v))
    env.filters["money"] = lambda v: "" if v is None else f"${format_number(float(v))}"
    env.globals["urls"] = urls  # every address: see ssa_site.base.urls
    env.filters["label"] = lambda v: str(v or "").replace("-", " ").replace("_", " ").capitalize()
    env.filters["day"] = dates.day  # dates for people: see ssa_site.base.dates
    env.filters["period_span"] = dates.period_span
    return env


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter for a generated page."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(f"ssa/{template}").render(**context)
