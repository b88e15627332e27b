"""The editorial workflow in admin: drafts, review, publishing, and who may take each step."""

import datetime

import pytest
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import (
    action_data,
    add_url,
    change_url,
    changelist_url,
    form_data,
    messages_of,
)
from tests.factories import make_actor, make_case, make_event, make_source

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
    """A draft event of the case, ready to publish: it has a kind, a date and a source."""
    return make_event(
        case,
        title="Secret video recorded",
        slug="secret-video",
        sources=[make_source()],
        publication_status=DRAFT,
    )


def status_of(record) -> str:
    return type(record).objects.get(pk=record.pk).publication_status


def assert_on_no_public_page(visitor, event: Event) -> None:
    """The event shows on no public page, list, fragment, feed, export or sitemap, and its own
    page is a 404."""
    assert event not in Event.objects.published()
    assert event.title not in str(list(Event.objects.published().values_list("title")))
    case = event.case.slug
    pages = [
        "/",
        "/timeline/",
        f"/cases/{case}/",
        f"/cases/{case}/?q=video",
        "/actors/",
        f"/cases/{case}/feed/",
        f"/cases/{case}/export.json",
        f"/cases/{case}/export.csv",
        f"/cases/{case}/timelinejs.json",
        "/sitemap.xml",
    ]
    for url in pages:
        response = visitor.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert event.title not in body.decode(), url
    # A sitemap lists addresses, not titles.
    sitemap = visitor.get("/sitemap-events.xml")
    body = b"".join(sitemap.streaming_content) if sitemap.streaming else sitemap.content
    assert event.get_absolute_url() not in body.decode()
    fragment = visitor.get(f"/cases/{event.case.slug}/", headers={"HX-Request": "true"})
    assert event.title not in fragment.content.decode()
    assert visitor.get(f"/cases/{event.case.slug}/events/{event.slug}/").status_code == 404


def test_it_checks_access(visitor, editor, publisher, draft):
    assert visitor.get(changelist_url(Event)).status_code == 302
    assert editor.get(changelist_url(Event)).status_code == 200
    editor_actions = editor.get(changelist_url(Event)).context["action_form"].fields["action"]
    publisher_actions = publisher.get(changelist_url(Event)).context["action_form"]
    assert "publish" not in dict(editor_actions.choices)
    assert "submit_for_review" in dict(editor_actions.choices)
    assert "publish" in dict(publisher_actions.fields["action"].choices)
    assert not editor.user.has_perm("cases.publish_event")
    assert publisher.user.has_perm("cases.publish_event")


def test_an_editor_cannot_publish_through_the_form(editor, draft):
    page = editor.get(change_url(draft))
    assert "publication_status" not in page.context["adminform"].form.fields
    assert [name for name, _label in page.context["workflow_buttons"]] == ["submit_for_review"]

    response = editor.post(
        change_url(draft), form_data(page, title="Changed", publication_status=PUBLISHED)
    )
    assert response.status_code == 302
    assert status_of(draft) == DRAFT

    page = editor.get(change_url(draft))
    response = editor.post(
        change_url(draft), form_data(page, title="Changed again", _workflow="publish"), follow=True
    )
    assert "Only publishers can publish" in " ".join(messages_of(response))
    draft.refresh_from_db()
    # Saved as a draft, as the editor may.
    assert (draft.publication_status, draft.title) == (DRAFT, "Changed again")


def test_an_editor_cannot_add_a_published_event_through_a_crafted_post(editor, case):
    """The status is no field of the add form: what is posted for it is ignored."""
    page = editor.get(add_url(Event))
    data = form_data(
        page,
        case=str(case.pk),
        title="Crafted",
        slug="crafted",
        kind="arrest",
        start_date="2019-03-09",
        publication_status=PUBLISHED,
    )
    data["citations-0-source"] = str(make_source().pk)

    response = editor.post(add_url(Event), data)

    assert response.status_code == 302
    assert Event.objects.get(slug="crafted").publication_status == DRAFT


