import datetime
import html
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from caseapp.cases.dates import Precision
from caseapp.cases.models import EventKind, Image
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.cases.timeline import timeline_page
from tests.factories import make_actor, make_case, make_event, make_source

STP_URL = (
    "https://www.gfbv.de/en/news/china-kritische-menschenrechtler-in-kasachstan-unter-druck0-9632/"
)


def event_item(page: str, anchor: str) -> str:
    """The text of the timeline item with this anchor id, entities decoded."""
    match = re.search(
        rf'<li class="event[^"]*" id="{re.escape(anchor)}">(.*?)</article>', page, re.S
    )
    assert match, f"no timeline item #{anchor}"
    return html.unescape(match.group(1))


def section(page: str, heading_id: str) -> str:
    match = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return html.unescape(match.group(1))


@pytest.fixture
def case_page(demo_case, visitor) -> str:
    response = visitor.get("/cases/serikzhan-bilash/")
    assert response.status_code == 200
    return response.content.decode()


# Every fact of the demo case (caseapp/fixtures/demo_case.json): (anchor, date as written, words
# of the fact, quote).
DEMO_FACTS = [
    (
        "xinjiang-camp-detentions",
        "since April 2017",
        "1.1 million Muslim Uyghurs, Kazakhs and Kyrgyz",
        "locked up in re-education camps in Xinjiang since April 2017",
    ),
    (
        "jebeu-open-letter",
        "January 2019",
        "open letter to the government of Kazakhstan demanding a ban on Atajurt",
        "In January 2019, Jebeu had published an open letter",
    ),
    (
        "bilash-arrested",
        "9 March 2019",
        "accused under Article 174 of the Kazakh Criminal Code",
        "Bilash, who was arrested on March 9, 2019",
    ),
    (
        "bilash-arrested",
        "9 March 2019",
        "up to 10 years' imprisonment",
        "up to 10 years' imprisonment under Article 174",
    ),
    (
        "atajurt-office-closed",
        "after 9 March 2019",
        "close down Atajurt's office; all computers and documents are confiscated",
        "all computers and documents were confiscated",
    ),
    (
        "bilash-house-arrest",
        "11 March – May 2019",
        "released from custody on 11 March 2019, followed by a two-month house arrest",
        "released from custody on March 11, 2019",
    ),
    (
        "bilash-forced-video",
        "between 11 March and May 2019",
        "record a video in which he dissociates himself from his lawyer Aiman Umarova",
        "forced Bilash to record a video",
    ),
    (
        "astana-court-hearing",
        "19 March 2019",
        "A court in Astana decides in a hearing whether the pro-Chinese charges",
        "A court in Astana will decide",
    ),
    (
        "stp-calls-for-eu-sanctions",
        "19 March 2019",
        "targeted travel bans and financial sanctions",
        "impose targeted travel bans and financial sanctions",
    ),
    (
        "stp-calls-for-eu-sanctions",
        "19 March 2019",
        "Atajurt's office be reopened immediately",
        "Atajurt's office must be reopened immediately",
    ),
    (
        "german-kazakh-government-commission",
        "20 May 2019",
        "German–Kazakh government commission meets in Astana",
        "German-Kazakh government commission meeting in Astana on May 20, 2019",
    ),
]


@pytest.mark.parametrize(("anchor", "written_date", "fact", "quote"), DEMO_FACTS)
def test_it_shows_every_spec_fact_with_its_date_and_citation(
    case_page, anchor, written_date, fact, quote
):
    item = event_item(case_page, anchor)
    text = re.sub(r"<[^>]+>", "", item)
    assert written_date in text
    assert fact in " ".join(text.split())
    # The press release is footnote 1; its full reference is in the Sources list.
    assert 'href="#source-1"' in item
    assert f'href="{STP_URL}"' in section(case_page, "sources-heading")
    assert quote in text


def test_it_shows_the_summary_subjects_and_status(case_page):
    assert "Serikzhan Bilash: arrest of a Kazakh human-rights defender" in case_page
    assert "accused of impairing Kazakhstan" in html.unescape(case_page)
    assert '<a href="/actors/serikzhan-bilash/">Serikzhan Bilash</a>' in case_page
    assert '<a href="/actors/atajurt/">Atajurt</a>' in case_page
    assert "Ongoing" in case_page


def test_it_derives_key_dates_from_milestone_events(case_page):
    key_dates = re.sub(r"<[^>]+>", "", section(case_page, "key-dates-heading"))
    lines = [" ".join(line.split()) for line in key_dates.split("\n") if line.strip()]
    assert lines[1:] == [
        "Arrest 9 March 2019",
        "House arrest 11 March – May 2019",
        "Hearing 19 March 2019",
    ]


def test_it_builds_key_dates_from_any_case_not_only_the_demo(db, visitor):
    case = make_case()
    make_event(
        case,
        kind=EventKind.VERDICT,
        is_milestone=True,
        start_date=datetime.date(2021, 6, 1),
        start_precision=Precision.MONTH,
    )
    make_event(case, title="A quiet statement", start_date=datetime.date(2021, 7, 2))
    page = visitor.get(case.get_absolute_url()).content.decode()
    key_dates = section(page, "key-dates-heading")
    assert "Verdict" in key_dates
    assert '<time datetime="2021-06">June 2021</time>' in key_dates
    assert "Statement" not in key_dates


