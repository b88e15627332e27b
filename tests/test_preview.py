"""Staff preview a draft on its public page's layout; nobody else learns it exists."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import change_url
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
DRAFT, REVIEW = PublicationStatus.DRAFT, PublicationStatus.REVIEW


@pytest.fixture
def draft_case():
    case = make_case(title="A case in the making", publication_status=DRAFT)
    make_event(case, title="Waiting for review", publication_status=REVIEW, sources=[make_source()])
    make_event(case, title="Still a draft", publication_status=DRAFT)
    return case


def test_it_checks_access(visitor, editor, publisher, client, draft_case):
    event = draft_case.events.first()
    urls = [
        reverse("preview:case", args=[draft_case.pk]),
        reverse("preview:event", args=[event.pk]),
    ]
    reader = get_user_model().objects.create_user("reader")
    signed_in_reader = type(client)()
    signed_in_reader.force_login(reader)

    for url in urls:
        assert visitor.get(url).status_code == 404
        assert signed_in_reader.get(url).status_code == 404
        assert editor.get(url).status_code == 200
        assert publisher.get(url).status_code == 200


def test_an_event_preview_is_marked_and_never_cached(editor, draft_case):
    event = draft_case.events.get(title="Still a draft")

    response = editor.get(reverse("preview:event", args=[event.pk]))

    html = response.content.decode()
    assert "Preview" in html
    assert "not public: this is draft" in html
    assert "<h1>Still a draft</h1>" in html
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_a_case_preview_shows_events_in_review_but_not_drafts(editor, draft_case):
    response = editor.get(reverse("preview:case", args=[draft_case.pk]))

    html = response.content.decode()
    assert "not public: this is draft" in html
    assert "Waiting for review" in html
    assert "Still a draft" not in html
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_the_public_pages_still_hide_what_a_preview_shows(visitor, editor, draft_case):
    editor.get(reverse("preview:case", args=[draft_case.pk]))

    assert visitor.get(f"/cases/{draft_case.slug}/").status_code == 404
    assert "Waiting for review" not in visitor.get("/timeline/").content.decode()


def test_admin_links_drafts_to_their_preview(editor, draft_case):
    event = draft_case.events.first()

    case_page = editor.get(change_url(draft_case)).content.decode()
    event_page = editor.get(change_url(event)).content.decode()

    assert reverse("preview:case", args=[draft_case.pk]) in case_page
    assert reverse("preview:event", args=[event.pk]) in event_page


def test_an_event_preview_shows_its_draft_actors_and_new_sources_marked(editor, draft_case):
    event = draft_case.events.get(title="Still a draft")
    new_source = make_source(title="STP press release")
    event.citations.create(source=new_source)
    testova = make_actor(name="Aigerim Testova", publication_status=DRAFT)
    bilash = make_actor(name="Serikzhan Bilash")
    event.participations.create(actor=testova, role="subject")
    event.participations.create(actor=bilash, role="advocate")

    html = editor.get(reverse("preview:event", args=[event.pk])).content.decode()

    assert "Who" in html
    assert 'Aigerim Testova <strong class="preview-mark">(draft, not public yet)</strong>' in html
    # No link to the draft actor's public address, which is a 404 until published.
    assert testova.get_absolute_url() not in html
    assert f'<a href="{bilash.get_absolute_url()}">Serikzhan Bilash</a> <span' in html
    assert 'STP press release</cite></a> <strong class="preview-mark">(new source' in html


def test_a_source_already_public_is_not_marked_new(editor):
    source = make_source(title="Already public")
    make_event(make_case(), sources=[source])
    draft = make_event(make_case(), sources=[source], publication_status=DRAFT)

    html = editor.get(reverse("preview:event", args=[draft.pk])).content.decode()

    assert "Already public" in html
    assert "preview-mark" not in html


def test_a_case_preview_shows_the_draft_actors_of_events_in_review(editor, draft_case):
    waiting = draft_case.events.get(title="Waiting for review")
    waiting.participations.create(
        actor=make_actor(name="Aigerim Testova", publication_status=DRAFT), role="subject"
    )

    html = editor.get(reverse("preview:case", args=[draft_case.pk])).content.decode()

    assert 'Aigerim Testova <strong class="preview-mark">(draft, not public yet)' in html
    assert "(new source, not public yet)" in html


def test_the_public_pages_never_show_draft_actors_or_preview_marks(visitor, draft_case):
    case = make_case(slug="public-case")
    event = make_event(case, sources=[make_source()])
    event.participations.create(
        actor=make_actor(name="Aigerim Testova", publication_status=DRAFT), role="subject"
    )

    for url in [case.get_absolute_url(), event.get_absolute_url()]:
        html = visitor.get(url).content.decode()
        assert "Aigerim Testova" not in html
        assert "preview-mark" not in html


def test_view_on_site_opens_the_preview_until_the_record_is_public(editor, draft_case):
    event = draft_case.events.get(title="Still a draft")
    draft_actor = make_actor(publication_status=DRAFT)
    public_case = make_case()
    public_event = make_event(public_case, sources=[make_source()])
    # Published, but in a draft case: not public either.
    hidden_event = make_event(draft_case, sources=[make_source()])

    def site_link(record):
        return editor.get(change_url(record)).context["absolute_url"]

    assert site_link(draft_case) == reverse("preview:case", args=[draft_case.pk])
    assert site_link(event) == reverse("preview:event", args=[event.pk])
    assert site_link(hidden_event) == reverse("preview:event", args=[hidden_event.pk])
    assert "View on site (preview)" in editor.get(change_url(event)).content.decode()
    # An actor has no preview: no link rather than a link to a 404.
    assert site_link(draft_actor) is None
    for record in (public_case, public_event):
        link = site_link(record)
        assert link.startswith("/admin/r/")
        assert editor.get(link)["Location"].endswith(record.get_absolute_url())
