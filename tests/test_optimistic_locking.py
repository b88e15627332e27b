"""Two people editing the same record: the second save never silently overwrites the first."""

import pytest

from caseapp.cases.models import Event
from caseapp.cases.publishing import PublicationStatus
from tests.admin_forms import action_data, change_url, changelist_url, form_data
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT = PublicationStatus.DRAFT


@pytest.fixture
def draft() -> Event:
    return make_event(title="Bilash arrested", publication_status=DRAFT, sources=[make_source()])


def test_the_second_save_does_not_overwrite_the_first(editor, publisher, draft):
    editors_page = editor.get(change_url(draft))
    publishers_page = publisher.get(change_url(draft))
    publisher.post(change_url(draft), form_data(publishers_page, title="Bilash detained"))

    data = form_data(
        editors_page,
        title="Serikzhan Bilash arrested",
        summary="Accused under Article 174.",
        **{"citations-1-source": str(make_source().pk)},
    )
    response = editor.post(change_url(draft), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "pat saved this event at" in page
    assert "(changed: title)" in page
    assert "Nothing was saved" in page
    draft.refresh_from_db()
    assert (draft.title, draft.summary, draft.version) == ("Bilash detained", "", 2)
    assert draft.citations.count() == 1
    # The editor's input is still in the form, to compare and save again.
    form = response.context["adminform"].form
    assert form["title"].value() == "Serikzhan Bilash arrested"
    assert form["summary"].value() == "Accused under Article 174."


def test_saving_again_after_a_conflict_replaces_the_other_version_knowingly(
    editor, publisher, draft
):
    editors_page = editor.get(change_url(draft))
    publisher.post(change_url(draft), form_data(publisher.get(change_url(draft)), title="Other"))
    conflict = editor.post(change_url(draft), form_data(editors_page, title="Mine"))
    assert conflict.status_code == 200

    response = editor.post(change_url(draft), form_data(conflict))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("Mine", 3)


def test_a_save_without_a_version_is_refused(editor, draft):
    data = form_data(editor.get(change_url(draft)), title="Crafted")
    del data["version"]

    response = editor.post(change_url(draft), data)

    assert "Nothing was saved" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).title == "Bilash arrested"


def test_a_bulk_step_taken_meanwhile_is_not_undone_by_an_open_form(editor, publisher, draft):
    editors_page = editor.get(change_url(draft))
    publisher.post(changelist_url(Event), action_data("submit_for_review", [draft], confirmed=True))

    response = editor.post(change_url(draft), form_data(editors_page, title="Mine"))

    assert "Nothing was saved" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).publication_status == PublicationStatus.REVIEW


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: make_case(publication_status=DRAFT), "title"),
        (lambda: make_actor(publication_status=DRAFT), "name"),
    ],
)
def test_cases_and_actors_are_locked_too(editor, publisher, make, field):
    record = make()
    editors_page = editor.get(change_url(record))
    publisher.post(
        change_url(record), form_data(publisher.get(change_url(record)), **{field: "First"})
    )

    response = editor.post(change_url(record), form_data(editors_page, **{field: "Second"}))

    assert response.status_code == 200
    record.refresh_from_db()
    assert getattr(record, field) == "First"


def test_every_save_counts_the_version_up(draft):
    draft.save()
    draft.save()
    assert Event.objects.get(pk=draft.pk).version == 3
