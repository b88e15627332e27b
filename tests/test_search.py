"""Word search (`q`) on both databases: full-text with stems and prefixes, case folded in every
script, names and aliases by any part, the index kept current however events are written, and
nothing unpublished found."""

import datetime
import re

import pytest
from django.conf import settings

from caseapp.cases import search
from caseapp.cases.models import Event, EventKind
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place

CASE = "/cases/searched/"


def listed(response) -> list[str]:
    return re.findall(r'<li class="event[^"]*" id="([\w-]+)"', response.content.decode())


@pytest.fixture
def searched(db):
    case = make_case(slug="searched")
    bilash = make_actor(name="Serikzhan Bilash", aliases="Serikjan Bilash\nСерикжан Билаш")
    make_event(
        case,
        slug="arrested",
        title="Founder of Atajurt arrested in Almaty",
        summary="Accused under **Article 174** of the Criminal Code.",
        actors=[bilash],
        start_date=datetime.date(2019, 3, 9),
    )
    make_event(
        case,
        slug="hearing",
        title="Суд в Астане рассматривает дело",
        summary="Заседание по делу Қазақстан",
        start_date=datetime.date(2019, 3, 19),
    )
    make_event(
        case,
        slug="closure",
        title="Office closed",
        summary="Computers confiscated by officials.",
        place=make_place(name="Алматы", slug="almaty-cyrillic"),
        start_date=datetime.date(2019, 3, 20),
    )
    return case


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("arrests", ["arrested"]),  # a stem
        ("ARRESTED", ["arrested"]),
        ("Ataj", ["arrested"]),  # a prefix
        ("article 174", ["arrested"]),
        ("суд", ["hearing"]),  # Cyrillic, lower case for an upper-case title
        ("СУД", ["hearing"]),
        ("қазақстан", ["hearing"]),  # Kazakh letters fold too
        ("серикжан", ["arrested"]),  # an alias in another script, by any part
        ("rikja", ["arrested"]),
        ("алматы", ["closure"]),  # a place's name
        ("confiscated computers", ["closure"]),  # every word, in any order
        ("office arrested", []),
    ],
)
def test_words_find_events_in_every_script(searched, visitor, words, expected):
    assert listed(visitor.get(CASE, {"q": words})) == expected


def test_common_words_are_left_out_of_a_search_with_others(searched, visitor):
    assert listed(visitor.get(CASE, {"q": "the office"})) == ["closure"]


def test_the_index_follows_edits_and_deletions(searched, visitor):
    event = Event.objects.get(slug="closure")
    event.title = "Office sealed"
    event.save()
    assert listed(visitor.get(CASE, {"q": "sealed"})) == ["closure"]
    assert listed(visitor.get(CASE, {"q": "closed"})) == []
    event.delete()
    assert listed(visitor.get(CASE, {"q": "sealed"})) == []


def test_events_written_in_bulk_are_found(searched, visitor):
    event = Event(
        case=searched,
        slug="bulk",
        title="Written in bulk",
        kind=EventKind.OTHER,
        start_date=datetime.date(2020, 1, 1),
        publication_status=PublicationStatus.PUBLISHED,
    )
    event.fill_derived_fields()
    Event.objects.bulk_create([event])
    assert listed(visitor.get(CASE, {"q": "bulk"})) == ["bulk"]
    Event.objects.filter(slug="bulk").update(title="Changed without save")
    assert listed(visitor.get(CASE, {"q": "changed"})) == ["bulk"]


def test_nothing_unpublished_is_found(searched, visitor):
    make_event(searched, slug="draft", title="Secret draft", publication_status="draft")
    hidden_case = make_case(slug="hidden", publication_status="draft")
    make_event(hidden_case, slug="in-hidden", title="Secret in a draft case")
    secret = make_actor(name="Secret Witness", publication_status="draft")
    make_event(searched, slug="with-secret", title="A hearing", actors=[secret])
    assert listed(visitor.get(CASE, {"q": "secret"})) == []
    assert listed(visitor.get("/timeline/", {"q": "secret"})) == []


def test_a_search_at_size_is_the_database_s_work(db, visitor, django_assert_max_num_queries):
    """Guards word search against a query per word, match or actor."""
    case = make_case(slug="searched")
    actors = [make_actor(name=f"Person {n}") for n in range(20)]
    for n in range(120):
        make_event(case, title=f"Hearing number {n}", actors=[actors[n % 20]])
    visitor.get(CASE)
    with django_assert_max_num_queries(13):
        response = visitor.get(CASE, {"q": "hearing person number"})
    assert len(listed(response)) == 25


# ---------------------------------------------------------------- every language

# The page languages: English at today's addresses, the others under their prefix.
PREFIXES = ["", "/de", "/ru", "/kk", "/ug"]


