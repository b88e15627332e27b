"""Counts grouped as each language groups numbers, and country and language names in Kazakh and
Uyghur (CLDR, through Babel), with English exactly as it was."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.timesince import timesince
from django_countries.data import COUNTRIES
from django_countries.fields import Country

from caseapp.cases import status
from caseapp.cases.models import LANGUAGE_CHOICES, Source
from caseapp.cases.strip import Bucket, _bucket_label
from caseapp.cases.templatetags.casefile import day
from caseapp.localised import grouped

COUNT = Template(
    "{% load i18n localised %}"
    "{% blocktranslate trimmed count counter=n|grouped %}"
    "{{ counter }} event{% plural %}{{ counter }} events{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # English pages have always written counts as bare digits.
        ("en", "12345"),
        ("de", "12.345"),
        ("ru", "12\N{NO-BREAK SPACE}345"),
        ("kk", "12\N{NO-BREAK SPACE}345"),
        ("ug", "12,345"),
    ],
)
def test_a_count_is_grouped_as_its_language_groups_numbers(language, expected):
    with translation.override(language):
        assert str(grouped(12345)) == expected
        assert Template("{% load localised %}{{ n|grouped }}").render(Context({"n": 12345})) == (
            expected
        )


def test_a_count_chooses_the_plural_by_the_number_and_shows_it_grouped():
    with translation.override("en"):
        assert COUNT.render(Context({"n": 1})) == "1 event"
        assert COUNT.render(Context({"n": 12345})) == "12345 events"
    with translation.override("ru"):
        # Russian chooses among its forms by the number: 12 345 takes the "many" form.
        many = COUNT.render(Context({"n": 12345}))
        few = COUNT.render(Context({"n": 3}))
    assert many.startswith("12\N{NO-BREAK SPACE}345 ")
    assert few.startswith("3 ")
    assert many.removeprefix("12\N{NO-BREAK SPACE}345 ") != few.removeprefix("3 ")


def test_a_count_stays_a_number_for_comparisons_and_sums():
    count = grouped(1234)
    assert count == 1234 and count > 1000 and count + 1 == 1235
    assert grouped(None) is None


def test_the_strip_columns_count_in_the_language_of_the_page():
    bucket = Bucket(datetime.date(2019, 3, 1), datetime.date(2019, 3, 31), 1234, 0)
    with translation.override("en"):
        assert _bucket_label(bucket, "year") == "2019: 1234 events"
    with translation.override("de"):
        assert "1.234" in _bucket_label(bucket, "year")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "9 March 2019"),
        ("de", "9. März 2019"),
        ("ru", "9 марта 2019 г."),
        ("kk", "2019 жылғы 9 наурыз"),
        ("ug", "2019-يىلى 9-مارت"),
    ],
)
def test_a_day_reads_in_the_language_of_the_page_and_keeps_its_iso_value(language, expected):
    """The "as of" lines and the sources' dates: DATE_FORMAT of caseapp/formats or Django's."""
    with translation.override(language):
        assert day(datetime.date(2019, 3, 9)) == f'<time datetime="2019-03-09">{expected}</time>'


def test_kazakh_and_uyghur_format_numbers_as_cldr_does():
    with translation.override("kk"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1\N{NO-BREAK SPACE}234,5"
    with translation.override("ug"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"


def test_english_country_names_are_django_countries_own():
    with translation.override("en"):
        for code, name in COUNTRIES.items():
            assert Country(code).name == str(name)


@pytest.mark.parametrize(
    ("language", "kazakhstan", "china", "germany"),
    [
        ("en", "Kazakhstan", "China", "Germany"),
        ("de", "Kasachstan", "China", "Deutschland"),
        ("ru", "Казахстан", "Китай", "Германия"),
        ("kk", "Қазақстан", "Қытай", "Германия"),
        ("ug", "قازاقىستان", "جۇڭگو", "گېرمانىيە"),
    ],
)
def test_countries_are_named_in_the_language_of_the_page(language, kazakhstan, china, germany):
    with translation.override(language):
        assert [Country(code).name for code in ("KZ", "CN", "DE")] == [kazakhstan, china, germany]


def test_every_country_has_a_kazakh_and_a_uyghur_name():
    for language in ("kk", "ug"):
        with translation.override(language):
            english = [code for code, name in COUNTRIES.items() if Country(code).name == str(name)]
        # Only names CLDR writes the English way (none in Cyrillic or Arabic script).
        assert english == [], language


@pytest.mark.parametrize(
    ("language", "kazakh", "uyghur", "russian"),
    [
        ("en", "Kazakh", "Uyghur", "Russian"),
        ("de", "Kasachisch", "Uigurisch", "Russisch"),
        ("ru", "казахский", "уйгурский", "русский"),
        ("kk", "қазақ тілі", "ұйғыр тілі", "орыс тілі"),
        ("ug", "قازاقچە", "ئۇيغۇرچە", "رۇسچە"),
    ],
)
def test_a_sources_language_is_named_in_the_language_of_the_page(language, kazakh, uyghur, russian):
    with translation.override(language):
        names = [Source(language=code).get_language_display() for code in ("kk", "ug", "ru")]
    assert names == [kazakh, uyghur, russian]


def test_english_language_names_are_djangos_own():
    with translation.override("en"):
        for code, name in LANGUAGE_CHOICES:
            assert Source(language=code).get_language_display() == name


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "7\N{NO-BREAK SPACE}years, 8\N{NO-BREAK SPACE}months"),
        ("de", "7\N{NO-BREAK SPACE}Jahre, 8\N{NO-BREAK SPACE}Monate"),
        ("ru", "7\N{NO-BREAK SPACE}лет, 8\N{NO-BREAK SPACE}месяцев"),
        ("kk", "7\N{NO-BREAK SPACE}жыл, 8\N{NO-BREAK SPACE}ай"),
    ],
)
def test_the_time_since_the_arrest_reads_in_the_language_of_the_page(language, expected):
    """Django ships no Kazakh words for a span of time; the status card's are in the catalogue."""
    with translation.override(language):
        since = timesince(
            datetime.date(2019, 3, 10),
            datetime.date(2026, 11, 27),
            time_strings=status._SPAN_WORDS,
            depth=2,
        )
    assert since == expected