def test_an_editor_cannot_publish_through_the_action(editor, draft):
    for confirmed in (False, True):
        response = editor.post(
            changelist_url(Event), action_data("publish", [draft], confirmed=confirmed), follow=True
        )
        assert "Only publishers can publish" in " ".join(messages_of(response))
    assert status_of(draft) == DRAFT


def test_an_editor_can_read_but_not_change_or_unpublish_a_published_event(editor, case):
    event = case.events.get()
    page = editor.get(change_url(event))
    assert page.status_code == 200
    assert "publication_status" not in page.context["adminform"].form.fields

    response = editor.post(
        change_url(event), {"publication_status": DRAFT, "title": "Changed", "version": "1"}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.publication_status, event.title) == (PUBLISHED, "Atajurt's office closed")


def test_an_editor_cannot_delete_a_published_event(editor, case, draft):
    event = case.events.exclude(pk=draft.pk).get()
    delete_url = reverse("admin:cases_event_delete", args=[event.pk])
    for response in [
        editor.post(delete_url, {"post": "yes"}, follow=True),
        editor.post(
            changelist_url(Event),
            action_data("delete_selected", [event], confirmed=True),
            follow=True,
        ),
    ]:
        assert "Only publishers can delete published events" in " ".join(messages_of(response))
    assert Event.objects.filter(pk=event.pk).exists()


def test_an_editor_submits_drafts_for_review_after_confirming(editor, visitor, case, draft):
    published = case.events.exclude(pk=draft.pk).get()

    confirmation = editor.post(
        changelist_url(Event), action_data("submit_for_review", [draft, published])
    )

    assert confirmation.status_code == 200
    assert "Events that will change: 1" in confirmation.content.decode()
    assert status_of(draft) == DRAFT

    response = editor.post(
        changelist_url(Event),
        action_data("submit_for_review", [draft, published], confirmed=True),
        follow=True,
    )

    assert status_of(draft) == REVIEW
    assert status_of(published) == PUBLISHED
    assert "1 event submitted for review. 1 selected was left as it was." in messages_of(response)
    assert_on_no_public_page(visitor, draft)


def test_a_publisher_returns_an_event_in_review_to_draft(publisher, visitor, draft):
    draft.publication_status = REVIEW
    draft.save()

    publisher.post(changelist_url(Event), action_data("return_to_draft", [draft], confirmed=True))

    assert status_of(draft) == DRAFT
    assert_on_no_public_page(visitor, draft)


def test_a_publisher_publishes_events_after_confirming(publisher, visitor, draft):
    assert_on_no_public_page(visitor, draft)
    confirmation = publisher.post(changelist_url(Event), action_data("publish", [draft]))
    assert "Yes, publish them" in confirmation.content.decode()
    assert status_of(draft) == DRAFT

    response = publisher.post(
        changelist_url(Event), action_data("publish", [draft], confirmed=True), follow=True
    )

    assert "1 event published." in messages_of(response)
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_by == publisher.user
    assert draft.published_at is not None
    assert draft.history.first().history_change_reason == "Published"
    assert draft in Event.objects.published()
    assert visitor.get(f"/cases/bilash/events/{draft.slug}/").status_code == 200


def test_the_message_after_a_step_counts_in_the_plural(publisher, case, draft):
    """The message is a plural entry (`ngettext`), so languages with more forms pick theirs."""
    other = make_event(
        case, title="Second draft", sources=[make_source()], publication_status=DRAFT
    )

    response = publisher.post(
        changelist_url(Event), action_data("publish", [draft, other], confirmed=True), follow=True
    )

    assert "2 events published." in messages_of(response)


