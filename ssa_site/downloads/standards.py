"""The open-data downloads checked against the standards they are judged by, before any is
written: what a build reports (:mod:`ssa_site.build.session`) and ``ssa-site validate`` too.

- Project Open Data v1.1, federal profile (``publisher.federal``, the default): every dataset
  of ``data.json`` needs OMB bureau codes, Federal Program Inventory codes and a contact
  address. The publisher's ``bureau_code``, ``program_code`` and ``email`` give them (a
  plan may replace the codes with its own in ``ssa.bureau_code`` and ``ssa.program_code``);
  without them the build stops with an error naming the option.
- The IATI Standard rulesets, on the IATI activity files (:mod:`ssa_site.downloads.iati_check`):
  one warning for each rule an activity would fail.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ssa_site.base.problems import Problem, Problems, ProblemType
from ssa_site.cache import store as cache
from ssa_site.downloads.iati_check import check_iati
from ssa_site.model.publisher import Publisher

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.project import PublicData, SiteView

#: The verdict depends on how the downloads are made: any change of code judges again.
_CODE = ("",)

FEDERAL_OPTION_MISSING = ProblemType(
    "federal-option-missing",
    "Federal publisher's data.json incomplete",
    "a federal publisher's data.json needs {what} for every dataset, and publisher.{option} "
    "is not set",
    "set publisher.{option} in mkdocs.yml ({example}), or publisher.federal: false when the "
    "publisher is no US federal agency (data.json then follows the non-federal profile)",
)

_FEDERAL_OPTIONS = (
    ("bureau_codes", "bureau_code", "OMB bureau codes (bureauCode)", "e.g. bureau_code: [015:11]"),
    (
        "program_codes",
        "program_code",
        "Federal Program Inventory codes (programCode)",
        "e.g. program_code: [015:001]",
    ),
    ("email", "email", "a contact address (contactPoint.hasEmail)", "e.g. email: data@agency.gov"),
)


def check_federal(publisher: Publisher) -> Problems:
    """An error for each option the federal profile of data.json needs and lacks."""
    problems = Problems()
    if not publisher.federal:
        return problems
    for attribute, option, what, example in _FEDERAL_OPTIONS:
        if not getattr(publisher, attribute):
            problems.add(
                FEDERAL_OPTION_MISSING,
                "mkdocs.yml",
                None,
                f"publisher.{option}",
                what=what,
                option=option,
                example=example,
            )
    return problems


def check_downloads(data: PublicData, publisher: Publisher, site_name: str) -> Problems:
    """Everything the standards would say of the downloads of ``data``."""
    problems = check_federal(publisher)
    problems.extend(check_iati(data, publisher, site_name))
    return problems


def checked_downloads(
    view: SiteView, publisher: Publisher, site_name: str, root: Path
) -> list[Problem]:
    """:func:`check_downloads`, kept in the project's cache: a build whose public data,
    publisher and code are those of an earlier one does not make its IATI files again."""

    def check() -> list[Problem]:
        return check_downloads(view.public, publisher, site_name).items

    if not view.data_fingerprint:
        return check()
    entry = cache.key(
        _CODE,
        "standards",
        view.data_fingerprint,
        view.internal_fields,
        view.public.evaluations,
        publisher,
        site_name,
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )
    return list(cache.computed(cache.base_dir(root), "standards", entry, check))


def publisher_from(options: Any) -> Publisher:
    """The publisher that ``publisher:`` of the plugin's options in mkdocs.yml describes,
    read leniently (``ssa-site validate`` reads mkdocs.yml without MkDocs, whose own
    validation of the options reports their mistakes in a build)."""
    if not isinstance(options, dict):
        return Publisher()

    def text(key: str) -> str | None:
        value = options.get(key)
        return str(value) if isinstance(value, str | int) and str(value) else None

    def codes(key: str) -> tuple[str, ...]:
        value = options.get(key)
        items = [value] if isinstance(value, str) else value
        return tuple(str(i) for i in items) if isinstance(items, list) else ()

    return Publisher(
        name=text("name") or "",
        email=text("email"),
        iati_ref=text("iati_ref"),
        iati_type=text("iati_type") or "10",
        federal=options.get("federal", True) is not False,
        bureau_codes=codes("bureau_code"),
        program_codes=codes("program_code"),
        license=text("license"),
    )
