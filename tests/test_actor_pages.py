import html
import json
import re

import pytest

from caseapp.actors.models import ActorKind
from caseapp.cases.management.commands.load_demo_case import DEMO_FILE
from caseapp.cases.models import Image, Participation, Role
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event

DEMO = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
# As the site writes a role inside a sentence: "Role of Jebeu: accuser".
ROLES = {role.value: str(Participation(role=role).get_role_display()) for role in Role}


def roles_in_demo(actor_slug: str) -> dict[str, list[str]]:
    """Each demo event the actor takes part in, with their roles, straight from the case file."""
    return {
        event["slug"]: [ROLES[role] for slug, role in event["participants"] if slug == actor_slug]
        for event in DEMO["events"]
        if any(slug == actor_slug for slug, _ in event["participants"])
    }


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


@pytest.mark.parametrize("actor", DEMO["actors"], ids=lambda actor: actor["slug"])
def test_each_demo_actor_has_a_profile_listing_their_events_and_roles(demo_case, visitor, actor):
    response = visitor.get(f"/actors/{actor['slug']}/")
    assert response.status_code == 200
    page = response.content.decode()
    expected = roles_in_demo(actor["slug"])
    assert expected, "every demo actor takes part in at least one event"
    listed = re.findall(r'<li class="event[^"]*" id="serikzhan-bilash--([\w-]+)">', page)
    assert sorted(listed) == sorted(expected)
    for event_slug, roles in expected.items():
        item = page.split(f'id="serikzhan-bilash--{event_slug}">', 1)[1].split("</article>", 1)[0]
        for role in roles:
            assert f"Role of {actor['name']}: {role}" in text_of(item)


def test_a_profile_shows_name_aliases_kind_country_bio_and_cases(demo_case, visitor):
    page = visitor.get("/actors/serikzhan-bilash/").content.decode()
    assert "<h1>Serikzhan Bilash</h1>" in page
    assert "Serikjan Bilash" in page
    assert "Серикжан Билаш" in page
    assert "Person · Kazakhstan" in page
    assert "founder of the human-rights organisation <strong>Atajurt</strong>" in page
    assert (
        '<a href="/cases/serikzhan-bilash/">Serikzhan Bilash: arrest of a Kazakh human-rights defender</a>'
        in page
    )


def test_a_profile_names_the_case_of_each_event(demo_case, visitor):
    page = visitor.get("/actors/jebeu/").content.decode()
    assert page.count('Case: <a href="/cases/serikzhan-bilash/">') == 2


def test_a_profile_lists_a_case_where_the_actor_is_only_a_subject(db, visitor):
    actor = make_actor()
    case = make_case(title="A case about them")
    case.subjects.add(actor)
    page = visitor.get(actor.get_absolute_url()).content.decode()
    assert "A case about them" in page
    assert "No published events yet." in page


def test_a_profile_shows_the_photo_with_its_credit(db, visitor):
    photo = Image.objects.create(
        file="images/2020/p.jpg", alt_text="Portrait", credit="Jane Roe", licence="CC BY 4.0"
    )
    actor = make_actor(photo=photo)
    page = visitor.get(actor.get_absolute_url()).content.decode()
    assert '<img class="figure__image" src="/media/images/2020/p.jpg" alt="Portrait">' in page
    assert "Jane Roe" in page
    assert "CC BY 4.0" in page


def test_a_profile_sets_title_canonical_and_open_graph(demo_case, visitor):
    page = visitor.get("/actors/aiman-umarova/").content.decode()
    assert "<title>Aiman Umarova · Casefile</title>" in page
    assert '<link rel="canonical" href="http://testserver/actors/aiman-umarova/">' in page
    assert '<meta property="og:type" content="profile">' in page
    assert '<meta name="description" content="Well-known Kazakh human-rights lawyer' in page


@pytest.mark.parametrize("slug", ["no-such-actor", "draft-actor", "review-actor"])
def test_a_missing_or_unpublished_actor_is_a_404(db, visitor, slug):
    make_actor(slug="draft-actor", publication_status=PublicationStatus.DRAFT)
    make_actor(slug="review-actor", publication_status=PublicationStatus.REVIEW)
    assert visitor.get(f"/actors/{slug}/").status_code == 404


def test_the_directory_groups_actors_by_kind(demo_case, visitor):
    page = visitor.get("/actors/").content.decode()
    headings = re.findall(r'<h2 class="section-heading" id="kind-(\w+)">', page)
    assert headings == ["person", "organisation", "government", "court", "group"]
    assert page.count('class="actor-card"') == len(DEMO["actors"])


