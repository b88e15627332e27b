"""Who changed what and when, and the way back: django-simple-history in admin, with an
event's citations and participations versioned along with it."""

import pytest
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases import generation
from caseapp.cases.models import Case, Citation, Event, Participation, Source
from caseapp.publishing import workflow
from caseapp.publishing.models import PublicationStatus
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


def confirm(session, record, historical):
    """Open a version's comparison and press its "Revert to this version"."""
    page = session.get(revert_url(record, historical))
    assert page.status_code == 200
    return session.post(revert_url(record, historical), {"opened": page.context["opened"]})


def set_status(session, record, status) -> None:
    """Publish or unpublish `record` as the publisher's workflow step does."""
    step = workflow.publish if status == PUBLISHED else workflow.unpublish
    step([record], session.user)
    record.refresh_from_db()


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


REVERT_BUTTON = 'value="Revert to this version"'


@pytest.fixture
def witness() -> Actor:
    return make_actor(name="Aigerim Testova")


@pytest.fixture
def evidenced(witness) -> Event:
    """A draft event with a quoted citation and two participants, saved once in admin terms."""
    case = make_case()
    make_event(case, sources=[make_source()])
    event = make_event(
        case,
        title="Bilash arrested",
        publication_status=DRAFT,
        sources=[make_source(title="Radio Azattyq report")],
        actors=[make_actor(name="Serikzhan Bilash"), (witness, "witness")],
    )
    citation = event.citations.get()
    citation.quote = "He was detained at his flat."
    citation.locator = "para. 2"
    citation.save()
    event.save()
    return event


def edit_evidence(session, event, *, quote=None, drop_witness=False, add_source=None):
    """Save the event's admin form with its inlines changed as an editor would."""
    page = session.get(change_url(event))
    data = form_data(page)
    if quote is not None:
        data["citations-0-quote"] = quote
    if drop_witness:
        row = next(
            index
            for index, form in enumerate(page.context["inline_admin_formsets"][0].formset.forms)
            if form.instance.pk and form.instance.role == "witness"
        )
        data[f"participations-{row}-DELETE"] = "on"
    if add_source is not None:
        data["citations-1-source"] = str(add_source.pk)
        data["citations-1-quote"] = "A new passage."
    response = session.post(change_url(event), data)
    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()


def test_an_editor_reverts_a_draft_to_an_earlier_version(editor, draft):
    first = draft.history.earliest()
    edit(editor, draft, title="A wrong title")
    assert draft.version == 2

    response = confirm(editor, draft, first)

    assert response.status_code == 302
    assert response["Location"] == change_url(draft)
    draft.refresh_from_db()
    assert draft.title == "Bilash arrested"
    # Reverting is a new save: the counter goes on, so an old form cannot sneak back in.
    assert draft.version == 3
    latest = draft.history.first()
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert latest.history_user == editor.user


def test_a_version_opens_as_a_read_only_comparison_with_now(editor, evidenced):
    first = evidenced.history.first()
    edit(editor, evidenced, title="Serikzhan Bilash detained")

    response = editor.get(revert_url(evidenced, first))

    assert response.status_code == 200
    page = response.content.decode()
    assert "adminform" not in response.context
    assert 'name="title"' not in page and "<textarea" not in page
    assert '<th scope="row">Title</th>' in page
    assert "<td>Bilash arrested</td>" in page and "<td>Serikzhan Bilash detained</td>" in page
    assert "The citations and participants are the same in this version and now." in page
    # Beside the header's sign-out, the only form is the confirmation, posted with CSRF.
    content = page.split('id="content-main"')[1]
    assert content.count("<form") == 1 and 'name="csrfmiddlewaretoken"' in content
    assert REVERT_BUTTON in page