@pytest.fixture
def translated(db):
    """A case whose first event is translated into every language, and whose second is not."""
    case = make_case(slug="searched")
    make_event(
        case,
        slug="arrested",
        title="Founder of Atajurt arrested in Almaty",
        summary="Accused of inciting discord.",
        title_de="Gründer von Atajurt in Almaty festgenommen",
        summary_de="Angeklagt wegen Anstiftung zur Zwietracht.",
        title_ru="Основатель Атажурта задержан в Алматы",
        summary_ru="Обвинён в разжигании розни.",
        title_kk="Атажұрт негізін қалаушы Алматыда ұсталды",
        summary_kk="Араздықты қоздырды деп айыпталды.",
        title_ug="ئاتاجۇرت قۇرغۇچىسى ئالمۇتادا تۇتۇلدى",
        summary_ug="ئىختىلاپ قوزغىدى دەپ ئەيىبلەندى.",
        start_date=datetime.date(2019, 3, 9),
    )
    make_event(
        case,
        slug="untranslated",
        title="Office closed",
        summary="Computers confiscated by officials.",
        start_date=datetime.date(2019, 3, 20),
    )
    return case


# Words of the translated event, each of which finds it alone.
WORDS_OF_EVERY_LANGUAGE = [
    "festgenommen",  # German
    "FESTGENOMMEN",
    "Zwietracht",  # a word of the German summary
    "festgenom",  # a prefix
    "Gründer festgenommen",  # every word, in one language
    "Gründer arrested",  # every word, in any of the event's languages
    "задержан",  # Russian
    "ЗАДЕРЖ",  # a prefix, case folded
    "розни",
    "ұсталды",  # Kazakh
    "ҰСТАЛ",
    "қоздырды",
    "تۇتۇلدى",  # Uyghur
    "تۇتۇل",  # a prefix
    "ئەيىبلەندى",
    "arrests",  # English keeps its stems
    "inciting",
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_word_of_any_language_finds_the_event_on_every_page_language(translated, visitor, prefix):
    for words in WORDS_OF_EVERY_LANGUAGE:
        found = listed(visitor.get(f"{prefix}{CASE}", {"q": words}))
        assert found == ["arrested"], words
        # The timeline of every case names its events with their case's slug.
        found = listed(visitor.get(f"{prefix}/timeline/", {"q": words}))
        assert found == ["searched--arrested"], words


@pytest.mark.parametrize(
    "words", ["festgenommen office", "задержан closed", "Zwietracht arrests x"]
)
def test_words_of_two_events_find_neither(translated, visitor, words):
    assert listed(visitor.get(CASE, {"q": words})) == []


def test_the_index_follows_edits_of_translations(translated, visitor):
    event = Event.objects.get(slug="untranslated")
    event.title_de = "Büro versiegelt"
    event.save()
    assert listed(visitor.get(CASE, {"q": "versiegelt"})) == ["untranslated"]
    event.title_de = "Büro geschlossen"
    event.save()
    assert listed(visitor.get(CASE, {"q": "versiegelt"})) == []
    assert listed(visitor.get(CASE, {"q": "geschlossen"})) == ["untranslated"]
    Event.objects.filter(slug="untranslated").update(summary_ug="ئىشخانا تاقالدى")
    assert listed(visitor.get(CASE, {"q": "تاقالدى"})) == ["untranslated"]
    Event.objects.filter(slug="untranslated").update(summary_ug=None)
    assert listed(visitor.get(CASE, {"q": "تاقالدى"})) == []
    event.delete()
    assert listed(visitor.get(CASE, {"q": "geschlossen"})) == []


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_translation_of_anything_unpublished_is_found(translated, visitor, prefix):
    for status in ("draft", "review"):
        make_event(translated, title="Secret", title_de="Geheimnis", publication_status=status)
    hidden_case = make_case(slug="hidden", publication_status="draft")
    make_event(hidden_case, title="Secret", title_ru="Тайна", title_ug="مەخپىي")
    for words in ("geheimnis", "тайна", "مەخپىي"):
        assert listed(visitor.get(f"{prefix}{CASE}", {"q": words})) == []
        assert listed(visitor.get(f"{prefix}/timeline/", {"q": words})) == []


def test_the_searched_languages_are_the_sites():
    """Adding a language to the settings needs a migration that indexes its columns
    (see `cases.0016_search_translations`)."""
    assert search.ORIGINAL_LANGUAGE == settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    assert {search.ORIGINAL_LANGUAGE, *search.TRANSLATED_LANGUAGES} == set(
        settings.MODELTRANSLATION_LANGUAGES
    )
    for column in search.TRANSLATED_COLUMNS:
        assert Event._meta.get_field(column)


@pytest.mark.django_db
def test_the_word_search_triggers_outlive_every_migration():
    """SQLite copies a table into a new one for many schema changes (a column with a default,
    for one), and the copy leaves its triggers behind: a migration that changes cases_event must
    make the search's triggers anew, or new and edited events are never found."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL searches an index over the columns, which outlives ALTER TABLE.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'"
        )
        assert {name for (name,) in cursor.fetchall()} == set(search._TRIGGERS)
