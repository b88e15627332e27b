"""A publisher changes a published event's evidence, sees it in the history, and reverts it:
the public page shows the old quote and participant again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long pass phrase 42"


def sign_in(page, live_server, username: str, role: str) -> None:
    get_user_model().objects.create_user(username, password=PASSWORD)
    call_command("grant_role", username, role, stdout=io.StringIO())
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_publisher_reverts_an_events_citation_and_participant(
    live_server, page, csp_violations, axe_violations
):
    case = make_case(title="Serikzhan Bilash", slug="bilash")
    event = make_event(
        case,
        title="Bilash detained in Almaty",
        slug="detained",
        sources=[make_source(title="Radio Azattyq report")],
        actors=[
            make_actor(name="Serikzhan Bilash"),
            (make_actor(name="Aigerim Testova"), "witness"),
        ],
    )
    citation = event.citations.get()
    citation.quote = "He was detained at his flat."
    citation.save()
    event.save()
    public_url = f"{live_server.url}/cases/bilash/events/detained/"

    sign_in(page, live_server, "pat", "publisher")
    page.goto(f"{live_server.url}/admin/cases/event/{event.pk}/change/")
    page.locator("#id_citations-0-quote").fill("He was taken away at night.")
    page.locator("tr.form-row", has_text="Aigerim Testova").get_by_role("checkbox").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(public_url)
    expect(page.get_by_text("He was taken away at night.")).to_be_visible()
    expect(page.get_by_text("Aigerim Testova")).to_have_count(0)

    page.goto(f"{live_server.url}/admin/cases/event/{event.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text("Citation changed: Publisher: Radio Azattyq report")
    expect(history).to_contain_text(
        "Quote: He was detained at his flat. → He was taken away at night."
    )
    expect(history).to_contain_text("Participation removed: Aigerim Testova (witness)")
    # The version before the publisher's save: the second row, newest first.
    history.get_by_role("link", name="Compare with now or revert").nth(1).click()

    evidence = page.locator("#version-evidence")
    expect(evidence).to_contain_text(
        "Quote: “He was detained at his flat.” in this version, “He was taken away at night.” now."
    )
    expect(evidence).to_contain_text(
        "Participation removed since this version: Aigerim Testova (witness). "
        "Reverting brings it back."
    )
    # Read-only: nothing to type into, one button to confirm.
    expect(page.locator("#content-main textarea, #content-main select")).to_have_count(0)
    assert axe_violations() == []
    page.get_by_role("button", name="Revert to this version").click()
    expect(page.locator(".messagelist")).to_contain_text("is back to the version of")

    page.goto(public_url)
    expect(page.get_by_text("He was detained at his flat.")).to_be_visible()
    expect(page.get_by_text("He was taken away at night.")).to_have_count(0)
    expect(page.get_by_text("Aigerim Testova").first).to_be_visible()
    assert csp_violations == []
