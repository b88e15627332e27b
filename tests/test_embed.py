"""The embeddable widget (`/embed/cases/<case>/`), its loader (`/embed.js`) and the snippets a case
page offers to copy."""

import datetime
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.test import RequestFactory

from caseapp.cases.filters import filter_events
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.embed.apps import check_frame_ancestors
from caseapp.embed.snippets import embed_snippets
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

WIDGET = "/embed/cases/serikzhan-bilash/"
DEMO_TITLES = [
    "Serikzhan Bilash arrested",
    "German–Kazakh government commission meets in Astana",
]


def event_titles(response) -> list[str]:
    """The titles of the timeline's events, top to bottom."""
    found = re.findall(r'<h4 class="event__title"[^>]*><a [^>]*>(.*?)</a>', response.text)
    return [html.unescape(title) for title in found]


def problems(response) -> str:
    match = re.search(r'<div class="notice" role="alert">(.*?)</div>', response.text, re.S)
    assert match, "no message in the widget"
    return html.unescape(match.group(1))


@pytest.fixture
def short_case(db):
    """A published case of five published events, one a month in 2020, plus hidden ones."""
    case = make_case(slug="short-case", title="A short case")
    source = make_source()
    for month in range(1, 6):
        make_event(
            case,
            title=f"Event of month {month}",
            slug=f"month-{month}",
            start_date=datetime.date(2020, month, 1),
            start_precision="month",
            sources=[source],
        )
    make_event(case, title="A draft event", publication_status=PublicationStatus.DRAFT)
    make_event(case, title="An event in review", publication_status=PublicationStatus.REVIEW)
    return case


# The widget page


def test_the_widget_shows_the_case_timeline_with_a_link_to_the_full_case_page(demo_case, client):
    response = client.get(WIDGET, {"view": "full"})
    assert response.status_code == 200
    titles = event_titles(response)
    assert len(titles) == 9
    for title in DEMO_TITLES:
        assert title in titles
    assert (
        '<h1 class="widget__title"><a href="http://testserver/cases/serikzhan-bilash/" '
        'target="_blank" rel="noopener">Serikzhan Bilash: arrest of a Kazakh human-rights '
        "defender</a></h1>"
    ) in response.text
    # Every other link leaves the frame too: the pages it opens may not be framed.
    assert '<base target="_blank">' in response.text
    assert "Society for Threatened Peoples" in response.text


def test_the_compact_widget_shows_the_milestones_and_the_newest_events(demo_case, client):
    full = event_titles(client.get(WIDGET, {"view": "full"}))
    milestones = set(
        demo_case.events.published().filter(is_milestone=True).values_list("title", flat=True)
    )
    response = client.get(WIDGET)
    titles = event_titles(response)
    assert set(titles) == set(full[-5:]) | milestones
    assert titles == [title for title in full if title in titles]
    assert len(titles) < len(full)
    assert (
        f'<a class="widget__expand" href="?view=full" target="_self">Show all {len(full)} events</a>'
        in response.text
    )


def test_the_compact_widget_leaves_out_drafts_even_when_they_are_milestones(short_case, client):
    draft = short_case.events.get(title="A draft event")
    draft.is_milestone = True
    draft.save()
    response = client.get("/embed/cases/short-case/")
    assert "A draft event" not in response.text
    assert "An event in review" not in response.text
    assert len(event_titles(response)) == 5
    assert "widget__expand" not in response.text


def test_the_show_all_link_keeps_filters_and_options_but_not_the_limit(demo_case, client):
    response = client.get(WIDGET, {"from": "2017", "theme": "dark", "limit": "1"})
    assert 'href="?from=2017&amp;theme=dark&amp;view=full"' in response.text


def test_the_widget_names_its_filter_in_the_header(demo_case, client):
    response = client.get(WIDGET, {"actor": "serikzhan-bilash", "kind": "arrest"})
    assert (
        '<p class="widget__filtered">Filtered: actor Serikzhan Bilash, kind Arrest</p>'
        in response.text
    )
    assert "widget__filtered" not in client.get(WIDGET).text


