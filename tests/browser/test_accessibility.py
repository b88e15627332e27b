"""axe-core finds no WCAG 2 A/AA violations on the public pages, in light and dark mode."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/cases/serikzhan-bilash/",
    "/cases/serikzhan-bilash/events/bilash-arrested/",
    "/timeline/",
    "/actors/",
    "/actors/serikzhan-bilash/",
    "/cases/no-such-case/",
]


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `npm ci`"
        if os.environ.get("CASEFILE_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_public_pages_have_no_accessibility_violations(live_server, page, axe_source, scheme):
    call_command("load_demo_case", verbosity=0)
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        # Evaluated through the DevTools protocol, so our Content-Security-Policy stays strict.
        page.evaluate(axe_source)
        result = page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
        )
        assert result["passes"], "axe ran no checks"
        found = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, indent=2)
