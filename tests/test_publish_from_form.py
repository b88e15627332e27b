"""The workflow buttons of a record's form: they save the form, then take the step through the
same rules and confirmation page as the list's actions."""

import pytest
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import add_url, change_url, form_data, messages_of
from tests.factories import make_actor, make_case, make_event, make_place, make_source

pytestmark = pytest.mark.django_db
DRAFT, REVIEW, PUBLISHED = (
    PublicationStatus.DRAFT,
    PublicationStatus.REVIEW,
    PublicationStatus.PUBLISHED,
)


@pytest.fixture
def case() -> Case:
    """A published case with one published event."""
    case = make_case(title="Serikzhan Bilash", slug="bilash")
    make_event(case, title="Atajurt's office closed", sources=[make_source()])
    return case


@pytest.fixture
def draft(case) -> Event:
    """A draft event with a draft actor as participant: publishing it needs the actor too."""
    event = make_event(
        case,
        title="Secret video recorded",
        slug="secret-video",
        sources=[make_source(title="STP press release")],
        publication_status=DRAFT,
    )
    event.participations.create(
        actor=make_actor(name="Aigerim Testova", publication_status=DRAFT), role="subject"
    )
    return event


def status_of(record) -> str:
    return type(record).objects.get(pk=record.pk).publication_status


def step_url(record, step: str) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_step", args=[record.pk, step])


def buttons(client, record) -> list[str]:
    return [name for name, _label in client.get(change_url(record)).context["workflow_buttons"]]


def press(client, record, step: str, **changes):
    """Press the `step` button of `record`'s form with `changes` typed in."""
    page = client.get(change_url(record))
    return client.post(change_url(record), form_data(page, _workflow=step, **changes))


def test_it_checks_access(visitor, editor, publisher, draft):
    testova = Actor.objects.get(name="Aigerim Testova")
    assert buttons(editor, draft) == ["submit_for_review"]
    assert buttons(publisher, draft) == ["submit_for_review", "publish"]
    assert buttons(editor, testova) == ["submit_for_review"]
    assert buttons(publisher, draft.case) == ["unpublish"]
    draft.publication_status = REVIEW
    draft.save()
    assert buttons(editor, draft) == ["return_to_draft"]
    assert buttons(publisher, draft) == ["publish", "return_to_draft"]
    # Published: read-only to editors, so no buttons.
    assert buttons(editor, draft.case) == []
    assert "workflow-steps" not in editor.get(change_url(draft.case)).content.decode()

    assert visitor.get(step_url(draft, "publish")).status_code == 302
    assert "/login/" in visitor.get(step_url(draft, "publish"))["Location"]
    refused = editor.post(step_url(draft, "publish"), {"post": "yes"}, follow=True)
    assert "Only publishers can publish" in " ".join(messages_of(refused))
    assert editor.get(step_url(draft.case, "unpublish")).status_code == 403
    assert publisher.get(step_url(draft, "no-such-step")).status_code == 404
    assert (
        publisher.get(step_url(draft, "publish").replace(str(draft.pk), "999")).status_code == 404
    )
    assert status_of(draft) == REVIEW


def test_the_buttons_say_what_they_do(editor, draft):
    html = editor.get(change_url(draft)).content.decode()

    assert '<button type="submit" name="_workflow" value="submit_for_review"' in html
    assert "Status: draft." in html
    assert "Each button saves your changes first" in html


def test_submit_for_review_saves_the_form_with_its_inlines_first(editor, draft):
    source = make_source(title="RFE/RL report")

    response = press(
        editor,
        draft,
        "submit_for_review",
        title="Secret video published",
        **{"citations-1-source": str(source.pk), "citations-1-quote": "He was filmed."},
    )

    assert response.status_code == 302
    assert response.url == change_url(draft)
    draft.refresh_from_db()
    assert (draft.title, draft.publication_status) == ("Secret video published", REVIEW)
    assert draft.citations.get(source=source).quote == "He was filmed."
    assert draft.history.first().history_change_reason == "Submitted for review"
    messages = messages_of(editor.get(response.url))
    assert "1 event submitted for review." in messages


def test_a_form_with_errors_takes_no_step_and_keeps_the_input(publisher, draft):
    response = press(publisher, draft, "publish", title="", summary="Typed by the editor")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Typed by the editor" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.publication_status) == ("Secret video recorded", DRAFT)