def test_the_widget_header_names_dates_and_words_as_whole_phrases(demo_case, client):
    """Each filter is one translatable phrase ("from %(value)s"), not a lowercased chip name."""
    response = client.get(WIDGET, {"from": "2017-04", "to": "2019", "q": "court"})
    assert (
        '<p class="widget__filtered">Filtered: from April 2017, to 2019, words “court”</p>'
        in response.text
    )


def test_a_bad_view_gets_a_readable_message(short_case, client):
    response = client.get("/embed/cases/short-case/", {"view": "poster"})
    assert response.status_code == 400
    assert "“poster” is not a view: use compact (milestones and the newest events) or full." in (
        html.unescape(problems(response))
    )


def test_the_compact_widget_runs_a_fixed_number_of_queries(
    large_case, client, django_assert_max_num_queries
):
    """Guards the compact widget of a 200-event case against a query per event or milestone."""
    client.get("/embed/cases/large-case/")
    with django_assert_max_num_queries(9):
        response = client.get("/embed/cases/large-case/", {"theme": "dark"})
    assert len(event_titles(response)) >= 5


def test_the_widget_sets_no_cookie_and_carries_no_csrf_token(demo_case, client):
    response = client.get(WIDGET)
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.text


def test_the_widget_has_no_inline_script_or_style(demo_case, client):
    page = client.get(WIDGET).text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert " style=" not in page
    assert "<style" not in page
    assert re.search(r"\son[a-z]+=", page) is None


def test_the_widget_loads_the_shared_stylesheets_its_own_and_its_script_only(demo_case, client):
    page = client.get(WIDGET).text
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == [
        "/static/css/tokens.css",
        "/static/css/dark.css",
        "/static/css/timeline.css",
        "/static/embed/widget.css",
    ]
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/embed/widget.js"]


@pytest.mark.parametrize(
    ("theme", "dark_colours"),
    [
        ("auto", ['href="/static/css/dark.css" media="(prefers-color-scheme: dark)"']),
        ("dark", ['href="/static/css/dark.css"']),
        ("light", []),
    ],
)
def test_the_theme_decides_when_the_dark_colours_apply(demo_case, client, theme, dark_colours):
    page = client.get(WIDGET, {"theme": theme}).text
    assert re.findall(r'href="/static/css/dark.css"[^>]*(?=>)', page) == dark_colours


def test_the_widget_hides_drafts_and_events_in_review(short_case, client):
    response = client.get("/embed/cases/short-case/")
    assert event_titles(response) == [f"Event of month {month}" for month in range(1, 6)]
    assert "A draft event" not in response.text
    assert "An event in review" not in response.text
    assert "5 events" in response.text


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW], ids=["draft", "review"]
)
def test_an_unpublished_case_has_no_widget(short_case, client, status):
    short_case.publication_status = status
    short_case.save()
    response = client.get("/embed/cases/short-case/")
    assert response.status_code == 404
    assert "Event of month" not in response.text
    assert "A short case" not in response.text
    assert "This timeline is not available." in response.text


def test_an_unknown_case_gets_its_message_inside_the_frame(db, client):
    response = client.get("/embed/cases/no-such-case/")
    assert response.status_code == 404
    assert "This timeline is not available." in response.text
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    # A case may be published any minute: a CDN keeps this answer only briefly.
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}


@pytest.mark.parametrize(
    ("theme", "scheme"), [("light", "light"), ("dark", "dark"), ("auto", "light dark")]
)
def test_the_theme_option_sets_the_colours(demo_case, client, theme, scheme):
    page = client.get(WIDGET, {"theme": theme}).text
    assert f'<html lang="en" dir="ltr" class="theme-{theme}">' in page
    assert f'<meta name="color-scheme" content="{scheme}">' in page


def test_without_a_theme_the_widget_follows_the_readers_device(demo_case, client):
    assert '<html lang="en" dir="ltr" class="theme-auto">' in client.get(WIDGET).text


