"""Searches ignore case in every script, on SQLite as on PostgreSQL."""

import pytest

from caseapp.sqlite import like
from tests.factories import make_actor, make_case, make_event


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("%серикжан%", "Серикжан Билаш", True),
        ("%SERIKJAN%", "Serikjan Bilash", True),
        ("%göttingen%", "GÖTTINGEN", True),
        ("%50\\%%", "up to 50% of", True),
        ("%50\\%%", "up to 500 of", False),
        ("a_c", "abc", True),
        ("a_c", "abbc", False),
        ("%x%", None, None),
    ],
)
def test_like_folds_case_in_every_script_and_keeps_its_wildcards(pattern, value, expected):
    assert like(pattern, value, "\\") == expected


def test_the_directory_finds_a_cyrillic_alias_typed_in_lower_case(db, visitor):
    make_actor(name="Serikzhan Bilash", slug="serikzhan-bilash", aliases="Серикжан Билаш")
    page = visitor.get("/actors/", {"q": "серикжан"}).content.decode()
    assert "Serikzhan Bilash" in page


def test_the_timeline_filter_finds_cyrillic_words_in_any_case(db, visitor):
    case = make_case()
    make_event(case, title="Суд в Астане")
    make_event(case, title="Something else")
    page = visitor.get(case.get_absolute_url(), {"q": "СУД"}).content.decode()
    assert "Суд в Астане" in page
    assert "Something else" not in page
