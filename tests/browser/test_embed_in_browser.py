"""The embed snippet on another site: a page at http://localhost:<port> (another origin than the
app's http://127.0.0.1:<port>) pastes the snippet a case page offers, and Chromium shows the live
timeline, sized to its content."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from playwright.sync_api import Page, expect

from caseapp.cases.filters import filter_events
from caseapp.cases.models import Case
from caseapp.embed.snippets import embed_snippets

pytestmark = pytest.mark.django_db(transaction=True)

DARK_BACKGROUND = "rgb(27, 29, 32)"
LIGHT_BACKGROUND = "rgb(255, 255, 255)"
# A frame's height may differ from its document's by rounding.
TOLERANCE = 2


@dataclass
class HostSite:
    """Another site: it serves `pages` (path → HTML) at `url`."""

    url: str
    pages: dict[str, str]


@pytest.fixture
def host_site() -> Iterator[HostSite]:
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "Not found").encode())

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield HostSite(f"http://localhost:{server.server_port}", pages)
    server.shutdown()
    server.server_close()
    thread.join()


def snippet(live_server, query: str = "") -> str:
    """The loader snippet as the demo case's page offers it, with `query` on that page."""
    call_command("load_demo_case", verbosity=0)
    case = Case.objects.get(slug="serikzhan-bilash")
    host = urlsplit(live_server.url).netloc
    request = RequestFactory().get(f"/cases/serikzhan-bilash/?{query}", HTTP_HOST=host)
    filters = filter_events(request, case.events.published()).applied
    return embed_snippets(request, case, filters).loader_code


def host_page(*snippets: str) -> str:
    widgets = "\n<p>Read more below.</p>\n".join(snippets)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An NGO page</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><h1>Free Serikzhan Bilash</h1>\n{widgets}\n<p>The end.</p></body></html>"
    )


def frame_height(page: Page, index: int) -> tuple[float, float]:
    """The iframe's height on the host page, and the height of the document inside it."""
    iframe = page.locator("iframe").nth(index)
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    frame.wait_for_load_state()
    inside = frame.evaluate("document.documentElement.getBoundingClientRect().height")
    return iframe.bounding_box()["height"], inside


def wait_until_sized(page: Page, index: int) -> float:
    """Wait until the iframe has grown to its document's height; return that height."""
    page.locator("iframe").nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "index => document.querySelectorAll('iframe')[index].getBoundingClientRect().height > 300",
        arg=index,
    )
    outside, inside = frame_height(page, index)
    assert abs(outside - inside) <= TOLERANCE, (outside, inside)
    return outside


def test_the_snippet_on_another_site_shows_the_timeline_sized_to_fit(
    live_server, host_site, page, csp_violations
):
    host_site.pages["/"] = host_page(snippet(live_server, "embed_view=full"))
    page.emulate_media(color_scheme="light")
    page.goto(host_site.url)
    iframe = page.locator("iframe")
    expect(iframe).to_have_count(1)
    assert iframe.get_attribute("loading") == "lazy"
    assert iframe.get_attribute("sandbox") == (
        "allow-scripts allow-popups allow-popups-to-escape-sandbox"
    )
    assert iframe.get_attribute("referrerpolicy") == "strict-origin"
    assert iframe.get_attribute("title") == (
        "Timeline of Serikzhan Bilash: arrest of a Kazakh human-rights defender on Casefile"
    )
    assert iframe.get_attribute("src").startswith(f"{live_server.url}/embed/cases/")
    widget = page.frame_locator("iframe")
    expect(widget.locator(".event__title")).to_have_count(9)
    expect(widget.locator(".event__title").first).to_contain_text("1.1 million Uyghurs")
    expect(widget.get_by_role("link", name="Serikzhan Bilash arrested", exact=True)).to_be_visible()
    height = wait_until_sized(page, 0)
    assert height > 300
    background = widget.locator("html").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == LIGHT_BACKGROUND
    assert csp_violations == []


