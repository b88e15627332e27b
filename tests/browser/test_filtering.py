"""Filtering the demo case's timeline in Chromium: with htmx the list changes in place and the
address follows; Back restores; without JavaScript the same form filters by reloading."""

import io
import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

CASE = "/cases/serikzhan-bilash/"
# Set on `window` before a change: it survives a swap and vanishes with a full page load.
MARKER = "window.casefileMarker"


@pytest.fixture
def case_url(live_server) -> str:
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
    return f"{live_server.url}{CASE}"


# htmx logs a request it cancels for a newer one as an error; that one is by design.
_CANCELLED = ("htmx:sendAbort", "htmx:afterRequest")


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs or throws: htmx reports a failed swap or request this way."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith(_CANCELLED)
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def events_listed(page: Page) -> list[str]:
    return page.locator("#timeline li.event").evaluate_all("items => items.map(i => i.id)")


def choose(page: Page, facet: str, choice: str) -> None:
    """Open a facet's list (`actor`, `kind`, …) if it is closed, and tick one of its choices."""
    details = page.locator(f"details#facet-{facet}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.get_by_role("checkbox", name=re.compile(rf"^{re.escape(choice)}\b")).check()


def choice(page: Page, facet: str, value: str):
    """A facet's checkbox, found whether or not its list is open."""
    return page.locator(f'#filters input[name="{facet}"][value="{value}"]')


def mark_window(page: Page) -> None:
    page.evaluate(f"{MARKER} = 'same page'")


def assert_same_window(page: Page) -> None:
    assert page.evaluate(MARKER) == "same page", "the page was loaded again"


def test_choosing_an_actor_swaps_the_list_in_place_and_pushes_the_address(
    page, case_url, csp_violations
):
    page.goto(case_url)
    expect(page.locator("#timeline li.event")).to_have_count(9)
    mark_window(page)

    choose(page, "actor", "Jebeu")

    expect(page).to_have_url(f"{case_url}?actor=jebeu")
    expect(page.locator("#timeline-status")).to_have_text("2 events match")
    assert events_listed(page) == ["jebeu-open-letter", "bilash-arrested"]
    expect(page.get_by_role("link", name="Actor Jebeu – remove this filter")).to_be_visible()
    assert_same_window(page)
    assert csp_violations == []


def test_the_counts_beside_each_choice_follow_the_other_filters(page, case_url):
    page.goto(case_url)
    arrest_count = page.locator("#facet-kind-arrest")
    meeting_count = page.locator("#facet-kind-meeting")
    expect(meeting_count).to_have_text("1 event")

    choose(page, "actor", "Jebeu")

    expect(meeting_count).to_have_text("0 events")
    expect(arrest_count).to_have_text("1 event")
    expect(page.locator("#facet-actor-chosen")).to_have_text("1 chosen")


def test_opening_the_pushed_address_directly_shows_the_same_list(page, case_url):
    page.goto(case_url)
    choose(page, "actor", "Serikzhan Bilash")
    choose(page, "kind", "Hearing")
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    swapped = events_listed(page)
    pushed = page.url

    page.goto("about:blank")
    page.goto(pushed)

    assert events_listed(page) == swapped == ["astana-court-hearing"]
    expect(choice(page, "kind", "hearing")).to_be_checked()
    expect(choice(page, "actor", "serikzhan-bilash")).to_be_checked()


def test_back_restores_the_previous_filter_and_its_results(
    page, case_url, csp_violations, console_errors
):
    page.goto(case_url)
    choose(page, "actor", "Jebeu")
    expect(page.locator("#timeline-status")).to_have_text("2 events match")
    choose(page, "kind", "Arrest")
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    expect(page).to_have_url(f"{case_url}?actor=jebeu&kind=arrest")

    page.go_back()

    expect(page).to_have_url(f"{case_url}?actor=jebeu")
    expect(page.locator("#timeline-status")).to_have_text("2 events match")
    expect(choice(page, "kind", "arrest")).not_to_be_checked()
    expect(choice(page, "actor", "jebeu")).to_be_checked()

    page.go_back()

    expect(page).to_have_url(case_url)
    expect(page.locator("#timeline li.event")).to_have_count(9)
    expect(choice(page, "actor", "jebeu")).not_to_be_checked()
    assert csp_violations == []
    assert console_errors == []


def test_typing_words_filters_after_a_pause(page, case_url):
    page.goto(case_url)
    mark_window(page)

    page.get_by_role("searchbox", name="Words").press_sequentially("Serikjan", delay=30)

    expect(page).to_have_url(f"{case_url}?q=Serikjan")
    expect(page.locator("#timeline-status")).to_have_text("4 events match")
    expect(page.get_by_role("searchbox", name="Words")).to_have_value("Serikjan")
    expect(page.get_by_role("searchbox", name="Words")).to_be_focused()
    assert_same_window(page)


def test_letters_typed_while_an_answer_is_on_its_way_are_kept(page, case_url):
    """The swap never replaces the form, and an answer to an older question never lands."""
    held = []
    page.goto(case_url)
    page.route(re.compile(r".*[?&]q=Bil(&|$)"), lambda route: held.append(route))
    words = page.get_by_role("searchbox", name="Words")
    page.evaluate(
        "window.pushed = [];"
        "document.body.addEventListener('htmx:pushedIntoHistory', e => pushed.push(e.detail.path))"
    )

    words.press_sequentially("Bil")
    # The pause sends "Bil"; its answer is held back while the rest is typed.
    page.wait_for_timeout(600)
    assert len(held) == 1
    words.press_sequentially("ash video")
    page.wait_for_timeout(600)
    held[0].continue_()

    expect(page).to_have_url(f"{case_url}?q=Bilash+video")
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    expect(words).to_have_value("Bilash video")
    expect(words).to_be_focused()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pushed") == ["/cases/serikzhan-bilash/?q=Bilash+video"]


def test_removing_a_chip_updates_the_form_and_the_list_in_place(page, case_url, csp_violations):
    page.goto(f"{case_url}?actor=jebeu&from=2019-03")
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    mark_window(page)

    page.get_by_role("link", name="From March 2019 – remove this filter").click()

    expect(page).to_have_url(f"{case_url}?actor=jebeu")
    expect(page.locator("#timeline-status")).to_have_text("2 events match")
    expect(page.get_by_role("textbox", name="From", exact=True)).to_have_value("")
    expect(choice(page, "actor", "jebeu")).to_be_checked()
    assert_same_window(page)

    page.get_by_role("link", name="Clear all").click()

    expect(page).to_have_url(case_url)
    expect(page.locator("#timeline li.event")).to_have_count(9)
    expect(choice(page, "actor", "jebeu")).not_to_be_checked()
    assert_same_window(page)
    assert csp_violations == []


def test_a_bad_date_gets_its_message_beside_the_field_and_the_rest_still_filters(
    page, case_url, console_errors
):
    page.goto(case_url)
    choose(page, "actor", "Jebeu")
    expect(page.locator("#timeline-status")).to_have_text("2 events match")

    page.get_by_role("textbox", name="From", exact=True).fill("2019-13-45")
    page.get_by_role("textbox", name="From", exact=True).press("Enter")

    expect(page.locator("#filter-from-error")).to_have_text(
        "2019-13-45 is not a date on the calendar."
    )
    expect(page.locator("#timeline-status")).to_have_text("2 events match")

    page.get_by_role("textbox", name="From", exact=True).fill("2019-03")
    page.get_by_role("textbox", name="From", exact=True).press("Enter")

    expect(page.locator("#filter-from-error")).to_be_empty()
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    assert console_errors == []


def test_an_empty_result_says_what_was_searched_and_how_to_widen_it(page, case_url):
    page.goto(case_url)
    page.get_by_role("searchbox", name="Words").fill("nothing-like-this")
    page.get_by_role("searchbox", name="Words").press("Enter")

    expect(page.locator(".empty-state")).to_contain_text(
        "No published event in this timeline mentions “nothing-like-this”."
    )
    page.get_by_role("link", name="show every event of this timeline").click()
    expect(page.locator("#timeline li.event")).to_have_count(9)
    expect(page.get_by_role("searchbox", name="Words")).to_have_value("")


def test_without_javascript_the_form_filters_by_submitting(browser, case_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(case_url)
    # Without scripts the form waits behind "Filter", on any screen.
    page.locator(".filters-disclosure__summary").click()
    choose(page, "actor", "Jebeu")
    page.get_by_role("textbox", name="From", exact=True).fill("2019-03")

    page.get_by_role("button", name=re.compile(r"^Show \d+ events?$")).click()

    expect(page).to_have_url(re.compile(r"[?&]actor=jebeu(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]from=2019-03(&|$)"))
    assert events_listed(page) == ["bilash-arrested"]
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")

    page.get_by_role("link", name="Actor Jebeu – remove this filter").click()

    expect(page).to_have_url(f"{case_url}?from=2019-03")
    expect(choice(page, "actor", "jebeu")).not_to_be_checked()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filtered_states_have_no_accessibility_violations(page, case_url, axe_violations, scheme):
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for query in [
        "?actor=jebeu&kind=arrest&place=astana",
        "?q=nowhere&from=2019-03&to=2019",
        "?from=yesterday&to=2019-13-45&actor=nobody",
    ]:
        page.goto(f"{case_url}{query}")
        found = axe_violations()
        if found:
            problems[query] = found
    assert problems == {}, json.dumps(problems, indent=2)


def test_htmx_comes_only_when_a_visitor_reaches_for_the_filters(page, case_url, csp_violations):
    """A reader who only reads never fetches htmx (half of the page's transfer); the first
    keyboard change, made before htmx is here, is still applied in place once it has come."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(case_url)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert not [url for url in fetched if "htmx" in url]
    assert page.evaluate("typeof window.htmx") == "undefined"
    mark_window(page)

    # htmx takes its time (a slow phone network): the tick below is made before it is here.
    def slowly(route):
        page.wait_for_timeout(800)
        route.continue_()

    page.route("**/htmx-2.min.js", slowly)
    # Keyboard only: focus comes to a checkbox and Space ticks it at once.
    page.locator("details#facet-kind summary").press("Enter")
    page.locator('#filters input[name="kind"][value="arrest"]').focus()
    page.keyboard.press("Space")

    assert page.evaluate("typeof window.htmx") == "undefined"
    expect(page).to_have_url(f"{case_url}?kind=arrest")
    expect(page.locator("#timeline-status")).to_have_text("1 event matches")
    assert_same_window(page)
    assert [url for url in fetched if "htmx-2.min.js" in url]
    assert csp_violations == []
