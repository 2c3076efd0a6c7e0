"""Front matter of authored Markdown files, read and checked like data.

YAML dates stay text (so that ``2024-13-01`` is reported instead of raised), and every
problem is positioned at the line of the field it is about: ``path:line: field: problem (fix)``.
List items are counted from 1 in field names: ``recommendations[2].response``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.base.characters import CONTROL, CONTROL_FIX, control_message

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Where = tuple[str | int, ...]  # where a value sits in the front matter
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class TextDateLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so that '2024-13-01' is reported, not raised."""


_Loader = TextDateLoader


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """The text of an authored file (UTF-8, a BOM allowed), or None after reporting why it
    cannot be read: Markdown narratives, a package's datapackage.json."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(
            display,
            None,
            None,
            f"cannot be read ({exc.strerror or exc})",
            "check that the file exists and that you may read it",
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(
            display,
            data[: exc.start].count(b"\n") + 1,
            None,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            "save the file with the UTF-8 encoding",
        )
        return None


@dataclass(frozen=True)
class YamlProblem:
    """A syntax error in front matter: the line of the file and what is wrong, one line."""

    row: int
    message: str

    def __str__(self) -> str:
        return self.message


def yaml_problem(exc: yaml.YAMLError) -> YamlProblem:
    """Where and what a YAML error is, in one line (PyYAML's own message spans five)."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None)
    if "end of stream" in problem or "<stream end>" in problem:
        # Something opened and never closed: the line where it was opened helps most.
        mark = getattr(exc, "context_mark", None) or mark
    row = mark.line + 2 if mark is not None else 1  # the YAML starts on line 2, after '---'
    text = f"{problem} ({context})" if context else problem
    return YamlProblem(row, f"is not valid YAML: {text}")


def split(text: str) -> tuple[str, str]:
    """(front matter YAML, body); the YAML starts on line 2 of the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(1) or "", text[match.end() :]


def positions(front: str) -> dict[Where, int]:
    """Line numbers (0-based, within the YAML) of every key and list item."""
    try:
        root = yaml.compose(front)
    except yaml.YAMLError:
        return {}
    found: dict[Where, int] = {}

    def walk(node: yaml.Node, where: Where) -> None:
        found.setdefault(where, node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*where, str(key.value)))
                found[(*where, str(key.value))] = key.start_mark.line
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*where, index))

    if root is not None:
        walk(root, ())
    return found


@dataclass
class Checker:
    """Reports problems of one file, positioned by the line of the field."""

    path: str
    rows: dict[Where, int]
    problems: Problems
    failed: bool = False

    def row(self, where: Where) -> int | None:
        while where:
            if where in self.rows:
                return self.rows[where] + 2  # the YAML starts on line 2, after '---'
            where = where[:-1]
        return None

    def error(self, where: Where, message: str, fix: str) -> None:
        self.failed = True
        self.problems.error(self.path, self.row(where), label(where), message, fix)

    def warning(self, where: Where, message: str, fix: str) -> None:
        self.problems.warning(self.path, self.row(where), label(where), message, fix)

    def controls(self, value: Any, where: Where = ()) -> None:
        """Report every string holding a control character (see ssa_site.characters)."""
        if isinstance(value, str):
            if found := CONTROL.search(value):
                self.error(where, control_message(found.group()), CONTROL_FIX)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.controls(item, (*where, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.controls(item, (*where, index))

    def text(
        self, meta: dict[str, Any], where: Where, required: bool = False, fix: str = ""
    ) -> str | None:
        value = meta.get(str(where[-1]))
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(where, "is missing", fix or f"add '{where[-1]}:'")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(where, "must be text", "write it on one line, or quote it")
            return None
        return str(value).strip()

    def date(self, meta: dict[str, Any], where: Where, required: bool = False) -> date | None:
        value = meta.get(str(where[-1]))
        if value is None or value == "":
            if required:
                self.error(where, "is missing", f"add '{where[-1]}: YYYY-MM-DD'")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if _DATE.match(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        self.error(where, f"'{text[:40]}' is not a date", "write it as YYYY-MM-DD")
        return None

    def choice(
        self,
        meta: dict[str, Any],
        where: Where,
        choices: tuple[str, ...],
        what: str,
        required: bool = False,
    ) -> str | None:
        fix = f"add '{where[-1]}:' with one of: {', '.join(choices)}"
        value = self.text(meta, where, required, fix)
        if value is not None and value not in choices:
            self.error(where, f"'{value[:40]}' is not {what}", f"use one of: {', '.join(choices)}")
            return None
        return value

    def items(self, meta: dict[str, Any], where: Where) -> list[tuple[Where, Any]]:
        """A list field, with where each item is; ``a; b`` text is accepted like in CSV."""
        value = meta.get(str(where[-1]))
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [(where, part.strip()) for part in value.split(";") if part.strip()]
        if not isinstance(value, list):
            self.error(where, "must be a list", "write one '- item' per line under it")
            return []
        return [((*where, index), item) for index, item in enumerate(value)]


def label(where: Where) -> str:
    """``('recommendations', 1, 'due')`` → ``recommendations[2].due`` (items count from 1)."""
    text = ""
    for part in where:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse(text: str, path: str, problems: Problems) -> tuple[dict[str, Any], str, Checker] | None:
    """(fields, body, a checker for the fields) of a Markdown file, or None if unreadable."""
    front, body = split(text)
    try:
        meta = yaml.load(front, Loader=_Loader) or {}  # a SafeLoader
    except yaml.YAMLError as exc:
        error = yaml_problem(exc)
        problems.error(
            path, error.row, "front matter", error.message, "fix the YAML between the --- lines"
        )
        return None
    if not isinstance(meta, dict):
        problems.error(
            path,
            1,
            "front matter",
            "must be a mapping of fields",
            "write one 'field: value' per line",
        )
        return None
    return meta, body, Checker(path, positions(front), problems)
