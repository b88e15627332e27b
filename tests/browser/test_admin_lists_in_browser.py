"""The admin lists on a laptop screen: the title has room and the status is in sight."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long pass phrase 42"
LAPTOP = {"width": 1280, "height": 800}


def sign_in(page, live_server, role: str) -> None:
    get_user_model().objects.create_user("erin", password=PASSWORD)
    call_command("grant_role", "erin", role, stdout=io.StringIO())
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_the_event_list_keeps_the_title_readable_and_the_status_in_sight(
    live_server, page, csp_violations
):
    case = make_case(
        title="Serikzhan Bilash: detention, house arrest and trial for inciting discord in Almaty"
    )
    make_event(
        case,
        title="Detained in an Almaty hotel and flown to Astana for questioning",
        publication_status=PublicationStatus.REVIEW,
    )
    page.set_viewport_size(LAPTOP)
    sign_in(page, live_server, "editor")

    page.goto(f"{live_server.url}/admin/cases/event/")
    page.screenshot(path="/tmp/c1/events.png", full_page=True)

    assert_in_sight(page, ["title", "publication", "date_display", "kind", "case", "last_updated"])
    # No longer one word per line: the title is the widest column and wraps least.
    title, case_cell = box(page, "#result_list .field-title"), box(page, "#result_list .field-case")
    assert title["width"] > case_cell["width"]
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#result_list .field-title a'))"
        ".lineHeight)"
    )
    assert box(page, "#result_list .field-title a")["height"] <= 3 * line + 1
    assert csp_violations == []


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        ("cases/case", ["title", "publication", "status", "status_as_of", "last_updated"]),
        ("actors/actor", ["name", "publication", "kind", "country", "last_updated"]),
        (
            "cases/source",
            [
                "title",
                "public",
                "publisher",
                "kind",
                "published_on",
                "used_by",
            ],
        ),
        ("cases/place", ["name", "country", "public", "used_by"]),
    ],
    ids=["cases", "actors", "sources", "places"],
)
def test_every_list_shows_its_status_on_a_laptop_screen(
    live_server, page, csp_violations, demo_case, path, columns
):
    page.set_viewport_size(LAPTOP)
    sign_in(page, live_server, "editor")

    page.goto(f"{live_server.url}/admin/{path}/")
    page.screenshot(path=f"/tmp/c1/{path.replace('/', '-')}.png", full_page=True)

    assert_in_sight(page, columns)
    assert csp_violations == []


def assert_in_sight(page, columns: list[str]) -> None:
    """Each column's first cell lies inside the list, with no scrolling sideways."""
    results = box(page, "#changelist .results")
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    for column in columns:
        cell = box(page, f"#result_list .field-{column}")
        assert cell["x"] + cell["width"] <= results["x"] + results["width"] + 1, column


def test_the_review_queue_names_the_draft_actor_that_holds_up_an_event(
    live_server, page, csp_violations, axe_violations
):
    actor = make_actor(name="Aigerim Testova", publication_status=PublicationStatus.DRAFT)
    make_event(
        make_case(),
        title="Detained in an Almaty hotel",
        publication_status=PublicationStatus.REVIEW,
        actors=[actor],
        sources=[make_source()],
    )
    page.set_viewport_size(LAPTOP)
    sign_in(page, live_server, "publisher")

    expect(queue_row(page, "Events")).to_contain_text("submitted on")
    actors = queue_row(page, "Actors")
    expect(actors).to_contain_text("Drafts holding up records in review")
    actors.get_by_role("link", name="Aigerim Testova").click()

    expect(page.get_by_role("heading", name="Change actor")).to_be_visible()
    page.go_back()
    assert axe_violations() == []
    assert csp_violations == []


def queue_row(page, name: str):
    """The review queue's row for `name` (Cases, Events, Actors)."""
    heading = page.get_by_role("rowheader", name=name, exact=True)
    return page.locator("#review-queue tr").filter(has=heading)
