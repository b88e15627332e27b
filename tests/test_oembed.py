"""`/oembed/`: the oEmbed 1.0 provider for case and event pages."""

import datetime
import re
from html import unescape

import pytest

from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

CASE_URL = "http://testserver/cases/serikzhan-bilash/"
EVENT_URL = "http://testserver/cases/serikzhan-bilash/events/bilash-arrested/"


def iframe_src(answer: dict) -> str:
    match = re.fullmatch(r'<iframe src="([^"]+)" title="[^"]+" [^>]*></iframe>', answer["html"])
    assert match, answer["html"]
    return unescape(match.group(1))


def test_a_case_page_is_embedded_as_its_widget(demo_case, client):
    response = client.get("/oembed/", {"url": CASE_URL, "format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Casefile",
        "provider_url": "http://testserver/",
        "title": "Serikzhan Bilash: arrest of a Kazakh human-rights defender",
        "html": answer["html"],
        "width": 640,
        "height": 600,
        "cache_age": 300,
    }
    assert iframe_src(answer) == "http://testserver/embed/cases/serikzhan-bilash/"
    assert 'width="640" height="600"' in answer["html"]
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in answer["html"]
    assert 'loading="lazy"' in answer["html"]
    assert "<script" not in answer["html"]


def test_json_is_the_default_format(demo_case, client):
    assert client.get("/oembed/", {"url": CASE_URL}).json()["type"] == "rich"
    assert client.get("/oembed/", {"url": CASE_URL, "format": ""}).json()["type"] == "rich"


def test_an_event_page_is_embedded_as_its_case_widget_at_that_event(demo_case, client):
    answer = client.get("/oembed/", {"url": EVENT_URL}).json()
    assert answer["title"] == "Serikzhan Bilash arrested"
    assert iframe_src(answer) == (
        "http://testserver/embed/cases/serikzhan-bilash/?view=full#bilash-arrested"
    )


def test_an_event_deep_in_a_long_timeline_is_embedded_at_its_page(large_case, client):
    event = large_case.events.order_by("range_start")[EVENTS_PER_PAGE * 2 + 20]
    url = f"http://testserver{event.get_absolute_url()}"
    answer = client.get("/oembed/", {"url": url}).json()
    assert iframe_src(answer) == (
        f"http://testserver/embed/cases/large-case/?view=full&page=3#{event.slug}"
    )
    # The widget page it points to does show the event.
    widget = client.get("/embed/cases/large-case/?view=full&page=3")
    assert f'id="{event.slug}"' in widget.text


def test_a_filtered_case_page_is_embedded_with_its_filters(demo_case, client):
    url = f"{CASE_URL}?kind=arrest&kind=hearing&page=1&utm_source=x"
    answer = client.get("/oembed/", {"url": url}).json()
    assert iframe_src(answer) == (
        "http://testserver/embed/cases/serikzhan-bilash/?kind=arrest&kind=hearing"
    )


@pytest.mark.parametrize(
    ("query", "size"),
    [
        ({"maxwidth": "400"}, (400, 600)),
        ({"maxheight": "250"}, (640, 250)),
        ({"maxwidth": "320", "maxheight": "480"}, (320, 480)),
        ({"maxwidth": "2000", "maxheight": "2000"}, (640, 600)),
    ],
)
def test_the_size_honours_maxwidth_and_maxheight(demo_case, client, query, size):
    answer = client.get("/oembed/", {"url": CASE_URL, **query}).json()
    assert (answer["width"], answer["height"]) == size
    assert f'width="{size[0]}" height="{size[1]}"' in answer["html"]


def test_the_answer_is_public_and_cacheable(demo_case, client):
    response = client.get("/oembed/", {"url": CASE_URL})
    assert response["Cache-Control"].startswith("public, max-age=300")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.cookies == {}


def test_xml_is_not_implemented(demo_case, client):
    response = client.get("/oembed/", {"url": CASE_URL, "format": "xml"})
    assert response.status_code == 501
    assert "format=json" in response.text


@pytest.mark.parametrize("format", ["yaml", "XML", "<x-fuzz>"])
def test_a_format_no_spec_knows_is_a_400(demo_case, client, format):
    response = client.get("/oembed/", {"url": CASE_URL, "format": format})
    assert response.status_code == 400
    assert "format=json" in response.text


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"url": ""},
        {"url": "not a url"},
        {"url": "/cases/serikzhan-bilash/"},
        {"url": "javascript:alert(1)"},
        {"url": "ftp://testserver/cases/serikzhan-bilash/"},
        {"url": "http://[::1"},
        {"url": CASE_URL + "?q=" + "x" * 3000},
        {"url": CASE_URL, "maxwidth": "wide"},
        {"url": CASE_URL, "maxheight": "0"},
        {"url": CASE_URL, "maxwidth": "-5"},
        {"url": CASE_URL, "maxwidth": "1.5"},
    ],
)
def test_a_missing_or_garbled_request_is_a_400(demo_case, client, query):
    response = client.get("/oembed/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/cases/no-such-case/",
        "http://testserver/cases/serikzhan-bilash/events/no-such-event/",
        "http://elsewhere.example.org/cases/serikzhan-bilash/",
        "http://testserver.example.org/cases/serikzhan-bilash/",
        "http://user@testserver/cases/serikzhan-bilash/",
        "http://testserver/actors/serikzhan-bilash/",
        "http://testserver/timeline/",
        "http://testserver/admin/",
    ],
)
def test_an_address_that_is_not_a_public_case_or_event_here_is_a_404(demo_case, client, url):
    assert client.get("/oembed/", {"url": url}).status_code == 404


@pytest.fixture
def hidden_things(db):
    """A draft case with a published event, and a published case with a draft and one in review."""
    source = make_source()
    draft_case = make_case(slug="draft-case", publication_status=PublicationStatus.DRAFT)
    make_event(draft_case, slug="public-looking", sources=[source])
    case = make_case(slug="open-case")
    make_event(case, slug="published", sources=[source], start_date=datetime.date(2020, 1, 1))
    make_event(case, slug="drafted", publication_status=PublicationStatus.DRAFT)
    make_event(case, slug="reviewed", publication_status=PublicationStatus.REVIEW)
    return case


@pytest.mark.parametrize(
    "path",
    [
        "/cases/draft-case/",
        "/cases/draft-case/events/public-looking/",
        "/cases/open-case/events/drafted/",
        "/cases/open-case/events/reviewed/",
    ],
)
def test_nothing_unpublished_is_embedded(hidden_things, client, path):
    response = client.get("/oembed/", {"url": f"http://testserver{path}"})
    assert response.status_code == 404


def test_a_published_event_of_a_published_case_is_embedded(hidden_things, client):
    url = "http://testserver/cases/open-case/events/published/"
    assert client.get("/oembed/", {"url": url}).status_code == 200


def test_a_hostile_title_stays_text(db, client):
    case = make_case(slug="hostile", title='"><script>alert(1)</script>')
    make_event(case, sources=[make_source()])
    answer = client.get("/oembed/", {"url": "http://testserver/cases/hostile/"}).json()
    assert answer["title"] == '"><script>alert(1)</script>'
    assert "<script>" not in answer["html"]
