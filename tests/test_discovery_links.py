"""Pages point to their feeds, open data, oEmbed and structured data where a user would look."""

import html
import json
import re

import pytest


def test_the_case_page_links_its_feed_data_and_oembed(demo_case, visitor):
    page = visitor.get("/cases/serikzhan-bilash/").content.decode()
    assert 'type="application/atom+xml"' in page
    assert 'href="/cases/serikzhan-bilash/feed/"' in page
    assert 'href="/cases/serikzhan-bilash/export.json"' in page
    assert 'href="/cases/serikzhan-bilash/export.csv"' in page
    assert 'href="/cases/serikzhan-bilash/timelinejs.json"' in page
    oembed = re.search(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page
    )
    assert oembed
    answer = visitor.get(oembed.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200
    assert answer.json()["type"] == "rich"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/cases/serikzhan-bilash/", "Dataset"),
        ("/cases/serikzhan-bilash/events/bilash-arrested/", "Event"),
    ],
)
def test_case_and_event_pages_carry_json_ld(demo_case, visitor, url, kind):
    page = visitor.get(url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(block.group(1))["@type"] == kind


def test_the_actor_page_links_its_feed(demo_case, visitor):
    page = visitor.get("/actors/serikzhan-bilash/").content.decode()
    assert page.count('href="/actors/serikzhan-bilash/feed/"') == 2


def test_the_embed_snippet_keeps_accepted_filters_and_drops_refused_ones(demo_case, visitor):
    page = visitor.get("/cases/serikzhan-bilash/?kind=arrest&actor=no-such-actor").content.decode()
    snippet = re.search(
        r'<textarea id="embed-loader-code"[^>]*>(.*?)</textarea>', page, re.S
    ).group(1)
    snippet = html.unescape(snippet)
    assert 'data-kind="arrest"' in snippet
    assert "?kind=arrest" in snippet
    assert "no-such-actor" not in snippet
