"""Filtering a timeline: every parameter, dates at their precision, text search, facet counts,
chips, pagination, drafts, and a fixed number of queries."""

import datetime
import html
import re

import pytest
from django.test import RequestFactory

from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.filters import ALL_FIELDS, filter_events
from caseapp.cases.models import Event, EventKind, Role
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place

CASE = "/cases/serikzhan-bilash/"
DRAFT = PublicationStatus.DRAFT


def listed(response) -> list[str]:
    """The anchors of the events a timeline page lists, in order."""
    assert response.status_code == 200, response.status_code
    return re.findall(r'<li class="event[^"]*" id="([\w-]+)">', response.content.decode())


def text_of(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def facet_count(response, facet: str, value: str) -> int | None:
    """The number beside a facet's choice, or None when the choice is not offered."""
    match = re.search(
        rf'id="facet-{facet}-{re.escape(value)}"[^>]*>(\d+)<', response.content.decode()
    )
    return int(match.group(1)) if match else None


# Filtering by each parameter, on the demo case


def test_it_keeps_the_events_of_the_chosen_actor(demo_case, visitor):
    assert listed(visitor.get(CASE, {"actor": "jebeu"})) == ["jebeu-open-letter", "bilash-arrested"]


def test_several_actors_are_alternatives(demo_case, visitor):
    events = listed(visitor.get(CASE, {"actor": ["jebeu", "court-in-astana"]}))
    assert events == ["jebeu-open-letter", "bilash-arrested", "astana-court-hearing"]


def test_different_parameters_narrow_each_other(demo_case, visitor):
    assert listed(visitor.get(CASE, {"actor": "jebeu", "kind": "arrest"})) == ["bilash-arrested"]


def test_it_keeps_the_events_of_the_chosen_kinds(demo_case, visitor):
    events = listed(visitor.get(CASE, {"kind": ["hearing", "meeting"]}))
    assert events == ["astana-court-hearing", "german-kazakh-government-commission"]


def test_it_keeps_the_events_at_the_chosen_place(demo_case, visitor):
    events = listed(visitor.get(CASE, {"place": "astana"}))
    assert events == ["astana-court-hearing", "german-kazakh-government-commission"]


def test_the_timeline_of_all_cases_filters_by_case(demo_case, visitor):
    other = make_case(slug="another-case")
    make_event(other, slug="other-event")
    assert "another-case--other-event" in listed(visitor.get("/timeline/"))
    events = listed(visitor.get("/timeline/", {"case": "another-case"}))
    assert events == ["another-case--other-event"]


def test_a_case_page_ignores_the_case_parameter_of_the_timeline(demo_case, visitor):
    make_case(slug="another-case")
    response = visitor.get(CASE, {"case": "another-case"})
    assert len(listed(response)) == 9
    assert "filter-case-error" not in response.content.decode()


def test_an_actor_profile_filters_their_own_events(demo_case, visitor):
    response = visitor.get("/actors/serikzhan-bilash/", {"kind": "hearing"})
    assert listed(response) == ["serikzhan-bilash--astana-court-hearing"]


def test_an_actor_profile_offers_the_other_actors_but_not_its_own(demo_case, visitor):
    response = visitor.get("/actors/jebeu/")
    assert facet_count(response, "actor", "atajurt") == 1
    assert facet_count(response, "actor", "serikzhan-bilash") == 1
    assert 'name="actor" value="jebeu"' not in response.content.decode()


# Dates keep their precision


@pytest.fixture
def dated(db):
    """A case whose events sit around March 2019 at every precision."""
    case = make_case(slug="dated")

    def event(slug, start, precision=Precision.DAY, **fields):
        return make_event(case, slug=slug, start_date=start, start_precision=precision, **fields)

    event("late-february", datetime.date(2019, 2, 28))
    event("in-march", datetime.date(2019, 3, 1), Precision.MONTH)
    event(
        "across-the-month",
        datetime.date(2019, 2, 20),
        end_date=datetime.date(2019, 3, 5),
    )
    event("all-of-2019", datetime.date(2019, 1, 1), Precision.YEAR)
    event("since-2017", datetime.date(2017, 4, 1), Precision.MONTH, start_qualifier=Qualifier.SINCE)
    event("last-day-of-2019", datetime.date(2019, 12, 31))
    event("new-year-2020", datetime.date(2020, 1, 1))
    return case


def test_from_a_month_keeps_that_month_and_every_period_overlapping_it(dated, visitor):
    events = listed(visitor.get("/cases/dated/", {"from": "2019-03"}))
    assert "late-february" not in events
    assert {"in-march", "across-the-month", "all-of-2019", "since-2017"} <= set(events)


def test_to_a_year_keeps_all_of_that_year(dated, visitor):
    events = listed(visitor.get("/cases/dated/", {"to": "2019"}))
    assert "last-day-of-2019" in events
    assert "new-year-2020" not in events


def test_a_one_day_window_keeps_what_covers_that_day(dated, visitor):
    events = listed(visitor.get("/cases/dated/", {"from": "2019-03-04", "to": "2019-03-04"}))
    assert events == ["since-2017", "all-of-2019", "across-the-month", "in-march"]


def test_to_before_an_ongoing_start_leaves_it_out(dated, visitor):
    assert listed(visitor.get("/cases/dated/", {"to": "2017-03"})) == []


def test_the_demo_case_from_march_to_march_2019(demo_case, visitor):
    events = listed(visitor.get(CASE, {"from": "2019-03", "to": "2019-03"}))
    assert "jebeu-open-letter" not in events
    assert "german-kazakh-government-commission" not in events
    # Ongoing since April 2017, and the house arrest running from 11 March into May.
    assert {"xinjiang-camp-detentions", "bilash-house-arrest", "bilash-arrested"} <= set(events)


# Words


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("open letter", ["jebeu-open-letter"]),
        ("ARTICLE 174", ["bilash-arrested"]),
        ("Umarova", ["bilash-forced-video"]),
        ("Omarova", ["bilash-forced-video"]),
        ("GfbV", ["stp-calls-for-eu-sanctions", "german-kazakh-government-commission"]),
        ("göttingen", ["stp-calls-for-eu-sanctions"]),
        ("bilash video", ["bilash-forced-video"]),
    ],
    ids=["title", "summary-any-case", "actor-name", "alias", "alias-acronym", "place", "all-words"],
)
def test_words_are_found_in_titles_summaries_names_aliases_and_places(
    demo_case, visitor, words, expected
):
    assert listed(visitor.get(CASE, {"q": words})) == expected


