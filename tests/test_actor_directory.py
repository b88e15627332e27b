"""The actor directory at size: pages, the A–Z index, search in every script, bounded counts."""

import html
import itertools
import re

import pytest

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.models import Role
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event

DRAFT = PublicationStatus.DRAFT
_numbers = itertools.count(1)


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def names_on(page: str) -> list[str]:
    return [
        html.unescape(name)
        for name in re.findall(r'<a class="actor-card__name" href="[^"]+">([^<]+)</a>', page)
    ]


def headings_on(page: str) -> list[str]:
    return re.findall(r'<h2 class="section-heading" id="kind-(\w+)">', page)


def nav(page: str, label: str) -> str:
    """The `<nav>` with this accessible name."""
    return page.split(f'aria-label="{label}"', 1)[1].split("</nav>", 1)[0]


def links_in(fragment: str) -> dict[str, str]:
    """Visible text → address of every link in `fragment`."""
    return {
        text_of(text): html.unescape(href)
        for href, text in re.findall(r'<a [^>]*?href="([^"]+)"[^>]*>(.*?)</a>', fragment)
    }


def make_actors(names: list[str], kind: str = ActorKind.PERSON, **fields) -> list[Actor]:
    """Published actors in bulk, derived fields filled as every bulk write must."""
    actors = [
        Actor(
            name=name,
            slug=f"bulk-actor-{next(_numbers)}",
            kind=kind,
            publication_status=PublicationStatus.PUBLISHED,
            **fields,
        )
        for name in names
    ]
    for actor in actors:
        actor.fill_derived_fields()
    return Actor.objects.bulk_create(actors)


def test_the_directory_shows_fifty_actors_a_page_in_name_order(db, visitor):
    make_actors([f"Person {number:03}" for number in range(120)])
    first = visitor.get("/actors/").content.decode()
    assert names_on(first) == [f"Person {number:03}" for number in range(50)]
    assert "120 actors. Showing 1 to 50." in text_of(first)
    assert "Page 1 of 3" in text_of(first)
    third = visitor.get("/actors/", {"page": 3}).content.decode()
    assert names_on(third) == [f"Person {number:03}" for number in range(100, 120)]


def test_the_page_links_lead_to_the_first_previous_next_and_last_pages(db, visitor):
    make_actors([f"Person {number:03}" for number in range(260)])
    page = visitor.get("/actors/", {"page": 3}).content.decode()
    links = links_in(nav(page, "Pages of the directory"))
    assert links == {
        "« First": "/actors/",
        "‹ Previous": "/actors/?page=2",
        "Next ›": "/actors/?page=4",
        "Last »": "/actors/?page=6",
    }
    assert '<a class="pagination__link" rel="next" href="/actors/?page=4">' in page
    for address in links.values():
        assert visitor.get(address).status_code == 200


def test_the_first_page_has_no_links_backwards_and_the_last_none_forwards(db, visitor):
    make_actors([f"Person {number:03}" for number in range(120)])
    first = links_in(nav(visitor.get("/actors/").content.decode(), "Pages of the directory"))
    last = links_in(nav(visitor.get("/actors/?page=3").content.decode(), "Pages of the directory"))
    assert list(first) == ["Next ›", "Last »"]
    assert list(last) == ["« First", "‹ Previous"]


def test_one_page_of_actors_shows_no_page_links(demo_case, visitor):
    assert "Pages of the directory" not in visitor.get("/actors/").content.decode()


def test_pages_run_kind_by_kind_and_a_page_can_hold_the_end_of_one_kind_and_the_start_of_the_next(
    db, visitor
):
    make_actors([f"Court {number:02}" for number in range(12)], kind=ActorKind.COURT)
    make_actors([f"Person {number:02}" for number in range(45)])
    make_actors([f"Group {number:02}" for number in range(48)], kind=ActorKind.GROUP)
    first = visitor.get("/actors/").content.decode()
    assert headings_on(first) == ["person", "court"]
    assert names_on(first) == [f"Person {n:02}" for n in range(45)] + [
        f"Court {n:02}" for n in range(5)
    ]
    second = visitor.get("/actors/?page=2").content.decode()
    assert headings_on(second) == ["court", "group"]
    assert names_on(second) == [f"Court {n:02}" for n in range(5, 12)] + [
        f"Group {n:02}" for n in range(43)
    ]
    third = visitor.get("/actors/?page=3").content.decode()
    assert names_on(third) == [f"Group {n:02}" for n in range(43, 48)]