def test_publish_saves_then_offers_the_draft_actor_and_lists_what_goes_public(
    publisher, visitor, draft
):
    place = make_place(name="Almaty")
    response = press(publisher, draft, "publish", title="Secret video aired", place=str(place.pk))

    assert response.status_code == 302
    assert response.url == step_url(draft, "publish")
    # Saved, not yet published.
    draft.refresh_from_db()
    assert (draft.title, draft.publication_status) == ("Secret video aired", DRAFT)

    confirmation = publisher.get(response.url)
    html = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert "Yes, publish them" in html
    testova = Actor.objects.get(name="Aigerim Testova")
    candidates = confirmation.context["candidates"]
    assert [(record, ticked) for _key, record, ticked, _kind in candidates] == [(testova, True)]
    assert "(actor, draft)" in html
    newly_public = [str(record) for record, _kind in confirmation.context["newly_public"]]
    assert any("STP press release" in text for text in newly_public)
    assert "Almaty" in newly_public
    assert f'href="{change_url(draft)}" class="closelink"' in html
    assert visitor.get(draft.get_absolute_url()).status_code == 404

    done = publisher.post(
        response.url, {"post": "yes", "along": [f"actors.actor:{testova.pk}"]}, follow=True
    )

    assert done.redirect_chain[-1][0] == change_url(draft)
    assert "1 event published. Published along: Aigerim Testova." in messages_of(done)
    assert (status_of(draft), status_of(testova)) == (PUBLISHED, PUBLISHED)
    page = visitor.get(draft.get_absolute_url()).content.decode()
    assert "Aigerim Testova" in page
    assert "Almaty" in page


def test_cancelling_leaves_the_record_saved_as_it_was(publisher, draft):
    response = press(publisher, draft, "publish", title="Secret video aired")

    publisher.get(response.url)
    form = publisher.get(change_url(draft))

    assert form.status_code == 200
    assert form.context["adminform"].form.initial["title_en"] == "Secret video aired"
    assert status_of(draft) == DRAFT


def test_publishing_without_the_draft_actor_changes_nothing(publisher, draft):
    response = press(publisher, draft, "publish")

    refused = publisher.post(response.url, {"post": "yes"})

    assert refused.status_code == 200
    assert "actors that are not published: Aigerim Testova" in refused.content.decode()
    assert "Nothing was changed" in " ".join(messages_of(refused))
    assert status_of(draft) == DRAFT


def test_the_status_field_is_no_way_round_the_confirmation(publisher, draft):
    page = publisher.get(change_url(draft))
    assert "publication_status" not in page.context["adminform"].form.fields

    response = publisher.post(change_url(draft), form_data(page, publication_status=PUBLISHED))

    assert response.status_code == 302
    assert status_of(draft) == DRAFT
    assert "Publication status:" in publisher.get(change_url(draft)).content.decode()


def test_a_publisher_adds_an_event_and_publishes_it_from_the_add_form(publisher, case):
    page = publisher.get(add_url(Event))
    data = form_data(
        page,
        case=str(case.pk),
        title="Bilash released",
        slug="bilash-released",
        kind="release",
        start_date="2019-08",
        _workflow="publish",
        **{"citations-0-source": str(make_source().pk)},
    )

    response = publisher.post(add_url(Event), data)

    event = Event.objects.get(slug="bilash-released")
    assert event.publication_status == DRAFT
    assert response.url == step_url(event, "publish")
    publisher.post(response.url, {"post": "yes"})
    assert status_of(event) == PUBLISHED


def test_a_case_is_published_from_its_form_with_its_event_in_review(publisher):
    case = make_case(title="A new case", publication_status=DRAFT)
    event = make_event(case, sources=[make_source()], publication_status=REVIEW)

    response = press(publisher, case, "publish", summary="Who and why.")
    confirmation = publisher.get(response.url)
    assert event in [record for _key, record, _t, _k in confirmation.context["candidates"]]

    publisher.post(response.url, {"post": "yes", "along": [f"cases.event:{event.pk}"]})

    assert (status_of(case), status_of(event)) == (PUBLISHED, PUBLISHED)
    assert Case.objects.get(pk=case.pk).summary == "Who and why."


def test_unpublish_and_return_to_draft_from_the_form(publisher, visitor, case, draft):
    waiting = make_event(case, sources=[make_source()], publication_status=REVIEW)
    returned = press(publisher, waiting, "return_to_draft")
    assert returned.url == change_url(waiting)
    assert status_of(waiting) == DRAFT

    published = case.events.get(title="Atajurt's office closed")
    response = press(publisher, published, "unpublish")
    refused = publisher.post(response.url, {"post": "yes"})
    # The last published event of a published case: the rule shows on the confirmation.
    assert "last published event" in refused.content.decode()
    assert status_of(published) == PUBLISHED

    second = make_event(case, sources=[make_source()])
    response = press(publisher, second, "unpublish")
    publisher.post(response.url, {"post": "yes"})
    assert status_of(second) == DRAFT
    assert visitor.get(second.get_absolute_url()).status_code == 404


def test_a_draft_actor_is_published_from_its_form(publisher):
    actor = make_actor(name="Aiman Umarova", publication_status=DRAFT)

    response = press(publisher, actor, "publish", bio="A lawyer.")
    publisher.post(response.url, {"post": "yes"})

    actor.refresh_from_db()
    assert (actor.publication_status, actor.bio) == (PUBLISHED, "A lawyer.")