def test_like_wildcards_are_searched_for_literally(demo_case, visitor):
    for wildcard in ["Bil%sh", "Bil_sh", "Bil\\sh"]:
        assert listed(visitor.get(CASE, {"q": wildcard})) == []


def test_a_search_without_letters_or_digits_is_explained_and_left_out(demo_case, visitor):
    for punctuation in ["%", "_", "\\", "— …", "the of"]:
        response = visitor.get(CASE, {"q": punctuation, "kind": "arrest"})
        assert response.status_code == 200
        assert "too common to search for" in response.content.decode()
        # The other filters still apply.
        assert listed(response) == ["bilash-arrested"]


def test_words_do_not_find_an_event_through_a_draft_actor(db, visitor):
    case = make_case(slug="case-with-a-draft-actor")
    hidden = make_actor(
        name="Secret Witness", aliases="Confidential Source", publication_status=DRAFT
    )
    make_event(case, title="A hearing", actors=[(hidden, Role.WITNESS)])
    for words in ["Secret", "Confidential"]:
        assert listed(visitor.get(case.get_absolute_url(), {"q": words})) == []


# Facets


def test_each_choice_counts_the_events_under_the_other_filters(demo_case, visitor):
    response = visitor.get(CASE, {"actor": "jebeu"})
    # Kinds and places count within Jebeu's events…
    assert facet_count(response, "kind", "arrest") == 1
    assert facet_count(response, "kind", "publication") == 1
    assert facet_count(response, "kind", "meeting") == 0
    assert facet_count(response, "place", "astana") == 0
    # …while other actors stay counted as alternatives to Jebeu.
    assert facet_count(response, "actor", "atajurt") == 3
    assert facet_count(response, "actor", "jebeu") == 2