def test_the_limit_option_shows_the_latest_events_in_timeline_order(short_case, client):
    response = client.get("/embed/cases/short-case/", {"limit": "2", "view": "full"})
    assert event_titles(response) == ["Event of month 4", "Event of month 5"]
    assert "3 earlier events on Casefile" in response.text


def test_the_order_option_puts_the_newest_event_first(short_case, client):
    response = client.get("/embed/cases/short-case/", {"order": "desc", "limit": "3"})
    assert event_titles(response) == ["Event of month 5", "Event of month 4", "Event of month 3"]


def test_a_limit_that_covers_the_whole_timeline_mentions_no_earlier_events(short_case, client):
    response = client.get("/embed/cases/short-case/", {"limit": "100"})
    assert len(event_titles(response)) == 5
    assert "earlier event" not in response.text


@pytest.mark.parametrize("value", ["0", "101", "abc", "-1", "1.5", "²", "9" * 30])
def test_a_bad_limit_gets_a_readable_message(short_case, client, value):
    response = client.get("/embed/cases/short-case/", {"limit": value})
    assert response.status_code == 400
    assert "use a whole number from 1 to 100" in problems(response)
    # The rest still shows, as if the option were not there.
    assert len(event_titles(response)) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"theme": "purple"}, "“purple” is not a theme: use light, dark or auto."),
        ({"order": "random"}, "“random” is not an order"),
        ({"theme": "<script>"}, "“<script>” is not a theme"),
    ],
)
def test_a_bad_option_gets_a_readable_message(short_case, client, query, message):
    response = client.get("/embed/cases/short-case/", query)
    assert response.status_code == 400
    assert message in problems(response)
    assert "<script>" not in response.text


def test_the_widget_takes_the_filters_of_the_case_page(demo_case, client):
    response = client.get(WIDGET, {"kind": ["arrest", "hearing"], "from": "2019-03"})
    assert event_titles(response) == [
        "Serikzhan Bilash arrested",
        "Court in Astana hears whether the charges against Bilash are upheld",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"actor": "aiman-umarova"},
            [
                "Intelligence officials force Bilash to record a video distancing himself from his lawyer"
            ],
        ),
        (
            {"to": "2019-01"},
            [
                "At least 1.1 million Uyghurs, Kazakhs and Kyrgyz detained in Xinjiang's re-education camps",
                "Pro-Chinese group Jebeu demands a ban on Atajurt in an open letter",
            ],
        ),
        (
            {"q": "Jebeu"},
            [
                "Pro-Chinese group Jebeu demands a ban on Atajurt in an open letter",
                "Serikzhan Bilash arrested",
            ],
        ),
    ],
)
def test_each_filter_narrows_the_widget(demo_case, client, query, expected):
    assert event_titles(client.get(WIDGET, query)) == expected


def test_a_filter_that_matches_nothing_says_so(demo_case, client):
    response = client.get(WIDGET, {"kind": "verdict"})
    assert response.status_code == 200
    assert "No published event matches this timeline’s filters yet." in html.unescape(response.text)
    assert event_titles(response) == []


def test_a_limit_applies_to_the_filtered_events(demo_case, client):
    response = client.get(WIDGET, {"kind": ["arrest", "hearing"], "limit": "1", "view": "full"})
    assert event_titles(response) == [
        "Court in Astana hears whether the charges against Bilash are upheld"
    ]
    assert "1 earlier event on Casefile" in response.text
    assert 'href="http://testserver/cases/serikzhan-bilash/?kind=arrest&amp;kind=hearing"' in (
        response.text
    )


def test_a_bad_filter_gets_the_case_pages_message_and_is_left_out(demo_case, client):
    response = client.get(WIDGET, {"kind": "picnic", "from": "2019-13", "view": "full"})
    assert response.status_code == 400
    message = problems(response)
    assert "There is no kind of event “picnic”." in message
    assert "2019-13 is not a date on the calendar." in message
    assert len(event_titles(response)) == 9


def test_a_page_past_the_end_gets_a_readable_message(short_case, client):
    response = client.get("/embed/cases/short-case/", {"page": "7"})
    assert response.status_code == 404
    assert "There is no page “7”. This timeline has only one page." in html.unescape(response.text)