def test_actors_with_the_same_name_each_appear_once_across_pages(db, visitor):
    make_actors(["Same Name"] * 70)
    first = names_on(visitor.get("/actors/").content.decode())
    second = names_on(visitor.get("/actors/?page=2").content.decode())
    slugs = re.findall(
        r'href="/actors/([\w-]+)/"',
        visitor.get("/actors/").content.decode() + visitor.get("/actors/?page=2").content.decode(),
    )
    assert len(first) == 50
    assert len(second) == 20
    assert len(set(slugs)) == 70


@pytest.mark.parametrize("number", ["3", "0", "-1", "abc", "1.5", "999999999999999999999999"])
def test_a_page_that_does_not_exist_is_a_404_with_a_readable_message(db, visitor, number):
    make_actors([f"Person {n:03}" for n in range(60)])
    response = visitor.get("/actors/", {"page": number})
    assert response.status_code == 404
    page = text_of(response.content.decode())
    assert f"There is no page “{number[:20]}”. This list has pages 1 to 2." in page
    assert 'href="/actors/">Go to the first page</a>' in response.content.decode()


def test_a_page_of_a_list_with_one_page_says_so(demo_case, visitor):
    response = visitor.get("/actors/", {"page": "2"})
    assert response.status_code == 404
    assert "There is no page “2”. This list has only one page." in text_of(
        response.content.decode()
    )


def test_a_page_number_cannot_inject_markup(demo_case, visitor):
    response = visitor.get("/actors/", {"page": "<b>x</b>"})
    assert response.status_code == 404
    assert "<b>x" not in response.content.decode()


@pytest.mark.parametrize("query", ["серикжан", "СЕРИКЖАН", "Серикжан", "билаш"])
def test_search_finds_a_cyrillic_alias_whatever_its_case(demo_case, visitor, query):
    page = visitor.get("/actors/", {"q": query}).content.decode()
    assert names_on(page) == ["Serikzhan Bilash"]


def test_search_ignores_case_beyond_ascii(db, visitor):
    make_actors(["Ärzte ohne Grenzen", "Straße der Freiheit"], kind=ActorKind.ORGANISATION)
    assert names_on(visitor.get("/actors/", {"q": "ärzte"}).content.decode()) == [
        "Ärzte ohne Grenzen"
    ]
    assert names_on(visitor.get("/actors/", {"q": "STRASSE"}).content.decode()) == [
        "Straße der Freiheit"
    ]


def test_search_survives_control_characters(demo_case, visitor):
    response = visitor.get("/actors/", {"q": "Seri\x00kzhan"})
    assert response.status_code == 200
    assert names_on(response.content.decode()) == ["Serikzhan Bilash"]


def test_the_a_to_z_index_links_the_letters_that_occur_in_every_script(db, visitor):
    make_actors(["Bilash", "ángel", "Émile", "Жанар", "Аскар", "Ёлка", "elena", "1st Battalion"])
    page = visitor.get("/actors/").content.decode()
    links = links_in(nav(page, "Initial letters"))
    assert list(links) == [
        "All letters",
        "Á",
        "B",
        "E",
        "É",
        "А",
        "Ё",
        "Ж",
        "# names that start with a digit, a sign or another letter",
    ]
    assert links["Ж"] == "/actors/?letter=%D0%96"
    assert "#" in nav(page, "Initial letters")


def test_a_letter_lists_the_names_that_start_with_it_in_either_case(db, visitor):
    make_actors(["de Gaulle", "Delius", "Atajurt"])
    page = visitor.get("/actors/", {"letter": "D"}).content.decode()
    assert sorted(names_on(page)) == ["Delius", "de Gaulle"]
    assert "2 actors’ names start with D." in text_of(page)
    assert '<a href="/actors/?letter=D" aria-current="page">D</a>' in page
    lower = visitor.get("/actors/", {"letter": "d"}).content.decode()
    assert sorted(names_on(lower)) == ["Delius", "de Gaulle"]


def test_a_cyrillic_letter_lists_its_names(demo_case, visitor):
    make_actors(["Жанар Сейткали"])
    page = visitor.get("/actors/", {"letter": "Ж"}).content.decode()
    assert names_on(page) == ["Жанар Сейткали"]


def test_names_that_start_with_a_digit_or_a_sign_are_under_the_other_initials(db, visitor):
    make_actors(["1st Battalion", "«Memorial»", "Atajurt"], kind=ActorKind.GROUP)
    page = visitor.get("/actors/", {"letter": "#"}).content.decode()
    assert sorted(names_on(page)) == ["1st Battalion", "«Memorial»"]
    assert "2 actors’ names start with a digit, a sign or another letter." in text_of(page)


