"""Parts of public pages are kept rendered for the publication generation
(`{% cached_for_generation %}`): a later visit reads them instead of the database, and never
shows what another visit's address, host or filters, or a staff preview, put there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db


def test_a_later_visit_of_a_case_page_or_its_fragment_reads_only_the_generation(
    large_case, visitor, django_assert_max_num_queries
):
    """Guards the kept case page: its case, count, page, events, form and sources."""
    place = large_case.events.first().place.slug
    for address, headers in [
        ("/cases/large-case/?page=2", {}),
        (f"/cases/large-case/?place={place}&page=2", {"HTTP_HX_REQUEST": "true"}),
    ]:
        first = visitor.get(address, **headers).content.decode()
        with django_assert_max_num_queries(1):
            again = visitor.get(address, **headers).content.decode()
        assert again == first
        assert again.count('<li class="event') == EVENTS_PER_PAGE


def test_a_later_visit_of_the_widget_reads_no_event_details(
    large_case, visitor, django_assert_max_num_queries
):
    """Guards the kept events of the embeddable widget."""
    first = visitor.get("/embed/cases/large-case/?view=full").content.decode()
    # The generation, the widget's own look-ups of its case, and the page's keys.
    with django_assert_max_num_queries(4):
        again = visitor.get("/embed/cases/large-case/?view=full").content.decode()
    assert again == first
    assert again.count('<li class="event') == EVENTS_PER_PAGE


def test_a_publish_shows_at_once(visitor):
    case = make_case(slug="changing")
    event = make_event(case, title="First words")
    assert "First words" in visitor.get("/cases/changing/").content.decode()

    assert "1 event matches" in visitor.get("/cases/changing/?kind=statement").content.decode()

    event.title = "Second words"
    event.save()
    make_event(case, title="Third words")

    page = visitor.get("/cases/changing/").content.decode()
    assert "Second words" in page
    assert "Third words" in page
    assert "First words" not in page
    assert "2 events match" in visitor.get("/cases/changing/?kind=statement").content.decode()


def test_the_filter_form_shows_what_each_visitor_typed(visitor):
    make_event(make_case(slug="searched"), title="Hearing in Almaty")

    assert 'value="Almaty"' in visitor.get("/cases/searched/?q=Almaty").content.decode()
    page = visitor.get("/cases/searched/?q=Astana").content.decode()
    assert 'value="Astana"' in page
    assert 'value="Almaty"' not in page


def test_structured_data_names_the_host_it_was_asked_on(visitor):
    make_event(make_case(slug="hosted"))

    for host in ["localhost", "127.0.0.1"]:
        page = visitor.get("/cases/hosted/", HTTP_HOST=host).content.decode()
        assert f'"@id": "http://{host}/cases/hosted/"' in page


def test_key_dates_link_within_the_page_only_when_it_shows_every_event(visitor):
    case = make_case(slug="milestones")
    make_event(case, slug="the-arrest", is_milestone=True)

    assert 'href="#the-arrest"' in visitor.get("/cases/milestones/").content.decode()
    filtered = visitor.get("/cases/milestones/?kind=arrest").content.decode()
    assert 'href="/cases/milestones/events/the-arrest/"' in filtered


def test_a_preview_neither_fills_nor_reads_the_public_parts(editor, visitor):
    case = make_case(slug="previewed")
    make_event(case, title="Public event", is_milestone=True)
    make_event(
        case,
        title="Waiting for review",
        is_milestone=True,
        publication_status=PublicationStatus.REVIEW,
        sources=[make_source(title="Cited in review only")],
    )

    preview = editor.get(reverse("preview:case", args=[case.pk])).content.decode()
    assert "Waiting for review" in preview
    assert "Cited in review only" in preview

    public = visitor.get("/cases/previewed/").content.decode()
    assert "Waiting for review" not in public
    assert "Cited in review only" not in public
    assert editor.get(reverse("preview:case", args=[case.pk])).content.decode() == preview


def test_development_renders_every_part_afresh(settings, visitor):
    """Templates change under a development server: nothing rendered is kept there."""
    settings.DEBUG = True
    make_event(make_case(slug="in-development"), title="Hearing")
    visitor.get("/cases/in-development/")

    with CaptureQueriesContext(connection) as queries:
        visitor.get("/cases/in-development/")

    # The page's events are read with their citations again, to be rendered again.
    assert any("cases_citation" in query["sql"] for query in queries.captured_queries)
