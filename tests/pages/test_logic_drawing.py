"""The drawn logic model: boxes by level, an arrow per parent link, nothing overlapping;
and dates written for people."""

from __future__ import annotations

import itertools
from datetime import date

from ssa_site.analysis.logic_drawing import BOX_WIDTH, draw, wrap
from ssa_site.analysis.logic_model import logic_model
from ssa_site.base.dates import day, period_span, span
from ssa_site.base.periods import parse_period
from ssa_site.model.plan import Plan, Result

RESULTS = (
    Result("p", "G", None, "goal", "Goal"),
    Result("p", "O1", "G", "objective", "First objective with a long title " * 3),
    Result("p", "S1", "O1", "sub-objective", "Under the first"),
    Result("p", "S3", "O1", "sub-objective", "Also under the first"),
    Result("p", "O2", "G", "objective", "Second objective"),
    Result("p", "S2", "O2", "sub-objective", "Under the second"),
    Result("p", "G2", None, "goal", "A second goal, with nothing under it"),
)
PLAN = Plan("p", "P", "country-strategy", ("goal", "objective", "sub-objective"), results=RESULTS)


def test_levels_are_columns_lowest_left_with_an_arrow_to_each_parent() -> None:
    drawing = draw(logic_model(PLAN))
    assert drawing is not None
    assert [c.level for c in drawing.columns] == ["sub-objective", "objective", "goal"]
    x = {b.result.id: b.x for b in drawing.boxes}
    assert x["S1"] < x["O1"] < x["G"] == x["G2"]
    links = sorted((c.source.id, c.target.id) for c in drawing.connectors)
    assert links == [("O1", "G"), ("O2", "G"), ("S1", "O1"), ("S2", "O2"), ("S3", "O1")]
    for c in drawing.connectors:  # each arrow runs from the source's right to the target
        assert c.path.startswith("M") and "C" in c.path
    assert drawing.width == 2 * 12 + 3 * BOX_WIDTH + 2 * 64


def test_boxes_never_overlap_and_parents_sit_beside_their_children() -> None:
    drawing = draw(logic_model(PLAN))
    assert drawing is not None
    for a, b in itertools.combinations(drawing.boxes, 2):
        if a.x == b.x:
            assert a.y + a.height <= b.y or b.y + b.height <= a.y, (a.result.id, b.result.id)
    boxes = {b.result.id: b for b in drawing.boxes}
    o1, s1, s3 = boxes["O1"], boxes["S1"], boxes["S3"]
    assert s1.middle <= o1.middle <= s3.middle
    assert all(b.y + b.height <= drawing.height for b in drawing.boxes)
    assert draw(logic_model(PLAN)) == drawing  # deterministic


def test_titles_wrap_within_the_box_and_long_ones_end_in_an_ellipsis() -> None:
    lines = wrap("First objective with a long title " * 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(len(line) <= 30 for line in lines)
    assert wrap("Short") == ("Short",)


def test_dates_for_people() -> None:
    assert day(date(2025, 9, 30)) == "30 Sep 2025"
    assert span(date(2022, 10, 1), date(2026, 9, 30)) == "1 Oct 2022 – 30 Sep 2026"
    assert period_span(parse_period("FY2025")) == "FY2025 (Oct 2024 – Sep 2025)"
    assert period_span(parse_period("2024-Q2")) == "2024-Q2 (Apr – Jun 2024)"
    assert period_span(parse_period("2024")) == "2024"
    assert period_span(parse_period("2024-03")) == "2024-03"
