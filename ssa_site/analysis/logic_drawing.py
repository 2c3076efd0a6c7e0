"""A plan's logic model laid out for drawing: a box per result, an arrow to the result it
contributes to.

Levels are columns, the lowest on the left, so that the drawing reads as the chain does:
outputs lead to outcomes, outcomes to the goal. Inside a column, results keep the order
of the hierarchy; each result is centred beside the results that contribute to it, and a
result's slot is as tall as its box or the stack of its contributors, whichever is taller,
so that no two boxes overlap. Sizes are in CSS pixels: the page shows the drawing at its
own size (scrolling sideways on a narrow screen), so its text keeps its size. Pure and
deterministic: the same plan gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssa_site.analysis.logic_model import LogicModel
    from ssa_site.model.plan import Result

BOX_WIDTH = 210
COLUMN_GAP = 64
ROW_GAP = 14
MARGIN = 12
HEADER = 34  # room for the level names above the columns
FONT_SIZE = 13
LINE_HEIGHT = 17
PADDING = 9
#: Average advance of a character at FONT_SIZE (sans-serif), to wrap titles.
CHAR_WIDTH = FONT_SIZE * 0.5
MAX_TITLE_LINES = 4


@dataclass(frozen=True)
class Box:
    """A result's box: where it is, the lines of its title, what hangs off it."""

    result: Result
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    indicators: int
    assumptions: int

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Connector:
    """An arrow from a result to the result it contributes to (its parent)."""

    source: Result
    target: Result
    path: str  # SVG path data, a smooth curve from the source's right to the target's left


@dataclass(frozen=True)
class Column:
    level: str
    x: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    columns: tuple[Column, ...]
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]


def wrap(text: str, width: float = BOX_WIDTH - 2 * PADDING) -> tuple[str, ...]:
    """Words in lines that fit ``width`` pixels; at most MAX_TITLE_LINES, the last one
    ending in an ellipsis when the text is longer (the full title is the box's tooltip)."""
    room = max(int(width / CHAR_WIDTH), 8)
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > room:  # a word longer than a line is cut
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: room - 1] + "-")
            word = word[room - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= room:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > MAX_TITLE_LINES:
        last = lines[MAX_TITLE_LINES - 1]
        lines = [*lines[: MAX_TITLE_LINES - 1], last[: room - 1].rstrip() + "…"]
    return tuple(lines) or ("",)


def _height(lines: tuple[str, ...]) -> float:
    # The id line, the title, and a line naming indicators and assumptions.
    return 2 * PADDING + LINE_HEIGHT * (len(lines) + 2)


def draw(model: LogicModel) -> Drawing | None:
    """The drawing of a logic model; None when it has no result."""
    plan = model.plan
    results = model.results
    if not results:
        return None
    levels = [tier.level for tier in model.tiers]
    column_of = {level: len(levels) - 1 - i for i, level in enumerate(levels)}  # top right
    shown = {r.id for r in results}
    children: dict[str, list[Result]] = {}
    roots: list[Result] = []
    for result in (r for r, _ in plan.walk() if r.id in shown):
        if result.parent in shown:
            children.setdefault(result.parent or "", []).append(result)
        else:
            roots.append(result)
    lines = {r.id: wrap(r.title) for r in results}

    slots: dict[str, float] = {}

    def slot(result: Result) -> float:
        below = children.get(result.id, [])
        stacked = sum(slot(c) for c in below) + ROW_GAP * max(len(below) - 1, 0)
        slots[result.id] = max(_height(lines[result.id]), stacked)
        return slots[result.id]

    for root in roots:
        slot(root)

    boxes: dict[str, Box] = {}

    def place(result: Result, top: float) -> None:
        height = _height(lines[result.id])
        column = column_of[result.level]
        boxes[result.id] = Box(
            result,
            MARGIN + column * (BOX_WIDTH + COLUMN_GAP),
            top + (slots[result.id] - height) / 2,
            BOX_WIDTH,
            height,
            lines[result.id],
            len(plan.indicators_of(result.id)),
            len(plan.assumptions_of(result.id)),
        )
        below = children.get(result.id, [])
        stacked = sum(slots[c.id] for c in below) + ROW_GAP * max(len(below) - 1, 0)
        y = top + (slots[result.id] - stacked) / 2
        for child in below:
            place(child, y)
            y += slots[child.id] + ROW_GAP

    top = float(MARGIN + HEADER)
    for root in roots:
        place(root, top)
        top += slots[root.id] + ROW_GAP * 2
    ordered = tuple(boxes[r.id] for r, _ in plan.walk() if r.id in boxes)
    connectors = tuple(
        _connector(boxes[child.id], boxes[parent])
        for parent, below in children.items()
        for child in below
    )
    width = MARGIN * 2 + len(levels) * BOX_WIDTH + (len(levels) - 1) * COLUMN_GAP
    columns = tuple(
        Column(level, MARGIN + column_of[level] * (BOX_WIDTH + COLUMN_GAP)) for level in levels
    )
    return Drawing(
        width,
        round(top - ROW_GAP * 2 + MARGIN),
        tuple(sorted(columns, key=lambda c: c.x)),
        ordered,
        connectors,
    )


def _connector(source: Box, target: Box) -> Connector:
    """A curve from the middle of the source's right edge to the target's left edge (the
    arrowhead's length short of it, so that the head ends at the edge)."""
    x1, y1 = source.right, source.middle
    x2, y2 = target.x - 7, target.middle
    bend = (x2 - x1) / 2
    path = f"M{x1:.1f} {y1:.1f}C{x1 + bend:.1f} {y1:.1f} {x2 - bend:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"
    return Connector(source.result, target.result, path)
