"""Bad filter values get a readable message beside their field, never a 500 and never an
unescaped echo; the other filters still apply."""

import html
import re

import pytest

from caseapp.cases.models import Event

CASE = "/cases/serikzhan-bilash/"
TIMELINES = [CASE, "/timeline/", "/actors/serikzhan-bilash/"]
FRAGMENT = {"HX-Request": "true"}


def field_message(response, name: str) -> str:
    """The message shown beside a field of the filter form (empty when there is none)."""
    content = response.content.decode()
    match = re.search(rf'<p class="field__error" id="filter-{name}-error"[^>]*>(.*?)</p>', content)
    assert match, f"no message element for {name}"
    return html.unescape(match.group(1)).strip()


def listed(response) -> list[str]:
    return re.findall(r'<li class="event[^"]*" id="([\w-]+)">', response.content.decode())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13-45", "2019-13-45 is not a date on the calendar."),
        ("2019-02-30", "2019-02-30 is not a date on the calendar."),
        ("yesterday", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
        ("0000", "The year must be 0001 or later."),
        ("19-03", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2019-3", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2019-03-09" + " " * 50 + "x", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
    ],
)
@pytest.mark.parametrize("name", ["from", "to"])
def test_a_bad_date_is_explained_beside_its_field(demo_case, visitor, name, value, message):
    response = visitor.get(CASE, {name: value, "actor": "jebeu"})
    assert response.status_code == 200
    assert field_message(response, name) == message
    # The date is left out; the actor still filters.
    assert listed(response) == ["jebeu-open-letter", "bilash-arrested"]


def test_from_after_to_is_explained_beside_to(demo_case, visitor):
    response = visitor.get(CASE, {"from": "2019-05", "to": "2019-03"})
    assert response.status_code == 200
    assert field_message(response, "to") == (
        "“To” (March 2019) lies before “From” (May 2019): swap them or widen the window."
    )
    assert field_message(response, "from") == ""


def test_the_same_month_as_from_and_to_is_a_window_not_a_mistake(demo_case, visitor):
    response = visitor.get(CASE, {"from": "2019-03", "to": "2019-03"})
    assert field_message(response, "to") == ""


@pytest.mark.parametrize(
    ("url", "query", "name", "message"),
    [
        (CASE, {"actor": "nobody"}, "actor", "There is no actor “nobody” on Casefile."),
        (
            CASE,
            {"actor": ["jebeu", "nobody", "no-one"]},
            "actor",
            "There are no actors “nobody”, “no-one” on Casefile.",
        ),
        (CASE, {"actor": "Not A Slug!"}, "actor", "There is no actor “Not A Slug!” on Casefile."),
        (CASE, {"kind": "coup"}, "kind", "There is no kind of event “coup”."),
        (CASE, {"place": "atlantis"}, "place", "There is no place “atlantis” on Casefile."),
        ("/timeline/", {"case": "no-case"}, "case", "There is no published case “no-case”."),
    ],
)
def test_an_unknown_value_is_named_beside_its_field(demo_case, visitor, url, query, name, message):
    response = visitor.get(url, query)
    assert response.status_code == 200
    assert field_message(response, name) == message
    assert 'class="chip"' not in response.content.decode()


def test_a_long_unknown_value_is_quoted_short(demo_case, visitor):
    response = visitor.get(CASE, {"place": "x" * 5000})
    assert field_message(response, "place") == f"There is no place “{'x' * 39}…” on Casefile."
    assert "x" * 100 not in response.content.decode()


@pytest.mark.parametrize("number", ["0", "-1", "999999", "abc"])
def test_a_page_that_does_not_exist_is_a_readable_404_that_keeps_the_filter(
    demo_case, visitor, number
):
    response = visitor.get(CASE, {"actor": "jebeu", "page": number})
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert f"There is no page “{number}”. This timeline has only one page." in page
    assert '<a href="?actor=jebeu&page=1">Go to the first page</a>' in page


