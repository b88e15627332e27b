"""The Uyghur pages in Chromium: right to left for real (the timeline's line and markers, the
strip, the filters and the header sit mirrored), screenshotted, and clean under axe-core.

English beside them keeps its left-to-right layout, so the logical properties changed nothing
there.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

CASE = "/cases/serikzhan-bilash/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
    return live_server.url


def edges(page, selector: str) -> dict:
    """Where the first element matching `selector` sits, and its computed border widths."""
    return page.locator(selector).first.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            return {left: box.left, right: box.right, width: box.width,
                    borderLeft: parseFloat(style.borderLeftWidth),
                    borderRight: parseFloat(style.borderRightWidth),
                    direction: style.direction};
        }"""
    )


def marker_side(page) -> str:
    """Which side of its event the timeline's marker (the event's ::before) is drawn on."""
    return page.locator("li.event").first.evaluate(
        """event => {
            const box = event.getBoundingClientRect();
            const left = parseFloat(getComputedStyle(event, '::before').left);
            return left < box.width / 2 ? 'left' : 'right';
        }"""
    )


def strip_centres(page, *events: str) -> list[float]:
    """The horizontal centres of the strip's marks for `events` (slugs), in that order."""
    strip = page.locator('figure.strip svg[aria-labelledby="strip-title"]')
    return [
        strip.locator(f'a.strip__mark[href$="/events/{slug}/"]').evaluate(
            "m => { const b = m.getBoundingClientRect(); return b.left + b.width / 2; }"
        )
        for slug in events
    ]


# The demo case's first event (January 2019) and its last (20 May 2019).
FIRST_AND_LAST = ("jebeu-open-letter", "german-kazakh-government-commission")


def test_the_uyghur_case_page_reads_right_to_left(page, site, axe_violations, csp_violations):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/ug{CASE}")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ug"
    assert html.get_attribute("dir") == "rtl"

    # The timeline's line runs down the right of the events, its markers on it.
    events = edges(page, "ol.events")
    assert events["direction"] == "rtl"
    assert events["borderRight"] > 0 and events["borderLeft"] == 0
    assert marker_side(page) == "right"

    # The strip reads from right to left: the earliest event is drawn furthest right.
    first, last = strip_centres(page, *FIRST_AND_LAST)
    assert first > last

    # The site's name starts the header on the right.
    name = edges(page, ".site-name")
    header = edges(page, ".site-header__inner")
    assert header["right"] - name["right"] < name["left"] - header["left"]

    SCREENSHOTS.mkdir(exist_ok=True)
    shot = page.screenshot(path=SCREENSHOTS / "case-ug-desktop.png", full_page=True)
    assert len(shot) > 10_000
    assert axe_violations() == []
    assert csp_violations == []


def test_the_uyghur_pages_pass_axe_on_a_phone(page, site, axe_violations):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (CASE, f"{CASE}events/bilash-arrested/", "/actors/", "/timeline/?q=xinjiang"):
        page.goto(f"{site}/ug{path}")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert axe_violations() == [], path
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(f"{site}/ug{CASE}")
    page.screenshot(path=SCREENSHOTS / "case-ug-phone.png", full_page=True)


def test_english_stays_left_to_right(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}{CASE}")
    assert page.locator("html").get_attribute("dir") in (None, "ltr")
    events = edges(page, "ol.events")
    assert events["borderLeft"] > 0 and events["borderRight"] == 0
    assert marker_side(page) == "left"
    first, last = strip_centres(page, *FIRST_AND_LAST)
    assert first < last


def test_the_widget_in_uyghur_is_right_to_left(page, site):
    page.goto(f"{site}/embed{CASE}?lang=ug")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ug"
