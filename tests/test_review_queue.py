"""The review queue on the admin home: who submitted what and when, and what blocks it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from caseapp.cases.models import Event
from caseapp.publishing import workflow
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import change_url
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT, REVIEW = PublicationStatus.DRAFT, PublicationStatus.REVIEW


def queue_of(session) -> str:
    html = session.get(reverse("admin:index")).content.decode()
    return html.split('id="review-queue"')[1].split("</table>")[0]


def row(queue: str, name: str) -> str:
    """The queue's row for one model: `Events`, `Actors`, `Cases`."""
    return queue.split(f">{name}</a></th>")[1].split("</tr>")[0]


def submitted_on(record, moment: datetime.datetime) -> None:
    """Move the record's submission to `moment`, and the draft before it to the day before."""
    record.history.filter(publication_status=REVIEW).update(history_date=moment)
    earlier = moment - datetime.timedelta(days=1)
    record.history.exclude(publication_status=REVIEW).update(history_date=earlier)


def test_it_says_who_submitted_each_record_and_when(editor, publisher):
    event = make_event(
        make_case(), title="Hearing in Astana", publication_status=DRAFT, sources=[make_source()]
    )
    workflow.submit_for_review([event], editor.user)
    submitted_on(event, datetime.datetime(2026, 11, 27, 12, 29, tzinfo=datetime.UTC))
    # A publisher's later save, the event still in review, is not the submission.
    event.refresh_from_db()
    event.summary = "Corrected."
    event._history_user = publisher.user
    event.save()

    events = row(queue_of(publisher), "Events")

    assert f'href="{change_url(event)}">{event}</a>' in events
    assert "submitted by erin on 27 November 2026, 12:29" in events
    assert "Ready to publish." in events


def test_a_resubmission_names_who_submitted_it_again(editor, publisher):
    event = make_event(publication_status=DRAFT, sources=[make_source()])
    workflow.submit_for_review([event], editor.user)
    workflow.return_to_draft([event], publisher.user)
    workflow.submit_for_review([event], publisher.user)

    assert "submitted by pat on" in row(queue_of(editor), "Events")


def test_a_record_put_in_review_without_a_history_shows_when_it_was_last_saved(publisher):
    event = make_event(publication_status=REVIEW, sources=[make_source()])
    event.history.all().delete()

    assert "last saved on" in row(queue_of(publisher), "Events")


def test_it_lists_the_draft_actors_that_block_an_event_in_review(editor):
    actor = make_actor(name="Aigerim Testova", publication_status=DRAFT)
    event = make_event(title="Detained in Almaty", publication_status=REVIEW, actors=[actor])

    queue = queue_of(editor)

    events = row(queue, "Events")
    assert "cites no source: add at least one citation before publishing" in events
    assert f'<a href="{change_url(actor)}">Aigerim Testova</a> (draft)' in events
    assert "Ready to publish." not in events
    # The actors in review are none, yet the actor is what holds the event up.
    actors = row(queue, "Actors")
    assert "Drafts holding up records in review" in actors
    assert f'<a href="{change_url(actor)}">Aigerim Testova</a>' in actors
    assert f'<a href="{change_url(event)}">Detained in Almaty</a>' in actors
    # One sentence around the links, so a translator can move them.
    assert (
        f'— a draft, shown on <a href="{change_url(event)}">Detained in Almaty</a></span>' in actors
    )


def test_it_lists_what_blocks_a_case_in_review(editor):
    subject = make_actor(name="Serikzhan Bilash", publication_status=REVIEW)
    case = make_case(title="The Bilash case", publication_status=REVIEW)
    case.subjects.add(subject)
    make_event(case, publication_status=DRAFT)

    queue = queue_of(editor)

    cases = row(queue, "Cases")
    assert "“The Bilash case” has no published event yet" in cases
    assert f'<a href="{change_url(subject)}">Serikzhan Bilash</a> (in review)' in cases
    # In review itself, the subject is listed among the actors in review, not as a draft.
    actors = row(queue, "Actors")
    assert f'href="{change_url(subject)}">Serikzhan Bilash</a>' in actors
    assert "Drafts holding up" not in actors


def test_it_says_when_an_event_waits_for_its_case_too(editor):
    case = make_case(title="The Bilash case", publication_status=DRAFT)
    make_event(case, publication_status=REVIEW, sources=[make_source()])

    events = row(queue_of(editor), "Events")

    assert "Ready to publish." in events
    assert "Appears on the site once its case “The Bilash case” is published too." in events


def test_it_says_nothing_is_in_review_only_when_nothing_is(editor):
    make_actor(publication_status=DRAFT)

    actors = row(queue_of(editor), "Actors")

    assert "Nothing in review." in actors
    assert "Drafts holding up" not in actors


def test_it_checks_access(visitor, editor):
    make_event(title="Hearing in Astana", publication_status=REVIEW)
    nobody = get_user_model().objects.create_user("nobody", is_staff=True)
    visitor.force_login(nobody)

    assert "Hearing in Astana" not in visitor.get(reverse("admin:index")).content.decode()
    assert "Hearing in Astana" in queue_of(editor)


def test_it_shows_the_oldest_submissions_first_and_links_to_the_rest(editor):
    case = make_case()
    events = [make_event(case, publication_status=DRAFT, title=f"Event {n}") for n in range(12)]
    for event in events:
        workflow.submit_for_review([event], editor.user)
    for n, event in enumerate(events):
        submitted_on(event, datetime.datetime(2026, 1, 12 - n, tzinfo=datetime.UTC))

    events_row = row(queue_of(editor), "Events")

    assert events_row.index("Event 11") < events_row.index("Event 10")
    assert "Event 0<" not in events_row and "Event 1<" not in events_row
    assert "All 12 in review" in events_row
    assert Event.objects.in_review().count() == 12
