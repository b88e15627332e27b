"""The quote check: a source's full text, pasted in the admin, against which every quote citing
it is checked on save — a warning, never a refusal — and which never leaves the admin."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from caseapp.cases.models import Citation, Source, SourceText
from caseapp.cases.quotes import normalised, quote_occurs, unfound_quotes
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import change_url, form_data, messages_of
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db

RELEASE = settings.BASE_DIR / "caseapp/fixtures/stp-press-release-2019-03-19.txt"
TEXT = (
    "Bilash, who was arrested on March 9, 2019, is accused of having impaired the country's "
    "relationship with China.\n\n“If the authorities try to silence Kazakhstan’s independent "
    "civil society, the European Union must respond,” Delius stated – in Göttingen."
)
DRAFT = PublicationStatus.DRAFT


# What counts as the same words


@pytest.mark.parametrize(
    "quote",
    [
        "who was arrested on March 9, 2019",
        # Case, line breaks and runs of spaces do not count.
        "WHO WAS   ARRESTED\non march 9, 2019",
        # Straight or typographic: apostrophes, quotation marks and dashes alike.
        "the country’s relationship",
        "\"If the authorities try to silence Kazakhstan's independent civil society",
        "Delius stated - in Göttingen",
        "Delius stated — in Göttingen",
        # A no-break space is a space.
        "Delius\u00a0stated",
        # Words left out, or the editor's own in square brackets, in the order of the text.
        "Bilash … is accused of having impaired the country's relationship",
        "Bilash, [...] is accused",
        "[Serikzhan] Bilash, who was arrested",
        # Quotation marks put around the whole quote are the editor's.
        "“who was arrested on March 9, 2019”",
    ],
)
def test_it_finds_a_quote_whatever_its_spacing_case_quotes_and_dashes(quote):
    assert quote_occurs(quote, TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        "who was arrested on March 10, 2019",
        "Bilash was arrested",
        # Both parts are in the text, but not in this order.
        "Delius stated … who was arrested",
        "the European Union must not respond",
    ],
)
def test_it_does_not_find_a_changed_or_reordered_quote(quote):
    assert not quote_occurs(quote, TEXT)


def test_it_reads_typographic_text_as_plain():
    assert normalised("  “It’s\u00a0here” —\nNOW…  ") == '"it\'s here" - now...'


def test_only_citations_with_a_quote_and_a_stored_text_are_checked():
    stored, bare = make_source(), make_source()
    SourceText.objects.create(source=stored, text=TEXT)
    event = make_event()
    wrong = Citation.objects.create(event=event, source=stored, quote="Not in the text.")
    right = Citation.objects.create(event=event, source=stored, quote="Delius stated")
    unquoted = Citation.objects.create(event=event, source=stored, quote="  ")
    unstored = Citation.objects.create(event=event, source=bare, quote="Not in any text.")
    assert unfound_quotes([wrong, right, unquoted, unstored]) == [wrong]


# The demo case


def test_the_demo_case_stores_the_press_release_as_its_sources_text(demo_case):
    release = Source.objects.get(slug="stp-press-release-2019-03-19")
    assert release.stored_text.text == RELEASE.read_text(encoding="utf-8")


def test_every_demo_quote_is_found_in_the_stored_release(demo_case):
    citations = Citation.objects.filter(event__case=demo_case)
    assert citations.count() >= 9
    assert unfound_quotes(citations) == []


def test_loading_again_keeps_the_text_an_editor_changed_and_reset_restores_it(demo_case):
    text = SourceText.objects.get(source__slug="stp-press-release-2019-03-19")
    text.text = "Edited."
    text.save()
    call_command("load_demo_case", stdout=io.StringIO())
    text.refresh_from_db()
    assert text.text == "Edited."
    call_command("load_demo_case", "--reset", stdout=io.StringIO())
    text.refresh_from_db()
    assert text.text == RELEASE.read_text(encoding="utf-8")


def test_loading_adds_the_text_to_a_source_that_had_none(demo_case):
    SourceText.objects.all().delete()
    call_command("load_demo_case", stdout=io.StringIO())
    assert SourceText.objects.get().text == RELEASE.read_text(encoding="utf-8")


# Warnings in the admin


@pytest.fixture
def quoted_event(db):
    """A draft event citing a source whose full text is stored."""
    source = make_source(title="STP press release")
    SourceText.objects.create(source=source, text=TEXT)
    event = make_event(make_case(publication_status=DRAFT), publication_status=DRAFT)
    Citation.objects.create(event=event, source=source, quote="Delius stated", position=1)
    return event


def test_saving_an_event_warns_about_a_quote_not_in_the_text_and_saves_it(editor, quoted_event):
    data = form_data(editor.get(change_url(quoted_event)))
    data["citations-0-quote"] = "Delius said nothing"
    response = editor.post(change_url(quoted_event), data, follow=True)
    assert response.status_code == 200
    warnings = [m for m in messages_of(response) if "does not occur" in m]
    assert warnings == [
        f"The quote “Delius said nothing” cited for “{quoted_event.title}” does not occur in the full text stored "
        "for Publisher: STP press release. It was saved as typed: check it against the "
        "source."
    ]
    assert quoted_event.citations.get().quote == "Delius said nothing"


def test_saving_an_event_whose_quotes_are_found_gives_no_warning(editor, quoted_event):
    data = form_data(editor.get(change_url(quoted_event)))
    data["citations-0-quote"] = "delius STATED – in Göttingen"
    response = editor.post(change_url(quoted_event), data, follow=True)
    assert not [m for m in messages_of(response) if "does not occur" in m]
    assert quoted_event.citations.get().quote == "delius STATED – in Göttingen"


def test_saving_a_citation_on_its_own_page_warns_too(publisher, quoted_event):
    citation = quoted_event.citations.get()
    data = form_data(publisher.get(change_url(citation)), quote="Delius was silent")
    response = publisher.post(change_url(citation), data, follow=True)
    assert [m for m in messages_of(response) if "does not occur" in m]
    citation.refresh_from_db()
    assert citation.quote == "Delius was silent"


def test_changing_a_sources_text_warns_about_the_quotes_it_no_longer_holds(editor, quoted_event):
    source = quoted_event.citations.get().source
    page = editor.get(change_url(source))
    unchanged = editor.post(change_url(source), form_data(page), follow=True)
    assert not [m for m in messages_of(unchanged) if "does not occur" in m]

    data = form_data(page, **{"stored_text-0-text": "Another text altogether."})
    response = editor.post(change_url(source), data, follow=True)
    assert [m for m in messages_of(response) if "does not occur" in m]
    assert SourceText.objects.get(source=source).text == "Another text altogether."


def test_a_text_pasted_into_a_new_source_page_is_stored(editor):
    source = make_source()
    data = form_data(editor.get(change_url(source)), **{"stored_text-0-text": TEXT})
    response = editor.post(change_url(source), data)
    assert response.status_code == 302
    assert source.stored_text.text == TEXT


# The text stays in the admin


def test_the_text_is_on_no_public_page_export_or_structured_data(visitor, demo_case):
    assert "Translate to Englisch" in SourceText.objects.get().text
    event = demo_case.events.get(slug="bilash-arrested")
    source = Source.objects.get()
    addresses = [
        demo_case.get_absolute_url(),
        event.get_absolute_url(),
        source.get_absolute_url(),
        f"/cases/{demo_case.slug}/sources/",
        f"/cases/{demo_case.slug}/export.json",
        f"/cases/{demo_case.slug}/export.csv",
        f"/cases/{demo_case.slug}/timelinejs.json",
        f"/cases/{demo_case.slug}/feed/",
    ]
    for address in addresses:
        response = visitor.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Translate to Englisch" not in body, address
    # The event page's JSON-LD names the source, not its text.
    assert b'"@type": "Event"' in visitor.get(event.get_absolute_url()).content


# flush and restore commit their own transactions, as in tests/test_backup_restore.py: on
# PostgreSQL a TRUNCATE inside the test's transaction meets its deferred constraint checks.
@pytest.mark.django_db(transaction=True)
def test_a_backup_keeps_the_text(demo_case, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "site.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not SourceText.objects.exists()
    call_command("restore", str(archive), stdout=io.StringIO())
    assert SourceText.objects.get().text == RELEASE.read_text(encoding="utf-8")


def test_the_export_lists_no_text_field_for_sources(visitor, demo_case):
    response = visitor.get(f"/cases/{demo_case.slug}/export.json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sources = json.loads(body)["sources"]
    assert sources and all("text" not in source for source in sources)
