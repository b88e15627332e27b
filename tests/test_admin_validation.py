"""Bad input in admin forms gets a message beside the field and keeps what the editor typed;
never an IntegrityError or a 500."""

import datetime
import html
import json
import re

import pytest
from django.conf import settings

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Participation, Place, Source
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


def date_on_site(page: str) -> str:
    """The date as the event's form says the site writes it."""
    match = re.search(r'field-date_on_site.*?<div class="readonly">([^<]*)</div>', page, re.S)
    return html.unescape(match[1])


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
    assert errors_of(response, "title_en")


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


# Date entry that explains itself


def test_the_event_form_writes_its_labels_and_choices_capitalised(editor):
    page = editor.get(add_url(Event)).content.decode()
    assert re.search(r'for="id_start_date">Start:<', page)
    assert re.search(r'for="id_end_date">End:<', page)
    assert '<option value="circa">Circa (about)</option>' in page
    assert '<option value="since">Since (still going on)</option>' in page
    assert '<option value="house_arrest">House arrest</option>' in page
    assert '<option value="subject">Subject</option>' in page
    assert ">start:<" not in page and "circa (about)" not in page


def test_the_date_input_is_sized_by_the_admin_stylesheet_for_its_placeholder(editor):
    page = editor.get(add_url(Event)).content.decode()
    (start,) = re.findall(r'<input[^>]*name="start_date"[^>]*>', page)
    assert 'class="vPartialDateField"' in start
    assert 'placeholder="2019-03-09, 2019-03, 2019"' in start
    assert "style=" not in start
    assert "/static/admin/casefile-admin.css" in page
    stylesheet = (settings.BASE_DIR / "static/admin/casefile-admin.css").read_text()
    rule = stylesheet.split(".vPartialDateField {", 1)[1].split("}", 1)[0]
    # The placeholder is 25 characters; `ch` is the width of a digit, the widest of them.
    assert int(re.search(r"width: calc\((\d+)ch", rule)[1]) >= 25


def test_the_form_explains_that_after_and_before_mean_between(editor):
    page = html.unescape(editor.get(add_url(Event)).content.decode())
    assert "with “After” beside the start and “Before” beside the end" in page
    assert "the site writes “between 11 March and May 2019”" in page
    assert "“Since” is for something still going on, without an end" in page


def test_a_saved_event_shows_its_date_as_the_site_writes_it(editor):
    event = make_event(
        make_case(publication_status="draft"),
        publication_status="draft",
        start_date=datetime.date(2019, 3, 11),
        start_qualifier="after",
        end_date=datetime.date(2019, 5, 1),
        end_precision="month",
        end_qualifier="before",
    )
    page = editor.get(change_url(event)).content.decode()
    assert "Written on the site as" in page
    assert date_on_site(page) == "between 11 March and May 2019"
    # Still editable, as typed.
    assert 'name="start_date" value="2019-03-11"' in page
    assert 'name="end_date" value="2019-05"' in page


def test_the_read_only_view_of_a_published_event_writes_the_date_as_the_site_does(editor):
    event = make_event(
        make_case(),
        start_date=datetime.date(2017, 4, 1),
        start_precision="month",
        start_qualifier="since",
    )
    response = editor.get(change_url(event))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="start_date"' not in page, "an editor may only read a published event"
    assert date_on_site(page) == "since April 2017"
    assert "first day" not in page
    assert "1 April 2017" not in page and "April 1, 2017" not in page


def test_the_case_lists_its_events_dates_as_the_site_writes_them(editor):
    case = make_case(publication_status="draft")
    make_event(
        case,
        publication_status="draft",
        start_date=datetime.date(2019, 1, 1),
        start_precision="month",
    )
    page = editor.get(change_url(case)).content.decode()
    dates = re.findall(r'<td class="field-date">\s*<p>([^<]*)</p>', page)
    assert dates == ["January 2019"]


# Citation order


def test_the_citation_order_is_explained_and_starts_empty(editor):
    page = html.unescape(editor.get(add_url(Event)).content.decode())
    assert "Order on the page" in page
    assert "1 is shown first. Leave empty to put it after the event's other sources." in page
    (position,) = re.findall(r'<input[^>]*name="citations-0-position"[^>]*>', page)
    assert "value=" not in position


def test_a_citation_left_without_a_number_goes_after_the_others(editor):
    first, second = make_source(), make_source()
    event = make_event(
        make_case(publication_status="draft"), publication_status="draft", sources=[first]
    )
    data = form_data(editor.get(change_url(event)))
    assert data["citations-0-position"] == "1"
    data.update({"citations-1-source": str(second.pk), "citations-1-quote": "Second."})
    response = editor.post(change_url(event), data)
    assert response.status_code == 302
    assert list(event.citations.values_list("source", "position")) == [
        (first.pk, 1),
        (second.pk, 2),
    ]


def test_the_event_page_and_the_admin_list_citations_in_the_same_order(editor, visitor):
    later = make_source(title="Shown second")
    earlier = make_source(title="Shown first")
    event = make_event(make_case())
    Citation.objects.create(event=event, source=later, position=2)
    Citation.objects.create(event=event, source=earlier, position=1)
    public = visitor.get(event.get_absolute_url()).content.decode()
    assert public.index("Shown first") < public.index("Shown second")
    admin_page = editor.get(change_url(event))
    (citations,) = [
        inline.formset
        for inline in admin_page.context["inline_admin_formsets"]
        if inline.formset.model is Citation
    ]
    assert [form.instance.source for form in citations.forms] == [earlier, later]


# Slugs


@pytest.mark.parametrize(
    ("model", "from_field"),
    [(Case, "title"), (Event, "title"), (Source, "title"), (Actor, "name"), (Place, "name")],
)
def test_every_slug_is_filled_in_from_the_title_as_one_types(editor, model, from_field):
    page = editor.get(add_url(model)).content.decode()
    (script,) = re.findall(r'<script id="django-admin-prepopulated-fields-constants"[^>]*>', page)
    assert 'src="/static/admin/js/prepopulate_init.js"' in script
    fields = json.loads(html.unescape(re.search(r'data-prepopulated-fields="([^"]*)"', script)[1]))
    (slug,) = fields
    # From the original-language column of a translated field (all but a source's title).
    source = from_field if model is Source else f"{from_field}_en"
    assert (slug["id"], slug["dependency_ids"]) == ("#id_slug", [f"#id_{source}"])
    assert f"filled in from the {from_field} as you type" in html.unescape(page).lower()


def test_a_source_saved_without_a_slug_still_gets_one_from_its_title(editor):
    page = editor.get(add_url(Source))
    data = form_data(
        page,
        title="STP press release",
        publisher="STP",
        kind="press_release",
        language="en",
        slug="",
    )
    response = editor.post(add_url(Source), data)
    assert response.status_code == 302
    assert Source.objects.get().slug == "stp-press-release"
