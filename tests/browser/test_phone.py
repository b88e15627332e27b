"""The demo case page on a phone (390×844): the first event within reach of a thumb, the filter
form behind a "Filter" button, Escape closing a facet, and no filter change lost when requests
overlap."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
CASE = "/cases/serikzhan-bilash/"
# How far down the page the first event may start: about a screen and a half.
FIRST_EVENT_BUDGET = 1300


@pytest.fixture
def phone(live_server, page: Page) -> Page:
    call_command("load_demo_case", verbosity=0)
    page.set_viewport_size(PHONE)
    return page


def first_event_top(page: Page) -> float:
    return page.locator(".events .event").first.evaluate(
        "e => e.getBoundingClientRect().top + window.scrollY"
    )


def test_the_first_event_starts_within_a_screen_and_a_half(live_server, phone):
    phone.goto(live_server.url + CASE)
    assert first_event_top(phone) <= FIRST_EVENT_BUDGET

    assert phone.locator("#filters-disclosure").get_attribute("open") is None
    expect(phone.get_by_label("Words")).to_be_hidden()


def test_the_filter_button_opens_the_form_and_shows_the_count_it_would_show(live_server, phone):
    phone.goto(live_server.url + CASE)
    phone.locator(".filters-disclosure__summary").click()
    expect(phone.get_by_label("Words")).to_be_visible()
    show = phone.get_by_role("button", name="Show 9 events")
    expect(show).to_be_in_viewport()
    phone.locator("#facet-kind summary").click()
    phone.locator("#facet-kind input[value=arrest]").check()
    expect(phone.get_by_role("button", name="Show 1 event")).to_be_in_viewport()
    phone.get_by_role("button", name="Show 1 event").click()
    expect(phone.locator("#filters-disclosure")).not_to_have_attribute("open", "")
    expect(phone.locator(".events .event")).to_have_count(1)


def test_escape_closes_the_open_facet(live_server, phone):
    phone.goto(live_server.url + CASE)
    phone.locator(".filters-disclosure__summary").click()
    summary = phone.locator("#facet-kind summary")
    summary.click()
    expect(phone.locator("#facet-kind")).to_have_attribute("open", "")
    phone.locator("#facet-kind input[value=arrest]").focus()
    phone.keyboard.press("Escape")
    expect(phone.locator("#facet-kind")).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()
    # The Filter form itself stays open for the next choice.
    expect(phone.get_by_label("Words")).to_be_visible()


def test_dates_apply_as_you_type(live_server, phone):
    phone.goto(live_server.url + CASE)
    phone.locator(".filters-disclosure__summary").click()
    phone.get_by_label("From", exact=True).press_sequentially("2019-03-10")
    expect(phone.locator(".chips")).to_contain_text("From")
    assert "from=2019-03-10" in phone.url


@pytest.mark.parametrize("attempt", range(3))
def test_a_date_typed_and_a_chip_removed_at_once_are_both_kept(live_server, phone, attempt):
    phone.goto(live_server.url + CASE + "?kind=arrest&kind=hearing")
    phone.locator(".filters-disclosure__summary").click()
    phone.get_by_label("From", exact=True).press_sequentially("2019", delay=50)
    # Before the pause in typing has sent the date: the chip goes at once.
    phone.locator("a.chip", has_text="Arrest").click()
    expect(phone.locator("a.chip", has_text="Arrest")).to_have_count(0)
    expect(phone.locator("a.chip", has_text="Hearing")).to_have_count(1)
    expect(phone.locator("a.chip", has_text="From")).to_have_count(1)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(600)
    expect(phone.locator("a.chip", has_text="Arrest")).to_have_count(0)
    expect(phone.locator("a.chip", has_text="From")).to_have_count(1)
    assert "kind=hearing" in phone.url and "kind=arrest" not in phone.url
    assert "from=2019" in phone.url
