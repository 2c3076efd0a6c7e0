"""One text of a plan in another language: a row of its ``translations`` resource."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Translation:
    """A text of the plan in another language (the ``translations`` resource)."""

    entity: str  # plan, result, indicator, initiative or assumption
    id: str  # "" for the plan; <result>/<n> for the n-th assumption of a result
    field: str  # title, description, statement, definition, unit, text, mitigation
    language: str
    text: str
    row: int = 0  # its row in translations.csv, for messages