def test_publishing_an_event_can_publish_its_draft_actors_along(publisher, draft):
    umarova = make_actor(name="Aiman Umarova", publication_status=DRAFT)
    draft.participations.create(actor=umarova, role="lawyer")
    key = f"actors.actor:{umarova.pk}"

    confirmation = publisher.post(changelist_url(Event), action_data("publish", [draft]))
    assert "Aiman Umarova" in confirmation.content.decode()

    publisher.post(
        changelist_url(Event), action_data("publish", [draft], confirmed=True, along=[key])
    )

    assert status_of(draft) == PUBLISHED
    assert status_of(umarova) == PUBLISHED


def test_publishing_an_event_without_its_draft_actor_changes_nothing(publisher, draft):
    umarova = make_actor(name="Aiman Umarova", publication_status=DRAFT)
    draft.participations.create(actor=umarova, role="lawyer")

    response = publisher.post(
        changelist_url(Event), action_data("publish", [draft], confirmed=True)
    )

    assert response.status_code == 200
    assert "actors that are not published: Aiman Umarova" in response.content.decode()
    assert "Nothing was changed" in " ".join(messages_of(response))
    assert (status_of(draft), status_of(umarova)) == (DRAFT, DRAFT)


def test_a_publisher_publishes_a_case_with_its_first_event_in_review(publisher, visitor):
    case = make_case(slug="new-case", publication_status=DRAFT)
    event = make_event(case, sources=[make_source()], publication_status=REVIEW)
    kept_back = make_event(case, sources=[make_source()], publication_status=DRAFT)

    confirmation = publisher.post(changelist_url(Case), action_data("publish", [case]))
    assert event.title in confirmation.content.decode()
    assert kept_back.title not in confirmation.content.decode()

    publisher.post(
        changelist_url(Case),
        action_data("publish", [case], confirmed=True, along=[f"cases.event:{event.pk}"]),
    )

    assert (status_of(case), status_of(event), status_of(kept_back)) == (
        PUBLISHED,
        PUBLISHED,
        DRAFT,
    )
    assert list(Event.objects.published().filter(case=case)) == [event]
    assert_on_no_public_page(visitor, kept_back)


