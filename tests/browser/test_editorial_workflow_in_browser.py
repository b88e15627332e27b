"""An editor drafts and submits, a publisher publishes: the whole cycle in a real browser,
under the strict Content-Security-Policy (autocomplete, slug prefill and all)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from caseapp.cases.models import Event
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long pass phrase 42"


def sign_in(page, live_server, username: str, role: str) -> None:
    get_user_model().objects.create_user(username, password=PASSWORD)
    call_command("grant_role", username, role, stdout=io.StringIO())
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def choose(page, field: str, text: str) -> None:
    """Pick `text` in an autocomplete (select2) field."""
    page.locator(f".field-{field} .select2-selection").first.click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_event_goes_from_draft_to_published(live_server, page, csp_violations):
    case = make_case(title="Serikzhan Bilash", slug="bilash")
    make_event(case, title="Atajurt's office closed", sources=[make_source()])
    make_source(title="STP press release")

    sign_in(page, live_server, "erin", "editor")
    page.goto(f"{live_server.url}/admin/cases/event/add/")
    choose(page, "case", "Serikzhan Bilash")
    page.get_by_label("Title:").press_sequentially("Bilash under house arrest")
    expect(page.get_by_label("Slug:")).to_have_value("bilash-under-house-arrest")
    page.get_by_label("Kind:").select_option("house_arrest")
    page.get_by_label("Start:").fill("2019-03-11")
    page.get_by_label("End:").fill("2019-05")
    choose(page, "source", "STP press release")
    page.get_by_role("button", name="Save and add another event to this case").click()

    expect(page.locator(".messagelist")).to_contain_text("Add the next event of")
    expect(page.locator(".field-case .select2-selection")).to_contain_text("Serikzhan Bilash")
    event = Event.objects.get(slug="bilash-under-house-arrest")
    assert (event.date_display, event.publication_status) == ("11 March – May 2019", "draft")

    page.goto(f"{live_server.url}/admin/cases/event/?publication_status__exact=draft")
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_label("Action:").select_option("submit_for_review")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Yes, submit them for review").click()
    expect(page.locator(".messagelist")).to_contain_text("1 event submitted for review.")

    sign_in(page, live_server, "pat", "publisher")
    page.get_by_role("link", name=str(event)).click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("button", name="Yes, publish them").click()
    expect(page.locator(".messagelist")).to_contain_text("1 event published.")

    assert Event.objects.get(pk=event.pk).publication_status == PublicationStatus.PUBLISHED
    page.goto(f"{live_server.url}/cases/bilash/events/bilash-under-house-arrest/")
    expect(page.get_by_role("heading", name="Bilash under house arrest")).to_be_visible()
    assert csp_violations == []
