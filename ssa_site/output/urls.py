"""Where every generated page lives, and relative links between pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ssa_site.model.plan import Indicator, Plan, Result


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def plan_uri(plan: str) -> str:
    return f"plans/{plan}/index.md"


def result_uri(plan: str, result: str) -> str:
    return f"plans/{plan}/results/{result}.md"


def indicator_uri(plan: str, indicator: str) -> str:
    return f"plans/{plan}/indicators/{indicator}.md"


def logic_model_uri(plan: str) -> str:
    return f"plans/{plan}/logic-model.md"


ALIGNMENT_URI = "alignment.md"
QUALITY_URI = "quality.md"  # internal builds only


PLANS_INDEX_URI = "plans/index.md"
EVALUATIONS_INDEX_URI = "evaluations/index.md"


def evaluation_uri(evaluation: str) -> str:
    return f"evaluations/{evaluation}.md"


def dest_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL of a page relative to the site root, as MkDocs will write it."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        directory = posixpath.dirname(stem)
        return f"{directory}/" if directory else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@dataclass(frozen=True)
class Linker:
    """Relative hrefs from one page to others."""

    src_uri: str
    use_directory_urls: bool = True

    def _base(self) -> str:
        here = dest_url(self.src_uri, self.use_directory_urls)
        if here == "" or here.endswith("/"):
            return here.rstrip("/") or "."
        return posixpath.dirname(here) or "."

    def to(self, target_uri: str, anchor: str = "") -> str:
        there = dest_url(target_uri, self.use_directory_urls)
        if there == "" or there.endswith("/"):
            if self.use_directory_urls:
                relative = posixpath.relpath(there.rstrip("/") or ".", self._base())
                relative = "./" if relative == "." else relative + "/"
            else:
                relative = posixpath.relpath(there + "index.html", self._base())
        else:
            relative = posixpath.relpath(there, self._base())
        return relative + (f"#{anchor}" if anchor else "")

    def file(self, site_path: str) -> str:
        """Link to a static file written at ``site_path`` (relative to the site root)."""
        return posixpath.relpath(site_path, self._base())

    def plan(self, plan: Plan | str) -> str:
        return self.to(plan_uri(plan if isinstance(plan, str) else plan.name))

    def result(self, result: Result) -> str:
        return self.to(result_uri(result.plan, result.id))

    def indicator(self, indicator: Indicator) -> str:
        return self.to(indicator_uri(indicator.plan, indicator.id))

    def page(self, src_uri: str) -> str:
        return self.to(src_uri)

    def evaluation(self, evaluation: str | _HasId, anchor: str = "") -> str:
        key = evaluation if isinstance(evaluation, str) else evaluation.id
        return self.to(evaluation_uri(key), anchor)

    def evaluations(self) -> str:
        return self.to(EVALUATIONS_INDEX_URI)

    def initiative(self, plan: str, initiative: str) -> str:
        """Initiatives are rows of their plan's page, anchored ``#initiative-<id>``."""
        return self.to(plan_uri(plan), f"initiative-{initiative}")

    def logic_model(self, plan: Plan | str) -> str:
        return self.to(logic_model_uri(plan if isinstance(plan, str) else plan.name))

    def alignment(self, anchor: str = "") -> str:
        return self.to(ALIGNMENT_URI, anchor)
