"""The standard Table Schemas and vocabularies of SPEC §2, shipped with the package."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

RESOURCES = ("results", "indicators", "values", "initiatives", "assumptions", "translations")

PLAN_KINDS = (
    "country-strategy",
    "regional-strategy",
    "functional-strategy",
    "agency-framework",
    "initiative",
)

LEVEL_PRESETS: dict[str, tuple[str, ...]] = {
    "ics": ("goal", "objective", "sub-objective"),
    "results-chain": ("impact", "outcome", "intermediate-outcome", "output"),
    "logic-model": (
        "impact",
        "long-term-outcome",
        "short-term-outcome",
        "output",
        "activity",
        "input",
    ),
}


@cache
def _load(resource: str) -> dict[str, Any]:
    text = resources.files("ssa_site").joinpath(f"schemas/{resource}.json").read_text("utf-8")
    return dict(json.loads(text))


def standard_schema(resource: str) -> dict[str, Any]:
    """A fresh copy of the standard Table Schema of a resource."""
    return copy.deepcopy(_load(resource))


def standard_field_names(resource: str) -> list[str]:
    return [f["name"] for f in _load(resource)["fields"]]


def required_field_names(resource: str) -> list[str]:
    return [
        f["name"] for f in _load(resource)["fields"] if f.get("constraints", {}).get("required")
    ]


def dimension_field(name: str) -> dict[str, Any]:
    """Schema of an extra column of ``values``: a disaggregation dimension."""
    return {
        "name": name,
        "type": "string",
        "title": name.replace("_", " ").capitalize(),
        "description": f"Disaggregation by {name}; blank for the total.",
    }


def split_list(cell: str | None) -> tuple[str, ...]:
    """Split a list cell (``a; b; c``) into its items."""
    if not cell:
        return ()
    return tuple(item.strip() for item in str(cell).split(";") if item.strip())