def test_two_widgets_on_one_page_both_work_and_the_dark_theme_shows(
    live_server, host_site, page, csp_violations
):
    # Each pasted snippet brings the loader along: it must mount each widget once.
    host_site.pages["/"] = host_page(
        snippet(live_server, "embed_view=full"),
        snippet(live_server, "embed_theme=dark&embed_limit=3&embed_view=full"),
    )
    page.emulate_media(color_scheme="light")
    page.goto(host_site.url)
    expect(page.locator("iframe")).to_have_count(2)
    expect(page.locator("[data-casefile-mounted]")).to_have_count(2)
    first, second = page.frame_locator("iframe >> nth=0"), page.frame_locator("iframe >> nth=1")
    expect(first.locator(".event__title")).to_have_count(9)
    page.locator("iframe").nth(1).scroll_into_view_if_needed()
    expect(second.locator(".event__title")).to_have_count(3)
    expect(second.locator(".widget__footer")).to_contain_text("6 earlier events on Casefile")
    tall, short = wait_until_sized(page, 0), wait_until_sized(page, 1)
    assert tall > short > 300
    background = second.locator("html").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == DARK_BACKGROUND
    assert first.locator("html").evaluate("e => getComputedStyle(e).backgroundColor") == (
        LIGHT_BACKGROUND
    )
    # Running the loader again mounts nothing new.
    page.add_script_tag(url=f"{live_server.url}/embed.js")
    page.evaluate("CasefileEmbed.scan()")
    expect(page.locator("iframe")).to_have_count(2)
    assert csp_violations == []


def test_the_compact_widget_shows_all_events_in_place_when_asked(
    live_server, host_site, page, csp_violations
):
    host_site.pages["/"] = host_page(snippet(live_server))
    page.goto(host_site.url)
    widget = page.frame_locator("iframe")
    expect(widget.locator(".event__title")).to_have_count(6)
    expect(widget.get_by_role("link", name="Serikzhan Bilash arrested", exact=True)).to_be_visible()
    compact = wait_until_sized(page, 0)
    widget.get_by_role("link", name="Show all 9 events").click()
    # The frame itself shows every event, on the same host page, and grows to fit them.
    expect(widget.locator(".event__title")).to_have_count(9)
    assert page.url.rstrip("/") == host_site.url
    expect(widget.locator(".widget__expand")).to_have_count(0)
    page.wait_for_function(
        "height => document.querySelector('iframe').getBoundingClientRect().height > height",
        arg=compact,
    )
    assert wait_until_sized(page, 0) > compact
    assert csp_violations == []


def test_a_filtered_widget_names_its_filter(live_server, host_site, page):
    host_site.pages["/"] = host_page(snippet(live_server, "actor=serikzhan-bilash&kind=arrest"))
    page.goto(host_site.url)
    expect(page.frame_locator("iframe").locator(".widget__filtered")).to_have_text(
        "Filtered: actor Serikzhan Bilash, kind Arrest"
    )


def test_the_widget_grows_when_the_page_narrows_and_ignores_other_senders(
    live_server, host_site, page
):
    host_site.pages["/"] = host_page(snippet(live_server, "embed_limit=4"))
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(host_site.url)
    wide = wait_until_sized(page, 0)
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function(
        "height => document.querySelector('iframe').getBoundingClientRect().height > height + 50",
        arg=wide,
    )
    narrow = wait_until_sized(page, 0)
    # A message from anything but the widget's own frame is not obeyed.
    page.evaluate("window.postMessage({type: 'casefile:height', height: 40}, '*')")
    page.wait_for_timeout(300)
    assert page.locator("iframe").bounding_box()["height"] == pytest.approx(narrow, abs=1)


def test_links_open_outside_the_frame(live_server, host_site, page):
    host_site.pages["/"] = host_page(snippet(live_server))
    page.goto(host_site.url)
    widget = page.frame_locator("iframe")
    with page.expect_popup() as opened:
        widget.locator(".widget__title a").click()
    case_page = opened.value
    case_page.wait_for_load_state()
    assert case_page.url == f"{live_server.url}/cases/serikzhan-bilash/"
    expect(case_page.locator("h1")).to_contain_text("Serikzhan Bilash")


def test_without_javascript_the_snippet_is_a_plain_link(live_server, host_site, browser):
    host_site.pages["/"] = host_page(snippet(live_server))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(host_site.url)
    link = page.get_by_role("link", name="Timeline of Serikzhan Bilash")
    expect(link).to_have_attribute("href", f"{live_server.url}/cases/serikzhan-bilash/")
    expect(page.locator("iframe")).to_have_count(0)
    context.close()
