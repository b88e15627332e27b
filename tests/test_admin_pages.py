"""Every admin page renders, for every model, and none needs an inline script or style."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Source
from tests.admin_forms import action_data, changelist_url
from tests.factories import make_actor, make_case, make_event

pytestmark = pytest.mark.django_db
OUR_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in ("cases", "actors")
]
# Our policy allows scripts from our own host only: no inline code, handlers or styles.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S")
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=")


@pytest.fixture
def superuser(client, demo_case):
    user = get_user_model().objects.create_superuser("root", "root@example.org")
    client.force_login(user)
    return client


def deletable(model):
    """A record whose deletion breaks no rule (the demo case's sole citations and its actors
    on published events may not go)."""
    if model is Citation:
        return Citation.objects.create(event=Event.objects.first(), source=Source.objects.first())
    if model is Actor:
        return make_actor()
    return model.objects.first()


def admin_urls(model) -> list[str]:
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    record = model.objects.first()
    assert record is not None, f"the demo case has no {opts.verbose_name}"
    urls = [
        reverse(f"{name}_changelist"),
        reverse(f"{name}_add"),
        reverse(f"{name}_change", args=[record.pk]),
        reverse(f"{name}_history", args=[record.pk]),
        reverse(f"{name}_delete", args=[deletable(model).pk]),
    ]
    if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
        historical = record.history.first()
        urls.append(reverse(f"{name}_simple_history", args=[record.pk, historical.history_id]))
    return urls


def assert_fits_the_policy(html: str, url: str) -> None:
    assert not INLINE_SCRIPT.search(html), url
    assert not INLINE_HANDLER.search(html), url


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_admin_page_renders_for_a_superuser(superuser, model):
    for url in admin_urls(model):
        response = superuser.get(url)
        assert response.status_code == 200, url
        assert_fits_the_policy(response.content.decode(), url)


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_changelist_renders_for_editors_and_publishers(editor, publisher, demo_case, model):
    for session in (editor, publisher):
        assert session.get(changelist_url(model)).status_code == 200


def test_the_admin_index_renders(superuser):
    response = superuser.get(reverse("admin:index"))
    assert response.status_code == 200
    assert_fits_the_policy(response.content.decode(), "index")


@pytest.mark.parametrize("step", ["submit_for_review", "return_to_draft", "publish", "unpublish"])
def test_the_confirmation_pages_fit_the_policy(superuser, step):
    response = superuser.post(changelist_url(Event), action_data(step, Event.objects.all()[:3]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="post" value="yes"' in html
    assert_fits_the_policy(html, step)
    assert not STYLE_ATTRIBUTE.search(html)


def test_the_history_page_fits_the_policy(superuser):
    case = Case.objects.get()
    html = superuser.get(reverse("admin:cases_case_history", args=[case.pk])).content.decode()
    assert "change-history" in html
    assert not STYLE_ATTRIBUTE.search(html.split('id="change-history"')[1])


@pytest.mark.parametrize("model", [Event, Case, Actor], ids=lambda model: model._meta.label)
def test_a_changelist_takes_a_fixed_number_of_queries(
    publisher, django_assert_max_num_queries, model
):
    """Guards the admin lists against a query per row (list_select_related, the case filter)."""
    case = make_case()
    for _ in range(120):
        make_event(case, actors=[make_actor()])

    with django_assert_max_num_queries(12):
        response = publisher.get(changelist_url(model), {"all": ""})

    assert response.status_code == 200


def test_the_admin_home_takes_a_fixed_number_of_queries(publisher, django_assert_max_num_queries):
    """Guards the review queue on the admin home against a query per waiting record, per
    blocking actor and per submission looked up in the history."""
    for _ in range(30):
        case = make_case(publication_status="review")
        case.subjects.add(make_actor(publication_status="draft"))
        make_event(
            case, publication_status="review", actors=[make_actor(publication_status="draft")]
        )
        make_actor(publication_status="review")

    # Sign-in and the recent actions (5), then per queue: its records, their count, and what
    # blocks them (cases 3, events 3, actors 2, drafts holding up review 4).
    with django_assert_max_num_queries(17):
        response = publisher.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.content.decode().count("review-queue__blockers") == 20


def test_admin_pages_write_dates_and_times_as_the_site_does(publisher, settings):
    """The site writes "27 November 2026"; Django's English default "Nov. 27, 2026, 12:29 p.m."
    is replaced by caseapp/formats/en/formats.py everywhere in admin."""
    settings.TIME_ZONE = "UTC"
    event = make_event(title="Hearing in Astana")
    moment = datetime.datetime(2026, 11, 27, 12, 29, tzinfo=datetime.UTC)
    event.history.update(history_date=moment)
    Event.objects.filter(pk=event.pk).update(published_at=moment)

    history = publisher.get(reverse("admin:cases_event_history", args=[event.pk]))
    change = publisher.get(reverse("admin:cases_event_change", args=[event.pk]))

    for page in (history, change):
        html = page.content.decode()
        assert "27 November 2026, 12:29" in html
        assert "Nov. 27" not in html and "p.m." not in html
