"""The event form in a browser: the slug fills in from the title as one types, and the date
inputs show their whole placeholder — under the strict Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

# The room the placeholder needs, against the room inside the input, in CSS pixels.
_PLACEHOLDER_FIT = """(input) => {
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const inside = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, inside];
}"""


@pytest.fixture
def signed_in(live_server, page):
    get_user_model().objects.create_superuser("root", "root@example.org", "a long pass phrase 42")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a long pass phrase 42")
    page.get_by_role("button", name="Log in").click()
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_the_date_inputs_show_their_whole_placeholder(
    live_server, signed_in, csp_violations, width
):
    page = signed_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/admin/cases/event/add/")
    for label in ("Start:", "End:"):
        date = page.get_by_label(label, exact=True)
        expect(date).to_have_attribute("placeholder", "2019-03-09, 2019-03, 2019")
        needed, room = date.evaluate(_PLACEHOLDER_FIT)
        assert needed <= room, f"{label} {needed:.0f}px of placeholder in {room:.0f}px"
    assert csp_violations == []


def test_the_slug_fills_in_from_the_title_as_one_types(live_server, signed_in, csp_violations):
    page = signed_in
    page.goto(f"{live_server.url}/admin/cases/event/add/")
    page.get_by_label("Title:").press_sequentially("Bilash arrested in Almaty")
    expect(page.get_by_label("Slug:")).to_have_value("bilash-arrested-in-almaty")

    page.goto(f"{live_server.url}/admin/cases/source/add/")
    page.get_by_label("Title:").press_sequentially("STP press release, 19 March")
    expect(page.get_by_label("Slug:")).to_have_value("stp-press-release-19-march")
    assert csp_violations == []
