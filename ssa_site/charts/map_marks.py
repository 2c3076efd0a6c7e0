"""Marks that make each country of the portfolio findable on the world map.

At 800 px a small country is a few pixels of colour; on a phone the whole world is a
strip. Each country with plans gets a ring and its name, drawn in the map's own units
(so that they render at a fixed size in screen pixels), and a phone's map is zoomed to
the box around the countries of the portfolio. Pure geometry on pygal's SVG tree: the
bounds of a country come from its outlines' path data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "z": 0}
#: Screen sizes of the marks, in CSS pixels at the map's drawn width.
LABEL_PX, RING_PX, HALO_PX = 14.0, 9.0, 3.0


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def grown(self, dx: float, dy: float) -> Box:
        return Box(self.left - dx, self.top - dy, self.right + dx, self.bottom + dy)

    def view_box(self) -> str:
        return f"{self.left:.0f} {self.top:.0f} {self.width:.0f} {self.height:.0f}"


def path_bounds(d: str) -> Box | None:
    """The box around every point of a path (control points included: a little larger than
    the outline, never smaller); None for an empty or unreadable path."""
    tokens = _TOKEN.findall(d)
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    command, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command.lower() == "z":
                x, y = start_x, start_y
                continue
        kind = command.lower()
        arity = _ARITY.get(kind)
        if not arity or i + arity > len(tokens):
            return None
        numbers = [float(t) for t in tokens[i : i + arity]]
        i += arity
        dx, dy = (x, y) if command.islower() else (0.0, 0.0)
        if kind == "h":
            x = numbers[0] + dx
        elif kind == "v":
            y = numbers[0] + dy
        else:
            for k in range(0, arity, 2):
                xs.append(numbers[k] + dx)
                ys.append(numbers[k + 1] + dy)
            x, y = xs[-1], ys[-1]
        xs.append(x)
        ys.append(y)
        if kind == "m":
            start_x, start_y = x, y
            command = "l" if command.islower() else "L"
    return Box(min(xs), min(ys), max(xs), max(ys)) if xs else None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def country_bounds(group: Any) -> Box | None:
    """The box of a country's group: its outlines, and pygal's dot for a tiny one."""
    box: Box | None = None
    for element in group.iter():
        found: Box | None = None
        if _local(element.tag) == "path":
            found = path_bounds(element.get("d") or "")
        elif _local(element.tag) == "circle":
            cx, cy, r = (float(element.get(a) or 0) for a in ("cx", "cy", "r"))
            found = Box(cx - r, cy - r, cx + r, cy + r)
        if found is not None:
            box = found if box is None else box.union(found)
    return box


def zoomed(boxes: list[Box], aspect: float, label_room: float) -> Box:
    """A view around ``boxes`` with the map's aspect (width ÷ height), room around them
    and ``label_room`` map units to the right for the names."""
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    side = max(box.width, box.height, 120.0)
    box = box.grown(side * 0.25, side * 0.25)
    box = Box(box.left, box.top, box.right + label_room, box.bottom)
    if box.width / box.height < aspect:
        extra = box.height * aspect - box.width
        return box.grown(extra / 2, 0)
    extra = box.width / aspect - box.height
    return box.grown(0, extra / 2)


def add_marks(map_svg: Any, places: list[tuple[Box, str]], units_per_px: float) -> None:
    """A ring and a name (with a white halo) beside each place, sized in screen pixels."""
    layer = map_svg.makeelement(_ns(map_svg, "g"), {"class": "ssa-map-marks"})
    for box, name in places:
        cx, cy = box.centre
        ring = max(RING_PX * units_per_px, max(box.width, box.height) / 2)
        layer.append(
            map_svg.makeelement(
                _ns(map_svg, "circle"),
                {
                    "cx": f"{cx:.0f}",
                    "cy": f"{cy:.0f}",
                    "r": f"{ring:.0f}",
                    "fill": "none",
                    "stroke": "#1f2328",
                    "stroke-width": f"{2 * units_per_px:.1f}",
                },
            )
        )
        label = map_svg.makeelement(
            _ns(map_svg, "text"),
            {
                "x": f"{cx + ring + 4 * units_per_px:.0f}",
                "y": f"{cy + LABEL_PX * units_per_px * 0.35:.0f}",
                "font-size": f"{LABEL_PX * units_per_px:.1f}",
                "font-weight": "700",
                "fill": "#1f2328",
                "stroke": "#ffffff",
                "stroke-width": f"{HALO_PX * units_per_px:.1f}",
                "paint-order": "stroke",
                "class": "ssa-map-label",
            },
        )
        label.text = name
        layer.append(label)
    map_svg.append(layer)


def _ns(element: Any, name: str) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[: tag.index("}") + 1] + name if tag.startswith("{") else name
