"""Who changed what and when, and the way back: django-simple-history in admin."""

import pytest
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event, Source
from caseapp.cases.publishing import PublicationStatus
from tests.admin_forms import change_url, form_data
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def history_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])


def revert_url(record, historical) -> str:
    opts = record._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record.pk, historical.history_id],
    )


def edit(session, record, **changes):
    page = session.get(change_url(record))
    response = session.post(change_url(record), form_data(page, **changes))
    assert response.status_code == 302, response.context["errors"]
    record.refresh_from_db()


@pytest.fixture
def draft() -> Event:
    case = make_case()
    make_event(case, sources=[make_source()])
    return make_event(
        case, title="Bilash arrested", publication_status=DRAFT, sources=[make_source()]
    )


def test_the_history_page_shows_who_changed_what(editor, draft):
    edit(editor, draft, title="Serikzhan Bilash arrested in Almaty")

    page = editor.get(history_url(draft)).content.decode()

    assert "erin" in page
    assert "<strong>Title:</strong> Bilash arrested → Serikzhan Bilash arrested in Almaty" in page
    assert "<strong>Last updated:</strong>" not in page


@pytest.mark.parametrize("make", [make_case, make_actor, make_source, make_event])
def test_every_tracked_record_has_a_history_page(publisher, make):
    record = make()
    record.save()

    response = publisher.get(history_url(record))

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2


def test_case_event_actor_and_source_keep_history():
    assert all(hasattr(model, "history") for model in (Case, Event, Actor, Source))


def test_an_editor_reverts_a_draft_to_an_earlier_version(editor, draft):
    first = draft.history.earliest()
    edit(editor, draft, title="A wrong title")
    assert draft.version == 2

    page = editor.get(revert_url(draft, first))
    response = editor.post(revert_url(draft, first), form_data(page))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Bilash arrested"
    # Reverting is a new save: the counter goes on, so an old form cannot sneak back in.
    assert draft.version == 3
    assert draft.history.first().history_change_reason == "Reverted to an earlier version"
    assert draft.history.first().history_user == editor.user


def test_an_editor_cannot_revert_a_draft_to_a_published_version(editor, publisher, draft):
    edit(publisher, draft, publication_status=PUBLISHED)
    published_version = draft.history.first()
    edit(publisher, draft, publication_status=DRAFT)

    page = editor.get(revert_url(draft, published_version))
    response = editor.post(revert_url(draft, published_version), form_data(page))

    assert response.status_code == 200
    assert "Only publishers can publish" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).publication_status == DRAFT


def test_an_editor_cannot_revert_a_published_event(editor, publisher, draft):
    first = draft.history.earliest()
    edit(publisher, draft, publication_status=PUBLISHED)

    page = editor.get(revert_url(draft, first))
    assert page.status_code == 200
    assert 'value="Revert"' not in page.content.decode()
    assert 'value="Revert"' in publisher.get(revert_url(draft, first)).content.decode()

    response = editor.post(revert_url(draft, first), {"publication_status": DRAFT})

    assert response.status_code == 403
    assert Event.objects.get(pk=draft.pk).publication_status == PUBLISHED


def test_reverting_to_a_published_version_meets_the_publish_rules(publisher, draft):
    edit(publisher, draft, publication_status=PUBLISHED)
    published_version = draft.history.first()
    edit(publisher, draft, publication_status=DRAFT)
    draft.citations.all().delete()

    page = publisher.get(revert_url(draft, published_version))
    response = publisher.post(revert_url(draft, published_version), form_data(page))

    assert response.status_code == 200
    assert "cites no source" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).publication_status == DRAFT
