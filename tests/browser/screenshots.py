"""Screenshots of the demo case page for the README, at phone and desktop width, light and dark.

Not part of the test run (the name does not start with test_); remake them with
    .venv/bin/python -m pytest tests/browser/screenshots.py -p no:randomly
They land in docs/screenshots/ as case-<phone|desktop>-<light|dark>.png.
"""

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