def test_the_counts_follow_dates_and_words_too(demo_case, visitor):
    response = visitor.get(CASE, {"q": "Astana", "from": "2019-05"})
    assert listed(response) == ["german-kazakh-government-commission"]
    assert facet_count(response, "kind", "meeting") == 1
    assert facet_count(response, "kind", "hearing") == 0
    assert facet_count(response, "actor", "ulrich-delius") == 1


def test_only_choices_that_occur_in_the_timeline_are_offered(demo_case, visitor):
    other = make_case(slug="another-case")
    stranger = make_actor(slug="stranger")
    elsewhere = make_place(slug="elsewhere")
    # Frequent enough to be among the choices offered first on the timeline of all cases.
    for _ in range(5):
        make_event(other, kind=EventKind.VERDICT, place=elsewhere, actors=[stranger])
    case_page = visitor.get(CASE)
    assert facet_count(case_page, "actor", "stranger") is None
    assert facet_count(case_page, "place", "elsewhere") is None
    assert facet_count(case_page, "kind", "verdict") is None
    assert facet_count(case_page, "case", "another-case") is None
    everything = visitor.get("/timeline/")
    assert facet_count(everything, "actor", "stranger") == 5
    assert facet_count(everything, "place", "elsewhere") == 5
    assert facet_count(everything, "kind", "verdict") == 5
    assert facet_count(everything, "case", "another-case") == 5
    assert facet_count(everything, "case", "serikzhan-bilash") == 9


def test_the_chosen_values_stay_ticked_in_the_form(demo_case, visitor):
    page = visitor.get(CASE, {"actor": "jebeu", "kind": "arrest", "place": "astana"})
    content = page.content.decode()
    assert 'name="actor" value="jebeu" checked' in content
    assert 'name="actor" value="atajurt">' in content
    assert 'name="kind" value="arrest" checked' in content
    assert 'type="radio" name="place" value="astana" checked' in content
    assert 'type="radio" name="place" value="">' in content


# Nothing unpublished anywhere


@pytest.fixture
def drafts_beside_the_demo(demo_case):
    """A draft event in the demo case with its own actor, kind and place, a draft actor on a
    published event, and a draft case with a published event."""
    secret_actor = make_actor(slug="secret-actor", name="Secret Actor")
    draft_actor = make_actor(slug="draft-actor", name="Draft Actor", publication_status=DRAFT)
    secret_place = make_place(slug="secret-place", name="Secret Place")
    make_event(
        demo_case,
        slug="secret-event",
        title="Secret verdict on the zebra",
        kind=EventKind.VERDICT,
        place=secret_place,
        actors=[secret_actor],
        publication_status=DRAFT,
    )
    published = demo_case.events.get(slug="bilash-arrested")
    published.participations.create(actor=draft_actor, role=Role.WITNESS)
    draft_case = make_case(slug="draft-case", title="Draft case", publication_status=DRAFT)
    make_event(draft_case, slug="event-of-a-draft-case", actors=[secret_actor])
    return demo_case


@pytest.mark.parametrize("url", [CASE, "/timeline/", "/actors/serikzhan-bilash/"])
def test_no_draft_shows_in_any_choice_count_or_result(drafts_beside_the_demo, visitor, url):
    for query in [{}, {"q": "zebra"}, {"kind": "statement"}, {"actor": "jebeu"}]:
        for headers in [{}, {"HX-Request": "true"}]:
            response = visitor.get(url, query, headers=headers)
            content = response.content.decode()
            for hidden in ["Secret", "secret-", "Draft", "draft-", "verdict", "Verdict"]:
                assert hidden not in content, (url, query, headers, hidden)


def test_a_draft_actor_or_place_or_case_in_the_address_is_unknown(drafts_beside_the_demo, visitor):
    for parameter, slug in [("actor", "draft-actor"), ("place", "secret-place")]:
        page = text_of(visitor.get(CASE, {parameter: slug}))
        assert f"“{slug}”" in page
        assert "There is no" in page
    page = text_of(visitor.get("/timeline/", {"case": "draft-case"}))
    assert "There is no published case “draft-case”." in page


