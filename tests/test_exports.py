"""A case's open data: the JSON document and the CSV of its events match the database, hold
nothing unpublished and open cleanly in a spreadsheet."""

import csv
import datetime
import io
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseapp.cases.models import Image
from caseapp.opendata import queries as opendata_queries
from caseapp.opendata.exports import decode_list, encode_list, guard_formula, unguard_formula
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place, make_source

pytestmark = pytest.mark.django_db

JSON_URL = "/cases/serikzhan-bilash/export.json"
CSV_URL = "/cases/serikzhan-bilash/export.csv"


def content(response) -> bytes:
    """The whole body of a streamed export."""
    assert response.streaming
    return b"".join(response.streaming_content)


def export_json(client, case) -> dict:
    response = client.get(f"/cases/{case.slug}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(content(response))


def export_rows(client, case) -> list[dict[str, str]]:
    response = client.get(f"/cases/{case.slug}/export.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))


# ---------------------------------------------------------------- JSON


def test_the_json_export_names_its_schema_and_holds_the_case(visitor, demo_case):
    document = export_json(visitor, demo_case)

    assert document["schema"] == "casefile-case/1"
    assert document["case"]["slug"] == "serikzhan-bilash"
    assert document["case"]["title"] == demo_case.title
    assert document["case"]["url"] == "http://testserver/cases/serikzhan-bilash/"
    assert document["case"]["subjects"] == ["atajurt", "serikzhan-bilash"]
    assert document["case"]["lead_image"]["credit"] == "BBC World Service via Flickr"
    assert document["case"]["lead_image"]["licence"] == "CC BY 2.0"
    assert document["case"]["lead_image"]["url"] is None


def test_the_json_export_keeps_each_dates_precision_and_qualifier(visitor, demo_case):
    events = {event["slug"]: event for event in export_json(visitor, demo_case)["events"]}

    camps = events["xinjiang-camp-detentions"]
    assert camps["start"] == {"date": "2017-04", "precision": "month", "qualifier": "since"}
    assert camps["end"] is None
    assert camps["date_text"] == "since April 2017"
    assert camps["approximate"] is True
    house_arrest = events["bilash-house-arrest"]
    assert house_arrest["start"] == {"date": "2019-03-11", "precision": "day", "qualifier": "exact"}
    assert house_arrest["end"] == {"date": "2019-05", "precision": "month", "qualifier": "exact"}
    assert house_arrest["milestone"] is True
    assert list(events) == [event.slug for event in demo_case.events.published()]


def test_the_json_export_links_events_to_actors_roles_and_sources(visitor, demo_case):
    document = export_json(visitor, demo_case)
    events = {event["slug"]: event for event in document["events"]}
    actors = {actor["slug"]: actor for actor in document["actors"]}
    sources = {source["id"]: source for source in document["sources"]}

    video = events["bilash-forced-video"]
    assert {(p["actor"], p["role"]) for p in video["participants"]} == {
        ("kazakh-intelligence-officials", "perpetrator"),
        ("serikzhan-bilash", "victim"),
        ("aiman-umarova", "lawyer"),
    }
    assert actors["serikzhan-bilash"]["name"] == "Serikzhan Bilash"
    assert "Serikjan Bilash" in actors["serikzhan-bilash"]["aliases"]
    assert actors["serikzhan-bilash"]["kind"] == "person"
    citation = video["citations"][0]
    assert citation["locator"] == "para. 5"
    assert "Aiman Umarova" in citation["quote"]
    source = sources[citation["source"]]
    assert source["published_on"] == "2019-03-19"
    assert source["kind"] == "press_release"
    assert source["publisher"] == "Society for Threatened Peoples (STP)"
    every_cited_actor = {p["actor"] for event in events.values() for p in event["participants"]}
    assert every_cited_actor <= set(actors)


def test_the_json_export_leaves_out_drafts_and_editors_notes(visitor):
    case = make_case()
    hidden_actor = make_actor(name="Hidden Informant", publication_status=PublicationStatus.DRAFT)
    shown_actor = make_actor()
    make_event(
        case,
        actors=[hidden_actor, shown_actor],
        sources=[make_source(notes="Call the editor before quoting")],
    )
    make_event(case, title="A draft event", publication_status=PublicationStatus.DRAFT)
    make_event(case, title="An event in review", publication_status=PublicationStatus.REVIEW)

    body = content(visitor.get(f"/cases/{case.slug}/export.json"))
    document = json.loads(body)

    assert len(document["events"]) == 1
    assert [actor["slug"] for actor in document["actors"]] == [shown_actor.slug]
    for hidden in (b"Hidden Informant", b"A draft event", b"in review", b"Call the editor"):
        assert hidden not in body


# ---------------------------------------------------------------- CSV


def test_the_csv_export_starts_with_a_byte_order_mark_and_has_a_row_per_event(visitor, demo_case):
    response = visitor.get(CSV_URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content(response).startswith("\ufeffslug,title,kind,start,".encode())
    rows = export_rows(visitor, demo_case)
    assert [row["slug"] for row in rows] == [event.slug for event in demo_case.events.published()]


def test_the_csv_export_writes_dates_as_partial_iso_with_precision_and_qualifier(
    visitor, demo_case
):
    rows = {row["slug"]: row for row in export_rows(visitor, demo_case)}

    camps = rows["xinjiang-camp-detentions"]
    assert (camps["start"], camps["start_precision"], camps["start_qualifier"]) == (
        "2017-04",
        "month",
        "since",
    )
    assert (camps["end"], camps["end_precision"], camps["end_qualifier"]) == ("", "", "")
    video = rows["bilash-forced-video"]
    assert (video["start"], video["start_qualifier"]) == ("2019-03-11", "after")
    assert (video["end"], video["end_precision"], video["end_qualifier"]) == (
        "2019-05",
        "month",
        "before",
    )
    assert video["date_text"] == "between 11 March and May 2019"


def test_the_csv_export_lists_actors_with_roles_and_sources_with_locators(visitor, demo_case):
    rows = {row["slug"]: row for row in export_rows(visitor, demo_case)}

    arrest = rows["bilash-arrested"]
    assert arrest["actors"] == (
        "serikzhan-bilash:subject; government-of-kazakhstan:authority; jebeu:accuser"
    )
    assert "serikzhan-bilash | Serikzhan Bilash | person" in arrest["actor_details"]
    citations = decode_list(arrest["sources"])
    assert [fields[0] for fields in citations] == [
        "https://www.gfbv.de/en/news/china-kritische-menschenrechtler-in-kasachstan-unter-druck0-9632/"
    ] * 2
    assert [fields[7] for fields in citations] == ["para. 1", "para. 3"]
    assert arrest["milestone"] == "true"
    assert arrest["kind"] == "arrest"
    assert rows["astana-court-hearing"]["place"] == "astana"
    assert rows["astana-court-hearing"]["place_country"] == "KZ"


def test_the_csv_export_defuses_cells_a_spreadsheet_would_run_as_formulas(visitor):
    case = make_case()
    make_event(
        case,
        title='=HYPERLINK("http://evil.example","click")',
        summary="- a list item in Markdown",
        actors=[make_actor(name="@handle")],
    )

    row = export_rows(visitor, case)[0]

    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'- a list item in Markdown"
    assert "| @handle |" in row["actor_details"]


def test_the_csv_export_leaves_out_drafts(visitor):
    case = make_case()
    hidden_actor = make_actor(name="Hidden Informant", publication_status=PublicationStatus.DRAFT)
    make_event(case, actors=[hidden_actor, make_actor()], sources=[make_source()])
    make_event(case, title="A draft event", publication_status=PublicationStatus.DRAFT)

    body = content(visitor.get(f"/cases/{case.slug}/export.csv"))

    assert len(export_rows(visitor, case)) == 1
    assert b"Hidden Informant" not in body
    assert hidden_actor.slug.encode() not in body
    assert b"A draft event" not in body


@pytest.mark.parametrize(
    "title",
    [
        " =1+1",
        "\u00a0=1+1",  # no-break space
        "\u2007\u3000=1+1",  # figure space, ideographic space
        "\u200b=1+1",  # zero-width space
        "＝1+1",  # full-width equals sign
        "  ＋1",
        "－1",
        "＠SUM(A1)",
        "\ufe66HYPERLINK()",  # small equals sign
    ],
)
def test_the_csv_export_defuses_formulas_behind_spaces_and_in_full_width(visitor, title):
    case = make_case()
    make_event(case, title=title)

    assert export_rows(visitor, case)[0]["title"] == f"'{title}"


@pytest.mark.parametrize("text", ["1 = 1", "a@example.org", "'quoted'", "Almaty — 2019", "٣"])
def test_the_guard_leaves_text_that_is_no_formula_alone(text):
    assert guard_formula(text) == text


@given(st.text())
def test_a_guarded_cell_reads_back_exactly(text):
    assert unguard_formula(guard_formula(text)) == text
    assert not guard_formula(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text(alphabet=st.sampled_from(" \t\u00a0\u2007\u3000\u200b'=＝+＋-－@＠﹦a1")))
def test_no_guarded_cell_starts_a_formula_after_spaces_or_normalising(text):
    guarded = unicodedata.normalize("NFKC", guard_formula(text)).lstrip().lstrip("\u200b")
    assert guarded.startswith("'") or not guarded.startswith(("=", "+", "-", "@"))
    assert unguard_formula(guard_formula(text)) == text


_field = st.text().map(str.strip).filter(lambda text: text == text.strip())


@given(st.lists(st.lists(_field, min_size=2, max_size=4), max_size=4))
def test_a_list_cell_reads_back_exactly(items):
    # An item of one empty field cannot be told from no item; exports never write one.
    assert decode_list(encode_list(items)) == items


def test_a_list_cell_keeps_separators_and_percent_signs_inside_values():
    items = [["https://example.org/a%3Bb;c", "Title | Publisher; part 2", "100% sure\nnext line"]]

    cell = encode_list(items)

    assert cell.count("|") == 2
    assert ";" not in cell
    assert decode_list(cell) == items


# ---------------------------------------------------------------- both


@pytest.mark.parametrize(
    ("url", "filename"),
    [(JSON_URL, "serikzhan-bilash.json"), (CSV_URL, "serikzhan-bilash-events.csv")],
)
def test_exports_download_under_a_filename_cacheable_and_cookie_free(
    visitor, demo_case, url, filename
):
    response = visitor.get(url)

    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    assert visitor.post(url).status_code == 405


@pytest.mark.parametrize("export", ["export.json", "export.csv"])
@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_an_unpublished_case_has_no_export(visitor, export, status):
    case = make_case(publication_status=status)
    make_event(case)

    assert visitor.get(f"/cases/{case.slug}/{export}").status_code == 404


@pytest.mark.parametrize("export", ["export.json", "export.csv", "timelinejs.json"])
def test_an_unknown_case_has_no_export(visitor, db, export):
    assert visitor.get(f"/cases/no-such-case/{export}").status_code == 404
    assert visitor.get(f"/cases/%00%3Cscript%3E/{export}").status_code == 404


@pytest.mark.parametrize(("export", "queries"), [("export.json", 9), ("export.csv", 7)])
def test_an_export_does_not_query_more_for_more_events(
    visitor, large_case, export, queries, django_assert_max_num_queries
):
    """Guards both exports of a 200-event case against a query per event, actor or source:
    the case (2), one chunk of events with their places, roles and citations (4), for JSON
    the actors and sources they name (1 each)."""
    with django_assert_max_num_queries(queries):
        body = content(visitor.get(f"/cases/{large_case.slug}/{export}"))

    assert body.count(b"/cases/large-case/events/") == 200


@pytest.mark.parametrize("export", ["export.json", "export.csv"])
def test_an_export_queries_per_chunk_of_events_not_per_event(
    visitor, large_case, export, monkeypatch, django_assert_max_num_queries
):
    """Guards the streamed exports against growing per event: with chunks of 30 events, 200
    events take 7 chunks of 4 queries (events, places, roles, citations), on top of the case
    (2) and, for JSON, the actors and sources they name (1 each per 30)."""
    monkeypatch.setattr(opendata_queries, "CHUNK_SIZE", 30)
    extra = 2 if export == "export.json" else 0

    # + 1: the publication generation, read once per public request (ETag, page cache).
    with django_assert_max_num_queries(1 + 2 + 7 * 4 + extra):
        body = content(visitor.get(f"/cases/{large_case.slug}/{export}"))

    assert body.count(b"/cases/large-case/events/") == 200


@pytest.mark.parametrize("export", ["export.json", "export.csv"])
def test_an_export_starts_before_it_reads_any_event(
    visitor, large_case, export, django_assert_num_queries
):
    response = visitor.get(f"/cases/{large_case.slug}/{export}")
    pieces = iter(response.streaming_content)

    with django_assert_num_queries(0):
        first = next(pieces)

    assert first.startswith((b'{\n  "schema": "casefile-case/1"', "\ufeffslug,".encode()))
    assert b"/events/" not in first
    assert b"".join(pieces).count(b"/cases/large-case/events/") == 200


@pytest.mark.parametrize("export", ["export.json", "export.csv", "timelinejs.json"])
def test_a_head_request_gets_the_headers_without_the_export_being_built(
    visitor, large_case, export, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = visitor.head(f"/cases/{large_case.slug}/{export}")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"]
    assert response["Content-Type"].startswith(("application/json", "text/csv"))
    assert b"".join(response.streaming_content) == b""


def test_the_json_export_is_indented_as_it_always_was(visitor, demo_case):
    body = content(visitor.get(JSON_URL)).decode()

    assert body == json.dumps(json.loads(body), indent=2, ensure_ascii=False)


def test_every_exported_event_links_its_permalink(visitor, demo_case):
    expected = {
        event.slug: f"http://testserver{event.get_absolute_url()}"
        for event in demo_case.events.all()
    }

    document = export_json(visitor, demo_case)
    rows = export_rows(visitor, demo_case)

    assert {event["slug"]: event["url"] for event in document["events"]} == expected
    assert {row["slug"]: row["url"] for row in rows} == expected
    actor = document["actors"][0]
    assert actor["url"] == f"http://testserver/actors/{actor['slug']}/"


def test_events_on_one_day_keep_their_order_across_chunks(visitor, monkeypatch):
    monkeypatch.setattr(opendata_queries, "CHUNK_SIZE", 2)
    case = make_case()
    day = datetime.date(2019, 3, 1)
    for qualifier, precision in [
        ("after", "day"),
        ("exact", "day"),
        ("before", "day"),
        ("exact", "month"),
        ("exact", "day"),
        ("exact", "year"),
        ("exact", "day"),
    ]:
        start = day.replace(month=1) if precision == "year" else day
        make_event(case, start_date=start, start_precision=precision, start_qualifier=qualifier)
    timeline = [event.slug for event in case.events.published()]

    assert [event["slug"] for event in export_json(visitor, case)["events"]] == timeline
    assert [row["slug"] for row in export_rows(visitor, case)] == timeline


def test_the_json_export_shows_the_image_when_there_is_a_file(visitor, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(
        file="images/2019/court.jpg", caption="A court", credit="Someone", licence="CC BY 2.0"
    )
    case = make_case(lead_image=image)
    make_event(case, place=make_place(), start_date=datetime.date(2019, 1, 1))

    lead_image = export_json(visitor, case)["case"]["lead_image"]

    assert lead_image["url"] == "http://testserver/media/images/2019/court.jpg"
    assert lead_image["caption"] == "A court"


# ---------------------------------------------------------------- every language


@pytest.fixture
def translated_case(db):
    """A case, an event, its place, actor, image and quote in the original and some languages."""
    image = Image.objects.create(
        caption="The court", caption_de="Das Gericht", alt_text="A building", credit="Someone"
    )
    case = make_case(
        slug="translated",
        title="A case",
        title_de="Ein Fall",
        summary_kk="Іс туралы.",
        status_line="Detained",
        status_line_ru="Задержан",
        lead_image=image,
    )
    place = make_place(name="Almaty", name_kk="Алматы", name_ug="ئالمۇتا", country="KZ")
    actor = make_actor(
        slug="bilash",
        name="Serikzhan Bilash",
        aliases="Serikjan Bilash",
        aliases_ru="Серикжан Билаш\nБилаш С.",
        bio_de="Ein Aktivist.",
    )
    event = make_event(
        case,
        slug="arrest",
        title="Founder arrested",
        summary="He was taken away.",
        title_de="Gründer verhaftet",
        summary_ug="ئۇ ئېلىپ كېتىلدى.",
        place=place,
        actors=[actor],
        sources=[make_source()],
    )
    # The citation as the admin saves it: the English translation in its `_en` column too.
    event.citations.update(
        quote="Er wurde verhaftet.",
        quote_translation="He was arrested.",
        quote_translation_en="He was arrested.",
        quote_translation_ru="Он был задержан.",
    )
    make_event(case, slug="untranslated", start_date=datetime.date(2020, 1, 1))
    make_event(
        case,
        slug="draft",
        title="A draft",
        title_de="Ein Entwurf",
        title_ru="Черновик",
        publication_status=PublicationStatus.DRAFT,
    )
    return case


def test_the_json_export_names_its_schema_version(visitor, translated_case):
    document = export_json(visitor, translated_case)

    assert (document["schema"], document["schema_version"]) == ("casefile-case/1", "1.4")


def test_the_json_export_keeps_the_original_and_adds_each_translation(visitor, translated_case):
    document = export_json(visitor, translated_case)
    case = document["case"]
    events = {event["slug"]: event for event in document["events"]}
    event = events["arrest"]

    assert (case["title"], case["summary"], case["status_line"]) == ("A case", "", "Detained")
    assert case["translations"] == {
        "de": {"title": "Ein Fall"},
        "ru": {"status_line": "Задержан"},
        "kk": {"summary": "Іс туралы."},
    }
    assert (case["lead_image"]["caption"], case["lead_image"]["alt_text"]) == (
        "The court",
        "A building",
    )
    assert case["lead_image"]["translations"] == {"de": {"caption": "Das Gericht"}}
    assert (event["title"], event["summary"]) == ("Founder arrested", "He was taken away.")
    assert event["translations"] == {
        "de": {"title": "Gründer verhaftet"},
        "ug": {"summary": "ئۇ ئېلىپ كېتىلدى."},
    }
    assert events["untranslated"]["translations"] == {}
    assert event["place"]["name"] == "Almaty"
    assert event["place"]["translations"] == {"kk": {"name": "Алматы"}, "ug": {"name": "ئالمۇتا"}}
    assert event["citations"][0]["quote"] == "Er wurde verhaftet."
    assert event["citations"][0]["quote_translation"] == "He was arrested."
    assert event["citations"][0]["translations"] == {
        "ru": {"quote_translation": "Он был задержан."}
    }
    (actor,) = document["actors"]
    assert (actor["name"], actor["aliases"], actor["bio"]) == (
        "Serikzhan Bilash",
        ["Serikjan Bilash"],
        "",
    )
    assert actor["translations"] == {
        "de": {"bio": "Ein Aktivist."},
        "ru": {"aliases": ["Серикжан Билаш", "Билаш С."]},
    }


def test_the_csv_export_has_a_title_and_summary_column_per_language_after_the_others(
    visitor, translated_case
):
    response = visitor.get(f"/cases/{translated_case.slug}/export.csv")
    header = content(response).decode("utf-8-sig").splitlines()[0]
    rows = {row["slug"]: row for row in export_rows(visitor, translated_case)}

    assert header.endswith(
        ",sources,url,title_de,summary_de,title_ru,summary_ru,title_kk,summary_kk,title_ug,summary_ug"
    )
    assert (rows["arrest"]["title"], rows["arrest"]["title_de"]) == (
        "Founder arrested",
        "Gründer verhaftet",
    )
    assert rows["arrest"]["summary_ug"] == "ئۇ ئېلىپ كېتىلدى."
    assert rows["arrest"]["summary_de"] == rows["untranslated"]["title_de"] == ""
    assert rows["arrest"]["place_name"] == "Almaty"


def test_no_language_of_a_draft_is_exported(visitor, translated_case):
    for export in ("export.json", "export.csv", "timelinejs.json?lang=ru"):
        body = content(visitor.get(f"/cases/{translated_case.slug}/{export}")).decode()
        assert "draft" not in body.lower()
        for text in ("Ein Entwurf", "Черновик"):
            assert text not in body


@pytest.mark.parametrize("language", ["de", "ru", "ug"])
def test_the_exports_hold_the_original_whatever_the_readers_language(
    visitor, translated_case, language
):
    """The exports have no address per language; a browser's language changes nothing."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    document = json.loads(content(visitor.get("/cases/translated/export.json", **headers)))
    body = content(visitor.get("/cases/translated/export.csv", **headers)).decode("utf-8-sig")

    assert document["events"][0]["title"] == "Founder arrested"
    assert next(csv.DictReader(io.StringIO(body)))["title"] == "Founder arrested"
    assert visitor.get(f"/{language}/cases/translated/export.json").status_code == 404
