"""Options of the ``ssa`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c

from ssa_site.analysis.asof import parse_as_of
from ssa_site.analysis.quality import QualityOptions
from ssa_site.analysis.ratings import Thresholds
from ssa_site.base.i18n import shipped_languages
from ssa_site.model.publisher import BUREAU_CODE, PROGRAM_CODE, Publisher
from ssa_site.model.visibility import DEFAULT_INTERNAL_FIELDS

if TYPE_CHECKING:
    import re


class QualityOption(c.BaseConfigOption[QualityOptions]):
    """``quality: {disable: [rule, ...], report_only: [rule, ...], me_budget_share: [1, 5]}``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> QualityOptions:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise c.ValidationError("must be a mapping, e.g. {report_only: [me-budget-share]}")
        options, errors = QualityOptions.parse(value)
        if errors:
            raise c.ValidationError("; ".join(errors))
        return options


class ThresholdsOption(c.BaseConfigOption[Thresholds]):
    """``status_thresholds: {achieved: 1.0, on_track: 0.85, at_risk: 0.6}``; keys are optional."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> Thresholds:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise c.ValidationError("must be a mapping, e.g. {achieved: 1.0, on_track: 0.85}")
        unknown = sorted(set(value) - {"achieved", "on_track", "at_risk"})
        if unknown:
            raise c.ValidationError(
                f"unknown key(s) {', '.join(map(str, unknown))}: use achieved, on_track, at_risk"
            )
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
            raise c.ValidationError("thresholds are numbers, e.g. 0.85 for 85% of the way")
        try:
            return Thresholds(**{k: float(v) for k, v in value.items()})
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from exc


class AsOfOption(c.BaseConfigOption[date | None]):
    """``as_of: 2025-09-30``: a date, or nothing."""

    def run_validation(self, value: object) -> date | None:
        if value is None or value == "":
            return None
        try:
            return parse_as_of(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from exc


class NoticeOption(c.BaseConfigOption[str | dict[str, str] | None]):
    """``notice: text`` or ``notice: {en: text, fr: texte}``."""

    def run_validation(self, value: object) -> str | dict[str, str] | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return dict(value)
        raise c.ValidationError("a text, or a text per language code: {en: ..., fr: ...}")


def notice_in(notice: str | dict[str, str] | None, code: str, default: str) -> str | None:
    """The notice a page in language ``code`` shows (the default language's, else the
    first, when that language has none)."""
    if notice is None or isinstance(notice, str):
        return notice
    return notice.get(code) or notice.get(default) or next(iter(notice.values()), None)


class LanguagesOption(c.BaseConfigOption[tuple[str, ...]]):
    """``languages: [en, fr]``: language codes the package has a catalog for, the first
    the default; none: English only."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ()

    def run_validation(self, value: object) -> tuple[str, ...]:
        if value is None or value == []:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise c.ValidationError("a list of language codes, e.g. [en, fr]")
        shipped = shipped_languages()
        codes = tuple(i.strip() for i in items)
        unknown = [code for code in codes if code not in shipped]
        if unknown:
            raise c.ValidationError(
                f"no interface catalog for {', '.join(map(repr, unknown))}: the package "
                f"ships {', '.join(shipped)} (a new language is a catalog in "
                "ssa_site/locales/<code>/LC_MESSAGES/messages.po)"
            )
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise c.ValidationError(f"{', '.join(twice)} listed more than once")
        return codes


