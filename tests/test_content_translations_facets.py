"""Names that reach a page through Python rather than `{% tr %}`: the facets' choices, the chips
and the time strip's marks show each name in the page's language where it is translated, else
the original marked `lang="en"` (with `dir="ltr"` on a right-to-left page), in as many queries
as an English page; drafts stay out in every language."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseapp.cases.models import Role
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place

CASE = "/cases/bilash/"


def labels(content: str, facet: str) -> dict[str, str]:
    """{value: the label's opening tag attributes and text} of a facet's choices."""
    found = re.findall(
        rf'name="{facet}" value="([\w-]+)"[^>]*> <span class="facet__label"([^>]*)>([^<]*)</span>',
        content,
    )
    return {value: (attributes, text) for value, attributes, text in found}


@pytest.fixture
def translated_case(db):
    case = make_case(slug="bilash", title="Bilash case", title_de="Der Fall Bilash")
    court = make_actor(name="Court in Astana", name_de="Gericht in Astana", slug="court")
    union = make_actor(name="European Union", slug="union")
    draft = make_actor(
        name="Hidden draft",
        name_de="Verborgener Entwurf",
        slug="hidden",
        publication_status=PublicationStatus.DRAFT,
    )
    almaty = make_place(name="Almaty city", name_de="Stadt Almaty", slug="almaty")
    astana = make_place(name="Astana", slug="astana")
    day = datetime.date(2019, 3, 1)
    make_event(
        case,
        title="Court hears the case",
        title_de="Gericht verhandelt",
        slug="hearing",
        start_date=day,
        place=astana,
        actors=[(court, Role.WITNESS), (draft, Role.WITNESS)],
    )
    make_event(
        case,
        title="Union writes a letter",
        slug="letter",
        start_date=day + datetime.timedelta(days=40),
        place=almaty,
        actors=[(union, Role.WITNESS)],
    )
    return case


def test_a_german_page_names_translated_choices_in_german(translated_case, visitor):
    content = visitor.get(f"/de{CASE}").content.decode()
    assert labels(content, "actor")["court"] == ("", "Gericht in Astana")
    assert labels(content, "place")["almaty"] == ("", "Stadt Almaty")


def test_an_untranslated_choice_keeps_its_original_marked_as_english(translated_case, visitor):
    content = visitor.get(f"/de{CASE}").content.decode()
    assert labels(content, "actor")["union"] == (' lang="en"', "European Union")
    assert labels(content, "place")["astana"] == (' lang="en"', "Astana")
    # Names carry no "not yet translated" marker.
    assert "untranslated" not in content.split('id="facet-actor"')[1].split("</details>")[0]


def test_on_a_right_to_left_page_the_original_reads_left_to_right(translated_case, visitor):
    content = visitor.get(f"/ug{CASE}").content.decode()
    assert labels(content, "actor")["union"] == (' lang="en" dir="ltr"', "European Union")


def test_an_english_page_is_unchanged(translated_case, visitor):
    content = visitor.get(CASE).content.decode()
    assert labels(content, "actor") == {
        "court": ("", "Court in Astana"),
        "union": ("", "European Union"),
    }
    assert labels(content, "place") == {"almaty": ("", "Almaty city"), "astana": ("", "Astana")}
    body = content.split("<body")[1]
    assert '<span lang="en">' not in body and 'class="facet__label" lang' not in body


def test_choices_are_ordered_by_the_name_shown(translated_case, visitor):
    # Equal counts: "Stadt Almaty" after "Astana" in German, before it in English ("Almaty city").
    assert list(labels(visitor.get(f"/de{CASE}").content.decode(), "place")) == [
        "astana",
        "almaty",
    ]
    assert list(labels(visitor.get(CASE).content.decode(), "place")) == ["almaty", "astana"]


def test_a_facet_search_finds_a_name_in_german(translated_case, visitor):
    content = visitor.get(f"/de{CASE}", {"actor_search": "gericht"}).content.decode()
    assert labels(content, "actor") == {"court": ("", "Gericht in Astana")}
    content = visitor.get(f"/de{CASE}", {"place_search": "stadt"}).content.decode()
    assert labels(content, "place") == {"almaty": ("", "Stadt Almaty")}


def test_a_case_is_found_by_its_title_in_the_page_language(translated_case, visitor):
    content = visitor.get("/de/timeline/", {"case_search": "der fall"}).content.decode()
    assert labels(content, "case") == {"bilash": ("", "Der Fall Bilash")}


def test_drafts_are_never_offered_in_any_language(translated_case, visitor):
    for path in (f"/de{CASE}", f"/ug{CASE}", CASE):
        content = visitor.get(path).content.decode()
        assert "hidden" not in labels(content, "actor")
        assert "Verborgener" not in content and "Hidden draft" not in content
    content = visitor.get(f"/de{CASE}", {"actor_search": "verborgener"}).content.decode()
    assert labels(content, "actor") == {}


def test_chips_name_the_chosen_record_in_the_page_language(translated_case, visitor):
    content = visitor.get(f"/de{CASE}", {"actor": ["court", "union"]}).content.decode()
    chips = content.split('<ul class="chips"')[1].split("</ul>")[0]
    assert "</span> Gericht in Astana<" in chips
    assert '</span> <span lang="en">European Union</span><' in chips
    english = visitor.get(CASE, {"actor": ["court", "union"]}).content.decode()
    chips = english.split('<ul class="chips"')[1].split("</ul>")[0]
    assert "</span> Court in Astana<" in chips and "</span> European Union<" in chips


def test_the_widget_header_names_the_filter_in_the_page_language(translated_case, visitor):
    content = visitor.get(f"/embed{CASE}", {"lang": "de", "actor": "union"}).content.decode()
    assert '<span lang="en">European Union</span>' in content


def test_strip_marks_are_named_in_the_page_language(translated_case, visitor):
    content = visitor.get(f"/de{CASE}").content.decode()
    marks = re.findall(
        r'<a class="strip__mark[^"]*" href="[^"]*"([^>]*)><title>([^<]*)</title>', content
    )
    assert any(attributes == "" and "Gericht verhandelt" in title for attributes, title in marks)
    assert any(
        attributes == ' lang="en"' and "Union writes a letter" in title
        for attributes, title in marks
    )
    english = visitor.get(CASE).content.decode()
    marks = re.findall(r'<a class="strip__mark[^"]*" href="[^"]*"([^>]*)><title>', english)
    assert marks and all(attributes == "" for attributes in marks)


@pytest.mark.parametrize("query", [{}, {"actor": "union"}, {"actor_search": "a"}])
def test_a_german_page_asks_no_more_queries_than_an_english_one(translated_case, visitor, query):
    counts = {}
    for prefix in ("", "/de"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(f"{prefix}{CASE}", query).status_code == 200
        counts[prefix] = len(queries)
    assert counts["/de"] == counts[""]


def test_a_quote_reads_in_its_own_direction_on_a_right_to_left_page(demo_case, visitor):
    path = demo_case.get_absolute_url()
    uyghur = visitor.get(f"/ug{path}").content.decode()
    quotes = re.findall(r'<blockquote class="citation__quote"[^>]*>', uyghur)
    assert quotes and all('dir="auto"' in quote for quote in quotes)
    english = visitor.get(path).content.decode()
    assert 'dir="auto"' not in english


def test_the_status_line_is_marked_where_it_is_not_translated(demo_case, visitor):
    path = demo_case.get_absolute_url()
    russian = visitor.get(f"/ru{path}").content.decode()
    line = russian.split('<span class="status-card__line">')[1].split("</span>")[0]
    assert line.startswith('<span lang="en">')
    english = visitor.get(path).content.decode()
    assert '<span class="status-card__line"><span' not in english
