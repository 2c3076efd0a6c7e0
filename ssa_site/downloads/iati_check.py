"""What the IATI Standard rulesets say of the IATI files a build would write, as problems.

Publishers are judged by the rulesets once their files are on the IATI Registry; the build
and ``ssa-site validate`` let them see the verdict first. The activity files are made as
the downloads generator makes them (from the public data, by :mod:`ssa_site.downloads.iati`),
the shipped rules are evaluated on them (:mod:`ssa_site.downloads.iati_rules`), and each
failed rule is a warning at the initiative's row, naming the rule, the initiative and the
fix. The validator's clock ("now") is the build's date.

Only a publisher with an IATI organisation identifier (``publisher.iati_ref``) publishes
to IATI: without one the files are written but not judged, and the build says so once.
The findings on a plan imported from IATI (``ssa.imported``) are notices, as its other
warnings are, until its author takes the plan over.
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from ssa_site.base.problems import Problems, ProblemType, Severity
from ssa_site.downloads import iati, links
from ssa_site.downloads.iati_rules import evaluate
from ssa_site.downloads.provenance import Provenance, build_time

if TYPE_CHECKING:
    from lxml import etree

    from ssa_site.model.plan import Initiative, Plan
    from ssa_site.model.publisher import Publisher
    from ssa_site.project import PublicData

IATI_RULE = ProblemType(
    "iati-rule",
    "IATI Standard rule not met",
    "the IATI activity {activity} of initiative {initiative} fails IATI rule {rule} "
    "({severity}): {message}",
    "{fix}",
    severity=Severity.WARNING,
)

PUBLISHER = "publisher.iati_ref"
_PUBLISHER = "set publisher.iati_ref in mkdocs.yml to the organisation's IATI identifier"
_VALUES = (
    "value",
    "give every baseline, target and actual of the initiative's numeric indicators a "
    "number, or make the indicator qualitative (measure: qualitative)",
)
#: Rule id → (the column of the initiative at fault, or PUBLISHER: the option; the fix).
FIXES: dict[str, tuple[str, str]] = {
    "6.2.2": (
        "sectors",
        "give the initiative's sectors column OECD DAC purpose codes (e.g. 15210), or the "
        "plan a default for its initiatives in ssa.sectors of datapackage.json",
    ),
    "1.1.21": (
        "iati_identifier",
        "begin the identifier with the publisher's IATI identifier and '-' "
        "(e.g. {ref}-{id}), or leave it blank to get one; if publisher.iati_ref is wrong, "
        "correct it in mkdocs.yml",
    ),
    "1.1.3": ("iati_identifier", "give the initiative an identifier of its own"),
    "1.3.1": ("iati_identifier", "remove the spaces around the identifier"),
    "1.3.13": ("iati_identifier", "write the identifier without '/', '&', '|' or '?'"),
    "1.14.1": (PUBLISHER, _PUBLISHER),
    "1.14.8": (PUBLISHER, _PUBLISHER + ", which begins with a registration agency's code"),
    "1.14.13": (PUBLISHER, _PUBLISHER),
    "11.1.2": ("start", "make the initiative's start no later than its end"),
    "11.1.3": ("start", "make the initiative's start no later than its end"),
    "8.8.1": _VALUES,
    "8.9.1": _VALUES,
    "8.10.1": _VALUES,
    "8.8.2": _VALUES,
    "8.9.2": _VALUES,
    "8.10.2": _VALUES,
    "2.1.1": ("sectors", "give each sector its share, the shares adding up to 100"),
    "2.1.2": ("sectors", "make the sectors' shares add up to 100"),
    "2.1.4": ("sectors", "give a single sector no share, or 100"),
}
_GUIDANCE = "see the rule in the IATI Standard's guidance and correct what it names"


def _no_address(_: object) -> str:
    return ""


#: Links in the checked files: no rule reads them, so every one is left empty.
_LINKS = iati.Links(
    initiative=_no_address, result=_no_address, indicator=_no_address, evaluation=_no_address
)


def iati_trees(
    data: PublicData, publisher: Publisher, site_name: str
) -> list[tuple[Plan, dict[str, Initiative], etree._Element]]:
    """Each plan's activity file as the build writes it (addresses left out), with its
    initiatives by activity identifier."""
    from lxml import etree

    provenance = Provenance(build_time(data), publisher.display_name(site_name), site_name)
    found = []
    for plan in data.portfolio.plans:
        initiatives = links.iati_initiatives(plan)
        if not initiatives:
            continue
        tree = iati.activities(
            plan,
            initiatives,
            partial(iati.covering, data.evaluations, plan),
            publisher,
            provenance,
            _LINKS,
        )
        written = io.BytesIO()
        tree.write(written, encoding="utf-8", xml_declaration=True)
        root = etree.fromstring(written.getvalue())
        by_id = {iati.identifier(plan, i, publisher): i for i in initiatives}
        found.append((plan, by_id, root))
    return found


def check_iati(data: PublicData, publisher: Publisher, site_name: str) -> Problems:
    """A warning for each IATI rule an activity of the public data would fail."""
    problems = Problems()
    if not publisher.iati_ref:
        return problems
    now = build_time(data)
    for plan, initiatives, root in iati_trees(data, publisher, site_name):
        path = plan.resource_path("initiatives")
        for finding in evaluate(root, now):
            initiative = initiatives.get(finding.activity)
            column, fix = FIXES.get(finding.rule, ("", _GUIDANCE))
            if column == PUBLISHER or initiative is None:
                where: tuple[str, int | None, str | None] = ("mkdocs.yml", None, PUBLISHER)
            else:
                where = (path, initiative.row, column or None)
            problem = IATI_RULE(
                *where,
                activity=finding.activity,
                initiative=initiative.id if initiative else "?",
                rule=finding.rule,
                severity=finding.severity,
                message=finding.message,
                fix=fix.format(ref=publisher.iati_ref, id=initiative.id if initiative else ""),
            )
            if plan.imported and where[0] == path:  # its publisher's data, as its other
                problem = replace(problem, severity=Severity.NOTICE)  # warnings: notices
            problems.extend([problem])
    return problems