def test_it_leaves_out_key_dates_when_no_event_is_a_milestone(db, visitor):
    case = make_case()
    make_event(case)
    assert "Key dates" not in visitor.get(case.get_absolute_url()).content.decode()


def test_it_writes_each_date_in_time_at_the_precision_known(case_page):
    assert '<time datetime="2017-04">since April 2017</time>' in case_page
    assert '<time datetime="2019-01">January 2019</time>' in case_page
    assert '<time datetime="2019-03-09">9 March 2019</time>' in case_page
    assert (
        '<time datetime="2019-03-11">11 March</time> – <time datetime="2019-05">May 2019</time>'
        in case_page
    )
    assert (
        'between <time datetime="2019-03-11">11 March</time> and '
        '<time datetime="2019-05">May 2019</time>' in case_page
    )
    assert 'datetime="2017-04-01"' not in case_page
    assert 'datetime="2019-01-01"' not in case_page


def test_it_writes_a_year_as_a_year(db, visitor):
    case = make_case()
    make_event(case, start_date=datetime.date(2016, 1, 1), start_precision=Precision.YEAR)
    assert (
        '<time datetime="2016">2016</time>' in visitor.get(case.get_absolute_url()).content.decode()
    )


def test_it_gives_every_event_an_anchor_and_a_permalink(demo_case, case_page):
    for event in demo_case.events.all():
        item = event_item(case_page, event.slug)
        assert f'href="/cases/serikzhan-bilash/events/{event.slug}/"' in item


def test_it_lists_the_timeline_as_ordered_lists_grouped_by_year(case_page):
    years = re.findall(r'<h3 class="timeline__year-heading" id="year-(\d{4})">', case_page)
    assert years == ["2017", "2019"]
    assert case_page.count('<ol class="events">') == 2
    order = [case_page.index(f'id="{slug}"') for slug, *_ in DEMO_FACTS[::2]]
    assert order == sorted(order)


def test_it_marks_milestones_for_eyes_and_screen_readers(case_page):
    assert '<li class="event event--milestone" id="bilash-arrested">' in case_page
    assert "Milestone" in event_item(case_page, "bilash-arrested")
    assert '<li class="event" id="jebeu-open-letter">' in case_page
    assert "Milestone" not in event_item(case_page, "jebeu-open-letter")


def test_it_names_the_actors_of_an_event_with_their_roles(case_page):
    item = event_item(case_page, "bilash-forced-video")
    assert (
        '<a href="/actors/kazakh-intelligence-officials/">Kazakh intelligence officials</a>' in item
    )
    assert "(perpetrator)" in item
    assert '<a href="/actors/aiman-umarova/">Aiman Umarova</a>' in item
    assert "(lawyer)" in item


def test_it_numbers_citations_and_gives_locator_and_archived_copy(db, visitor):
    case = make_case()
    archived = make_source(
        archived_url="https://web.archive.org/web/2019/https://news.example.org/a"
    )
    plain = make_source()
    event = make_event(case, sources=[plain, archived])
    event.citations.filter(source=plain).update(locator="p. 4", quote="A quoted passage.")
    page = visitor.get(case.get_absolute_url()).content.decode()
    item = event_item(page, event.slug)
    # Footnotes in the event, in citation order, numbered as in the case's Sources list.
    assert '<ul class="footnotes__list">' in item
    first, second = re.findall(r'href="#source-(\d+)"', item)
    assert {first, second} == {"1", "2"}
    assert "p. 4" in item
    assert "<details><summary>Quote</summary>" in item
    assert "A quoted passage." in item
    # The full references, once, below the timeline.
    sources = section(page, "sources-heading")
    assert f'id="source-{first}"' in sources and plain.url in sources
    assert (
        'href="https://web.archive.org/web/2019/https://news.example.org/a">archived copy</a>'
        in sources
    )


def test_it_lists_the_sources_of_the_case(case_page):
    sources = section(case_page, "sources-heading")
    assert f'href="{STP_URL}"' in sources
    assert "Society for Threatened Peoples (STP)" in sources


def test_it_shows_no_lead_image_box_when_the_image_has_no_file(case_page):
    assert "Ein Gericht in Astana entscheidet heute" not in case_page
    assert 'class="figure' not in case_page
    assert "<img" not in case_page


def test_it_shows_the_lead_image_when_there_is_a_file(db, visitor):
    image = Image.objects.create(
        file="images/2019/court.jpg",
        alt_text="A court building",
        credit="A photographer",
        licence="CC BY 2.0",
    )
    case = make_case(lead_image=image)
    page = visitor.get(case.get_absolute_url()).content.decode()
    assert (
        '<img class="figure__image" src="/media/images/2019/court.jpg" alt="A court building">'
        in page
    )
    assert (
        '<meta property="og:image" content="http://testserver/media/images/2019/court.jpg">' in page
    )