def test_the_comparison_shows_citations_and_participants_in_words(editor, evidenced):
    version = evidenced.history.first()
    edit_evidence(
        editor,
        evidenced,
        quote="He was taken from his flat at night.",
        drop_witness=True,
        add_source=make_source(title="HRW statement"),
    )

    page = editor.get(revert_url(evidenced, version)).content.decode()

    assert "Citation changed since this version: Publisher: Radio Azattyq report, para. 2." in page
    assert (
        "Quote: “He was detained at his flat.” in this version, "
        "“He was taken from his flat at night.” now." in page
    )
    assert (
        "Participation removed since this version: Aigerim Testova (witness). "
        "Reverting brings it back." in page
    )
    assert (
        "Citation added since this version: Publisher: HRW statement. Reverting removes it." in page
    )
    assert "Serikzhan Bilash" not in page
    assert "<Citation" not in page and "{" not in page.split("version-evidence")[1][:2000]


def test_the_history_page_lists_what_changed_in_the_evidence(editor, evidenced):
    edit_evidence(editor, evidenced, quote="He was taken at night.", drop_witness=True)

    page = editor.get(history_url(evidenced)).content.decode()

    assert "<strong>Citation changed:</strong> Publisher: Radio Azattyq report, para. 2" in page
    assert "<li>Quote: He was detained at his flat. → He was taken at night.</li>" in page
    assert "<strong>Participation removed:</strong> Aigerim Testova (witness)" in page


def test_reverting_restores_changed_added_and_removed_citations_and_participations(
    editor, evidenced, witness
):
    version = evidenced.history.first()
    citation = evidenced.citations.get()
    witness_role = evidenced.participations.get(actor=witness)
    added_source = make_source(title="HRW statement")
    edit_evidence(
        editor, evidenced, quote="A changed quote.", drop_witness=True, add_source=added_source
    )
    evidenced.participations.create(actor=make_actor(name="Added later"), role="lawyer")
    assert evidenced.citations.count() == 2 and evidenced.participations.count() == 2

    response = confirm(editor, evidenced, version)

    assert response.status_code == 302
    citations = list(evidenced.citations.all())
    assert [(c.pk, c.quote, c.locator) for c in citations] == [
        (citation.pk, "He was detained at his flat.", "para. 2")
    ]
    assert sorted(evidenced.participations.values_list("actor__name", "role")) == [
        ("Aigerim Testova", "witness"),
        ("Serikzhan Bilash", "subject"),
    ]
    assert evidenced.participations.filter(pk=witness_role.pk).exists()
    assert not Citation.objects.filter(source=added_source).exists()
    # Each restored part is recorded as the editor's revert.
    for model in (Citation, Participation):
        latest = model.history.filter(event_id=evidenced.pk).order_by("-history_id").first()
        assert latest.history_user == editor.user
        assert latest.history_change_reason.startswith("Reverted to the version of ")
    # And the revert is itself a version: the latest shows what was brought back.
    page = editor.get(history_url(evidenced)).content.decode()
    assert "<strong>Participation added:</strong> Aigerim Testova (witness)" in page


def test_reverting_a_published_event_shows_the_old_evidence_on_the_public_page(
    publisher, visitor, evidenced
):
    set_status(publisher, evidenced, PUBLISHED)
    version = evidenced.history.first()
    edit_evidence(publisher, evidenced, quote="A changed quote.", drop_witness=True)
    assert "Aigerim Testova" not in visitor.get(evidenced.get_absolute_url()).content.decode()
    before = generation.current()

    assert confirm(publisher, evidenced, version).status_code == 302

    assert generation.current() != before
    page = visitor.get(evidenced.get_absolute_url()).content.decode()
    assert "He was detained at his flat." in page
    assert "A changed quote." not in page
    assert "Aigerim Testova" in page


def test_evidence_without_history_is_kept_by_a_revert(editor, evidenced):
    version = evidenced.history.earliest()
    # Imports write in bulk, leaving no history behind.
    imported = Citation.objects.bulk_create(
        [Citation(event=evidenced, source=make_source(), quote="Imported.", position=5)]
    )[0]
    edit(editor, evidenced, title="A wrong title")

    assert confirm(editor, evidenced, version).status_code == 302

    assert evidenced.citations.filter(pk=imported.pk, quote="Imported.").exists()