def test_the_counts_leave_out_draft_events(drafts_beside_the_demo, visitor):
    response = visitor.get("/timeline/")
    assert facet_count(response, "case", "serikzhan-bilash") == 9
    assert facet_count(response, "actor", "serikzhan-bilash") == 4
    assert facet_count(response, "kind", "verdict") is None


# Chips and the addresses they lead to


def test_each_active_filter_is_a_chip_whose_link_removes_only_it(demo_case, visitor):
    response = visitor.get(
        CASE, {"actor": ["jebeu", "atajurt"], "from": "2019-03", "q": "office", "page": "1"}
    )
    chips = re.findall(
        r'<a class="chip" href="([^"]*)" data-filter="\w+" data-filter-value="[\w-]*">'
        r'<span class="chip__name">(\w+)</span> ([^<]*)<',
        response.content.decode(),
    )
    assert [(name, html.unescape(value)) for _, name, value in chips] == [
        ("Actor", "Jebeu"),
        ("Actor", "Atajurt"),
        ("From", "March 2019"),
        ("Words", "“office”"),
    ]
    # Each names the form field it clears, for casefile.js to remove it through the form.
    assert 'data-filter="actor" data-filter-value="atajurt"' in response.content.decode()
    assert 'data-filter="from" data-filter-value=""' in response.content.decode()
    links = [html.unescape(href) for href, *_ in chips]
    assert links == [
        f"{CASE}?actor=atajurt&from=2019-03&q=office",
        f"{CASE}?actor=jebeu&from=2019-03&q=office",
        f"{CASE}?actor=jebeu&actor=atajurt&q=office",
        f"{CASE}?actor=jebeu&actor=atajurt&from=2019-03",
    ]
    assert f'<a class="chips__clear" href="{CASE}">Clear all</a>' in response.content.decode()


def test_following_a_chip_leaves_the_other_filters_applied(demo_case, visitor):
    response = visitor.get(f"{CASE}?actor=atajurt&from=2019-03&q=office")
    assert listed(response) == ["atajurt-office-closed", "stp-calls-for-eu-sanctions"]


def test_clearing_keeps_parameters_that_are_not_filters(db):
    request = RequestFactory().get("/cases/x/", {"actor": "a", "kind": "arrest", "theme": "dark"})
    filtering = filter_events(request, Event.objects.none())
    assert filtering.clear_url == "/cases/x/?theme=dark"


def test_no_chip_and_no_count_change_without_a_filter(demo_case, visitor):
    response = visitor.get(CASE, {"q": "", "from": "", "actor": ""})
    assert 'class="chip"' not in response.content.decode()
    assert re.search(r'<p class="timeline__count">\s*9 events\s*</p>', response.content.decode())


def test_the_count_says_how_many_events_match(demo_case, visitor):
    response = visitor.get(CASE, {"actor": "jebeu"})
    assert re.search(
        r'<p class="timeline__count">\s*2 events match\s*</p>', response.content.decode()
    )


def test_an_empty_result_says_what_was_searched_and_how_to_widen_it(demo_case, visitor):
    page = text_of(visitor.get(CASE, {"q": "nowhere", "kind": "arrest", "from": "2019"}))
    assert (
        "No published event in this timeline mentions “nowhere” and matches the other filters."
        in page
    )
    assert "remove one filter at a time" in page
    assert "choose a wider period, or no dates at all" in page
    assert "another spelling" in page
    assert "show every event of this timeline" in page
    assert "No published events yet." not in page


def test_an_empty_result_without_words_names_no_words(demo_case, visitor):
    page = text_of(visitor.get(CASE, {"kind": "arrest", "to": "2018"}))
    assert "No published event in this timeline matches these filters." in page
    assert "another spelling" not in page


# Pagination


@pytest.fixture
def long_case(db):
    """A case of events a day apart, every third one a hearing: the statements fill two
    pages and a half, the hearings fit on one."""
    case = make_case(slug="long-case")
    for day in range(int(EVENTS_PER_PAGE * 2.4)):
        make_event(
            case,
            slug=f"day-{day}",
            kind=EventKind.HEARING if day % 3 == 0 else EventKind.STATEMENT,
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
        )
    return case