def test_the_a_to_z_index_is_bounded_and_rarer_letters_join_the_other_initials(
    db, visitor, monkeypatch
):
    monkeypatch.setattr("caseapp.actors.views.MAX_LETTERS", 3)
    make_actors(["Alpha", "Amber", "Bravo", "Berta", "Charlie", "Cesar", "Delta", "Echo", "7up"])
    page = visitor.get("/actors/").content.decode()
    letters = list(links_in(nav(page, "Initial letters")))
    assert letters[1:4] == ["A", "B", "C"]
    assert len(letters) == 5
    others = visitor.get("/actors/", {"letter": "#"}).content.decode()
    assert sorted(names_on(others)) == ["7up", "Delta", "Echo"]
    # A letter the index does not link still works when asked for.
    assert names_on(visitor.get("/actors/", {"letter": "E"}).content.decode()) == ["Echo"]


@pytest.mark.parametrize("letter", ["ab", "<script>", "1", "--", "\x00"])
def test_a_letter_that_is_not_one_letter_is_a_readable_400(demo_case, visitor, letter):
    response = visitor.get("/actors/", {"letter": letter})
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a letter. Choose one of the letters of the index" in html.unescape(page)
    assert "“<script>”" not in page
    # The whole directory is still there to choose from.
    assert "Serikzhan Bilash" in page