def test_a_search_of_ten_thousand_characters_is_refused_in_words(demo_case, visitor):
    response = visitor.get(CASE, {"q": "a" * 10_000})
    assert response.status_code == 200
    assert field_message(response, "q") == (
        "Search with at most 200 characters; this search has 10000."
    )
    assert len(listed(response)) == 9
    assert "a" * 201 not in response.content.decode()


def test_a_search_of_many_words_is_refused_in_words(demo_case, visitor):
    response = visitor.get(CASE, {"q": " ".join(["word"] * 11)})
    assert field_message(response, "q") == (
        "Search with at most 10 words; fewer words find more events."
    )


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE cases_event; --",
    "%_\\",
    "{{ request }} {% debug %}",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("url", TIMELINES)
def test_metacharacters_are_searched_for_and_echoed_only_escaped(demo_case, visitor, url, value):
    for headers in [{}, FRAGMENT]:
        response = visitor.get(url, {"q": value}, headers=headers)
        assert response.status_code == 200
        content = response.content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        # Template syntax is text to search for, never rendered.
        assert "WSGIRequest" not in content
        if not any(character.isalnum() for character in value):
            # Nothing to search for: said so, and the search left out.
            assert "too common to search for" in content
    assert Event.objects.count() == 9


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["actor", "kind", "place", "from", "to", "case", "page"])
def test_metacharacters_in_any_parameter_come_back_escaped(demo_case, visitor, name, value):
    for url in TIMELINES:
        for headers in [{}, FRAGMENT]:
            response = visitor.get(url, {name: value}, headers=headers)
            assert response.status_code in (200, 404)
            content = response.content.decode()
            assert "<script>alert" not in content
            assert "<img src=x" not in content


def test_a_null_character_is_refused_in_words(demo_case, visitor):
    for name in ["q", "actor", "from"]:
        response = visitor.get(CASE, {name: "bil\x00ash"})
        assert response.status_code == 200
        assert field_message(response, name)
        assert "\x00" not in response.content.decode()


def test_a_value_repeated_hundreds_of_times_counts_once(demo_case, visitor):
    response = visitor.get(CASE, {"actor": ["jebeu"] * 500, "kind": ["arrest"] * 500})
    assert response.status_code == 200
    assert listed(response) == ["bilash-arrested"]
    assert response.content.decode().count('class="chip"') == 2


def test_hundreds_of_different_values_are_refused_in_words(demo_case, visitor):
    response = visitor.get(
        CASE, {"actor": [f"actor-{n}" for n in range(300)], "kind": ["arrest"] * 3}
    )
    assert response.status_code == 200
    assert field_message(response, "actor") == "Choose at most 20 actors at once, not 300."
    assert listed(response) == ["bilash-arrested"]


def test_a_single_valued_parameter_repeated_takes_its_last_value(demo_case, visitor):
    response = visitor.get(CASE, {"place": ["atlantis"] * 300 + ["astana"], "q": ["x"] * 300})
    assert response.status_code == 200
    assert field_message(response, "place") == ""
    assert listed(response) == []
    assert "“x”" in html.unescape(response.content.decode())


def test_a_fragment_with_a_bad_value_carries_its_message_for_the_form(demo_case, visitor):
    response = visitor.get(CASE, {"from": "yesterday", "kind": "arrest"}, headers=FRAGMENT)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert (
        '<p class="field__error" id="filter-from-error" aria-live="polite" data-hx-swap-oob="innerHTML">'
        "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD. </p>"
    ) in content
    # Fields without a problem get their old message cleared.
    assert (
        '<p class="field__error" id="filter-kind-error" aria-live="polite" data-hx-swap-oob="innerHTML">'
        "</p>"
    ) in content
    assert listed(response) == ["bilash-arrested"]


def test_the_words_field_shows_no_more_than_its_limit(demo_case, visitor):
    response = visitor.get(CASE, {"q": "b" * 5000})
    field = re.search(r'<input[^>]*id="filter-q"[^>]*>', response.content.decode()).group(0)
    assert f'value="{"b" * 200}"' in field