# Framing


@pytest.mark.parametrize(
    "url", [WIDGET, f"{WIDGET}?limit=0", "/embed/cases/no-such-case/"], ids=["200", "400", "404"]
)
def test_widget_pages_may_be_framed_by_any_site(demo_case, client, url):
    response = client.get(url)
    assert "X-Frame-Options" not in response
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors *" in csp
    assert "'none'" not in csp.split("frame-ancestors")[1].split(";")[0]
    # The rest of the policy stays as strict as everywhere else.
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cases/serikzhan-bilash/",
        "/cases/serikzhan-bilash/events/bilash-arrested/",
        "/timeline/",
        "/embed.js",
        "/oembed/?url=http://testserver/cases/serikzhan-bilash/",
    ],
)
def test_every_other_page_still_forbids_framing(demo_case, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_embed_allowed_origins_narrows_who_may_frame_the_widget(demo_case, client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://ngo.example.org", "https://*.example.net"]
    csp = client.get(WIDGET)["Content-Security-Policy"]
    assert "frame-ancestors https://ngo.example.org https://*.example.net" in csp
    assert "frame-ancestors *" not in csp


def test_the_default_lets_any_site_embed():
    assert settings.EMBED_ALLOWED_ORIGINS == ["*"]


@pytest.mark.parametrize(
    "origins",
    [
        ["*"],
        ["'self'", "https://ngo.example.org"],
        ["https://*.example.org", "http://localhost:8000"],
        ["ngo.example.org"],
    ],
)
def test_frame_ancestors_accepts_origins(origins):
    check_frame_ancestors(origins)


@pytest.mark.parametrize(
    "origins",
    [
        [],
        ["https://ngo.example.org; script-src *"],
        ["https://ngo.example.org/path"],
        ["'none'"],
        ["javascript:alert(1)"],
    ],
)
def test_frame_ancestors_refuses_what_is_not_an_origin(origins):
    with pytest.raises(ImproperlyConfigured, match="EMBED_ALLOWED_ORIGINS"):
        check_frame_ancestors(origins)


# Caching


def test_the_widget_is_fit_for_a_cdn(demo_case, client):
    response = client.get(WIDGET)
    control = response["Cache-Control"].split(", ")
    assert control[:2] == ["public", "max-age=300"]
    assert "stale-while-revalidate=3000" in control
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    # The same page for every reader but for its compression.
    assert response["Vary"] == "Accept-Encoding"


def test_revalidating_an_unchanged_widget_costs_no_page(demo_case, client):
    etag = client.get(WIDGET)["ETag"]
    response = client.get(WIDGET, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["Cache-Control"].startswith("public, max-age=300")


def test_publishing_an_event_changes_the_etag(short_case, client):
    draft = short_case.events.get(title="A draft event")
    etag = client.get("/embed/cases/short-case/?view=full")["ETag"]
    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save()
    response = client.get("/embed/cases/short-case/?view=full", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "A draft event" in event_titles(response)


def test_editing_a_published_event_changes_the_etag(short_case, client):
    etag = client.get("/embed/cases/short-case/")["ETag"]
    event = short_case.events.get(slug="month-2")
    event.title = "A corrected title"
    event.save()
    response = client.get("/embed/cases/short-case/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "A corrected title" in event_titles(response)


def test_unpublishing_an_event_changes_the_etag(short_case, client):
    # Edit the latest event first, so that unpublishing another one must show on its own.
    short_case.events.get(slug="month-5").save()
    etag = client.get("/embed/cases/short-case/")["ETag"]
    event = short_case.events.get(slug="month-2")
    event.publication_status = PublicationStatus.DRAFT
    event.save()
    response = client.get("/embed/cases/short-case/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Event of month 2" not in event_titles(response)


def test_renaming_an_actor_of_the_case_changes_the_etag(demo_case, client):
    from caseapp.actors.models import Actor

    etag = client.get(WIDGET)["ETag"]
    actor = Actor.objects.get(slug="ulrich-delius")
    actor.name = "Dr Ulrich Delius"
    actor.save()
    response = client.get(WIDGET, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Dr Ulrich Delius" in response.text


def test_each_set_of_options_has_its_own_etag(demo_case, client):
    assert client.get(WIDGET)["ETag"] != client.get(WIDGET, {"theme": "dark"})["ETag"]


def test_the_widget_runs_a_fixed_number_of_queries(
    large_case, client, django_assert_max_num_queries
):
    """Guards the widget against a query per event, actor or source: 200 events, one page.
    The first request also counts the case once for the publication generation, and reads its
    time strip's span and counts per period, and numbers the page's sources in the case."""
    with django_assert_max_num_queries(21):
        response = client.get("/embed/cases/large-case/", {"view": "full"})
    assert response.status_code == 200
    assert len(event_titles(response)) == EVENTS_PER_PAGE
    with django_assert_max_num_queries(9):
        response = client.get("/embed/cases/large-case/", {"page": "2", "view": "full"})
    assert len(event_titles(response)) == EVENTS_PER_PAGE
    with django_assert_max_num_queries(9):
        response = client.get(
            "/embed/cases/large-case/",
            {"limit": "100", "order": "desc", "kind": "statement", "view": "full"},
        )
    assert len(event_titles(response)) == EVENTS_PER_PAGE
    assert "100 earlier events on Casefile" in response.text


# The loader


def test_the_loader_has_a_stable_address_and_is_cached_for_an_hour(db, client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"].startswith("public, max-age=3600")
    source = Path(settings.BASE_DIR, "static", "embed", "embed.js").read_bytes()
    assert response.content == source
    assert response.cookies == {}
    revalidated = client.get("/embed.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert revalidated.status_code == 304


def test_the_loader_stays_small_uses_no_eval_and_one_global_name(db, client):
    source = client.get("/embed.js").content.decode()
    assert len(source) < 5000
    assert "eval(" not in source
    assert "new Function" not in source
    assert "innerHTML" not in source
    assert set(re.findall(r"window\.([A-Za-z_$][\w$]*)\s*=", source)) == {"CasefileEmbed"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_embed_urls_answer_only_get_and_head(demo_case, client, method):
    for url in (WIDGET, "/embed.js", "/oembed/"):
        assert getattr(client, method)(url).status_code == 405


# The snippets a case page offers


def snippets_for(case, query: str = ""):
    request = RequestFactory().get(f"/cases/{case.slug}/?{query}")
    return embed_snippets(request, case, filter_events(request, case.events.published()).applied)


def test_the_snippet_fills_a_div_by_the_loader_and_keeps_a_plain_link(demo_case):
    snippets = snippets_for(demo_case)
    assert snippets.loader_code == (
        '<div data-casefile-case="serikzhan-bilash"><a href="http://testserver/cases/'
        'serikzhan-bilash/">Timeline of Serikzhan Bilash: arrest of a Kazakh human-rights '
        "defender on Casefile</a></div>\n"
        '<script async src="http://testserver/embed.js"></script>'
    )


def test_the_snippets_carry_the_filters_of_the_page(demo_case):
    snippets = snippets_for(demo_case, "kind=arrest&kind=hearing&from=2019-03&q=court&page=2")
    assert snippets.filters == [
        ("kind", "arrest"),
        ("kind", "hearing"),
        ("from", "2019-03"),
        ("q", "court"),
    ]
    assert 'data-kind="arrest hearing" data-from="2019-03" data-q="court"' in snippets.loader_code
    assert (
        'src="http://testserver/embed/cases/serikzhan-bilash/?kind=arrest&amp;kind=hearing'
        '&amp;from=2019-03&amp;q=court"'
    ) in snippets.iframe_code
    assert "page=" not in snippets.iframe_code


def test_the_snippets_carry_the_options_chosen(demo_case):
    snippets = snippets_for(demo_case, "embed_theme=dark&embed_limit=10&embed_order=desc")
    assert (
        '<div data-casefile-case="serikzhan-bilash" data-theme="dark" data-limit="10" '
        'data-order="desc">'
    ) in snippets.loader_code
    assert "?theme=dark&amp;limit=10&amp;order=desc" in snippets.iframe_code
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in (
        snippets.iframe_code
    )
    assert 'loading="lazy"' in snippets.iframe_code


def test_the_snippets_carry_the_full_view_when_chosen(demo_case):
    snippets = snippets_for(demo_case, "embed_view=full")
    assert '<div data-casefile-case="serikzhan-bilash" data-view="full">' in snippets.loader_code
    assert "?view=full" in snippets.iframe_code
    assert "view=" not in snippets_for(demo_case, "embed_view=compact").iframe_code


@pytest.mark.parametrize(
    "query", ["embed_theme=neon", "embed_order=x", "embed_limit=abc", "embed_limit=500"]
)
def test_a_bad_option_in_the_generator_falls_back_to_the_default(demo_case, query):
    snippets = snippets_for(demo_case, query)
    assert snippets.loader_code.startswith('<div data-casefile-case="serikzhan-bilash"><a ')
    assert bool(snippets.problems) == query.startswith("embed_limit")


def test_the_oembed_address_of_a_case_page_keeps_its_filters(demo_case):
    snippets = snippets_for(demo_case, "kind=arrest")
    assert snippets.oembed_url == (
        "http://testserver/oembed/?url=http%3A%2F%2Ftestserver%2Fcases%2Fserikzhan-bilash%2F"
        "%3Fkind%3Darrest&format=json"
    )


def test_the_embed_section_shows_both_snippets_escaped_and_a_preview(demo_case):
    snippets = snippets_for(demo_case, "kind=arrest&embed_theme=dark")
    section = render_to_string("embed/_snippet.html", {"case": demo_case, "embed": snippets})
    loader = re.search(r'<textarea id="embed-loader-code"[^>]*>(.*?)</textarea>', section, re.S)
    iframe = re.search(r'<textarea id="embed-iframe-code"[^>]*>(.*?)</textarea>', section, re.S)
    assert html.unescape(loader.group(1)) == snippets.loader_code
    assert html.unescape(iframe.group(1)) == snippets.iframe_code
    assert "<div" not in loader.group(1)
    preview = section.split('<details class="embed-snippet__preview">')[1]
    assert '<div data-casefile-case="serikzhan-bilash" data-theme="dark"' in preview
    # Our own page loads nothing by a full address, not even from us.
    assert '<script async src="/embed.js"></script>' in preview
    assert "http://testserver/embed.js" not in preview
    # Choosing options keeps the filters: they travel in the form.
    assert '<input type="hidden" name="kind" value="arrest">' in section
    assert '<option value="dark" selected>' in section
    assert "hx-swap-oob" not in section


def test_the_case_page_keeps_the_embed_builder_behind_a_share_or_embed_disclosure(
    demo_case, client
):
    page = client.get("/cases/serikzhan-bilash/").text
    assert (
        '<details class="embed-snippet__disclosure">\n  <summary class="embed-snippet__summary" '
        'id="embed-summary">Share or embed</summary>'
    ) in page
    chosen = client.get("/cases/serikzhan-bilash/?embed_view=full").text
    assert '<details class="embed-snippet__disclosure" open>' in chosen
    assert '<option value="full" selected>Every event</option>' in chosen


def test_the_embed_section_can_follow_an_htmx_timeline_out_of_band(demo_case):
    snippets = snippets_for(demo_case)
    section = render_to_string(
        "embed/_snippet.html", {"case": demo_case, "embed": snippets, "oob": True}
    )
    assert '<section class="embed-snippet" id="embed" aria-labelledby="embed-summary" ' in section
    assert 'data-hx-swap-oob="true"' in section


def test_a_snippet_escapes_a_hostile_case_title(db):
    case = make_case(slug="hostile", title='"><script>alert(1)</script>')
    make_event(case, sources=[make_source()])
    snippets = snippets_for(case)
    assert "<script>alert" not in snippets.loader_code
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippets.loader_code