def test_a_letter_without_names_says_so_and_links_every_letter(demo_case, visitor):
    response = visitor.get("/actors/", {"letter": "Q"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No published actor here has a name that starts with this letter." in text_of(page)
    assert '<a href="/actors/">Show every letter</a>' in page


def test_letters_follow_the_kind_and_keep_it_in_their_links(db, visitor):
    make_actors(["Court of Appeal", "District Court"], kind=ActorKind.COURT)
    make_actors(["Bilash", "Delius"])
    page = visitor.get("/actors/", {"kind": "court"}).content.decode()
    links = links_in(nav(page, "Initial letters"))
    assert links == {
        "All letters": "/actors/?kind=court",
        "C": "/actors/?kind=court&letter=C",
        "D": "/actors/?kind=court&letter=D",
    }
    assert names_on(visitor.get(links["D"]).content.decode()) == ["District Court"]


def test_the_kind_navigation_counts_and_keeps_the_letter(db, visitor):
    make_actors(["Court of Appeal", "District Court"], kind=ActorKind.COURT)
    make_actors(["Bilash", "Delius", "Dinara"])
    page = visitor.get("/actors/", {"letter": "D"}).content.decode()
    kinds = nav(page, "Kinds of actor")
    assert links_in(kinds) == {
        "All": "/actors/?letter=D",
        "People 2": "/actors/?kind=person&letter=D",
        "Courts 1": "/actors/?kind=court&letter=D",
    }
    assert headings_on(page) == ["person", "court"]


def test_a_search_combines_with_kind_and_letter(db, visitor):
    make_actors(["Dinara Bilash", "Serikzhan Bilash"])
    make_actors(["Bilash Foundation"], kind=ActorKind.ORGANISATION)
    page = visitor.get("/actors/", {"q": "bilash", "letter": "S"}).content.decode()
    assert names_on(page) == ["Serikzhan Bilash"]
    assert list(links_in(nav(page, "Initial letters"))) == ["All letters", "B", "D", "S"]
    assert links_in(nav(page, "Initial letters"))["D"] == "/actors/?q=bilash&letter=D"
    nothing = visitor.get("/actors/", {"q": "bilash", "kind": "court"}).content.decode()
    assert "No actor of this kind or letter has a name or alias that contains “bilash”." in (
        html.unescape(nothing)
    )
    assert '<a href="/actors/?q=bilash">Search every kind and letter</a>' in nothing


def test_the_search_form_starts_a_new_search_across_every_letter(db, visitor):
    make_actors(["Delius"])
    page = visitor.get("/actors/", {"letter": "D"}).content.decode()
    form = page.split('role="search">', 1)[1].split("</form>", 1)[0]
    assert 'name="letter"' not in form


def test_a_later_page_keeps_the_letter_kind_and_search(db, visitor):
    make_actors([f"Dinara {number:02}" for number in range(60)])
    page = visitor.get("/actors/", {"q": "dinara", "kind": "person", "letter": "D"})
    links = links_in(nav(page.content.decode(), "Pages of the directory"))
    assert links["Next ›"] == "/actors/?q=dinara&kind=person&letter=D&page=2"
    second = visitor.get(links["Next ›"]).content.decode()
    assert names_on(second) == [f"Dinara {number:02}" for number in range(50, 60)]


def test_drafts_stay_out_of_the_pages_letters_counts_and_search(db, visitor):
    public = make_actor(name="Public Actor", kind=ActorKind.COURT)
    make_actor(name="Zorro Draft", aliases="Хидден", publication_status=DRAFT)
    make_actor(name="Quiet Review", publication_status=PublicationStatus.REVIEW)
    case = make_case()
    make_event(case, actors=[public])
    make_event(case, actors=[public], publication_status=DRAFT)
    make_event(make_case(publication_status=DRAFT), actors=[public])
    page = visitor.get("/actors/").content.decode()
    assert names_on(page) == ["Public Actor"]
    assert list(links_in(nav(page, "Initial letters"))) == ["All letters", "P"]
    assert "Public Actor 1 event" in text_of(page)
    assert "1 actor." in text_of(page)
    assert links_in(nav(page, "Kinds of actor")) == {
        "All": "/actors/",
        "Courts 1": "/actors/?kind=court",
    }
    for asked in [{"letter": "Z"}, {"letter": "Q"}, {"q": "хидден"}, {"q": "zorro"}]:
        response = visitor.get("/actors/", asked).content.decode()
        assert names_on(response) == []
        assert "Zorro" not in response
        assert "Quiet Review" not in response


def test_an_actor_with_two_roles_in_one_event_counts_it_once(db, visitor):
    actor = make_actor(name="Both Roles")
    make_event(actors=[(actor, Role.SUBJECT), (actor, Role.WITNESS)])
    make_event(actors=[(actor, Role.WITNESS)])
    assert "Both Roles 2 events" in text_of(visitor.get("/actors/").content.decode())


def test_a_busy_actor_is_counted_only_up_to_the_limit(db, visitor, monkeypatch):
    monkeypatch.setattr("caseapp.actors.views.LIST_COUNT_LIMIT", 3)
    busy = make_actor(name="Busy Government", kind=ActorKind.GOVERNMENT)
    exact = make_actor(name="Exactly Three", kind=ActorKind.GOVERNMENT)
    case = make_case()
    for _ in range(5):
        make_event(case, actors=[busy])
    for _ in range(3):
        make_event(case, actors=[exact, (busy, Role.WITNESS)])
    page = text_of(visitor.get("/actors/").content.decode())
    assert "Busy Government more than 3 events" in page
    assert "Exactly Three 3 events" in page


def test_the_directory_points_its_canonical_link_at_the_list_not_the_search(db, visitor):
    make_actors([f"Person {number:03}" for number in range(60)])
    second = visitor.get("/actors/", {"page": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/actors/?page=2">' in second
    searched = visitor.get("/actors/", {"q": "person", "page": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/actors/">' in searched
    lettered = visitor.get("/actors/", {"letter": "p", "kind": "person"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/actors/?kind=person&amp;letter=P">' in (
        lettered
    )


def test_the_directory_page_stays_small(db, visitor):
    """A page of 50 actors, each with aliases, is a few kilobytes whatever the directory's size."""
    make_actors(
        [f"Person {number:04}" for number in range(300)],
        aliases="Серикжан Билаш\nSerikjan Bilash",
        country="KZ",
    )
    assert len(visitor.get("/actors/?page=4").content) < 40_000


@pytest.mark.parametrize("query", ["%", "_", "\\", "' OR 1=1 --"])
def test_search_treats_wildcards_and_quotes_as_text(demo_case, visitor, query):
    response = visitor.get("/actors/", {"q": query})
    assert response.status_code == 200
    assert names_on(response.content.decode()) == []


@pytest.mark.parametrize(
    "parameters",
    [
        {"letter": "😀"},
        {"letter": "a" * 10_000},
        {"letter": "%"},
        {"letter": "_", "kind": "court"},
        {"page": "\x00"},
        {"page": "😀", "letter": "S"},
        {"q": "\x00", "letter": "#", "page": "2"},
        {"kind": "\x00", "letter": "\x00"},
    ],
)
def test_hostile_values_get_an_answer_never_an_error(demo_case, visitor, parameters):
    assert visitor.get("/actors/", parameters).status_code in (200, 400, 404)


def test_the_cached_counts_follow_each_publication(db, visitor):
    make_actor(name="Atajurt")
    assert list(links_in(nav(visitor.get("/actors/").content.decode(), "Initial letters"))) == [
        "All letters",
        "A",
    ]
    zed = make_actor(name="Zed Newcomer")
    page = visitor.get("/actors/").content.decode()
    assert list(links_in(nav(page, "Initial letters"))) == ["All letters", "A", "Z"]
    assert "2 actors." in text_of(page)
    zed.publication_status = DRAFT
    zed.save()
    page = visitor.get("/actors/").content.decode()
    assert list(links_in(nav(page, "Initial letters"))) == ["All letters", "A"]
    assert names_on(page) == ["Atajurt"]
