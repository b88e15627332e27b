"""The demo case's time strip in Chromium: its marks are drawn, a mark's link opens its event,
hedged dates get their fading or open ends, and the page stays accessible in light and dark."""

import io
import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

CASE = "/cases/serikzhan-bilash/"


@pytest.fixture
def case_url(live_server) -> str:
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
    return f"{live_server.url}{CASE}"


def whole_span(page):
    """The strip of the case's whole span (a close-up of crowded months may follow it)."""
    return page.locator('figure.strip svg[aria-labelledby="strip-title"]')


def test_the_strip_draws_a_mark_for_every_event(page, case_url, csp_violations):
    page.goto(case_url)
    strip = whole_span(page)
    expect(strip).to_be_visible()
    expect(strip.locator("a.strip__mark")).to_have_count(9)
    expect(strip.locator("a.strip__mark--bar")).to_have_count(3)
    expect(strip.locator("a.strip__mark--milestone")).to_have_count(3)
    expect(strip.locator(".strip__today")).to_have_count(1)
    # The bars and dots are really painted: each mark takes room on the screen.
    for box in strip.locator("a.strip__mark").evaluate_all(
        "marks => marks.map(mark => mark.getBoundingClientRect().width)"
    ):
        assert box > 0
    assert csp_violations == []


def test_hedged_dates_get_fading_or_open_ends(page, case_url):
    page.goto(case_url)
    detention = whole_span(page).locator('a.strip__mark[href$="/events/xinjiang-camp-detentions/"]')
    expect(detention).to_have_attribute("data-fuzzy", "open")
    expect(detention.locator("polygon.strip__arrow")).to_have_count(1)
    video = whole_span(page).locator('a.strip__mark[href$="/events/bilash-forced-video/"]')
    expect(video.locator("rect.strip__fade")).to_have_count(2)
    closed = whole_span(page).locator('a.strip__mark[href$="/events/atajurt-office-closed/"]')
    expect(closed.locator('rect.strip__fade[fill="url(#strip-fade-out)"]')).to_have_count(1)
    # The gradient resolves to a colour from our stylesheet, fading to nothing.
    stops = page.locator("#strip-fade-out stop").evaluate_all(
        "stops => stops.map(s => [getComputedStyle(s).stopColor, getComputedStyle(s).stopOpacity])"
    )
    assert stops[0][1] == "1" and stops[1][1] == "0"
    assert stops[0][0] not in ("", "rgb(0, 0, 0)")


def test_a_mark_links_to_its_event(page, case_url):
    page.goto(case_url)
    mark = whole_span(page).locator('a.strip__mark[href$="/events/bilash-house-arrest/"]')
    # Named by its <title>, as a screen reader hears it.
    expect(mark).to_have_accessible_name(re.compile(r"^11 March – May 2019: "))
    expect(
        whole_span(page).get_by_role("link", name=re.compile(r"^11 March – May 2019: "))
    ).to_have_count(1)
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/serikzhan-bilash/events/bilash-house-arrest/")
    expect(page.locator("h1")).to_contain_text("house arrest")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_case_page_with_its_strip_has_no_accessibility_violations(
    page, case_url, axe_violations, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto(case_url)
    expect(page.locator("figure.strip")).to_be_visible()
    found = axe_violations()
    assert found == [], json.dumps(found, indent=2)


def test_the_close_up_draws_the_crowded_months_wider(page, case_url, csp_violations):
    page.goto(case_url)
    closeup = page.locator("details.strip__closeup")
    expect(closeup).to_have_attribute("open", "")  # desktop: open from the start
    drawing = closeup.locator('svg[aria-labelledby="strip-closeup-title"]')
    expect(drawing.locator("a.strip__mark")).to_have_count(8)

    # The same two March events sit further apart than in the whole span.
    def gap(svg) -> float:
        xs = [
            svg.locator(f'a.strip__mark[href$="/events/{slug}/"] circle').bounding_box()["x"]
            for slug in ("bilash-arrested", "astana-court-hearing")
        ]
        return abs(xs[1] - xs[0])

    assert gap(drawing) > 5 * gap(whole_span(page))
    drawing.locator('a.strip__mark[href$="/events/bilash-arrested/"]').click()
    page.wait_for_url("**/events/bilash-arrested/")
    assert csp_violations == []


def test_the_widget_shows_the_strip_compact(page, live_server, case_url, axe_violations):
    page.goto(f"{live_server.url}/embed/cases/serikzhan-bilash/")
    expect(page.locator("figure.strip--compact a.strip__mark")).to_have_count(9)
    found = axe_violations()
    assert found == [], json.dumps(found, indent=2)
