"""One view, a page or its fragment: what htmx gets for each kind of request, the headers that
keep caches honest, and markup that works without JavaScript under the strict policy."""

import html
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from caseapp.cases.timeline import timeline_page

CASE = "/cases/serikzhan-bilash/"
TIMELINES = [CASE, "/timeline/", "/actors/serikzhan-bilash/"]
VARY = {"HX-Request", "HX-Boosted", "HX-History-Restore-Request", "HX-Target"}
FRAGMENT = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def vary_of(response) -> set[str]:
    return {header.strip() for header in response.get("Vary", "").split(",")}


def is_page(response) -> bool:
    content = response.content.decode()
    return content.lstrip().startswith("<!doctype html>") and 'id="filters"' in content


@pytest.mark.parametrize("url", TIMELINES)
def test_a_plain_request_gets_the_whole_page(demo_case, visitor, url):
    response = visitor.get(url, {"kind": "arrest"})
    assert response.status_code == 200
    assert is_page(response)
    assert "hx-swap-oob" not in response.content.decode()


@pytest.mark.parametrize("url", TIMELINES)
def test_an_htmx_request_gets_only_the_timeline_fragment(demo_case, visitor, url):
    response = visitor.get(url, {"kind": "arrest"}, headers=FRAGMENT)
    assert response.status_code == 200
    content = response.content.decode()
    assert not is_page(response)
    assert "<html" not in content
    assert '<form id="filters"' not in content
    assert '<div class="timeline" id="timeline">' in content
    assert content.count('<li class="event') == 1
    assert (
        'id="timeline-status" role="status" aria-live="polite" data-hx-swap-oob="innerHTML"'
        in content
    )
    assert 'class="chip"' in content


@pytest.mark.parametrize("headers", [BOOSTED, HISTORY_RESTORE], ids=["boosted", "history"])
@pytest.mark.parametrize("url", TIMELINES)
def test_a_boosted_link_or_a_back_button_restore_gets_the_whole_page(
    demo_case, visitor, url, headers
):
    response = visitor.get(url, {"kind": "arrest"}, headers=headers)
    assert response.status_code == 200
    assert is_page(response)


@pytest.mark.parametrize("headers", [{}, FRAGMENT, BOOSTED, HISTORY_RESTORE])
@pytest.mark.parametrize("url", TIMELINES)
def test_every_answer_varies_on_the_htmx_headers(demo_case, visitor, url, headers):
    assert vary_of(visitor.get(url, headers=headers)) >= VARY
    assert vary_of(visitor.get(url, {"page": "7"}, headers=headers)) >= VARY


def test_the_fragment_pushes_the_address_without_empty_fields(demo_case, visitor):
    response = visitor.get(
        CASE,
        {"q": "", "from": "", "to": "", "actor": ["jebeu", ""], "kind": "arrest"},
        headers=FRAGMENT,
    )
    assert response["HX-Push-Url"] == f"{CASE}?actor=jebeu&kind=arrest"
    cleared = visitor.get(CASE, {"q": "", "from": ""}, headers=FRAGMENT)
    assert cleared["HX-Push-Url"] == CASE


def test_the_page_itself_pushes_nothing(demo_case, visitor):
    assert "HX-Push-Url" not in visitor.get(CASE, {"kind": "arrest"})


def test_the_fragment_updates_every_count_and_message_of_the_form(demo_case, visitor):
    content = visitor.get(CASE, {"actor": "jebeu"}, headers=FRAGMENT).content.decode()
    counts = re.findall(
        r'<span class="facet__count[^"]*" id="facet-(\w+)-([\w-]+)" data-hx-swap-oob="true">(\d+)<',
        content,
    )
    assert ("kind", "arrest", "1") in counts
    assert ("kind", "meeting", "0") in counts
    assert ("actor", "atajurt", "3") in counts
    assert len([count for count in counts if count[0] == "actor"]) == 12
    assert '<span id="facet-actor-chosen" data-hx-swap-oob="innerHTML">1 chosen</span>' in content
    for name in ["actor", "kind", "place", "from", "to", "q"]:
        assert (
            f'id="filter-{name}-error" aria-live="polite" data-hx-swap-oob="innerHTML">' in content
        )


@pytest.mark.parametrize("url", TIMELINES)
def test_every_element_the_fragment_updates_exists_in_the_page(demo_case, visitor, url):
    page = visitor.get(url, {"actor": "jebeu"}).content.decode()
    fragment = visitor.get(url, {"actor": "jebeu"}, headers=FRAGMENT).content.decode()
    updated = re.findall(r'id="([\w-]+)"[^>]*data-hx-swap-oob=', fragment)
    assert len(updated) > 15
    for element_id in updated:
        assert page.count(f'id="{element_id}"') == 1, element_id


