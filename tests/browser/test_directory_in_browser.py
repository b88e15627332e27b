"""The paginated actor directory and home page in a real browser: accessible in light and dark
mode, on later pages, under a letter and with their messages, and browsable without JavaScript."""

import datetime
import json

import pytest
from django.core.management import call_command

from caseapp.actors.models import Actor, ActorKind
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/actors/?page=2",
    "/actors/?letter=S",
    "/actors/?letter=%23",
    "/actors/?kind=court&letter=C",
    "/actors/?letter=ab",
    "/actors/?page=99",
    "/?page=2",
    "/?page=99",
]


def _many_actors_and_cases() -> None:
    call_command("load_demo_case", verbosity=0)
    actors = [
        Actor(
            name=name,
            slug=f"browser-actor-{number}",
            kind=ActorKind.COURT if number % 10 == 0 else ActorKind.PERSON,
            aliases="Серикжан Билаш" if number % 3 == 0 else "",
            publication_status=PublicationStatus.PUBLISHED,
        )
        for number, name in enumerate(
            [f"Saule Person {n:03}" for n in range(60)] + [f"1st Group {n}" for n in range(3)]
        )
    ]
    for actor in actors:
        actor.fill_derived_fields()
    Actor.objects.bulk_create(actors)
    for number in range(25):
        make_event(make_case(), start_date=datetime.date(2000, 1, 1) + datetime.timedelta(number))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_directory_and_home_pages_have_no_accessibility_violations(
    live_server, page, axe_violations, scheme
):
    _many_actors_and_cases()
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        found = axe_violations()
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, indent=2)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_visitor_browses_by_letter_and_page_with_or_without_javascript(
    live_server, browser, javascript
):
    _many_actors_and_cases()
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/actors/")
    page.get_by_role("navigation", name="Initial letters").get_by_role(
        "link", name="S", exact=True
    ).click()
    assert page.url.endswith("/actors/?letter=S")
    # 60 of ours, Serikzhan Bilash and the Society for Threatened Peoples.
    assert "62 actors’ names start with S." in page.locator(".actor-list__count").inner_text()
    page.get_by_role("navigation", name="Pages of the directory").get_by_role(
        "link", name="Next"
    ).click()
    assert page.url.endswith("/actors/?letter=S&page=2")
    assert page.locator(".actor-card").count() == 12
    page.get_by_role("navigation", name="Kinds of actor").get_by_role("link", name="Courts").click()
    assert page.url.endswith("/actors/?kind=court&letter=S")
    context.close()
