import datetime
import html
import re

import pytest

from caseapp.cases.models import Event
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place, make_source

ARREST = "/cases/serikzhan-bilash/events/bilash-arrested/"


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


@pytest.fixture
def arrest_page(demo_case, visitor) -> str:
    response = visitor.get(ARREST)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_event_with_date_kind_summary_and_milestone(arrest_page):
    assert "<h1>Serikzhan Bilash arrested</h1>" in arrest_page
    assert '<time datetime="2019-03-09">9 March 2019</time>' in arrest_page
    assert '<span class="event__kind">Arrest</span>' in arrest_page
    assert "<strong>Article 174</strong>" in arrest_page
    assert "Milestone" in arrest_page


def test_it_names_the_place(demo_case, visitor):
    page = visitor.get("/cases/serikzhan-bilash/events/astana-court-hearing/").content.decode()
    assert '<span class="event__place">Astana, Kazakhstan</span>' in page


def test_it_links_each_actor_with_their_role(arrest_page):
    text = text_of(arrest_page)
    assert '<a href="/actors/serikzhan-bilash/">Serikzhan Bilash</a>' in arrest_page
    assert "Serikzhan Bilash (subject)" in text
    assert "Government of Kazakhstan (authority)" in text
    assert "Jebeu (accuser)" in text


def test_it_gives_full_citations(arrest_page):
    text = text_of(arrest_page)
    assert (
        "Society for Threatened Peoples (STP): China-critical human rights activists under pressure in Kazakhstan"
        in text
    )
    assert "para. 1, 19 March 2019 (press release, English)" in text
    assert "para. 3, 19 March 2019 (press release, English)" in text
    assert '<time datetime="2019-03-19">19 March 2019</time>' in arrest_page
    assert "Bilash, who was arrested on March 9, 2019" in text
    assert 'lang="en"' in arrest_page


def test_it_links_the_archived_copy_of_a_source(db, visitor):
    source = make_source(archived_url="https://web.archive.org/web/2020/https://news.example.org/x")
    event = make_event(sources=[source])
    page = visitor.get(event.get_absolute_url()).content.decode()
    assert f'href="{source.url}"' in page
    assert (
        'href="https://web.archive.org/web/2020/https://news.example.org/x">archived copy</a>'
        in page
    )


def test_it_links_previous_and_next_events(arrest_page):
    assert 'rel="prev" href="/cases/serikzhan-bilash/events/jebeu-open-letter/"' in arrest_page
    assert 'rel="next" href="/cases/serikzhan-bilash/events/atajurt-office-closed/"' in arrest_page


def test_the_first_event_has_no_previous_and_the_last_no_next(demo_case, visitor):
    first = visitor.get("/cases/serikzhan-bilash/events/xinjiang-camp-detentions/").content.decode()
    last = visitor.get(
        "/cases/serikzhan-bilash/events/german-kazakh-government-commission/"
    ).content.decode()
    assert 'rel="prev"' not in first
    assert 'rel="next" href="/cases/serikzhan-bilash/events/jebeu-open-letter/"' in first
    assert 'rel="next"' not in last
    assert 'rel="prev" href="/cases/serikzhan-bilash/events/stp-calls-for-eu-sanctions/"' in last


