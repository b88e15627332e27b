"""Two people editing the same record: the second save never silently overwrites the first."""

import pytest
from django.urls import reverse

from caseapp.cases.models import Event
from caseapp.publishing.models import PublicationStatus
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
    assert form["title_en"].value() == "Serikzhan Bilash arrested"
    assert form["summary_en"].value() == "Accused under Article 174."


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


# Reverting from the history: a comparison confirmed is the comparison that was seen.


def revert_url(record, historical) -> str:
    return reverse("admin:cases_event_simple_history", args=[record.pk, historical.history_id])


def test_a_form_opened_before_a_revert_cannot_undo_it(editor, publisher, draft):
    first = draft.history.earliest()
    publisher.post(change_url(draft), form_data(publisher.get(change_url(draft)), title="Second"))
    editors_page = editor.get(change_url(draft))
    comparison = publisher.get(revert_url(draft, first))
    publisher.post(revert_url(draft, first), {"opened": comparison.context["opened"]})

    response = editor.post(change_url(draft), form_data(editors_page, title="Mine"))

    assert "Nothing was saved" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).title == "Bilash arrested"


def test_a_revert_confirmed_after_another_save_is_refused(editor, publisher, draft):
    first = draft.history.earliest()
    publisher.post(change_url(draft), form_data(publisher.get(change_url(draft)), title="Second"))
    comparison = editor.get(revert_url(draft, first))
    # Meanwhile a citation is changed on its own page: the evidence counts as a change too.
    citation = draft.citations.get()
    citation.quote = "Added meanwhile."
    citation.save()

    response = editor.post(revert_url(draft, first), {"opened": comparison.context["opened"]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was reverted." in page
    assert "pat changed this event after you opened this comparison." in page
    draft.refresh_from_db()
    assert draft.title == "Second" and draft.citations.get().quote == "Added meanwhile."
    # The page now compares with the record as it is, and can be confirmed again.
    assert "“Added meanwhile.” now." in page
    again = editor.post(revert_url(draft, first), {"opened": response.context["opened"]})
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Bilash arrested" and draft.citations.get().quote == ""


def test_a_revert_without_the_version_it_was_opened_at_is_refused(editor, draft):
    first = draft.history.earliest()
    editor.post(change_url(draft), form_data(editor.get(change_url(draft)), title="Second"))

    response = editor.post(revert_url(draft, first), {})

    assert "Nothing was reverted" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).title == "Second"
