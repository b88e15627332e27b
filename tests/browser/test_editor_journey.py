"""The editor's journey in a real browser, with two-factor sign-in and the strict policy: an
editor drafts an actor and an event citing a new source and submits it from the form; a
publisher presses Publish, publishes the actor along, and the event shows on the case page,
in the case's feed and in the embed widget."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from caseapp.actors.models import Actor
from caseapp.cases.models import Event, Source
from caseapp.publishing.models import PublicationStatus

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long pass phrase 42"
CASE = "Serikzhan Bilash: arrest of a Kazakh human-rights defender"


def sign_in(page, live_server, username: str, role: str) -> None:
    """A new staff user holding `role` signs in with a password and their authenticator's code."""
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    call_command("grant_role", username, role, stdout=io.StringIO())
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def choose(page, field: str, text: str) -> None:
    """Pick `text` in an autocomplete (select2) field."""
    page.locator(f".field-{field} .select2-selection").first.click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_event_goes_from_the_editors_draft_to_the_case_page_feed_and_widget(
    live_server, page, csp_violations, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())

    # The editor drafts the actor…
    sign_in(page, live_server, "erin", "editor")
    page.goto(f"{live_server.url}/admin/actors/actor/add/")
    page.get_by_label("Name:").press_sequentially("Aigerim Testova")
    expect(page.get_by_label("Slug:")).to_have_value("aigerim-testova")
    page.locator("#id_kind").select_option("person")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # …then the event, with a month-precision "since", the actor and a new source.
    page.goto(f"{live_server.url}/admin/cases/event/add/")
    choose(page, "case", "Serikzhan Bilash")
    page.get_by_label("Title:").press_sequentially("Testova under house arrest")
    page.locator("#id_kind").select_option("house_arrest")
    page.get_by_label("Start:").fill("2019-06")
    page.locator("#id_start_qualifier").select_option("since")
    choose(page, "actor", "Aigerim Testova")
    page.locator("#id_participations-0-role").select_option("subject")
    with page.expect_popup() as popup_info:
        page.locator("#add_id_citations-0-source").click()
    popup = popup_info.value
    popup.get_by_label("Title:").fill("Testova placed under house arrest")
    popup.get_by_label("Publisher:").fill("Radio Azattyq")
    popup.locator("#id_kind").select_option("news_report")
    popup.locator("#id_language").select_option("en")
    popup.get_by_label("Address:").fill("https://example.org/testova")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    expect(page.locator(".field-source .select2-selection").first).to_contain_text(
        "Testova placed under house arrest"
    )
    page.locator("#id_citations-0-quote").fill("She was placed under house arrest in June.")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.locator(".messagelist")).to_contain_text("1 event submitted for review.")
    event = Event.objects.get(title="Testova under house arrest")
    assert (event.publication_status, event.date_display.lower()) == (
        PublicationStatus.REVIEW,
        "since june 2019",
    )
    # An editor may submit but not publish.
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    public_page = f"{live_server.url}{event.get_absolute_url()}"
    assert page.request.get(public_page).status == 404

    # The publisher publishes it from the form, with the actor along.
    sign_in(page, live_server, "pat", "publisher")
    page.goto(f"{live_server.url}/admin/cases/event/{event.pk}/change/")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", name="Publish: are you sure?")).to_be_visible()
    along = page.get_by_role("checkbox", name="Aigerim Testova")
    expect(along).to_be_checked()
    expect(page.locator(".workflow-newly-public")).to_contain_text(
        "Testova placed under house arrest"
    )
    page.get_by_role("button", name="Yes, publish them").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "1 event published. Published along: Aigerim Testova."
    )
    assert Actor.objects.get(name="Aigerim Testova").is_published
    assert Source.objects.published().filter(title="Testova placed under house arrest").exists()

    # Public: on the case page with its actor, in the feed and in the widget.
    page.goto(f"{live_server.url}/cases/serikzhan-bilash/")
    entry = page.locator("article", has_text="Testova under house arrest").last
    expect(entry).to_contain_text(re.compile("since June 2019", re.IGNORECASE))
    expect(entry.get_by_role("link", name="Aigerim Testova")).to_be_visible()
    feed = page.request.get(f"{live_server.url}/cases/serikzhan-bilash/feed/")
    assert feed.ok
    assert "Testova under house arrest" in feed.text()
    assert "Testova placed under house arrest" in feed.text()
    page.goto(f"{live_server.url}/embed/cases/serikzhan-bilash/")
    widget_entry = page.locator("article", has_text="Testova under house arrest").last
    expect(widget_entry).to_contain_text("Aigerim Testova")
    page.goto(public_page)
    expect(page.get_by_role("heading", name="Testova under house arrest")).to_be_visible()
    assert csp_violations == []