def test_an_editor_cannot_revert_a_draft_to_a_published_version(editor, publisher, draft):
    set_status(publisher, draft, PUBLISHED)
    published_version = draft.history.first()
    set_status(publisher, draft, DRAFT)

    page = editor.get(revert_url(draft, published_version))
    assert "Only publishers can publish" in page.content.decode()
    assert REVERT_BUTTON not in page.content.decode()
    response = editor.post(revert_url(draft, published_version), {"opened": page.context["opened"]})

    assert response.status_code == 200
    assert "Only publishers can publish" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).publication_status == DRAFT


def test_an_editor_cannot_revert_a_published_event(editor, publisher, draft):
    first = draft.history.earliest()
    set_status(publisher, draft, PUBLISHED)
    edit(publisher, draft, title="Published title")

    page = editor.get(revert_url(draft, first))
    assert page.status_code == 200
    assert REVERT_BUTTON not in page.content.decode()
    assert REVERT_BUTTON in publisher.get(revert_url(draft, first)).content.decode()

    response = editor.post(revert_url(draft, first), {"opened": page.context["opened"]})

    assert response.status_code == 403
    assert Event.objects.get(pk=draft.pk).title == "Published title"


def test_it_checks_access(visitor, db, draft):
    from django.contrib.auth import get_user_model
    from django.test import Client

    first = draft.history.earliest()
    response = visitor.get(revert_url(draft, first))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert visitor.post(revert_url(draft, first)).status_code == 302

    # Staff without any permission on events neither see nor revert a version.
    clerk = get_user_model().objects.create_user("clerk", is_staff=True)
    session = Client()
    session.force_login(clerk)
    assert session.get(revert_url(draft, first)).status_code == 403
    assert session.post(revert_url(draft, first), {"opened": "x"}).status_code == 403
    assert Event.objects.get(pk=draft.pk).version == draft.version


def test_a_revert_that_would_show_a_draft_actor_on_a_published_event_is_refused(
    publisher, visitor, evidenced, witness
):
    set_status(publisher, evidenced, PUBLISHED)
    version = evidenced.history.first()
    edit_evidence(publisher, evidenced, drop_witness=True)
    witness.publication_status = DRAFT
    witness.save()

    page = publisher.get(revert_url(evidenced, version))
    assert "shows actors that are not published: Aigerim Testova" in page.content.decode()
    assert REVERT_BUTTON not in page.content.decode()
    response = publisher.post(revert_url(evidenced, version), {"opened": page.context["opened"]})

    assert response.status_code == 200
    assert "Nothing was reverted." in response.content.decode()
    assert "shows actors that are not published: Aigerim Testova" in response.content.decode()
    assert not evidenced.participations.filter(actor=witness).exists()
    assert "Aigerim Testova" not in visitor.get(evidenced.get_absolute_url()).content.decode()


def test_reverting_to_a_published_version_meets_the_publish_rules(publisher, draft):
    set_status(publisher, draft, PUBLISHED)
    published_version = draft.history.first()
    set_status(publisher, draft, DRAFT)
    edit(publisher, draft, slug="taken-later")
    make_event(draft.case, slug=published_version.slug)

    response = confirm(publisher, draft, published_version)

    assert response.status_code == 200
    assert "This case already has an event with this slug." in response.content.decode()
    assert Event.objects.get(pk=draft.pk).publication_status == DRAFT


def test_a_source_reverts_too(publisher):
    source = make_source(title="First title")
    first = source.history.earliest()
    source.title = "Second title"
    source.save()

    page = publisher.get(revert_url(source, first)).content.decode()
    assert "<td>First title</td>" in page and "Citations and participants" not in page
    assert confirm(publisher, source, first).status_code == 302

    source.refresh_from_db()
    assert source.title == "First title"


