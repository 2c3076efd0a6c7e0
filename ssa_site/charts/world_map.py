"""The portfolio on a world map: the countries with plans, coloured by overall status.

Plans carry ISO 3166-1 alpha-3 codes; pygal's world map (``pygal_maps_world``) draws
lower-case alpha-2 codes: ``pycountry`` maps one to the other. The SVG is made safe and
deterministic like every chart (:func:`ssa_site.charts.clean_svg`: no script, comment,
date or random id), its paths are rounded to whole map units, and a country links to its
plan (or, with several plans, to its group on the plans index). Its title, legend, names
and description are written in the build's language (country names from Babel's CLDR data
in a language other than English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import pycountry
from babel import Locale
from pygal.style import Style
from pygal_maps_world.i18n import COUNTRIES
from pygal_maps_world.maps import World

from ssa_site.analysis.ratings import RATING_LABELS, RATINGS
from ssa_site.analysis.rollup import roll_up
from ssa_site.base import urls
from ssa_site.base.i18n import DEFAULT, ENGLISH, Language
from ssa_site.charts.map_marks import Box, add_marks, country_bounds, zoomed
from ssa_site.charts.specs import RATING_COLOURS
from ssa_site.charts.svg import FONT, PHONE_WIDTH, Chart, _clean

if TYPE_CHECKING:
    from ssa_site.analysis.rollup import StatusBoard
    from ssa_site.model.plan import Plan, Portfolio

_UUID = "assets-maps-portfolio"  # the SVG's id (chart-<uuid>): fixed, never random
#: Countries without a plan: light grey land with white borders, so coloured ones stand out.
_LAND = f"#chart-{_UUID} .country:not(.series){{fill:#e4e7eb;stroke:#ffffff}}"
WIDTH, HEIGHT = 800, 430
#: The phone's map: the plot only, zoomed to the portfolio (the page gives title and legend).
PHONE_HEIGHT = 240


@dataclass(frozen=True)
class Country:
    """A country with plans of the portfolio."""

    code: str  # ISO 3166-1 alpha-3, as the plans give it
    alpha2: str | None  # pygal's code; None when the code is not a country pycountry knows
    name: str
    plans: tuple[Plan, ...]
    rating: str  # the roll-up of its plans' overall ratings
    language: Language = field(default=ENGLISH, compare=False, repr=False)  # of the names

    @property
    def anchor(self) -> str:
        return urls.country_anchor(self.code)

    @property
    def label(self) -> str:
        """ "Honduras (HND)"; a code that names no country is shown as it is."""
        return f"{self.name} ({self.code})" if self.alpha2 else self.code

    @property
    def on_map(self) -> bool:
        """Whether the world map can draw it (a code of a country the map knows)."""
        return self.alpha2 is not None and self.alpha2 in COUNTRIES

    @property
    def rating_label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.rating])


def country_name(code: str, language: Language = ENGLISH) -> tuple[str | None, str]:
    """(alpha-2 in lower case, name) of an alpha-3 code; unknown codes keep the code. The
    name is pycountry's in English, CLDR's in another language."""
    found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return None, code
    name = getattr(found, "common_name", None) or found.name
    if language.code != DEFAULT:
        name = _territories(language.code).get(found.alpha_2.upper(), name)
    return found.alpha_2.lower(), name


@cache
def _territories(code: str) -> dict[str, str]:
    """Country names in a language, by alpha-2 code (CLDR, as Babel ships it)."""
    return dict(Locale.parse(code).territories)


def countries(
    portfolio: Portfolio, board: StatusBoard, language: Language = ENGLISH
) -> tuple[Country, ...]:
    """Every country that has a plan, by name; its status rolls up its plans' ratings."""
    by_code: dict[str, list[Plan]] = {}
    for plan in portfolio.plans:
        if plan.country:
            by_code.setdefault(plan.country.upper(), []).append(plan)
    found = []
    for code, plans in by_code.items():
        alpha2, name = country_name(code, language)
        rating, _ = roll_up([board.plan(p).rating for p in plans if p.indicators])
        ordered = tuple(sorted(plans, key=lambda p: p.title))
        found.append(Country(code, alpha2, name, ordered, rating, language))
    return tuple(sorted(found, key=lambda c: (c.name, c.code)))


def describe(found: tuple[Country, ...], language: Language = ENGLISH) -> str:
    """The map in words, for ``<desc>`` and the image's text alternative."""
    _ = language.gettext
    if not found:
        return _("A world map; no plan names a country.")
    parts = [
        # Translators: a country and its overall status, e.g. "Honduras (HND): on track".
        _("%(country)s: %(rating)s")
        % {"country": c.label, "rating": _(RATING_LABELS[c.rating]).lower()}
        for c in found
    ]
    return language.ngettext(
        "A world map of the %(num)s country with plans, coloured by overall status. %(countries)s.",
        "A world map of the %(num)s countries with plans, coloured by overall status. "
        "%(countries)s.",
        len(found),
    ) % {"num": language.number(len(found)), "countries": "; ".join(parts)}


def map_svg(
    found: tuple[Country, ...],
    href: dict[str, str],
    phone: bool = False,
    language: Language = ENGLISH,
) -> bytes:
    """The map as SVG bytes; ``href`` gives each country code the link it opens. Each
    country is ringed and named; a phone's map is zoomed to the countries."""
    return _render(
        tuple((c.alpha2, c.rating, c.name, href.get(c.code, "")) for c in found if c.on_map),
        describe(found, language),
        phone,
        language,
    )


