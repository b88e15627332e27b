"""Staff preview a draft on its public page's layout; nobody else learns it exists."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from caseapp.cases.publishing import PublicationStatus
from tests.admin_forms import change_url
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT, REVIEW = PublicationStatus.DRAFT, PublicationStatus.REVIEW


@pytest.fixture
def draft_case():
    case = make_case(title="A case in the making", publication_status=DRAFT)
    make_event(case, title="Waiting for review", publication_status=REVIEW, sources=[make_source()])
    make_event(case, title="Still a draft", publication_status=DRAFT)
    return case


def test_it_checks_access(visitor, editor, publisher, client, draft_case):
    event = draft_case.events.first()
    urls = [
        reverse("preview:case", args=[draft_case.pk]),
        reverse("preview:event", args=[event.pk]),
    ]
    reader = get_user_model().objects.create_user("reader")
    signed_in_reader = type(client)()
    signed_in_reader.force_login(reader)

    for url in urls:
        assert visitor.get(url).status_code == 404
        assert signed_in_reader.get(url).status_code == 404
        assert editor.get(url).status_code == 200
        assert publisher.get(url).status_code == 200


def test_an_event_preview_is_marked_and_never_cached(editor, draft_case):
    event = draft_case.events.get(title="Still a draft")

    response = editor.get(reverse("preview:event", args=[event.pk]))

    html = response.content.decode()
    assert "Preview" in html
    assert "not public: this is draft" in html
    assert "<h1>Still a draft</h1>" in html
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_a_case_preview_shows_events_in_review_but_not_drafts(editor, draft_case):
    response = editor.get(reverse("preview:case", args=[draft_case.pk]))

    html = response.content.decode()
    assert "not public: this is draft" in html
    assert "Waiting for review" in html
    assert "Still a draft" not in html
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_the_public_pages_still_hide_what_a_preview_shows(visitor, editor, draft_case):
    editor.get(reverse("preview:case", args=[draft_case.pk]))

    assert visitor.get(f"/cases/{draft_case.slug}/").status_code == 404
    assert "Waiting for review" not in visitor.get("/timeline/").content.decode()


def test_admin_links_drafts_to_their_preview(editor, draft_case):
    event = draft_case.events.first()

    case_page = editor.get(change_url(draft_case)).content.decode()
    event_page = editor.get(change_url(event)).content.decode()

    assert reverse("preview:case", args=[draft_case.pk]) in case_page
    assert reverse("preview:event", args=[event.pk]) in event_page