@pytest.mark.parametrize("version", ["abc", "999999", "1e3", "-1"])
def test_a_bad_version_is_not_found(publisher, draft, version):
    url = history_url(draft) + f"{version}/"

    assert publisher.get(url).status_code == 404
    assert publisher.post(url, {"opened": "x"}).status_code == 404


def test_another_events_version_or_a_missing_event_is_not_found(publisher, draft):
    other = make_event(draft.case)
    url = revert_url(draft, other.history.first())

    assert publisher.get(url).status_code == 404
    missing = reverse("admin:cases_event_simple_history", args=[987654, 1])
    assert publisher.get(missing).status_code == 404
    malformed = reverse("admin:cases_event_simple_history", args=["x", 1])
    assert publisher.get(malformed).status_code == 404


def test_the_same_version_offers_nothing_to_revert(publisher, draft):
    page = publisher.get(revert_url(draft, draft.history.first())).content.decode()

    assert "This version is the same as the current one" in page
    assert REVERT_BUTTON not in page


def test_a_revert_that_fails_midway_changes_nothing(editor, evidenced, witness):
    version = evidenced.history.first()
    subject = evidenced.participations.get(role="subject")
    witness_role = evidenced.participations.get(actor=witness)
    edit(editor, evidenced, title="A wrong title")
    # The subject's role moves to the other participation: restoring the first clashes with it.
    subject.role = "lawyer"
    subject.save()
    witness_role.actor, witness_role.role = subject.actor, "subject"
    witness_role.save()
    before = sorted(evidenced.participations.values_list("pk", "actor", "role"))

    response = confirm(editor, evidenced, version)

    assert response.status_code == 200
    assert "clashes with records saved since" in response.content.decode()
    evidenced.refresh_from_db()
    assert evidenced.title == "A wrong title"
    assert sorted(evidenced.participations.values_list("pk", "actor", "role")) == before


def test_the_history_page_reads_the_evidence_once(
    publisher, evidenced, django_assert_max_num_queries
):
    """Guards the history page of an event against a query per version for its evidence."""
    citation = evidenced.citations.get()
    for n in range(40):
        citation.quote = f"Quote {n}"
        citation.source = make_source()
        citation.save()
        evidenced.participations.create(actor=make_actor(), role="witness")
        evidenced.save()

    with django_assert_max_num_queries(16):
        page = publisher.get(history_url(evidenced))

    assert len(page.context["page_obj"].object_list) == 42
    assert page.content.decode().count("<strong>Participation added:</strong>") == 42


def test_a_case_reverts_with_its_subjects(publisher):
    bilash, testova = make_actor(name="Serikzhan Bilash"), make_actor(name="Aigerim Testova")
    case = make_case(publication_status=DRAFT)
    case.subjects.set([bilash, testova])
    version = case.history.first()
    case.subjects.remove(testova)

    page = publisher.get(revert_url(case, version)).content.decode()
    assert "<td>Aigerim Testova, Serikzhan Bilash</td>" in page
    assert "<td>Serikzhan Bilash</td>" in page
    assert confirm(publisher, case, version).status_code == 302

    assert set(case.subjects.all()) == {bilash, testova}


def test_a_published_case_does_not_revert_to_a_draft_subject(publisher):
    bilash, testova = make_actor(name="Serikzhan Bilash"), make_actor(name="Aigerim Testova")
    case = make_case()
    make_event(case, sources=[make_source()])
    case.subjects.set([bilash, testova])
    version = case.history.first()
    case.subjects.remove(testova)
    set_status(publisher, testova, DRAFT)

    response = confirm(publisher, case, version)

    assert response.status_code == 200
    assert "shows actors that are not published: Aigerim Testova" in response.content.decode()
    assert list(case.subjects.all()) == [bilash]
