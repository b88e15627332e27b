"""When the database refuses a save (read-only, full disk, locked too long), the editor gets the
form back with everything typed and a message that nothing was saved and why; a form over the
server's size limits gets a page saying which limit, not a bare 400."""

import pytest
from django.contrib import admin
from django.db import OperationalError

from caseapp.admin_saving import KeepsInputOnFailedSave
from caseapp.cases.models import Case, Citation, Event, Place
from tests.admin_forms import add_url, change_url, form_data
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db


def refuse_writes(monkeypatch, model, message: str) -> None:
    def save(*args, **kwargs):
        raise OperationalError(message)

    monkeypatch.setattr(model, "save", save)


def non_field_errors(response) -> list[str]:
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("attempt to write a readonly database", "the database is read-only at the moment"),
        ("database or disk is full", "the server's disk is full"),
        ("database is locked", "the database was busy with other saves for too long"),
    ],
)
def test_a_new_event_the_database_refuses_comes_back_with_the_input_and_why(
    editor, monkeypatch, error, reason
):
    case = make_case()
    data = form_data(
        editor.get(add_url(Event)),
        case=str(case.pk),
        title="Hearing in Astana",
        slug="hearing",
        kind="hearing",
        start_date="2019-03-19",
        summary="The court heard the appeal.",
    )
    data["citations-0-source"] = str(make_source().pk)
    data["citations-0-locator"] = "p. 4"
    refuse_writes(monkeypatch, Event, error)

    response = editor.post(add_url(Event), data)

    assert response.status_code == 200
    assert non_field_errors(response) == [
        f"Nothing was saved: {reason}. Your changes are still in the form below. Save again in "
        "a few minutes; if it keeps failing, copy your text somewhere safe and tell the site's "
        "administrator."
    ]
    page = response.content.decode()
    assert 'value="Hearing in Astana"' in page
    assert "The court heard the appeal.</textarea>" in page
    assert 'value="p. 4"' in page
    assert not Event.objects.exists()
    assert not Citation.objects.exists()


def test_a_change_the_database_refuses_is_kept_in_the_form_and_not_half_saved(editor, monkeypatch):
    event = make_event(make_case(), title="Arrest", publication_status="draft")
    data = form_data(editor.get(change_url(event)), title="Arrest in Almaty")
    refuse_writes(monkeypatch, Event, "attempt to write a readonly database")

    response = editor.post(change_url(event), data)

    assert response.status_code == 200
    assert "Nothing was saved: the database is read-only" in non_field_errors(response)[0]
    assert 'value="Arrest in Almaty"' in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Arrest"
    assert event.history.count() == 1


def test_a_model_with_a_plain_admin_keeps_the_input_too(editor, monkeypatch):
    data = form_data(editor.get(add_url(Place)), name="Zharkent", slug="zharkent")
    refuse_writes(monkeypatch, Place, "database or disk is full")

    response = editor.post(add_url(Place), data)

    assert response.status_code == 200
    assert 'value="Zharkent"' in response.content.decode()
    assert not Place.objects.exists()


def test_a_save_that_works_again_after_the_failure_goes_through(editor, monkeypatch):
    case = make_case()
    data = form_data(editor.get(add_url(Case)), title="A new case", slug="a-new-case")
    refuse_writes(monkeypatch, Case, "attempt to write a readonly database")
    failed = editor.post(add_url(Case), data)
    monkeypatch.undo()

    response = editor.post(add_url(Case), form_data(failed))

    assert response.status_code == 302
    assert Case.objects.exclude(pk=case.pk).get().title == "A new case"


def test_every_admin_of_the_site_keeps_the_input():
    admins = admin.site._registry.values()
    assert admins
    assert all(isinstance(model_admin, KeepsInputOnFailedSave) for model_admin in admins)


def test_a_form_over_the_size_limit_is_a_413_saying_the_limit(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
    case = make_case()

    response = editor.post(
        add_url(Event), {"case": str(case.pk), "summary": "x" * 2_700_000, "title": "Long"}
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "This form is too large" in page
    assert "at most 2.5\xa0MB of text" in page
    assert "Nothing was saved" in page
    assert not Event.objects.exists()


def test_a_form_with_too_many_fields_is_a_413_saying_the_limit(editor, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100

    response = editor.post(add_url(Event), {f"field-{n}": "x" for n in range(150)})

    assert response.status_code == 413
    assert "at most 100 fields" in response.content.decode()


def test_any_other_bad_request_is_still_a_400(visitor, db):
    response = visitor.get("/", HTTP_HOST="not allowed host")
    assert response.status_code == 400


def test_the_failure_is_logged_for_the_operator(editor, monkeypatch, caplog):
    data = form_data(editor.get(add_url(Place)), name="Zharkent", slug="zharkent")
    refuse_writes(monkeypatch, Place, "database or disk is full")

    editor.post(add_url(Place), data)

    assert "database or disk is full" in caplog.text
