"""oEmbed discovery as real consumers do it: oembedpy is handed only a page's address, finds the
page's `<link type="application/json+oembed">` and reads the answer; micawber, which knows
providers by their endpoint instead, reads the same answer. Both reach the app through its WSGI
handler, in this process: the whole request path, no network and no server thread."""

import re
from html import unescape

import httpx
import micawber
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from oembedpy import consumer, discovery, types

from caseapp.publishing.models import PublicationStatus
from tests.factories import make_event, make_source

CASE_URL = "http://testserver/cases/serikzhan-bilash/"
EVENT_URL = "http://testserver/cases/serikzhan-bilash/events/bilash-arrested/"


@pytest.fixture
def web(monkeypatch):
    """httpx, which oembedpy fetches with, answered by this app. Like Django's test client, it
    keeps the test's database connection open across requests (and so its transaction)."""
    client = httpx.Client(transport=httpx.WSGITransport(app=WSGIHandler()))
    monkeypatch.setattr(httpx, "get", client.get)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield client
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    client.close()


def embed(page_url: str) -> types.Content:
    """What a discovery-based consumer makes of a pasted address."""
    endpoint, params = discovery.find_from_content(page_url)
    return consumer.fetch_content(endpoint, params)


def widget_src(content: types.Content) -> str:
    match = re.fullmatch(r'<iframe src="([^"]+)" title="[^"]+" [^>]*></iframe>', content.html)
    assert match, content.html
    return unescape(match.group(1))


@pytest.mark.parametrize(
    ("page_url", "title", "src"),
    [
        (
            CASE_URL,
            "Serikzhan Bilash: arrest of a Kazakh human-rights defender",
            "http://testserver/embed/cases/serikzhan-bilash/",
        ),
        (
            EVENT_URL,
            "Serikzhan Bilash arrested",
            "http://testserver/embed/cases/serikzhan-bilash/?view=full#bilash-arrested",
        ),
        (
            "http://testserver/de/cases/serikzhan-bilash/events/bilash-arrested/",
            None,
            "http://testserver/embed/cases/serikzhan-bilash/?view=full&lang=de#bilash-arrested",
        ),
        (
            f"{CASE_URL}?kind=arrest",
            "Serikzhan Bilash: arrest of a Kazakh human-rights defender",
            "http://testserver/embed/cases/serikzhan-bilash/?kind=arrest",
        ),
    ],
)
def test_a_pasted_page_address_is_embedded_as_the_widget(demo_case, web, page_url, title, src):
    content = embed(page_url)

    assert isinstance(content, types.Rich)
    assert (content.version, content.provider_name) == ("1.0", "Casefile")
    if title is not None:
        assert content.title == title
    assert widget_src(content) == src
    assert (content.width, content.height) == (640, 600)


def test_micawber_reads_the_discovered_answer(demo_case, web):
    """micawber 0.8 discovers nothing, but accepts the endpoint the event page names."""
    endpoint, _params = discovery.find_from_content(EVENT_URL)
    provider = micawber.Provider(endpoint)
    provider.fetch = lambda url: web.get(url).raise_for_status().text

    answer = provider.request(EVENT_URL)

    assert answer["type"] == "rich"
    assert "/embed/cases/serikzhan-bilash/?view=full" in answer["html"]


def test_a_draft_event_yields_nothing(db, web, demo_case):
    make_event(
        demo_case,
        slug="still-a-draft",
        sources=[make_source()],
        publication_status=PublicationStatus.DRAFT,
    )
    draft_url = f"{CASE_URL}events/still-a-draft/"

    with pytest.raises(httpx.HTTPStatusError) as refused:
        embed(draft_url)
    assert refused.value.response.status_code == 404
    assert web.get("http://testserver/oembed/", params={"url": draft_url}).status_code == 404


def test_a_preview_names_no_oembed_address(editor, demo_case):
    draft = make_event(demo_case, title="In preview", publication_status=PublicationStatus.DRAFT)
    response = editor.get(f"/preview/events/{draft.pk}/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "In preview" in page
    assert "+oembed" not in page


def test_the_discovery_link_names_the_page_and_its_own_address(demo_case, visitor):
    page = visitor.get("/de/cases/serikzhan-bilash/events/bilash-arrested/").content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed"[^>]*>', page).group()

    assert 'title="' in link and 'title=""' not in link
    assert "url=http%3A%2F%2Ftestserver%2Fde%2Fcases%2Fserikzhan-bilash%2Fevents%2F" in link
    assert "format=json" in link
    assert "xml+oembed" not in page