def test_page_links_keep_the_filter_and_drop_empty_fields(long_case, visitor):
    response = visitor.get("/cases/long-case/", {"kind": "statement", "q": "", "from": ""})
    content = response.content.decode()
    assert 'rel="next" href="?kind=statement&amp;page=2"' in content
    assert 'data-hx-get="?kind=statement&amp;page=2"' in content
    statements = long_case.events.filter(kind=EventKind.STATEMENT).count()
    last = visitor.get("/cases/long-case/", {"kind": "statement", "page": "2"})
    assert len(listed(last)) == statements - EVENTS_PER_PAGE
    assert all(int(slug.split("-")[1]) % 3 for slug in listed(last))
    assert "Page 2 of 2" in last.content.decode()


def test_a_filter_that_fits_one_page_has_no_page_links(long_case, visitor):
    response = visitor.get("/cases/long-case/", {"kind": "hearing"})
    assert len(listed(response)) == long_case.events.filter(kind=EventKind.HEARING).count()
    assert 'class="pagination"' not in response.content.decode()


# Queries


def test_a_filtered_case_page_runs_a_fixed_number_of_queries(
    large_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per event, actor, facet choice or filter value on a filtered page."""
    actors = list(large_case.events.first().actors.values_list("slug", flat=True))
    place = large_case.events.first().place.slug
    query = {"actor": actors, "kind": ["statement", "arrest"], "place": place}
    query |= {"from": "2001", "to": "2015-06", "q": "Event"}
    # The first request after a change also counts the whole case once: its facts and the
    # top choices of each facet and the time strip's counts per period; and numbers the page's
    # sources in the case; + the status card's arrest, custody and next hearing; + the first
    # and last dates with their precision for the Dataset's temporalCoverage.
    with django_assert_max_num_queries(43):
        response = visitor.get(large_case.get_absolute_url(), query)
    matching = int(re.search(r"(\d+) events match", response.content.decode()).group(1))
    assert 0 < matching < 200
    assert len(listed(response)) == min(matching, EVENTS_PER_PAGE)
    # Case, subjects, actor and place names, generation, count, page keys and events, their
    # case, roles and citations, key dates.
    with django_assert_max_num_queries(14):
        visitor.get(large_case.get_absolute_url(), query | {"page": "1"})
    # The fragment leaves out the key dates.
    with django_assert_max_num_queries(13):
        fragment = visitor.get(large_case.get_absolute_url(), query, headers={"HX-Request": "true"})
    assert listed(fragment) == listed(response)


def test_the_timeline_facets_cost_one_query_each_however_many_cases(
    large_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per case, actor, kind or place in the facets of /timeline/."""
    for _ in range(5):
        make_event(make_case())
    # The first request reads what the whole timeline holds once for the facets.
    with django_assert_max_num_queries(22):
        response = visitor.get("/timeline/", {"kind": "statement"})
    assert len(listed(response)) == EVENTS_PER_PAGE
    # Then: the generation, the count, the page's keys and events, their cases, roles and
    # citations, and one count for each facet but kind (read from the cache).
    with django_assert_max_num_queries(10):
        response = visitor.get("/timeline/", {"kind": "statement", "page": "2"})
    assert len(listed(response)) == EVENTS_PER_PAGE


def test_filter_events_takes_the_fields_a_timeline_offers(demo_case):
    request = RequestFactory().get(CASE, {"case": "serikzhan-bilash", "kind": "arrest"})
    on_a_case = filter_events(request, demo_case.events.published())
    assert [facet.name for facet in on_a_case.facets] == ["actor", "kind", "place"]
    assert [chip.name for chip in on_a_case.chips] == ["Kind"]
    on_the_timeline = filter_events(request, Event.objects.published(), fields=ALL_FIELDS)
    assert [facet.name for facet in on_the_timeline.facets] == ["case", "actor", "kind", "place"]
    assert [chip.name for chip in on_the_timeline.chips] == ["Case", "Kind"]
    with pytest.raises(ValueError, match="Unknown timeline filters"):
        filter_events(request, Event.objects.none(), fields=["colour"])
