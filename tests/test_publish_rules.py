"""The rules a record meets before the public sees it, in the model and in admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from caseapp.cases.models import Case, Event, Participation
from caseapp.publishing import workflow
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import change_url, form_data
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def status_of(record) -> str:
    return type(record).objects.get(pk=record.pk).publication_status


def press(client, record, step: str, **changes):
    """Press a workflow button of `record`'s form with `changes` typed in, then confirm
    publishing or unpublishing; the last response."""
    page = client.get(change_url(record))
    response = client.post(change_url(record), form_data(page, _workflow=step, **changes))
    if step in ("publish", "unpublish") and response.status_code == 302:
        response = client.post(response.url, {"post": "yes"})
    return response


def test_an_event_needs_a_kind_a_date_and_a_source():
    event = make_event(publication_status=DRAFT)
    event.kind = ""
    event.start_date = None

    problems = " ".join(event.publish_problems())

    assert "needs a kind" in problems
    assert "needs a date" in problems
    assert "cites no source" in problems


def test_an_event_with_a_kind_a_date_and_a_source_may_be_published():
    assert make_event(publication_status=DRAFT, sources=[make_source()]).publish_problems() == []


def test_an_event_shows_only_publishable_actors():
    umarova = make_actor(name="Aiman Umarova", publication_status=DRAFT)
    event = make_event(publication_status=DRAFT, sources=[make_source()], actors=[umarova])

    assert "Aiman Umarova" in " ".join(event.publish_problems())
    assert event.publish_problems(along=[umarova]) == []


def test_a_case_needs_a_published_event():
    case = make_case(publication_status=DRAFT)
    event = make_event(case, publication_status=DRAFT, sources=[make_source()])

    assert "has no published event yet" in " ".join(case.publish_problems())
    assert case.publish_problems(along=[event]) == []


def test_a_case_needs_publishable_subjects():
    case = make_case(publication_status=DRAFT)
    make_event(case, sources=[make_source()])
    case.subjects.add(make_actor(name="Serikzhan Bilash", publication_status=DRAFT))

    assert "Serikzhan Bilash" in " ".join(case.publish_problems())


def test_the_last_published_event_of_a_published_case_stays():
    case = make_case()
    first = make_event(case, sources=[make_source()])
    second = make_event(case, sources=[make_source()])

    assert first.unpublish_problems() == []
    assert "last published event" in " ".join(first.unpublish_problems(along=[second]))
    assert first.unpublish_problems(along=[second, case]) == []


def test_a_published_event_shows_no_draft_actor_added_later():
    event = make_event(sources=[make_source()])
    participation = Participation(event=event, actor=make_actor(publication_status=DRAFT))

    with pytest.raises(ValidationError, match="not published"):
        participation.full_clean()


def test_publishing_is_all_or_nothing(publisher):
    good = make_event(publication_status=DRAFT, sources=[make_source()])
    bad = make_event(publication_status=DRAFT)

    with pytest.raises(workflow.PublishRuleError) as error:
        workflow.publish([good, bad], publisher.user)

    assert error.value.problems == [bad.missing_citation_problem()]
    assert (status_of(good), status_of(bad)) == (DRAFT, DRAFT)


def test_publishing_a_case_with_its_first_event_goes_out_together(publisher):
    case = make_case(publication_status=DRAFT)
    event = make_event(case, publication_status=DRAFT, sources=[make_source()])

    assert workflow.publish([case, event], publisher.user) == 2

    assert list(Event.objects.published()) == [event]


def test_only_publishers_may_publish_through_the_workflow(editor):
    event = make_event(publication_status=DRAFT, sources=[make_source()])

    with pytest.raises(PermissionDenied):
        workflow.publish([event], editor.user)
    with pytest.raises(PermissionDenied):
        workflow.unpublish([make_event()], editor.user)
    assert status_of(event) == DRAFT


def test_the_form_counts_the_citations_being_added(publisher):
    event = make_event(publication_status=DRAFT)
    source = make_source()

    refused = press(publisher, event, "publish")
    assert refused.status_code == 200
    assert "cites no source" in refused.content.decode()
    assert status_of(event) == DRAFT

    accepted = press(publisher, event, "publish", **{"citations-0-source": str(source.pk)})

    assert accepted.status_code == 302
    assert status_of(event) == PUBLISHED
    assert list(event.sources.all()) == [source]


def test_the_form_keeps_the_last_citation_of_a_published_event(publisher):
    event = make_event(sources=[make_source()])
    page = publisher.get(change_url(event))

    response = publisher.post(change_url(event), form_data(page, **{"citations-0-DELETE": "on"}))

    assert response.status_code == 200
    assert "cites no source" in response.content.decode()
    assert event.citations.count() == 1


def test_the_form_refuses_a_draft_actor_on_a_published_event(publisher):
    event = make_event(sources=[make_source()])
    umarova = make_actor(name="Aiman Umarova", publication_status=DRAFT)
    page = publisher.get(change_url(event))
    data = form_data(
        page,
        **{"participations-0-actor": str(umarova.pk), "participations-0-role": "lawyer"},
    )

    response = publisher.post(change_url(event), data)

    assert response.status_code == 200
    assert "Aiman Umarova is not published" in response.content.decode()
    assert not event.participations.exists()


def test_the_case_form_needs_a_published_event(publisher):
    case = make_case(publication_status=DRAFT)
    make_event(case, publication_status=DRAFT, sources=[make_source()])

    response = press(publisher, case, "publish")

    assert response.status_code == 200
    assert "has no published event yet" in response.content.decode()
    assert status_of(case) == DRAFT


def test_the_case_form_checks_the_subjects_being_chosen(publisher):
    case = make_case(publication_status=DRAFT)
    make_event(case, sources=[make_source()])
    bilash = make_actor(name="Serikzhan Bilash", publication_status=DRAFT)

    response = press(publisher, case, "publish", subjects=[str(bilash.pk)])

    assert "Serikzhan Bilash" in response.content.decode()
    assert status_of(case) == DRAFT
    # The subject was saved, and unticking the offer to publish them along kept both back.
    assert list(case.subjects.all()) == [bilash]
    assert status_of(bilash) == DRAFT


def test_the_form_refuses_to_unpublish_the_last_event_of_a_published_case(publisher):
    case = make_case()
    event = make_event(case, sources=[make_source()])

    response = press(publisher, event, "unpublish")

    assert "last published event" in response.content.decode()
    assert status_of(event) == PUBLISHED
    assert Case.objects.published().get() == case


def test_imports_keep_the_publication_stamp_in_step():
    event = make_event(publication_status=DRAFT, sources=[make_source()])
    assert event.published_at is None

    event.publication_status = PUBLISHED
    event.save()
    assert isinstance(event.published_at, datetime.datetime)

    event.publication_status = DRAFT
    event.save()
    assert event.published_at is None