def test_the_directory_filters_by_kind(demo_case, visitor):
    page = visitor.get("/actors/", {"kind": ActorKind.COURT}).content.decode()
    assert "Court in Astana" in page
    assert "Serikzhan Bilash" not in page.split('id="actor-list"')[1]
    assert page.count('class="actor-card"') == 1


def test_the_directory_answers_an_unknown_kind_with_a_readable_message(demo_case, visitor):
    response = visitor.get("/actors/", {"kind": "<script>alien</script>"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no kind of actor called “&lt;script&gt;alien&lt;/script&gt;”" in page
    assert "<script>alien" not in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize("query", ["Serikjan", "serikjan bilash", "Bilashuly", "Serikzhan"])
def test_the_directory_finds_an_actor_by_name_or_alias(demo_case, visitor, query):
    page = visitor.get("/actors/", {"q": query}).content.decode()
    assert page.count('class="actor-card"') == 1
    assert (
        '<a class="actor-card__name" href="/actors/serikzhan-bilash/">Serikzhan Bilash</a>' in page
    )


def test_the_directory_finds_an_organisation_by_its_abbreviation(demo_case, visitor):
    page = visitor.get("/actors/", {"q": "GfbV"}).content.decode()
    assert "Society for Threatened Peoples" in page
    assert page.count('class="actor-card"') == 1


def test_the_directory_combines_search_and_kind(demo_case, visitor):
    assert (
        'class="actor-card"'
        not in visitor.get("/actors/", {"q": "Bilash", "kind": "court"}).content.decode()
    )


def test_the_directory_says_when_nothing_matches(demo_case, visitor):
    page = html.unescape(visitor.get("/actors/", {"q": "Nobody"}).content.decode())
    assert "No actor’s name or alias contains “Nobody”" in page


def test_the_directory_survives_a_very_long_search(demo_case, visitor):
    response = visitor.get("/actors/", {"q": "x' OR 1=1 --" * 1000})
    assert response.status_code == 200
    assert 'class="actor-card"' not in response.content.decode()


def test_the_directory_labels_every_control(demo_case, visitor):
    page = visitor.get("/actors/").content.decode()
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([\w-]+)"', page):
        assert f'<label for="{control_id}">' in page


def test_the_directory_counts_each_actors_public_events(demo_case, visitor):
    page = text_of(visitor.get("/actors/").content.decode())
    assert (
        "Serikzhan Bilash Serikjan Bilash · Serikzhan Bilashuly · Серикжан Билаш Kazakhstan · 4 events"
        in page
    )


def test_the_directory_lists_an_actor_with_no_events(db, visitor):
    make_actor(name="Quiet Observer", kind=ActorKind.OTHER)
    page = text_of(visitor.get("/actors/").content.decode())
    assert "Others Quiet Observer 0 events" in page


def test_the_role_line_appears_only_on_the_actors_own_profile(db, visitor):
    actor = make_actor(name="Witness One")
    other = make_actor(name="Someone Else")
    event = make_event(actors=[(actor, Role.WITNESS), (other, Role.SUBJECT)])
    profile = text_of(visitor.get(actor.get_absolute_url()).content.decode())
    case_page = text_of(visitor.get(event.case.get_absolute_url()).content.decode())
    assert "Role of Witness One: witness" in profile
    assert "Role of Someone Else" not in profile
    assert "Role of" not in case_page


def test_the_directory_indexes_the_initials_of_the_demo_actors(demo_case, visitor):
    page = visitor.get("/actors/").content.decode()
    index = page.split('aria-label="Initial letters"', 1)[1].split("</nav>", 1)[0]
    letters = re.findall(r'<a href="/actors/\?letter=(\w)">', index)
    assert letters == ["A", "C", "E", "G", "J", "K", "P", "S", "U"]
    courts = visitor.get("/actors/", {"letter": "C"}).content.decode()
    assert courts.count('class="actor-card"') == 1
    assert "Court in Astana" in courts


def test_the_directory_keeps_the_kind_message_beside_a_letter(demo_case, visitor):
    response = visitor.get("/actors/", {"kind": "alien", "letter": "S"})
    assert response.status_code == 400
    assert "There is no kind of actor called “alien”" in html.unescape(response.content.decode())
    assert response.content.decode().count('class="actor-card"') == 2
