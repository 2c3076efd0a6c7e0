"""The Jinja environment of generated pages: autoescaped, overridable from the site theme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from ssa_site.base import dates, urls
from ssa_site.base.i18n import ENGLISH, Language

if TYPE_CHECKING:
    from pathlib import Path


def environment(
    override_dirs: list[Path] | tuple[Path, ...] = (),
    language: Language = ENGLISH,
    original: Language | None = None,
) -> jinja2.Environment:
    """Templates under ``ssa/``; a site's ``theme/ssa/<name>`` replaces the packaged one.
    Interface strings are translated into ``language`` (``_``, ``gettext``, ``ngettext``
    and ``{% trans %}``: the Jinja i18n extension, new style, so autoescaped), numbers and
    dates formatted in its locale."""
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
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = language
    # The site's default language: untranslated texts are shown in it, and marked so.
    env.globals["original_language"] = original or language
    env.filters["number"] = lambda v: "" if v is None else language.number(float(v))
    env.filters["money"] = lambda v: "" if v is None else f"${language.number(float(v))}"
    env.globals["urls"] = urls  # every address: see ssa_site.base.urls
    env.filters["label"] = lambda v: language.gettext(label(v))
    # A text the package writes outside templates (a Table Schema's titles): translated
    # as it is, never formatted (ssa_site.authoring.catalogs lists these texts).
    env.filters["tr"] = lambda text: language.gettext(text) if text else ""
    env.filters["shown"] = lambda v: shown(v, language)  # a value as the page shows it
    env.filters["day"] = lambda d: dates.day(d, language)  # dates for people: base/dates.py
    env.filters["period_span"] = lambda p: dates.period_span(p, language)
    return env


def shown(value: Any, language: Language) -> str:
    """A value as pages show it: its text (qualitative), else its number in the locale."""
    if value.text:
        return str(value.text)
    return "" if value.value is None else language.number(float(value.value))


def label(value: object) -> str:
    """A code as words: ``on-track`` → ``On track`` (the English msgid the catalogs
    translate; every code the templates pass is in ssa_site.base.vocabulary)."""
    return str(value or "").replace("-", " ").replace("_", " ").capitalize()


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter for a generated page."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(f"ssa/{template}").render(**context)
