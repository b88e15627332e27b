"""Bad input in admin forms gets a message beside the field and keeps what the editor typed;
never an IntegrityError or a 500."""

import pytest

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event, Participation
from tests.admin_forms import add_url, change_url, form_data
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db


def event_data(page, case, **changes):
    typed = {
        "case": str(case.pk),
        "title": "Hearing in Astana",
        "slug": "hearing",
        "kind": "hearing",
        "start_date": "2019-03-19",
    }
    data = form_data(page, **{**typed, **changes})
    data["citations-0-source"] = str(make_source().pk)
    return data


def errors_of(response, field: str) -> list[str]:
    return [str(error) for error in response.context["adminform"].form.errors.get(field, [])]


def test_a_duplicate_event_slug_in_the_case_is_a_message_not_a_crash(editor):
    case = make_case()
    make_event(case, slug="hearing")
    response = editor.post(add_url(Event), event_data(editor.get(add_url(Event)), case))
    assert response.status_code == 200
    assert "already has an event with this slug" in response.content.decode()
    assert Event.objects.filter(case=case).count() == 1


def test_an_end_before_the_start_is_refused_and_the_input_kept(editor):
    case = make_case()
    page = editor.get(add_url(Event))
    response = editor.post(add_url(Event), event_data(page, case, end_date="2019-03-01"))
    assert response.status_code == 200
    assert errors_of(response, "end_date") == ["The end lies before the start."]
    assert 'value="Hearing in Astana"' in response.content.decode()
    assert not Event.objects.filter(slug="hearing").exists()


@pytest.mark.parametrize("typed", ["2019-13-45", "yesterday", "0000", "2019-02-30"])
def test_an_impossible_date_is_refused_with_a_message(editor, typed):
    case = make_case()
    response = editor.post(
        add_url(Event), event_data(editor.get(add_url(Event)), case, start_date=typed)
    )
    assert response.status_code == 200
    assert errors_of(response, "start_date")
    assert not Event.objects.filter(slug="hearing").exists()


def test_an_empty_title_is_refused(editor):
    case = make_case()
    response = editor.post(add_url(Event), event_data(editor.get(add_url(Event)), case, title=""))
    assert response.status_code == 200
    assert errors_of(response, "title")


def test_the_same_role_twice_in_the_inline_is_a_message_not_a_crash(editor):
    actor = make_actor()
    event = make_event(make_case(publication_status="draft"), publication_status="draft")
    page = editor.get(change_url(event))
    data = form_data(page)
    data.update(
        {
            "participations-TOTAL_FORMS": "2",
            "participations-0-actor": str(actor.pk),
            "participations-0-role": "subject",
            "participations-1-actor": str(actor.pk),
            "participations-1-role": "subject",
            "citations-0-source": str(make_source().pk),
        }
    )
    response = editor.post(change_url(event), data)
    assert response.status_code == 200
    participations = response.context["inline_admin_formsets"][0].formset
    assert "duplicate data for actor and role" in str(participations.non_form_errors())
    assert Participation.objects.filter(event=event).count() == 0


def test_a_citation_without_a_source_is_a_message(editor):
    event = make_event(make_case(publication_status="draft"), publication_status="draft")
    data = form_data(editor.get(change_url(event)))
    data.update({"citations-0-source": "", "citations-0-quote": "A quote with no source"})
    response = editor.post(change_url(event), data)
    assert response.status_code == 200
    assert "A quote with no source" in response.content.decode()
    assert not event.citations.exists()


def test_duplicate_case_and_actor_slugs_are_messages(editor):
    make_case(slug="taken")
    make_actor(slug="taken")
    page = editor.get(add_url(Case))
    response = editor.post(add_url(Case), form_data(page, title="Other", slug="taken"))
    assert response.status_code == 200
    assert errors_of(response, "slug") == ["Case with this Slug already exists."]
    page = editor.get(add_url(Actor))
    response = editor.post(
        add_url(Actor), form_data(page, name="Other", slug="taken", kind="person")
    )
    assert response.status_code == 200
    assert errors_of(response, "slug") == ["Actor with this Slug already exists."]
