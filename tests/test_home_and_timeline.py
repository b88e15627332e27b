import datetime
import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from caseapp.cases.models import CaseStatus, Image
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event

PUBLIC_PAGES = [
    "/",
    "/timeline/",
    "/cases/serikzhan-bilash/",
    "/cases/serikzhan-bilash/events/bilash-house-arrest/",
    "/actors/",
    "/actors/?q=Serikjan&kind=person",
    "/actors/serikzhan-bilash/",
    "/cases/no-such-case/",
]


def test_home_lists_cases_with_the_newest_activity_first(db, visitor):
    older = make_case(title="Older case")
    make_event(older, start_date=datetime.date(2015, 1, 1))
    newer = make_case(title="Newer case")
    make_event(newer, start_date=datetime.date(2022, 1, 1))
    quiet = make_case(title="A case without events yet")
    page = visitor.get("/").content.decode()
    positions = [page.index(case.title) for case in (newer, older, quiet)]
    assert positions == sorted(positions)


def test_home_ignores_unpublished_events_when_ordering_and_naming_the_latest(db, visitor):
    steady = make_case(title="Steady case")
    make_event(steady, title="Steady news", start_date=datetime.date(2020, 1, 1))
    other = make_case(title="Other case")
    make_event(other, title="Old but public", start_date=datetime.date(2010, 1, 1))
    make_event(
        other,
        title="Draft from the future",
        start_date=datetime.date(2030, 1, 1),
        publication_status=PublicationStatus.DRAFT,
    )
    page = visitor.get("/").content.decode()
    assert page.index("Steady case") < page.index("Other case")
    assert "Draft from the future" not in page
    assert "Old but public" in page


def test_home_shows_status_latest_event_and_count(demo_case, visitor):
    page = visitor.get("/").content.decode()
    assert (
        '<a href="/cases/serikzhan-bilash/">Serikzhan Bilash: arrest of a Kazakh human-rights defender</a>'
        in page
    )
    assert "Ongoing" in page
    assert "9 events" in page
    assert (
        '<time datetime="2019-05-20">20 May 2019</time>: <a href="/cases/serikzhan-bilash/events/german-kazakh-government-commission/">'
        in page
    )


def test_home_shows_a_closed_case_as_closed(db, visitor):
    make_case(status=CaseStatus.CLOSED)
    assert "Closed" in visitor.get("/").content.decode()


def test_home_shows_the_lead_image_with_its_credit(db, visitor):
    image = Image.objects.create(
        file="images/2021/a.jpg", alt_text="A street", credit="Photo Agency", licence="CC BY-SA 4.0"
    )
    make_case(lead_image=image)
    page = visitor.get("/").content.decode()
    assert 'src="/media/images/2021/a.jpg" alt="A street"' in page
    assert "Photo Agency" in page
    assert "CC BY-SA 4.0" in page


def test_home_says_so_when_nothing_is_published(db, visitor):
    make_case(publication_status=PublicationStatus.DRAFT)
    assert "No cases have been published yet." in visitor.get("/").content.decode()


def case_titles(page: str) -> list[str]:
    return re.findall(
        r'<h2 class="case-card__title" id="case-[\w-]+"><a href="[^"]+">([^<]+)</a>', page
    )


def test_home_shows_twenty_cases_a_page_newest_activity_first(db, visitor):
    for number in range(23):
        case = make_case(title=f"Case active in {2000 + number}")
        make_event(case, start_date=datetime.date(2000 + number, 1, 1))
    make_case(title="A case without events yet")
    first = visitor.get("/").content.decode()
    assert case_titles(first) == [f"Case active in {year}" for year in range(2022, 2002, -1)]
    assert '<a class="pagination__link" rel="next" href="?page=2">' in first
    assert "Page 1 of 2" in first
    second = visitor.get("/?page=2").content.decode()
    assert case_titles(second) == [
        "Case active in 2002",
        "Case active in 2001",
        "Case active in 2000",
        "A case without events yet",
    ]
    assert '<a class="pagination__link" rel="prev" href="/">' in second
    assert '<link rel="canonical" href="http://testserver/?page=2">' in second