@lru_cache(maxsize=8)
def _render(
    areas: tuple[tuple[str | None, str, str, str], ...],
    description: str,
    phone: bool = False,
    language: Language = ENGLISH,
) -> bytes:
    _ = language.gettext
    title = _("Countries with plans, by overall status")
    ratings = [r for r in RATINGS if any(a[1] == r for a in areas)]
    style = Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1f2328",
        foreground_strong="#1f2328",
        foreground_subtle="#6e7781",
        opacity="1",
        opacity_hover="1",
        transition="0ms",
        colors=tuple(RATING_COLOURS[r] for r in ratings) or ("#8c8c8c",),
        font_family=FONT,
        title_font_size=18,
        legend_font_size=14,
    )
    graph = World(
        style=style,
        title=None if phone else title,
        width=PHONE_WIDTH if phone else WIDTH,
        height=PHONE_HEIGHT if phone else HEIGHT,
        js=[],
        pretty_print=False,
        show_legend=bool(ratings) and not phone,
        legend_at_bottom=True,
        legend_at_bottom_columns=max(len(ratings), 1),
        legend_box_size=14,
        margin=0 if phone else 8,
        css=["file://style.css", "file://graph.css", f"inline:{_LAND}"],
    )
    path = urls.phone_chart_path(urls.MAP_PATH) if phone else urls.MAP_PATH
    chart = Chart(path, "map", title, description, (), ())
    graph.uuid = _UUID
    for rating in ratings:
        values: list[Any] = []
        for alpha2, area_rating, name, link in areas:
            if area_rating != rating:
                continue
            value: dict[str, Any] = {
                "value": (alpha2, 1),
                "label": _("%(country)s: %(rating)s")
                % {"country": name, "rating": _(RATING_LABELS[rating])},
            }
            if link:
                value["xlink"] = {"href": link, "target": "_top"}
            values.append(value)
        graph.add(_(RATING_LABELS[rating]), values)
    names = {alpha2: name for alpha2, _rating, name, _link in areas}
    graph.add_xml_filter(lambda root: _mark(_compact(_clean(root, chart)), names, phone))
    svg = graph.render()
    return svg if isinstance(svg, bytes) else svg.encode("utf-8")


def _mark(root: Any, names: dict[str | None, str], zoom: bool) -> Any:
    """Ring and name each country of the portfolio; zoom a phone's map to them."""
    inner = next((e for e in root.iter() if e is not root and _tag(e) == "svg"), None)
    if inner is None:
        return root
    places: list[tuple[Box, str]] = []
    for group in inner.iter():
        classes = (group.get("class") or "").split()
        if _tag(group) == "g" and "series" in classes and classes[0] in names:
            box = country_bounds(group)
            if box is not None:
                places.append((box, names[classes[0]]))
    if not places:
        return root
    places.sort(key=lambda place: place[1])
    width, height = float(inner.get("width") or 1), float(inner.get("height") or 1)
    x, y, w, h = (float(n) for n in (inner.get("viewBox") or "0 0 1 1").split())
    view = Box(x, y, x + w, y + h)
    if zoom:
        longest = max(len(name) for _, name in places)
        view = zoomed([box for box, _ in places], width / height, 0)
        for _ in range(2):  # room for the names, in the units of the zoomed view
            per_px = view.width / width
            view = zoomed([box for box, _ in places], width / height, longest * 8 * per_px)
        inner.set("viewBox", view.view_box())
    add_marks(inner, places, max(view.width / width, view.height / height))
    return root


def _tag(element: Any) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _compact(root: Any) -> Any:
    """Drop what the map file carries but a reader never sees (its editor's metadata, ids,
    indentation) and round its outlines: a quarter of the size, the same picture."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "metadata":
                parent.remove(child)
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
        if tag.rsplit("}", 1)[-1] in ("path", "circle") and element.get("id"):
            del element.attrib["id"]
        if element.get("d"):
            element.set("d", round_path(element.get("d")))
    return root


_PATH_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "c": 6, "h": 1, "v": 1, "z": 0}


def round_path(d: str) -> str:
    """Path data with every point rounded to whole units and written relative to the
    previous rounded point (so rounding never drifts); paths using other commands than
    M, L, C, H, V and Z are returned as they were."""
    tokens = _PATH_TOKEN.findall(d)
    out: list[str] = []
    x = y = 0.0  # the current point, exact
    rx = ry = 0  # the current point, rounded
    start = (0.0, 0.0, 0, 0)
    i = 0
    command = ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command.lower() not in _ARITY:
                return d
            if command.lower() == "z":
                x, y, rx, ry = start
                out.append("z")
                continue
        arity = _ARITY.get(command.lower(), 0)
        if arity == 0 or i + arity > len(tokens):
            return d
        numbers = [float(t) for t in tokens[i : i + arity]]
        i += arity
        relative = command.islower()
        kind = command.lower()
        if kind == "h":
            points = [(numbers[0] + (x if relative else 0), y)]
        elif kind == "v":
            points = [(x, numbers[0] + (y if relative else 0))]
        else:
            points = [
                (numbers[k] + (x if relative else 0), numbers[k + 1] + (y if relative else 0))
                for k in range(0, arity, 2)
            ]
        rounded = [(round(px), round(py)) for px, py in points]
        letter = "l" if kind in ("h", "v") else kind
        deltas = " ".join(f"{px - rx} {py - ry}" for px, py in rounded)
        out.append(f"{letter}{deltas}".replace(" -", "-"))
        x, y = points[-1]
        rx, ry = rounded[-1]
        if kind == "m":
            start = (x, y, rx, ry)
            command = "l" if relative else "L"  # further pairs after a moveto are lines
    return "".join(out)