def test_previous_and_next_skip_unpublished_events(db, visitor):
    case = make_case()
    first = make_event(case, start_date=datetime.date(2020, 1, 1))
    make_event(
        case, start_date=datetime.date(2020, 1, 2), publication_status=PublicationStatus.DRAFT
    )
    middle = make_event(case, start_date=datetime.date(2020, 1, 3))
    make_event(
        case, start_date=datetime.date(2020, 1, 4), publication_status=PublicationStatus.REVIEW
    )
    last = make_event(case, start_date=datetime.date(2020, 1, 5))
    page = visitor.get(middle.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{first.get_absolute_url()}"' in page
    assert f'rel="next" href="{last.get_absolute_url()}"' in page


def test_previous_and_next_order_events_of_the_same_day_like_the_timeline(db, visitor):
    case = make_case()
    same_day = [make_event(case, start_date=datetime.date(2020, 1, 1)) for _ in range(3)]
    page = visitor.get(same_day[1].get_absolute_url()).content.decode()
    assert f'rel="prev" href="{same_day[0].get_absolute_url()}"' in page
    assert f'rel="next" href="{same_day[2].get_absolute_url()}"' in page


def test_it_links_back_to_its_place_in_the_case_timeline(arrest_page, visitor):
    link = f"{ARREST}in-timeline/"
    assert f'href="{link}"' in arrest_page
    response = visitor.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/cases/serikzhan-bilash/#bilash-arrested"


def test_it_links_back_to_the_right_page_of_a_long_timeline(db, visitor):
    case = make_case()
    events = [
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
        for day in range(EVENTS_PER_PAGE * 2)
    ]
    deep = events[EVENTS_PER_PAGE + 5]
    response = visitor.get(f"{deep.get_absolute_url()}in-timeline/")
    assert response["Location"] == f"{case.get_absolute_url()}?page=2#{deep.slug}"
    timeline = visitor.get(f"{case.get_absolute_url()}?page=2").content.decode()
    assert f'id="{deep.slug}"' in timeline


def test_the_way_back_to_the_timeline_knows_no_draft(db, visitor):
    case = make_case()
    draft = make_event(case, publication_status=PublicationStatus.DRAFT)
    assert visitor.get(f"{draft.get_absolute_url()}in-timeline/").status_code == 404
    hidden_case = make_case(publication_status=PublicationStatus.DRAFT)
    event = make_event(hidden_case)
    assert visitor.get(f"{event.get_absolute_url()}in-timeline/").status_code == 404


def test_the_event_page_counts_nothing_however_deep_the_event_lies(
    db, visitor, django_assert_max_num_queries
):
    """Guards the permalink against counting the events before it (a cost that grows with
    its place in the case): the count waits until a visitor asks for the timeline."""
    case = make_case()
    events = [
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
        for day in range(60)
    ]
    with django_assert_max_num_queries(9) as queries:
        visitor.get(events[55].get_absolute_url())
    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"]]


def test_it_says_when_it_was_last_updated(demo_case, arrest_page):
    updated = Event.objects.get(slug="bilash-arrested").updated_at
    assert f'<time datetime="{updated.isoformat(timespec="seconds")}">' in arrest_page
    assert "Last updated" in arrest_page


def test_it_sets_title_description_canonical_and_open_graph(arrest_page):
    assert (
        "<title>Serikzhan Bilash arrested · Serikzhan Bilash: arrest of a Kazakh human-rights defender · Casefile</title>"
        in arrest_page
    )
    assert (
        '<meta name="description" content="9 March 2019: Serikzhan Bilash, founder of Atajurt, is arrested.'
        in arrest_page
    )
    assert f'<link rel="canonical" href="http://testserver{ARREST}">' in arrest_page
    assert f'<meta property="og:url" content="http://testserver{ARREST}">' in arrest_page
    assert '<meta property="og:title" content="Serikzhan Bilash arrested">' in arrest_page


def test_it_hides_a_draft_actor_of_the_event(db, visitor):
    public = make_actor(name="Public Person")
    hidden = make_actor(name="Hidden Person", publication_status=PublicationStatus.DRAFT)
    event = make_event(actors=[public, hidden], place=make_place())
    page = visitor.get(event.get_absolute_url()).content.decode()
    assert "Public Person" in page
    assert "Hidden Person" not in page
    assert hidden.get_absolute_url() not in page


@pytest.mark.parametrize(
    "url",
    [
        "/cases/serikzhan-bilash/events/no-such-event/",
        "/cases/no-such-case/events/bilash-arrested/",
    ],
)
def test_it_returns_404_for_an_unknown_event(demo_case, visitor, url):
    assert visitor.get(url).status_code == 404


def test_it_returns_404_for_an_event_under_another_case(demo_case, visitor):
    other = make_case(slug="other-case")
    make_event(other, slug="other-event")
    assert visitor.get("/cases/serikzhan-bilash/events/other-event/").status_code == 404
    assert visitor.get("/cases/other-case/events/bilash-arrested/").status_code == 404