@pytest.mark.parametrize("number", ["2", "0", "-3", "later", "1e3"])
def test_home_answers_a_page_that_does_not_exist_with_a_readable_404(demo_case, visitor, number):
    response = visitor.get("/", {"page": number})
    assert response.status_code == 404
    page = response.content.decode()
    assert f"There is no page “{number}”. The cases fill one page." in page
    assert '<a href="/">Go to the first page</a>' in page


def test_home_names_the_latest_event_in_timeline_order(db, visitor):
    case = make_case()
    make_event(
        case, title="During March", start_date=datetime.date(2019, 3, 1), start_precision="month"
    )
    make_event(case, title="On the first of March", start_date=datetime.date(2019, 3, 1))
    make_event(
        case, title="Early in 2019", start_date=datetime.date(2019, 1, 1), start_precision="year"
    )
    page = visitor.get("/").content.decode()
    assert "On the first of March</a>" in page
    assert "During March</a>" not in page


def test_home_counts_a_large_case_only_up_to_the_limit(db, visitor, monkeypatch):
    monkeypatch.setattr("caseapp.cases.views.LIST_COUNT_LIMIT", 3)
    large = make_case(title="Large case")
    for day in range(1, 6):
        make_event(large, start_date=datetime.date(2020, 1, day))
    small = make_case(title="Small case")
    for day in range(1, 4):
        make_event(small, start_date=datetime.date(2010, 1, day))
    make_event(
        small, start_date=datetime.date(2011, 1, 1), publication_status=PublicationStatus.DRAFT
    )
    page = " ".join(visitor.get("/").content.decode().split())
    assert re.search(r"\(updated <time[^>]*>[^<]*</time>\) · more than 3 events</p>", page)
    assert re.search(r"\(updated <time[^>]*>[^<]*</time>\) · 3 events</p>", page)


def test_the_timeline_shows_events_of_every_published_case_naming_each_case(db, visitor):
    first = make_case(title="First case")
    second = make_case(title="Second case")
    make_event(first, title="Event of the first", start_date=datetime.date(2018, 1, 1))
    make_event(second, title="Event of the second", start_date=datetime.date(2019, 1, 1))
    page = visitor.get("/timeline/").content.decode()
    assert page.index("Event of the first") < page.index("Event of the second")
    assert page.count('<p class="event__case">Case: <a href="') == 2
    assert f'<a href="{first.get_absolute_url()}">First case</a>' in page
    assert f'<a href="{second.get_absolute_url()}">Second case</a>' in page


def test_the_timeline_keeps_anchors_unique_across_cases(db, visitor):
    for title in ("One", "Two"):
        make_event(make_case(title=title), slug="arrest")
    ids = re.findall(
        r'<li class="event[^"]*" id="([\w-]+)"', visitor.get("/timeline/").content.decode()
    )
    assert len(ids) == 2
    assert len(set(ids)) == 2


def test_the_timeline_paginates(db, visitor):
    case = make_case()
    for day in range(EVENTS_PER_PAGE + 1):
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    first = visitor.get("/timeline/").content.decode()
    assert first.count('<li class="event') == EVENTS_PER_PAGE
    assert visitor.get("/timeline/?page=2").content.decode().count('<li class="event') == 1
    response = visitor.get("/timeline/?page=3")
    assert response.status_code == 404
    assert "This timeline has pages 1 to 2." in response.content.decode()


def test_the_timeline_shows_the_newest_events_first_when_asked(db, visitor):
    case = make_case()
    make_event(case, title="The older event", start_date=datetime.date(2018, 1, 1))
    make_event(case, title="The newer event", start_date=datetime.date(2019, 1, 1))
    make_event(
        case,
        title="A draft event",
        start_date=datetime.date(2020, 1, 1),
        publication_status=PublicationStatus.DRAFT,
    )

    oldest = visitor.get("/timeline/").content.decode()
    newest = visitor.get("/timeline/?order=newest").content.decode()

    assert oldest.index("The older event") < oldest.index("The newer event")
    assert newest.index("The newer event") < newest.index("The older event")
    assert "A draft event" not in newest
    assert '<label class="field__label" for="filter-order">Order</label>' in newest
    assert '<option value="newest" selected>Newest first</option>' in newest


