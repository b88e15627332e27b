"""Screenshots of the demo case page for the README, at phone and desktop width, light and dark.

Not part of the test run (the name does not start with test_); remake them with
    .venv/bin/python -m pytest tests/browser/screenshots.py -p no:randomly
They land in docs/screenshots/ as case-<phone|desktop>-<light|dark>.png, and the admin's (an
event's form, the publish confirmation) as admin-*.png; `-k admin` remakes only those.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_make_screenshot(live_server, browser, size, scheme):
    call_command("load_demo_case", verbosity=0)
    context = browser.new_context(
        viewport=SIZES[size], color_scheme=scheme, device_scale_factor=1, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/cases/serikzhan-bilash/")
    page.wait_for_load_state("networkidle")
    OUT.mkdir(parents=True, exist_ok=True)
    # The first screen and a half: what a visitor sees before scrolling far.
    height = SIZES[size]["height"] * 3 // 2
    page.screenshot(
        path=OUT / f"case-{size}-{scheme}.png",
        clip={"x": 0, "y": 0, "width": SIZES[size]["width"], "height": height},
    )
    context.close()


def test_make_admin_screenshots(live_server, browser, settings):
    """The README's editing section: an event in review as a publisher sees its form, and the
    confirmation its Publish button opens (admin-event-form.png, admin-publish-confirmation.png)."""
    import datetime

    from django.contrib.auth import get_user_model

    from caseapp.actors.models import Actor
    from caseapp.cases.models import Case, Event, Source

    settings.ADMIN_REQUIRE_2FA = False
    call_command("load_demo_case", verbosity=0)
    testova = Actor.objects.create(name="Aigerim Testova", slug="aigerim-testova", kind="person")
    source = Source.objects.create(
        title="Testova placed under house arrest",
        publisher="Radio Azattyq",
        kind="news_report",
        language="en",
        url="https://example.org/testova",
    )
    event = Event.objects.create(
        case=Case.objects.get(slug="serikzhan-bilash"),
        title="Testova under house arrest",
        slug="testova-under-house-arrest",
        kind="house_arrest",
        start_date=datetime.date(2019, 6, 1),
        start_precision="month",
        start_qualifier="since",
        publication_status="review",
    )
    event.participations.create(actor=testova, role="subject")
    event.citations.create(source=source, quote="She was placed under house arrest in June.")
    get_user_model().objects.create_user("pat", password="a long pass phrase 42")
    call_command("grant_role", "pat", "publisher", stdout=io.StringIO())

    context = browser.new_context(
        viewport=SIZES["desktop"], device_scale_factor=1, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill("a long pass phrase 42")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/cases/event/{event.pk}/change/")
    page.wait_for_load_state("networkidle")
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUT / "admin-event-form.png", full_page=True)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / "admin-publish-confirmation.png", full_page=True)
    context.close()
