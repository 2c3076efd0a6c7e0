"""Front matter of authored Markdown files, read and checked like data.

YAML dates stay text (so that ``2024-13-01`` is reported instead of raised), and every
problem is positioned at the line of the field it is about: ``path:line: field: problem (fix)``.
List items are counted from 1 in field names: ``recommendations[2].response``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import yaml

from ssa_site.base.characters import CONTROL, CONTROL_CHARACTER, control_params
from ssa_site.base.problems import ProblemType, Severity

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problems

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Where = tuple[str | int, ...]  # where a value sits in the front matter
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

FILE_UNREADABLE = ProblemType(
    "file-unreadable",
    "Unreadable file",
    "cannot be read ({reason})",
    "check that the file exists and that you may read it",
)
FILE_NOT_UTF_8 = ProblemType(
    "file-not-utf-8",
    "File not UTF-8 text",
    "is not UTF-8 text (byte 0x{byte:02x})",
    "save the file with the UTF-8 encoding",
)
FRONT_MATTER_INVALID_YAML = ProblemType(
    "front-matter-invalid-yaml",
    "Front matter not valid YAML",
    "is not valid YAML: {error}",
    "fix the YAML between the --- lines",
)
FRONT_MATTER_NOT_A_MAPPING = ProblemType(
    "front-matter-not-a-mapping",
    "Front matter not a mapping",
    "must be a mapping of fields",
    "write one 'field: value' per line",
)
# The generic problems of a field, reported by the Checker's readers.
FIELD_MISSING = ProblemType("field-missing", "Missing field", "is missing", "add '{key}:'")
DATE_MISSING = ProblemType("date-missing", "Missing date", "is missing", "add '{key}: YYYY-MM-DD'")
CHOICE_MISSING = ProblemType(
    "choice-missing", "Missing choice", "is missing", "add '{key}:' with one of: {choices}"
)
NOT_TEXT = ProblemType("not-text", "Not text", "must be text", "write it on one line, or quote it")
NOT_A_DATE = ProblemType(
    "not-a-date", "Not a date", "'{text}' is not a date", "write it as YYYY-MM-DD"
)
NOT_A_CHOICE = ProblemType(
    "not-a-choice", "Not one of the choices", "'{value}' is not {what}", "use one of: {choices}"
)
NOT_A_LIST = ProblemType(
    "not-a-list", "Not a list", "must be a list", "write one '- item' per line under it"
)


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
        problems.add(FILE_UNREADABLE, display, None, None, reason=exc.strerror or str(exc))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        problems.add(FILE_NOT_UTF_8, display, row, None, byte=data[exc.start])
        return None


@dataclass(frozen=True)
class YamlProblem:
    """What is wrong with front matter as a whole (a syntax error, not a mapping): the line
    of the file, the kind of problem and its fields."""

    row: int
    kind: ProblemType
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        """What is wrong, in one line."""
        return self.kind.message.format(**self.params)

    def __str__(self) -> str:
        return self.message

    def report(self, problems: Problems, path: str) -> None:
        """Report it as a problem of the file at ``path``."""
        problems.add(self.kind, path, self.row, "front matter", **self.params)


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
    return YamlProblem(row, FRONT_MATTER_INVALID_YAML, {"error": text})


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

    def add(self, kind: ProblemType, where: Where, **params: Any) -> None:
        """Report a problem of ``kind`` about the value at ``where``; an error fails the file."""
        if kind.severity is Severity.ERROR:
            self.failed = True
        self.problems.add(kind, self.path, self.row(where), label(where), **params)

    def controls(self, value: Any, where: Where = ()) -> None:
        """Report every string holding a control character (see ssa_site.base.characters)."""
        if isinstance(value, str):
            if found := CONTROL.search(value):
                self.add(CONTROL_CHARACTER, where, **control_params(found.group()))
        elif isinstance(value, dict):
            for key, item in value.items():
                self.controls(item, (*where, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.controls(item, (*where, index))

    def text(
        self,
        meta: dict[str, Any],
        where: Where,
        required: bool = False,
        missing: ProblemType = FIELD_MISSING,
        **params: Any,
    ) -> str | None:
        """The text at ``where``; when it is required and missing, a ``missing`` problem
        (its fields: ``key`` and ``params``)."""
        value = meta.get(str(where[-1]))
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(missing, where, key=where[-1], **params)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add(NOT_TEXT, where)
            return None
        return str(value).strip()

    def date(self, meta: dict[str, Any], where: Where, required: bool = False) -> date | None:
        value = meta.get(str(where[-1]))
        if value is None or value == "":
            if required:
                self.add(DATE_MISSING, where, key=where[-1])
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
        self.add(NOT_A_DATE, where, text=text[:40])
        return None

    def choice(
        self,
        meta: dict[str, Any],
        where: Where,
        choices: tuple[str, ...],
        what: str,
        required: bool = False,
    ) -> str | None:
        listed = ", ".join(choices)
        value = self.text(meta, where, required, CHOICE_MISSING, choices=listed)
        if value is not None and value not in choices:
            self.add(NOT_A_CHOICE, where, value=value[:40], what=what, choices=listed)
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
            self.add(NOT_A_LIST, where)
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
        yaml_problem(exc).report(problems, path)
        return None
    if not isinstance(meta, dict):
        problems.add(FRONT_MATTER_NOT_A_MAPPING, path, 1, "front matter")
        return None
    return meta, body, Checker(path, positions(front), problems)
