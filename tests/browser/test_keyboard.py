"""The interactive parts work with the keyboard alone: Tab to a control, change it, see the
result. The evaluations index (filters, sorting, reset) and the details elements of pages
(logic model text version, indicator downloads) are driven with key presses only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from browser.site_pages import missing_reason, page_to_visit

if TYPE_CHECKING:
    from browser.conftest import BuiltSite

MAX_TABS = 400


def tab_to(page: Any, selector: str) -> None:
    """Press Tab until the focused element matches the selector (as a keyboard user would)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {selector} on {page.url}")


def visible_rows(page: Any) -> list[str]:
    return page.locator(".ssa-evaluations__table tbody tr:visible").all_inner_texts()


@pytest.fixture
def evaluations_index(built: dict[str, BuiltSite], open_page: Any) -> Any:
    path = page_to_visit(built["public"].site, "evaluations-index")
    if path is None:
        pytest.skip(missing_reason("evaluations-index", "public"))
    page = open_page("public", "desktop")
    page.goto(built["public"].server.root + path, wait_until="load")
    page.wait_for_selector("form.ssa-filters:not([hidden])")
    return page


def test_skip_link_is_the_first_stop_and_leads_to_the_content(evaluations_index: Any) -> None:
    page = evaluations_index
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to content"), focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, "after the skip link, Tab does not go on in the page's content"


def test_evaluation_filters_work_with_the_keyboard_alone(evaluations_index: Any) -> None:
    page = evaluations_index
    every_row = visible_rows(page)
    assert len(every_row) >= 2, "the example site needs two evaluations to show filtering"

    tab_to(page, "form.ssa-filters select")
    name = page.evaluate("document.activeElement.name")
    page.keyboard.press("ArrowDown")  # the first choice after "All"
    chosen = page.evaluate("document.activeElement.value")
    assert chosen, f"ArrowDown did not change the {name} filter"
    wanted = page.locator(f".ssa-evaluations__table tbody tr[data-{name}~='{chosen}']").count()
    shown = visible_rows(page)
    assert len(shown) == wanted < len(every_row), (
        f"{name} = {chosen}: {len(shown)} row(s) shown, {wanted} match, of {len(every_row)}"
    )
    count = page.locator("[data-ssa-count]").inner_text()
    assert f"Showing {wanted} of {len(every_row)}" in count, count

    tab_to(page, "form.ssa-filters button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.ssa-evaluations__table tbody tr:not([hidden])').length"
        " === n",
        arg=len(every_row),
    )
    assert visible_rows(page) == every_row


def test_evaluation_table_sorts_with_the_keyboard(evaluations_index: Any) -> None:
    page = evaluations_index
    before = visible_rows(page)
    tab_to(page, "th[data-sort] button.ssa-sort")
    header = page.evaluate("document.activeElement.closest('th').textContent.trim()")
    page.keyboard.press("Enter")
    sorted_by = page.locator("th[aria-sort]")
    assert sorted_by.count() == 1 and sorted_by.inner_text().strip() == header
    page.keyboard.press("Enter")
    assert sorted_by.get_attribute("aria-sort") in {"ascending", "descending"}
    assert sorted(visible_rows(page)) == sorted(before)


@pytest.mark.parametrize("key", ["logic-model", "indicator", "data"])
def test_details_open_with_the_keyboard(
    built: dict[str, BuiltSite], open_page: Any, key: str
) -> None:
    path = page_to_visit(built["public"].site, key)
    if path is None:
        pytest.skip(missing_reason(key, "public"))
    page = open_page("public", "desktop")
    page.goto(built["public"].server.root + path, wait_until="load")
    if not page.locator("article details:not([open]) > summary").count():
        pytest.skip(f"the {key} page has no closed details element")
    tab_to(page, "article details:not([open]) > summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open")
