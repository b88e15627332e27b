"""The case in Knight Lab TimelineJS3's JSON format: dates only as precise as known, our own date
words, escaped headlines, a credited image where there is one."""

import datetime
import json

import pytest

from caseapp.cases.models import Image
from caseapp.opendata import queries as opendata_queries
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db

URL = "/cases/serikzhan-bilash/timelinejs.json"


def timeline(client, case, **params) -> dict:
    response = client.get(f"/cases/{case.slug}/timelinejs.json", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(b"".join(response.streaming_content))


def slides(client, case) -> dict[str, dict]:
    return {slide["unique_id"]: slide for slide in timeline(client, case)["events"]}


def test_the_title_slide_is_the_case(visitor, demo_case):
    title = timeline(visitor, demo_case)["title"]

    assert title["text"]["headline"] == demo_case.title
    assert "<p>Serikzhan Bilash, founder of" in title["text"]["text"]
    assert "start_date" not in title


def test_every_published_event_is_a_slide_with_a_start_date(visitor, demo_case):
    events = timeline(visitor, demo_case)["events"]

    assert [slide["unique_id"] for slide in events] == [
        event.slug for event in demo_case.events.published()
    ]
    assert all(slide["start_date"]["year"] for slide in events)


def test_a_month_precision_event_has_a_month_and_no_day(visitor, demo_case):
    camps = slides(visitor, demo_case)["xinjiang-camp-detentions"]

    assert camps["start_date"] == {"year": 2017, "month": 4}
    assert camps["display_date"] == "since April 2017"
    assert "end_date" not in camps


def test_a_range_has_an_end_date_at_its_own_precision(visitor, demo_case):
    house_arrest = slides(visitor, demo_case)["bilash-house-arrest"]

    assert house_arrest["start_date"] == {"year": 2019, "month": 3, "day": 11}
    assert house_arrest["end_date"] == {"year": 2019, "month": 5}
    assert house_arrest["display_date"] == "11 March – May 2019"


def test_a_year_precision_event_has_only_a_year(visitor):
    case = make_case()
    make_event(case, start_date=datetime.date(2018, 1, 1), start_precision="year")

    (slide,) = timeline(visitor, case)["events"]

    assert slide["start_date"] == {"year": 2018}


def test_a_slide_has_the_kind_as_group_the_summary_and_its_sources(visitor, demo_case):
    arrest = slides(visitor, demo_case)["bilash-arrested"]

    assert arrest["group"] == "Arrest"
    assert arrest["text"]["headline"] == "Serikzhan Bilash arrested"
    assert "<strong>Article 174</strong>" in arrest["text"]["text"]
    assert 'href="https://www.gfbv.de/en/news/' in arrest["text"]["text"]
    assert "para. 3" in arrest["text"]["text"]
    assert (
        'href="http://testserver/cases/serikzhan-bilash/events/bilash-arrested/"'
        in arrest["text"]["text"]
    )


def test_headlines_and_summaries_cannot_carry_markup(visitor):
    case = make_case(title="<b>Case</b>")
    make_event(
        case,
        title="<img src=x onerror=alert(1)>",
        summary="<script>alert(1)</script> and [a link](javascript:alert(1))",
        sources=[make_source(title="<i>Source</i>")],
    )

    document = timeline(visitor, case)
    (slide,) = document["events"]

    assert document["title"]["text"]["headline"] == "&lt;b&gt;Case&lt;/b&gt;"
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script" not in slide["text"]["text"]
    assert "javascript:" not in slide["text"]["text"]
    assert "<i>" not in slide["text"]["text"]


def test_the_demo_case_image_has_no_file_so_there_is_no_media(visitor, demo_case):
    document = timeline(visitor, demo_case)

    assert demo_case.lead_image is not None
    assert "media" not in document["title"]
    assert all("media" not in slide for slide in document["events"])


def test_a_lead_image_with_a_file_becomes_media_with_credit_and_caption(visitor):
    image = Image.objects.create(
        file="images/2019/court.jpg",
        caption="A court in Astana",
        credit="BBC World Service via Flickr",
        licence="CC BY 2.0",
        alt_text="The court building",
    )
    case = make_case(lead_image=image)
    make_event(case)

    media = timeline(visitor, case)["title"]["media"]

    assert media == {
        "url": "http://testserver/media/images/2019/court.jpg",
        "caption": "A court in Astana",
        "credit": "BBC World Service via Flickr, CC BY 2.0",
        "alt": "The court building",
    }


def test_it_hides_drafts_from_the_timeline(visitor):
    case = make_case()
    public = make_event(case)
    make_event(case, title="A draft event", publication_status=PublicationStatus.DRAFT)
    make_event(case, title="In review", publication_status=PublicationStatus.REVIEW)

    assert list(slides(visitor, case)) == [public.slug]


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_an_unpublished_case_has_no_timeline(visitor, status):
    case = make_case(publication_status=status)
    make_event(case)

    assert visitor.get(f"/cases/{case.slug}/timelinejs.json").status_code == 404


def test_any_site_may_load_the_timeline_and_caches_may_keep_it(visitor, demo_case):
    response = visitor.get(URL)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert visitor.post(URL).status_code == 405


@pytest.mark.parametrize("params", [{}, {"lang": "ru"}])
def test_the_timeline_does_not_query_more_for_more_events(
    visitor, large_case, params, django_assert_max_num_queries
):
    """Guards the TimelineJS export of a 200-event case against a query per event, in any
    language: the case (2), then one chunk of events with their citations (2)."""
    with django_assert_max_num_queries(5):  # + the publication generation
        document = timeline(visitor, large_case, **params)

    assert len(document["events"]) == 200


def test_the_timeline_queries_per_chunk_of_events_not_per_event(
    visitor, large_case, monkeypatch, django_assert_max_num_queries
):
    """Guards the streamed TimelineJS export against growing per event: with chunks of 30,
    200 events take 7 chunks of 2 queries (events, citations) after the case (2)."""
    monkeypatch.setattr(opendata_queries, "CHUNK_SIZE", 30)

    with django_assert_max_num_queries(1 + 2 + 7 * 2):  # + the publication generation
        document = timeline(visitor, large_case)

    assert [slide["unique_id"] for slide in document["events"]] == [
        event.slug for event in large_case.events.published()
    ]


# ---------------------------------------------------------------- languages


@pytest.fixture
def translated_case(db):
    case = make_case(slug="translated", title="A case", title_de="Ein Fall")
    make_event(
        case,
        slug="arrest",
        title="Founder arrested",
        summary="He was taken **away**.",
        title_de="Gründer verhaftet",
        summary_de="Er wurde **abgeführt**.",
        kind="arrest",
        start_date=datetime.date(2019, 3, 9),
        sources=[make_source()],
    )
    make_event(case, slug="untranslated", title="Office closed", sources=[make_source()])
    return case


def test_the_timeline_is_in_the_original_unless_a_language_is_asked_for(visitor, translated_case):
    document = timeline(visitor, translated_case)
    slide = {slide["unique_id"]: slide for slide in document["events"]}["arrest"]

    assert document["title"]["text"]["headline"] == "A case"
    assert slide["text"]["headline"] == "Founder arrested"
    assert "<strong>away</strong>" in slide["text"]["text"]
    assert 'href="http://testserver/cases/translated/events/arrest/"' in slide["text"]["text"]


def test_a_timeline_in_another_language_shows_its_translations_and_else_the_original(
    visitor, translated_case
):
    document = timeline(visitor, translated_case, lang="de")
    slides = {slide["unique_id"]: slide for slide in document["events"]}

    assert document["title"]["text"]["headline"] == "Ein Fall"
    assert slides["arrest"]["text"]["headline"] == "Gründer verhaftet"
    assert "<strong>abgeführt</strong>" in slides["arrest"]["text"]["text"]
    # Its links lead to the pages in that language.
    assert (
        'href="http://testserver/de/cases/translated/events/arrest/"'
        in (slides["arrest"]["text"]["text"])
    )
    assert slides["untranslated"]["text"]["headline"] == "Office closed"
    # The slide's words are the language's, the slugs and dates' numbers stay.
    assert slides["arrest"]["start_date"] == {"year": 2019, "month": 3, "day": 9}
    assert document == timeline(visitor, translated_case, lang="de")


@pytest.mark.parametrize("lang", ["", "xx", "de-DE", "EN", "<script>"])
def test_a_language_the_site_does_not_have_is_a_clear_400(visitor, translated_case, lang):
    response = visitor.get("/cases/translated/timelinejs.json", {"lang": lang})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "is not a language of Casefile: use en, de, ru, kk, ug." in response.content.decode()
