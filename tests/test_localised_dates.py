"""Dates in German, Russian, Kazakh and Uyghur with the grammar each needs, and exactly the
precision, qualifiers and ranges of English: "seit April 2017", "с апреля 2017 года", "2017
жылғы сәуірден бері", "2017-يىلى ئاپرېلدىن بۇيان".

These read the real catalogues (locale/*/LC_MESSAGES/django.mo): the phrases and month forms
of `caseapp/cases/dates.py` must be translated there, as a reader of the page would see them.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import pgettext

from caseapp.cases import dates
from caseapp.cases.dates import Precision, Slot
from caseapp.cases.strip import StripData, _words
from caseapp.cases.templatetags.casefile import event_date

D = datetime.date
TODAY = D(2026, 11, 27)

# What is being dated, in the order of the expected phrases below.
SINGLE = [
    (D(2019, 3, 9), "day", "exact"),
    (D(2019, 3, 1), "month", "exact"),
    (D(2019, 1, 1), "year", "exact"),
    (D(2019, 3, 9), "day", "circa"),
    (D(2019, 3, 1), "month", "circa"),
    (D(2018, 1, 1), "year", "circa"),
    (D(2019, 3, 9), "day", "before"),
    (D(2019, 3, 1), "month", "before"),
    (D(2019, 1, 1), "year", "before"),
    (D(2019, 3, 9), "day", "after"),
    (D(2019, 3, 1), "month", "after"),
    (D(2019, 1, 1), "year", "after"),
    (D(2019, 3, 9), "day", "since"),
    (D(2017, 4, 1), "month", "since"),
    (D(2017, 1, 1), "year", "since"),
]
RANGES = [
    # Days of one month.
    (D(2019, 3, 11), "day", "exact", D(2019, 3, 13), "day", "exact"),
    # Two dates of one year.
    (D(2019, 3, 11), "day", "exact", D(2019, 5, 1), "month", "exact"),
    (D(2019, 3, 1), "month", "exact", D(2019, 5, 1), "month", "exact"),
    # Across years, and hedged.
    (D(2018, 11, 2), "day", "exact", D(2019, 5, 1), "month", "exact"),
    (D(2018, 3, 1), "month", "since", D(2019, 1, 1), "year", "circa"),
    # Between: the same year, then two years.
    (D(2019, 3, 11), "day", "after", D(2019, 5, 1), "month", "before"),
    (D(2018, 3, 1), "month", "after", D(2019, 5, 20), "day", "before"),
    (D(2017, 1, 1), "year", "after", D(2019, 1, 1), "year", "before"),
]

EXPECTED = {
    "de": [
        "9. März 2019",
        "März 2019",
        "2019",
        "ca. 9. März 2019",
        "ca. März 2019",
        "ca. 2018",
        "vor dem 9. März 2019",
        "vor März 2019",
        "vor 2019",
        "nach dem 9. März 2019",
        "nach März 2019",
        "nach 2019",
        "seit dem 9. März 2019",
        "seit April 2017",
        "seit 2017",
        ("%(start)s–%(end)s", "11.", "13. März 2019"),
        ("%(start)s – %(end)s", "11. März", "Mai 2019"),
        ("%(start)s – %(end)s", "März", "Mai 2019"),
        ("%(start)s – %(end)s", "2. November 2018", "Mai 2019"),
        ("%(start)s – %(end)s", "seit März 2018", "ca. 2019"),
        ("zwischen %(start)s und %(end)s", "dem 11. März", "Mai 2019"),
        ("zwischen %(start)s und %(end)s", "März 2018", "dem 20. Mai 2019"),
        ("zwischen %(start)s und %(end)s", "2017", "2019"),
    ],
    "ru": [
        "9 марта 2019 года",
        "март 2019 года",
        "2019 год",
        "около 9 марта 2019 года",
        "около марта 2019 года",
        "около 2018 года",
        "до 9 марта 2019 года",
        "до марта 2019 года",
        "до 2019 года",
        "после 9 марта 2019 года",
        "после марта 2019 года",
        "после 2019 года",
        "с 9 марта 2019 года",
        "с апреля 2017 года",
        "с 2017 года",
        ("%(start)s–%(end)s", "11", "13 марта 2019 года"),
        ("%(start)s – %(end)s", "11 марта", "май 2019 года"),
        ("%(start)s – %(end)s", "март", "май 2019 года"),
        ("%(start)s – %(end)s", "2 ноября 2018 года", "май 2019 года"),
        ("%(start)s – %(end)s", "с марта 2018 года", "около 2019 года"),
        ("между %(start)s и %(end)s", "11 марта", "маем 2019 года"),
        ("между %(start)s и %(end)s", "мартом 2018 года", "20 мая 2019 года"),
        ("между %(start)s и %(end)s", "2017 годом", "2019 годом"),
    ],
    "kk": [
        "2019 жылғы 9 наурыз",
        "2019 жылғы наурыз",
        "2019 жыл",
        "шамамен 2019 жылғы 9 наурыз",
        "шамамен 2019 жылғы наурыз",
        "шамамен 2018 жыл",
        "2019 жылғы 9 наурызға дейін",
        "2019 жылғы наурызға дейін",
        "2019 жылға дейін",
        "2019 жылғы 9 наурыздан кейін",
        "2019 жылғы наурыздан кейін",
        "2019 жылдан кейін",
        "2019 жылғы 9 наурыздан бері",
        "2017 жылғы сәуірден бері",
        "2017 жылдан бері",
        # The year leads, so a range within a year writes it with the first date.
        ("%(start)s–%(end)s", "2019 жылғы 11", "13 наурыз"),
        ("%(start)s – %(end)s", "2019 жылғы 11 наурыз", "мамыр"),
        ("%(start)s – %(end)s", "2019 жылғы наурыз", "мамыр"),
        ("%(start)s – %(end)s", "2018 жылғы 2 қараша", "2019 жылғы мамыр"),
        ("%(start)s – %(end)s", "2018 жылғы наурыздан бері", "шамамен 2019 жыл"),
        ("%(start)s %(end)s дейінгі аралықта", "2019 жылғы 11 наурыздан", "мамырға"),
        (
            "%(start)s %(end)s дейінгі аралықта",
            "2018 жылғы наурыздан",
            "2019 жылғы 20 мамырға",
        ),
        ("%(start)s %(end)s дейінгі аралықта", "2017 жылдан", "2019 жылға"),
    ],
    "ug": [
        "2019-يىلى 9-مارت",
        "2019-يىلى مارت",
        "2019-يىلى",
        "تەخمىنەن 2019-يىلى 9-مارت",
        "تەخمىنەن 2019-يىلى مارت",
        "تەخمىنەن 2018-يىلى",
        "2019-يىلى 9-مارتتىن ئىلگىرى",
        "2019-يىلى مارتتىن ئىلگىرى",
        "2019-يىلىدىن ئىلگىرى",
        "2019-يىلى 9-مارتتىن كېيىن",
        "2019-يىلى مارتتىن كېيىن",
        "2019-يىلىدىن كېيىن",
        "2019-يىلى 9-مارتتىن بۇيان",
        "2017-يىلى ئاپرېلدىن بۇيان",
        "2017-يىلىدىن بۇيان",
        ("%(start)s–%(end)s", "2019-يىلى 11", "13-مارت"),
        ("%(start)s – %(end)s", "2019-يىلى 11-مارت", "ماي"),
        ("%(start)s – %(end)s", "2019-يىلى مارت", "ماي"),
        ("%(start)s – %(end)s", "2018-يىلى 2-نويابىر", "2019-يىلى ماي"),
        ("%(start)s – %(end)s", "2018-يىلى مارتتىن بۇيان", "تەخمىنەن 2019-يىلى"),
        ("%(start)s بىلەن %(end)s ئارىلىقىدا", "2019-يىلى 11-مارت", "ماي"),
        ("%(start)s بىلەن %(end)s ئارىلىقىدا", "2018-يىلى مارت", "2019-يىلى 20-ماي"),
        ("%(start)s بىلەن %(end)s ئارىلىقىدا", "2017-يىلى", "2019-يىلى"),
    ],
}


CASES = [
    pytest.param(language, given, phrase, id=f"{language}-{given}")
    for language, expected in EXPECTED.items()
    for given, phrase in zip([*SINGLE, *RANGES], expected, strict=True)
]


@pytest.mark.parametrize(("language", "given", "expected"), CASES)
def test_each_language_writes_every_precision_qualifier_and_range_with_its_grammar(
    language, given, expected
):
    with translation.override(language):
        parts = dates.range_parts(*given)
    if isinstance(expected, str):
        assert tuple(parts) == ("%(start)s", expected, None)
    else:
        assert tuple(parts) == expected


@pytest.mark.parametrize(
    ("language", "spans"),
    [
        ("en", ["From April 2017 to today", "In April 2017", "From April 2017 to May 2019"]),
        ("de", ["Von April 2017 bis heute", "Im April 2017", "Von April 2017 bis Mai 2019"]),
        (
            "ru",
            [
                "С апреля 2017 года по сегодняшний день",
                "В апреле 2017 года",
                "С апреля 2017 года по май 2019 года",
            ],
        ),
        (
            "kk",
            [
                "2017 жылғы сәуірден бастап бүгінге дейін",
                "2017 жылғы сәуірде",
                "2017 жылғы сәуірден бастап 2019 жылғы мамырға дейін",
            ],
        ),
        (
            "ug",
            [
                "2017-يىلى ئاپرېلدىن بۈگۈنگىچە",
                "2017-يىلى ئاپرېلدا",
                "2017-يىلى ئاپرېلدىن 2019-يىلى مايغىچە",
            ],
        ),
    ],
)
def test_the_time_strip_says_its_span_in_each_language(language, spans):
    ongoing = StripData(3, D(2017, 4, 1), D(2019, 5, 1), True, [], None)
    one_month = StripData(3, D(2017, 4, 1), D(2017, 4, 20), False, [], None)
    closed = StripData(3, D(2017, 4, 1), D(2019, 5, 1), False, [], None)
    with translation.override(language):
        titles = [_words(data, TODAY, False)[0] for data in (ongoing, one_month, closed)]
    for title, span in zip(titles, spans, strict=True):
        assert title.startswith(span)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["March to May 2019", "November 2018 to May 2019"]),
        ("de", ["März bis Mai 2019", "November 2018 bis Mai 2019"]),
        ("ru", ["с марта по май 2019 года", "с ноября 2018 года по май 2019 года"]),
        (
            "kk",
            [
                "2019 жылғы наурыздан бастап мамырға дейін",
                "2018 жылғы қарашадан бастап 2019 жылғы мамырға дейін",
            ],
        ),
        ("ug", ["2019-يىلى مارتتىن مايغىچە", "2018-يىلى نويابىردىن 2019-يىلى مايغىچە"]),
    ],
)
def test_the_close_up_names_its_months_in_each_language(language, expected):
    def period(start, end):
        same_year = start.year == end.year
        first = dates.words(
            start, Precision.MONTH, Slot.SPAN_FROM_SAME_YEAR if same_year else Slot.SPAN_FROM
        )
        last = dates.words(
            end, Precision.MONTH, Slot.SPAN_TO_SAME_YEAR if same_year else Slot.SPAN_TO
        )
        return pgettext("time strip, close-up", "%(first)s to %(last)s") % {
            "first": first,
            "last": last,
        }

    with translation.override(language):
        assert [
            period(D(2019, 3, 1), D(2019, 5, 31)),
            period(D(2018, 11, 1), D(2019, 5, 31)),
        ] == expected


def test_each_date_of_a_kazakh_range_keeps_its_own_time_element_and_iso_value():
    event = SimpleNamespace(start_iso="2019-03-11", end_iso="2019-03-13")
    with translation.override("kk"):
        event.date_parts = dates.range_parts(D(2019, 3, 11), "day", "exact", D(2019, 3, 13), "day")
        html = event_date(event)
    assert html == (
        '<time datetime="2019-03-11">2019 жылғы 11</time>–'
        '<time datetime="2019-03-13">13 наурыз</time>'
    )


def test_a_month_date_in_russian_keeps_its_reduced_iso_value():
    event = SimpleNamespace(start_iso="2017-04", end_iso="")
    with translation.override("ru"):
        event.date_parts = dates.range_parts(D(2017, 4, 1), "month", "since")
        html = event_date(event)
    assert html == '<time datetime="2017-04">с апреля 2017 года</time>'


def test_a_phrase_that_names_what_the_date_lacks_falls_back_to_english(monkeypatch):
    """A translation of a year's phrase that names a month must not break the page."""
    mistaken = lazy(
        lambda: "%(month)s %(year)s" if translation.get_language() else "%(year)s", str
    )()
    monkeypatch.setitem(dates._PHRASES[Slot.DATE], Precision.YEAR, mistaken)
    with translation.override("de"):
        assert dates.words(D(2019, 1, 1), Precision.YEAR) == "2019"