class CodesOption(c.BaseConfigOption[tuple[str, ...]]):
    """A federal code or a list of them, each matching ``pattern`` (e.g. ``015:11``)."""

    def __init__(self, pattern: re.Pattern[str], example: str) -> None:
        super().__init__()
        self.pattern, self.example = pattern, example
        self.default = ()

    def run_validation(self, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise c.ValidationError(f"a code or a list of codes, e.g. [{self.example}]")
        for item in items:
            if not self.pattern.match(item):
                raise c.ValidationError(f"'{item}' is not a code such as {self.example}")
        return tuple(dict.fromkeys(items))


class PublisherConfig(base.Config):
    """``publisher: {name, email, iati_ref, iati_type, federal, bureau_code,
    program_code}``: who publishes the data."""

    name = c.Optional(c.Type(str))
    """Organisation named as publisher of the downloads, in data.json and citations;
    default: the site_name."""

    email = c.Optional(c.Type(str))
    """Contact address for the data (data.json contactPoint, which agency catalogs require)."""

    iati_ref = c.Optional(c.Type(str))
    """IATI organisation identifier of the publisher (reporting-org/@ref, and the prefix of
    activity identifiers an initiative does not set itself)."""

    iati_type = c.Type(str, default="10")
    """IATI OrganisationType code of the publisher (10: government)."""

    federal = c.Type(bool, default=True)
    """A US federal publisher: data.json follows the federal profile of Project Open Data
    v1.1, which needs bureau_code, program_code and email; false: the non-federal one."""

    bureau_code = CodesOption(BUREAU_CODE, "015:11")
    """OMB agency and bureau code(s) of the data, NNN:NN (data.json bureauCode); a plan
    may give its own in ssa.bureau_code."""

    license = c.Optional(c.Type(str))
    """Licence of the data that states none itself (plans without ssa.license, the
    evaluations catalog): an SPDX identifier such as CC-BY-4.0 or CC0-1.0, or a URL."""

    program_code = CodesOption(PROGRAM_CODE, "015:001")
    """Federal Program Inventory code(s) of the data, NNN:NNN (data.json programCode); a
    plan may give its own in ssa.program_code."""


def publisher(options: PublisherConfig) -> Publisher:
    """The publisher the options describe."""
    return Publisher(
        name=options.name or "",
        email=options.email,
        iati_ref=options.iati_ref,
        iati_type=options.iati_type,
        federal=options.federal,
        bureau_codes=options.bureau_code,
        program_codes=options.program_code,
        license=options.license,
    )


class GlossaryConfig(base.Config):
    """``glossary: {file: glossary.yml, tooltips: true}``: the site's own terms."""

    file = c.Optional(c.Type(str))
    """A YAML file of terms (relative to mkdocs.yml), shaped like the packaged
    ssa_site/glossary.yml: its terms are added, a term of the same name replaces the
    packaged one, and ``remove: [term, ...]`` drops packaged terms."""

    tooltips = c.Type(bool, default=True)
    """Mark glossary terms in the text of every page with an ``<abbr>`` tooltip."""


class SsaConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder holding one data package per plan, relative to mkdocs.yml."""

    audience = c.Choice(("public", "internal"), default="public")
    """Who the build is for; the environment variable SSA_AUDIENCE overrides it."""

    internal_fields = c.ListOfItems(c.Type(str), default=list(DEFAULT_INTERNAL_FIELDS))
    """Fields hidden from public builds even on public rows."""

    notice = NoticeOption()
    """A notice shown on every page (e.g. that the content is fictional): a text, or one
    per language (``{en: ..., fr: ...}``; a language without one shows the default's)."""

    publisher = c.SubConfig(PublisherConfig)
    """Who publishes the data: named in downloads, data.json, IATI files and citations."""

    quality = QualityOption()
    """Plan quality rules (see ssa_site/analysis/quality.py): ``disable`` turns rules off;
    ``report_only`` lists their findings on the internal /quality/ page and in
    ``ssa-site validate`` but keeps them out of the build log, so they never fail --strict."""

    evaluation_publication_days = c.Type(int, default=90)
    """Warn when an evaluation summary is published more than this many days after the
    evaluation was completed (0 turns the check off)."""

    status_thresholds = ThresholdsOption()
    """Least progress from baseline to target for each indicator status: ``achieved``
    (default 1.0), ``on_track`` (0.85) and ``at_risk`` (0.6); below ``at_risk`` is off track.
    The /method/status/ page explains the method with these values."""

    glossary = c.SubConfig(GlossaryConfig)
    """The glossary (/glossary/ and tooltips on terms): the packaged terms, extended or
    overridden by the site's own file."""

    late_after_days = c.Type(int, default=90)
    """An actual is late when its period ended more than this many days before the status
    date and nothing has been reported for it."""

    as_of = AsOfOption()
    """Pin the status date ("today": statuses, late actuals, overdue recommendations) to a
    date, ``YYYY-MM-DD``. Unset, it is the date of SOURCE_DATE_EPOCH, else the latest past
    date of the data (the build log says which row). It dates nothing else: the sitemap and
    downloads keep SOURCE_DATE_EPOCH, or the data's date (see ssa_site/analysis/asof.py)."""

    languages = LanguagesOption()
    """The site's languages, the default first: ``[en, fr]`` builds the default at ``/``
    and each other one under ``/<code>/`` with the same paths below, with a language
    switcher on every page (see README, "Languages")."""

    native_digits = c.Type(bool, default=False)
    """Write numbers and dates in the locale's own digits (Arabic-Indic for ar) instead of
    0-9; codes, periods and identifiers keep theirs."""

    allow_internal_deploy = c.Type(bool, default=False)
    """Let ``mkdocs gh-deploy``, and ``mkdocs serve`` on an address other than loopback,
    publish an internal build: only for a site that staff alone can reach."""
