"""axe-core finds no WCAG 2 A/AA violations on the public pages, in light and dark mode."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/cases/serikzhan-bilash/",
    "/cases/serikzhan-bilash/events/bilash-arrested/",
    "/sources/stp-press-release-2019-03-19/",
    "/cases/serikzhan-bilash/sources/",
    "/timeline/",
    "/actors/",
    "/actors/serikzhan-bilash/",
    "/cases/no-such-case/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_public_pages_have_no_accessibility_violations(live_server, page, axe_violations, scheme):
    call_command("load_demo_case", verbosity=0)
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        found = axe_violations()
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, indent=2)