def test_a_publisher_publishes_and_unpublishes_through_the_form(publisher, visitor, draft):
    page = publisher.get(change_url(draft))
    response = publisher.post(change_url(draft), form_data(page, _workflow="publish"))
    publisher.post(response.url, {"post": "yes"})
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_by == publisher.user

    page = publisher.get(change_url(draft))
    response = publisher.post(change_url(draft), form_data(page, _workflow="unpublish"))
    response = publisher.post(response.url, {"post": "yes"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.publication_status, draft.published_at, draft.published_by) == (DRAFT, None, None)
    assert_on_no_public_page(visitor, draft)


def test_a_publisher_unpublishes_after_confirming(publisher, visitor, draft):
    draft.publication_status = PUBLISHED
    draft.save()

    response = publisher.post(
        changelist_url(Event), action_data("unpublish", [draft], confirmed=True), follow=True
    )

    assert "1 event unpublished and back to draft." in messages_of(response)
    assert_on_no_public_page(visitor, draft)


def test_an_actor_on_a_published_event_cannot_be_unpublished(publisher, case):
    bilash = make_actor(name="Serikzhan Bilash")
    case.events.get().participations.create(actor=bilash, role="subject")

    response = publisher.post(
        changelist_url(Actor), action_data("unpublish", [bilash], confirmed=True)
    )

    assert "Serikzhan Bilash appears on published records" in response.content.decode()
    assert status_of(bilash) == PUBLISHED


def test_save_and_add_another_event_keeps_the_case(editor, case):
    page = editor.get(add_url(Event))
    data = form_data(
        page,
        case=str(case.pk),
        title="House arrest",
        slug="house-arrest",
        kind="house_arrest",
        start_date="2019-03-11",
        _addanother_in_case="1",
    )

    response = editor.post(add_url(Event), data)

    assert response.status_code == 302
    assert response.url == f"{add_url(Event)}?case={case.pk}"
    next_page = editor.get(response.url)
    assert next_page.context["adminform"].form.initial["case"] == str(case.pk)
    assert "Serikzhan Bilash" in next_page.content.decode()
    assert Event.objects.get(slug="house-arrest").publication_status == DRAFT


def test_the_changelist_filters_by_status_and_case(publisher, case, draft):
    other = make_event(make_case(), publication_status=REVIEW, sources=[make_source()])

    in_review = publisher.get(changelist_url(Event), {"publication_status__exact": REVIEW})
    of_case = publisher.get(changelist_url(Event), {"case__id__exact": case.pk})

    assert list(in_review.context["cl"].result_list) == [other]
    assert set(of_case.context["cl"].result_list) == set(case.events.all())


def test_the_event_form_offers_to_add_another_event_to_the_same_case(editor, case):
    add_page = editor.get(add_url(Event)).content.decode()
    case_page = editor.get(change_url(case)).content.decode()

    assert 'name="_addanother_in_case"' in add_page
    assert f'href="{add_url(Event)}?case={case.pk}"' in case_page


def test_the_admin_home_lists_what_waits_for_review(publisher, case, draft):
    waiting = make_event(case, title="Hearing in Astana", publication_status=REVIEW)

    page = publisher.get(reverse("admin:index")).content.decode()

    assert "Waiting for you to review" in page
    assert f'href="{change_url(waiting)}">{waiting}</a>' in page
    assert draft.title not in page
    assert f"{changelist_url(Event)}?publication_status__exact=review" in page


@pytest.mark.parametrize(
    ("typed", "stored", "precision", "shown"),
    [
        ("2017-04", datetime.date(2017, 4, 1), "month", "since April 2017"),
        ("2019", datetime.date(2019, 1, 1), "year", "since 2019"),
        ("2019-03-09", datetime.date(2019, 3, 9), "day", "since 9 March 2019"),
    ],
)
def test_an_editor_types_a_date_as_precisely_as_the_source_gives_it(
    editor, case, typed, stored, precision, shown
):
    page = editor.get(add_url(Event))
    data = form_data(
        page,
        case=str(case.pk),
        title="Camps in Xinjiang",
        slug="camps",
        kind="detention",
        start_date=typed,
        start_qualifier="since",
    )

    response = editor.post(add_url(Event), data)

    assert response.status_code == 302
    event = Event.objects.get(slug="camps")
    assert (event.start_date, event.start_precision, event.date_display) == (
        stored,
        precision,
        shown,
    )
    assert editor.get(change_url(event)).context["adminform"].form["start_date"].value() == typed


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("March 2019", "", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2019-02-30", "", "2019-02-30 is not a date on the calendar."),
        ("2019-03-11", "2019-03-01", "The end lies before the start."),
    ],
)
def test_the_event_form_explains_a_bad_date_and_keeps_what_was_typed(
    editor, case, start, end, message
):
    page = editor.get(add_url(Event))
    data = form_data(
        page,
        case=str(case.pk),
        title="Release",
        slug="release",
        kind="release",
        start_date=start,
        end_date=end,
    )

    response = editor.post(add_url(Event), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["adminform"].form["start_date"].value() == start
    assert not Event.objects.filter(slug="release").exists()


def test_an_editor_cannot_change_a_published_events_sources_on_their_own_pages(editor, case):
    event = case.events.get()
    citation = event.citations.get()
    other_source = make_source()

    added = editor.post(
        add_url(Citation), {"event": str(event.pk), "source": str(other_source.pk), "position": "0"}
    )
    deleted = editor.post(
        reverse("admin:cases_citation_delete", args=[citation.pk]), {"post": "yes"}
    )

    assert "only publishers can change its sources" in added.content.decode()
    assert deleted.status_code == 403
    assert list(event.citations.all()) == [citation]


def test_the_last_source_of_a_published_event_cannot_be_deleted_on_its_own(publisher, case):
    citation = case.events.get().citations.get()

    response = publisher.post(
        reverse("admin:cases_citation_delete", args=[citation.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Citation.objects.filter(pk=citation.pk).exists()