def test_the_filter_form_is_a_plain_get_form_that_htmx_enhances(demo_case, visitor):
    content = visitor.get(CASE).content.decode()
    form = re.search(r"<form [^>]*>", content).group(0)
    assert 'method="get"' in form
    assert f'action="{CASE}"' in form
    assert f'data-hx-get="{CASE}"' in form
    assert 'data-hx-target="#timeline"' in form
    assert 'data-hx-push-url="true"' in form
    assert 'data-hx-indicator="#filters-loading, #timeline"' in form
    # Words and dates apply as they are typed.
    assert "input changed delay:400ms from:.filters__typed" in form
    for field in ("filter-q", "filter-from", "filter-to"):
        assert f'class="field__input filters__typed" id="{field}"' in content
    assert (
        '<button class="button" type="submit"><span id="filters-show-count">Show 9 events</span>'
        "</button>"
    ) in content
    assert 'class="filters__loading htmx-indicator" id="filters-loading"' in content


def test_every_hx_get_sits_on_a_real_link_or_form_to_the_same_address(long_case, visitor):
    content = visitor.get("/cases/long-case/", {"kind": "statement"}).content.decode()
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*data-hx-get="([^"]+)"', content)
    assert links, "the page links use data-hx-get"
    for href, hx_get in links:
        assert href == hx_get


def test_chips_are_boosted_links_that_refresh_form_list_and_count(demo_case, visitor):
    content = visitor.get(CASE, {"actor": "jebeu"}).content.decode()
    state = re.search(r'<div class="filter-state"[^>]*>', content).group(0)
    assert 'data-hx-boost="true"' in state
    assert 'data-hx-select="#filters"' in state
    assert 'data-hx-select-oob="timeline,timeline-status:innerHTML,embed,case-sources"' in state


@pytest.fixture
def long_case(db):
    """A case of 60 statements: two pages."""
    import datetime

    from tests.factories import make_case, make_event

    case = make_case(slug="long-case")
    for day in range(60):
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    return case


def test_the_timeline_markup_stays_inert_where_no_filter_form_serves_it(demo_case):
    """The embed and the admin preview include the same markup without the form or fragments."""
    request = RequestFactory().get(CASE, {"kind": "arrest"})
    page, page_error = timeline_page(request, demo_case.events.published())
    markup = render_to_string(
        "cases/_timeline.html", {"page": page, "page_error": page_error}, request
    )
    assert markup.count('<li class="event') == 9
    assert "hx-" not in markup
    assert 'class="chip"' not in markup


@pytest.mark.parametrize("headers", [{}, FRAGMENT, BOOSTED])
@pytest.mark.parametrize("url", TIMELINES)
def test_no_filtered_answer_sets_a_cookie_or_carries_a_csrf_token(demo_case, visitor, url, headers):
    response = visitor.get(url, {"actor": "jebeu", "q": "bilash", "from": "bad"}, headers=headers)
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("url", TIMELINES)
def test_no_inline_script_style_or_handler_under_the_strict_policy(demo_case, visitor, url):
    for headers in [{}, FRAGMENT]:
        content = visitor.get(url, {"actor": "jebeu", "to": "2019"}, headers=headers).content
        content = content.decode()
        # JSON-LD is a data block, not a script: CSP does not run it.
        assert not re.search(
            r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", content
        )
        assert "<style" not in content
        assert not re.search(r"\sstyle=", content)
        assert not re.search(r"\son[a-z]+=", content)
        assert "hx-on" not in content


def test_the_filters_only_answer_get_and_head(demo_case, visitor):
    for url in TIMELINES:
        assert visitor.post(url, {"actor": "jebeu"}).status_code == 405
        assert visitor.head(url, {"actor": "jebeu"}).status_code == 200


def test_a_fragment_for_a_page_that_does_not_exist_is_a_readable_404(demo_case, visitor):
    response = visitor.get(CASE, {"page": "9"}, headers=FRAGMENT)
    assert response.status_code == 404
    assert "<html" not in response.content.decode()
    assert "There is no page “9”" in html.unescape(response.content.decode())


@pytest.mark.parametrize("url", TIMELINES)
def test_htmx_attributes_are_written_as_valid_data_attributes(demo_case, visitor, url):
    """htmx reads data-hx-* as hx-*, and only the former is valid HTML (test_html_valid.py)."""
    for headers in [{}, FRAGMENT]:
        content = visitor.get(url, {"actor": "jebeu", "to": "2019"}, headers=headers).content
        assert "data-hx-" in content.decode()
        assert not re.search(r"[\s\"']hx-[a-z-]+=", content.decode())