def test_it_sets_title_description_canonical_and_open_graph(case_page):
    assert (
        "<title>Serikzhan Bilash: arrest of a Kazakh human-rights defender · Casefile</title>"
        in case_page
    )
    assert '<meta name="description" content="Serikzhan Bilash, founder of the Kazakh' in case_page
    assert '<link rel="canonical" href="http://testserver/cases/serikzhan-bilash/">' in case_page
    assert '<meta property="og:type" content="article">' in case_page
    assert (
        '<meta property="og:url" content="http://testserver/cases/serikzhan-bilash/">' in case_page
    )
    assert (
        '<meta property="og:title" content="Serikzhan Bilash: arrest of a Kazakh human-rights defender">'
        in case_page
    )


def test_it_paginates_long_timelines(db, visitor):
    case = make_case()
    for day in range(EVENTS_PER_PAGE * 2 + 20):
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    first = visitor.get(case.get_absolute_url()).content.decode()
    last = visitor.get(f"{case.get_absolute_url()}?page=3").content.decode()
    assert first.count('<li class="event') == EVENTS_PER_PAGE
    assert 'rel="next" href="?page=2"' in first
    assert "Page 1 of 3" in first
    assert last.count('<li class="event') == 20
    assert 'rel="prev" href="?page=2"' in last
    assert '<link rel="canonical" href="http://testserver/cases/case-' in last
    assert '?page=3">' in last


@pytest.mark.parametrize("number", ["0", "-1", "abc", "999999", "1.5"])
def test_it_answers_a_page_that_does_not_exist_with_a_readable_404(demo_case, visitor, number):
    response = visitor.get("/cases/serikzhan-bilash/", {"page": number})
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert f"There is no page “{number}”. This timeline has only one page." in page
    assert "Serikzhan Bilash: arrest of a Kazakh human-rights defender" in page


def test_it_escapes_a_bad_page_number_in_its_message(demo_case, visitor):
    response = visitor.get("/cases/serikzhan-bilash/", {"page": "<b>x</b>"})
    assert response.status_code == 404
    assert "<b>x</b>" not in response.content.decode()
    assert "&lt;b&gt;x&lt;/b&gt;" in response.content.decode()


def test_it_returns_404_for_an_unknown_case(db, visitor):
    response = visitor.get("/cases/no-such-case/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_it_answers_only_get_and_head(demo_case, visitor):
    assert visitor.post("/cases/serikzhan-bilash/").status_code == 405
    assert visitor.head("/cases/serikzhan-bilash/").status_code == 200


def test_it_renders_the_timeline_partial_alone_for_later_swaps(demo_case):
    request = RequestFactory().get("/cases/serikzhan-bilash/")
    page, page_error = timeline_page(request, demo_case.events.published())
    fragment = render_to_string(
        "cases/case.html#timeline", {"page": page, "page_error": page_error}, request
    )
    # The count first, in its own live region, then the list that swaps under it.
    assert fragment.lstrip().startswith('<div class="timeline__status" id="timeline-status"')
    assert '<div class="timeline" id="timeline">' in fragment
    assert fragment.count('<li class="event') == 9
    assert "<html" not in fragment


def test_it_shows_an_empty_state_for_a_case_without_public_events(db, visitor):
    case = make_case()
    make_actor()
    page = visitor.get(case.get_absolute_url()).content.decode()
    assert "No published events yet." in page


def test_page_links_keep_the_other_parameters_of_the_address(db, visitor):
    case = make_case()
    for day in range(51):
        make_event(case, start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    page = visitor.get(case.get_absolute_url(), {"kind": "statement", "page": "1"}).content.decode()
    assert 'rel="next" href="?kind=statement&amp;page=2"' in page


def _compressed_size(content: bytes) -> int:
    import gzip

    return len(gzip.compress(content, 9))


def test_case_page_transfers_at_most_30_kb_compressed(demo_case, visitor, settings):
    """What a phone fetches to read the demo case: the page and every file it loads by itself,
    gzip-compressed. htmx comes only when the visitor reaches for the filters; named, not loaded."""
    from django.contrib.staticfiles import finders

    settings.DEBUG = False  # django-htmx's error display is a debugging aid, not sent to readers
    page = visitor.get(demo_case.get_absolute_url()).content
    loaded = re.findall(
        rb'<(?:link rel="(?:stylesheet|icon)"|script)[^>]* (?:href|src)="/static/([^"]+)"', page
    )
    assert {b"css/casefile.css", b"js/casefile.js", b"favicon.svg"} <= set(loaded)
    assert b"django_htmx/htmx-2.min.js" not in loaded
    assert b'data-htmx="/static/django_htmx/htmx-2.min.js"' in page

    sizes = {"page": _compressed_size(page)}
    for name in loaded:
        with open(finders.find(name.decode()), "rb") as file:
            sizes[name.decode()] = _compressed_size(file.read())
    assert sum(sizes.values()) <= 30 * 1024, sizes
