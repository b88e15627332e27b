"""Content translations: German where it exists, else the original marked, English unchanged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseapp.cases.models import Case, Event
from caseapp.cases.versions import revert
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db


def test_the_demo_case_loads_with_german(demo_case):
    assert demo_case.title_de.startswith("Serikzhan Bilash: Verhaftung")
    for event in demo_case.events.all():
        assert event.title_de and event.summary_de, event.slug
        assert event.summary_html_de.startswith("<p>"), event.slug


def test_a_german_page_shows_german_and_marks_the_untranslated(client, demo_case):
    event = demo_case.events.get(slug="bilash-arrested")
    Event.objects.filter(pk=event.pk).update(summary_de=None, summary_html_de=None)
    page = client.get(f"/de{event.get_absolute_url()}").content.decode()
    assert "<h1>Serikzhan Bilash verhaftet</h1>" in page
    assert '<div lang="en"><p>Serikzhan Bilash, founder of Atajurt' in page
    assert 'class="untranslated"' in page
    case_page = client.get(f"/de{demo_case.get_absolute_url()}").content.decode()
    assert "Verhaftung eines kasachischen Menschenrechtlers" in case_page
    assert "Ein Gericht in Astana entscheidet heute" not in case_page or "figure" in case_page


def test_an_english_page_has_no_marker_and_no_extra_lang(client, demo_case):
    page = client.get(demo_case.get_absolute_url()).content.decode()
    assert "<h1>Serikzhan Bilash: arrest of a Kazakh human-rights defender</h1>" in page
    assert "untranslated" not in page
    assert '<div lang="en">' not in page and '<span lang="en">' not in page


def test_saves_keep_the_original_in_the_plain_column():
    case = make_case(title="Original")
    case.title_de = "Übersetzt"
    case.save()
    assert Case.objects.filter(title="Original").exists()
    assert Case.objects.get(pk=case.pk).title_de == "Übersetzt"


def test_a_revert_keeps_translations(editor):
    event = make_event(sources=[make_source()], title="First")
    event.title_de = "Erste"
    event.save()
    version = event.history.first()
    event.title_de = "Zweite"
    event.save()
    revert(version, editor.user, opened=None, may_publish=True, reason="test")
    event.refresh_from_db()
    assert (event.title_en, event.title_de) == ("First", "Erste")


def test_german_pages_make_no_more_queries_than_english(client, demo_case):
    address = demo_case.get_absolute_url()
    client.get(address)
    client.get(f"/de{address}")
    counts = {}
    for prefix in ("", "/de"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{prefix}{address}").status_code == 200
        counts[prefix] = len(queries)
    assert counts["/de"] <= counts[""]


def test_drafts_never_leak_in_german(client):
    case = make_case()
    make_event(case, sources=[make_source()], title="Public", title_de="Öffentlich")
    make_event(case, title="Secret draft", title_de="Geheimer Entwurf", publication_status="draft")
    page = client.get(f"/de{case.get_absolute_url()}").content.decode()
    assert "Öffentlich" in page
    assert "Geheimer Entwurf" not in page and "Secret draft" not in page


def test_the_admin_form_saves_translations_beside_the_original(editor):
    from tests.admin_forms import change_url, form_data

    event = make_event(sources=[make_source()], title="Bilash arrested", publication_status="draft")
    page = editor.get(change_url(event))
    html = page.content.decode()
    # The original first, then each language, labelled with its name.
    assert html.index('name="title_en"') < html.index('name="title_de"')
    assert "Title (German)" in html
    response = editor.post(
        change_url(event),
        form_data(page, title_de="Bilash verhaftet", summary_de="Er wurde **verhaftet**."),
    )
    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert (event.title_en, event.title_de) == ("Bilash arrested", "Bilash verhaftet")
    assert event.summary_html_de == "<p>Er wurde <strong>verhaftet</strong>.</p>"
    assert Event.objects.filter(title="Bilash arrested").exists()


def test_names_are_searchable_in_every_language():
    from tests.factories import make_actor, make_place

    place = make_place(name="Almaty", name_ru="Алматы", name_kk="Алматы")
    actor = make_actor(name="Serikzhan Bilash", name_ru="Серикжан Билаш", aliases_de="Bilasch")
    assert place.search_text.splitlines() == ["almaty", "алматы"]
    assert actor.search_text.splitlines()[0] == "serikzhan bilash"
    assert {"серикжан билаш", "bilasch"} <= set(actor.search_text.splitlines())


def test_a_full_timeline_page_in_german_makes_no_more_queries_and_stays_lean(client, large_case):
    event = large_case.events.first()
    event.title_de = "Ein übersetztes Ereignis"
    event.save()
    address = large_case.get_absolute_url()
    client.get(address)
    client.get(f"/de{address}")
    pages = {}
    for prefix in ("", "/de"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{prefix}{address}")
        assert response.status_code == 200
        pages[prefix] = (len(queries), response.content.decode())
    assert pages["/de"][0] <= pages[""][0]
    german = pages["/de"][1]
    assert "Ein übersetztes Ereignis" in german
    # One marker per untranslated title, none per word; the English page has none.
    assert german.count('class="untranslated"') >= 20
    assert "untranslated" not in pages[""][1]
