"""A draft or in-review case, event or actor appears on no public page, count or link."""

import datetime
import html
import re

import pytest

from caseapp.actors.models import ActorKind
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

DRAFT = PublicationStatus.DRAFT
REVIEW = PublicationStatus.REVIEW

SECRETS = [
    "Secret draft case",
    "Event hidden in a draft case",
    "Draft event title",
    "Event under review",
    "Draft Actor Name",
    "Actor Under Review",
    "draft-actor",
    "review-actor",
    "draft-case",
    "draft-event",
    "review-event",
    "Source cited by drafts only",
    "draft-only-source",
]


@pytest.fixture
def world(db):
    """One public case and event, surrounded by everything that must stay hidden."""
    public_actor = make_actor(name="Public Actor", slug="public-actor", kind=ActorKind.COURT)
    draft_actor = make_actor(
        name="Draft Actor Name",
        slug="draft-actor",
        aliases="Alias Of Draft",
        publication_status=DRAFT,
    )
    review_actor = make_actor(
        name="Actor Under Review",
        slug="review-actor",
        kind=ActorKind.COURT,
        publication_status=REVIEW,
    )
    shared_source = make_source(title="Public source", slug="shared-source")
    draft_only_source = make_source(title="Source cited by drafts only", slug="draft-only-source")
    case = make_case(title="Public case", slug="public-case")
    case.subjects.add(public_actor, draft_actor)
    public_event = make_event(
        case,
        title="Public event",
        slug="public-event",
        start_date=datetime.date(2020, 1, 1),
        actors=[public_actor, draft_actor, review_actor],
        sources=[shared_source],
    )
    make_event(
        case,
        title="Draft event title",
        slug="draft-event",
        start_date=datetime.date(2021, 1, 1),
        actors=[public_actor],
        publication_status=DRAFT,
        sources=[shared_source, draft_only_source],
    )
    make_event(
        case,
        title="Event under review",
        slug="review-event",
        start_date=datetime.date(2022, 1, 1),
        is_milestone=True,
        actors=[public_actor],
        publication_status=REVIEW,
        sources=[shared_source, draft_only_source],
    )
    draft_case = make_case(title="Secret draft case", slug="draft-case", publication_status=DRAFT)
    make_event(
        draft_case,
        title="Event hidden in a draft case",
        slug="event-in-draft-case",
        start_date=datetime.date(2023, 1, 1),
        actors=[public_actor],
        sources=[shared_source, draft_only_source],
    )
    return {"case": case, "event": public_event, "actor": public_actor}


def visible_text(page: str) -> str:
    return html.unescape(page)


PAGES = [
    "/",
    "/timeline/",
    "/cases/public-case/",
    "/cases/public-case/events/public-event/",
    "/actors/",
    "/actors/?kind=court",
    "/actors/?q=Actor",
    "/actors/public-actor/",
    "/sources/shared-source/",
    "/cases/public-case/sources/",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_public_page_shows_anything_unpublished(world, visitor, url):
    response = visitor.get(url)
    assert response.status_code == 200
    page = visible_text(response.content.decode())
    leaks = [secret for secret in SECRETS if secret in page]
    assert leaks == []
    assert "Public" in page


@pytest.mark.parametrize(
    "url",
    [
        "/cases/draft-case/",
        "/cases/draft-case/events/event-in-draft-case/",
        "/cases/public-case/events/draft-event/",
        "/cases/public-case/events/review-event/",
        "/actors/draft-actor/",
        "/actors/review-actor/",
        "/sources/draft-only-source/",
    ],
)
def test_every_unpublished_thing_is_a_404(world, visitor, url):
    assert visitor.get(url).status_code == 404


def test_the_case_page_counts_only_published_events(world, visitor):
    page = visitor.get("/cases/public-case/").content.decode()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    # The source that drafts cite too counts once; the one only drafts cite, not at all.
    assert "Period 2020 Record 1 event, 1 source" in text
    assert re.search(r'<p class="timeline__count">\s*1 event\s*</p>', page)
    assert "Key dates" not in page
    assert re.findall(r'id="year-(\d+)"', page) == ["2020"]


def test_the_home_page_counts_only_published_events(world, visitor):
    page = " ".join(visitor.get("/").content.decode().split())
    assert "· 1 event</p>" in page
    assert "Public event" in page


def test_the_directory_counts_only_published_actors_and_events(world, visitor):
    page = " ".join(
        html.unescape(re.sub(r"<[^>]+>", "", visitor.get("/actors/").content.decode())).split()
    )
    assert "Courts 1" in page
    assert "Public Actor 1 event" in page
    assert "People (0)" in page
    assert "Courts (1)" in page


def test_a_draft_actor_is_not_found_by_search(world, visitor):
    page = visitor.get("/actors/", {"q": "Alias Of Draft"}).content.decode()
    assert 'class="actor-card"' not in page


def test_an_actor_profile_lists_only_published_events_of_published_cases(world, visitor):
    page = visitor.get("/actors/public-actor/").content.decode()
    assert page.count('<li class="event') == 1
    assert "Public case" in page


def test_an_event_published_inside_a_draft_case_stays_hidden_when_the_case_is_unpublished_later(
    world, visitor
):
    world["case"].publication_status = REVIEW
    world["case"].save()
    for url in [*PAGES[:2], "/actors/public-actor/"]:
        assert "Public event" not in visitor.get(url).content.decode()
    assert visitor.get("/cases/public-case/events/public-event/").status_code == 404
    assert visitor.get("/actors/").status_code == 200
    assert "Public Actor 0 events" in " ".join(
        re.sub(r"<[^>]+>", "", visitor.get("/actors/").content.decode()).split()
    )


def test_previous_and_next_never_point_at_an_unpublished_event(world, visitor):
    page = visitor.get("/cases/public-case/events/public-event/").content.decode()
    assert 'rel="prev"' not in page
    assert 'rel="next"' not in page