def test_the_timeline_keeps_its_order_on_every_page_and_names_the_pages_by_time(db, visitor):
    case = make_case()
    for day in range(EVENTS_PER_PAGE + 1):
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    first = visitor.get("/timeline/?order=newest").content.decode()
    assert '<a class="pagination__link" rel="next" href="?order=newest&amp;page=2"' in first
    assert 'Earlier events <span class="arrow" aria-hidden="true">→</span>' in first
    last = visitor.get("/timeline/?order=newest&page=2").content.decode()
    assert last.count('<li class="event') == 1
    assert "2020-01-01" in last or "1 January 2020" in last


def test_the_timeline_explains_an_order_it_does_not_know(db, visitor):
    make_event(make_case(), title="An event")
    response = visitor.get("/timeline/?order=sideways")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no order “sideways”: choose oldest first or newest first." in page
    assert "An event" in page


def test_base_has_skip_link_navigation_language_and_htmx_config(demo_case, visitor):
    page = visitor.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert '<a class="skip-link" href="#main">Skip to content</a>' in page
    assert '<main id="main"' in page
    assert '<a href="/" aria-current="page">Cases</a>' in page
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false, "historyCacheSize": 0}'>"""
        in page
    )
    # htmx as django-htmx ships it, fetched by casefile.js when a visitor reaches for the filters.
    assert re.search(
        r'<script src="/static/js/casefile\.js" data-htmx="/static/django_htmx/htmx-2\.min\.js',
        page,
    )


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_sets_a_cookie(demo_case, visitor, url):
    response = visitor.get(url)
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_has_inline_script_style_or_handlers(demo_case, visitor, url):
    page = visitor.get(url).content.decode()
    # JSON-LD is a data block, not a script: CSP does not run it.
    executable = re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", page)
    assert executable == []
    assert "<style" not in page
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)
    assert "csrfmiddlewaretoken" not in page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_loads_anything_from_another_host(demo_case, visitor, url):
    page = visitor.get(url).content.decode()
    loaded = re.findall(r'<(?:script|img|iframe)[^>]*\ssrc="([^"]+)"', page)
    loaded += re.findall(
        r'<link[^>]*\srel="(?:stylesheet|icon|preload)"[^>]*\shref="([^"]+)"', page
    )
    assert loaded
    assert [url for url in loaded if url.startswith(("http:", "https:", "//"))] == []


def test_the_404_page_is_styled_and_helpful(db, visitor):
    response = visitor.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<link rel="stylesheet" href="/static/css/casefile.css">' in page
    assert "This page does not exist" in page
    assert '<a href="/actors/">Search the actors</a>' in page


def test_the_500_page_renders_without_a_request_context(db):
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert '<link rel="stylesheet" href="/static/css/casefile.css">' in page


def test_a_case_card_says_when_its_status_held(demo_case, visitor):
    card = visitor.get("/").content.decode()

    assert re.search(
        r'Ongoing</span>\s*as of <time datetime="2019-03-19">19 March 2019</time>', card
    )
    assert f'<p class="case-card__status-line">{demo_case.status_line}</p>' in card


def test_a_case_card_without_a_checked_status_says_when_the_case_changed(db, visitor):
    case = make_case(status_line="")
    card = visitor.get("/").content.decode()

    updated = case.updated_at.date()
    assert re.search(rf'Ongoing</span>\s*\(updated <time datetime="{updated}T[^"]+">', card)
    assert "case-card__status-line" not in card


def test_a_case_card_names_its_subjects_in_one_sentence(demo_case, visitor):
    """ "About" and the linked names are one translatable sentence (the names a placeholder)."""
    card = visitor.get("/").content.decode()

    assert (
        '<p class="case-card__subjects">About <a href="/actors/atajurt/">Atajurt</a>, '
        '<a href="/actors/serikzhan-bilash/">Serikzhan Bilash</a></p>'
    ) in card
