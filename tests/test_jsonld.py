"""schema.org JSON-LD for case and event pages: it parses, says what the page is about, holds
nothing unpublished, and no title can break out of its script element."""

import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place, make_source

pytestmark = pytest.mark.django_db

BREAKOUT = "</script><script>alert(1)</script><!--"


def render(tag: str, **context) -> str:
    request = RequestFactory().get("/")
    template = Template("{% load structured_data %}{% " + tag + " %}")
    return template.render(Context({"request": request, **context}))


def parse(html: str) -> dict:
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.DOTALL)
    assert match, html
    return json.loads(match.group(1))


def test_an_event_is_a_schema_org_event_with_dates_place_and_participants(demo_case):
    hearing = demo_case.events.get(slug="astana-court-hearing")

    data = parse(render("event_jsonld event", event=hearing))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["url"] == "http://testserver/cases/serikzhan-bilash/events/astana-court-hearing/"
    assert data["name"] == hearing.title
    assert data["startDate"] == "2019-03-19"
    assert data["location"] == {
        "@type": "Place",
        "name": "Astana",
        "address": {"@type": "PostalAddress", "addressCountry": "KZ"},
    }
    roles = {(item["roleName"], item["attendee"]["name"]) for item in data["attendee"]}
    assert ("subject", "Serikzhan Bilash") in roles
    bilash = next(i["attendee"] for i in data["attendee"] if i["roleName"] == "subject")
    assert bilash["@type"] == "Person"
    assert bilash["url"] == "http://testserver/actors/serikzhan-bilash/"
    case, source = data["subjectOf"]
    assert case["url"] == "http://testserver/cases/serikzhan-bilash/"
    assert source["datePublished"] == "2019-03-19"


def test_an_event_keeps_the_precision_of_its_dates(demo_case):
    house_arrest = demo_case.events.get(slug="bilash-house-arrest")
    camps = demo_case.events.get(slug="xinjiang-camp-detentions")

    assert parse(render("event_jsonld event", event=house_arrest))["endDate"] == "2019-05"
    camps_data = parse(render("event_jsonld event", event=camps))
    assert camps_data["startDate"] == "2017-04"
    assert "endDate" not in camps_data


def test_a_case_is_a_dataset_with_its_downloads_period_places_and_subjects(demo_case):
    data = parse(render("case_jsonld case", case=demo_case))

    assert data["@type"] == "Dataset"
    assert data["name"] == demo_case.title
    assert data["description"].startswith("Serikzhan Bilash, founder of")
    assert data["temporalCoverage"] == "2017-04/.."
    assert {place["name"] for place in data["spatialCoverage"]} == {
        "Astana",
        "Göttingen",
        "Xinjiang",
    }
    assert {actor["name"] for actor in data["about"]} == {"Serikzhan Bilash", "Atajurt"}
    assert {item["contentUrl"] for item in data["distribution"]} == {
        "http://testserver/cases/serikzhan-bilash/export.json",
        "http://testserver/cases/serikzhan-bilash/export.csv",
    }


def test_a_case_whose_events_all_ended_has_a_closed_period():
    case = make_case()
    make_event(case, start_date="2019-03-09")

    assert parse(render("case_jsonld case", case=case))["temporalCoverage"] == (
        "2019-03-09/2019-03-09"
    )


@pytest.mark.parametrize("tag", ["case_jsonld case", "event_jsonld event"])
def test_a_title_with_a_closing_script_tag_cannot_break_out(tag):
    case = make_case(title=BREAKOUT, summary=BREAKOUT)
    event = make_event(case, title=BREAKOUT, summary=BREAKOUT, place=make_place(name=BREAKOUT))

    html = render(tag, case=case, event=event)

    assert html.lower().count("</script") == 1
    assert "<!--" not in html
    assert "\\u003C/script\\u003E" in html
    assert parse(html)["name"] == BREAKOUT


def test_it_names_no_draft_actor_in_an_event(demo_case):
    hidden = make_actor(name="Hidden Informant", publication_status=PublicationStatus.DRAFT)
    event = make_event(demo_case, actors=[hidden, make_actor()], sources=[make_source()])

    html = render("event_jsonld event", event=event)

    assert len(parse(html)["attendee"]) == 1
    assert "Hidden Informant" not in html


def test_it_leaves_out_a_draft_subject_of_a_case():
    case = make_case()
    make_event(case)
    case.subjects.add(make_actor(name="Hidden Subject", publication_status=PublicationStatus.DRAFT))

    assert "Hidden Subject" not in render("case_jsonld case", case=case)


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_it_writes_nothing_for_an_unpublished_event_or_case(status):
    draft_case = make_case(publication_status=status)
    public_case = make_case()

    assert render("case_jsonld case", case=draft_case) == ""
    assert render("event_jsonld event", event=make_event(draft_case)) == ""
    assert (
        render("event_jsonld event", event=make_event(public_case, publication_status=status)) == ""
    )


def test_the_case_tag_does_not_query_more_for_more_events(
    large_case, django_assert_max_num_queries
):
    """Guards the case page's JSON-LD against a query per event or place; what it counts
    about the case (and the precision of its period's ends) is read once per publication
    generation. (Outside a request each cached read reads the generation, 2 of the 3 below;
    a page reads it once.)"""
    with django_assert_max_num_queries(16):
        data = parse(render("case_jsonld case", case=large_case))
    with django_assert_max_num_queries(3):
        assert parse(render("case_jsonld case", case=large_case)) == data

    assert len(data["spatialCoverage"]) == 4
