"""The admin lists: status shown and filterable on every list, search, dates, query counts."""

import datetime
import re

import pytest
from django.utils import timezone

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event, Place, Source
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import changelist_url
from tests.factories import make_actor, make_case, make_event, make_place, make_source

pytestmark = pytest.mark.django_db
DRAFT, REVIEW, PUBLISHED = (
    PublicationStatus.DRAFT,
    PublicationStatus.REVIEW,
    PublicationStatus.PUBLISHED,
)


def rows(response) -> list[str]:
    """The list's rows as HTML, one per record."""
    table = response.content.decode().split('id="result_list"')[1].split("</table>")[0]
    return re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.DOTALL)


def row_of(response, text: str) -> str:
    [row] = [row for row in rows(response) if text in row]
    return row


def test_it_checks_access(visitor, editor):
    for model in (Event, Case, Actor, Source, Place):
        assert visitor.get(changelist_url(model)).status_code == 302
        assert editor.get(changelist_url(model)).status_code == 200


def test_the_event_list_shows_each_events_status_beside_its_title(editor):
    case = make_case(title="A case with a long title that used to take the width of the list")
    make_event(case, title="Arrested at home", publication_status=DRAFT)
    make_event(case, title="Charged with inciting discord", publication_status=REVIEW)
    make_event(case, title="Released", publication_status=PUBLISHED)

    response = editor.get(changelist_url(Event))

    assert 'class="publication publication--draft">Draft<' in row_of(response, "Arrested")
    assert ">In review<" in row_of(response, "Charged")
    assert ">Published<" in row_of(response, "Released")
    headers = re.findall(r'<th scope="col" class="([^"]*)"', response.content.decode())
    columns = [header.split()[-1] for header in headers]
    assert columns.index("column-publication") == columns.index("column-title") + 1


@pytest.mark.parametrize(
    ("model", "make", "label"),
    [
        (
            Event,
            lambda status: make_event(title=f"Event {status}", publication_status=status),
            "title",
        ),
        (
            Case,
            lambda status: make_case(title=f"Case {status}", publication_status=status),
            "title",
        ),
        (
            Actor,
            lambda status: make_actor(name=f"Actor {status}", publication_status=status),
            "name",
        ),
    ],
    ids=["events", "cases", "actors"],
)
def test_a_publishable_list_filters_by_status(editor, model, make, label):
    for status in (DRAFT, REVIEW, PUBLISHED):
        make(status)

    response = editor.get(changelist_url(model), {"publication_status__exact": REVIEW})

    names = [getattr(record, label) for record in response.context["cl"].result_list]
    assert names == [f"{model.__name__} review"]
    assert ">In review<" in rows(response)[0]


def test_the_source_list_says_which_sources_are_public_and_which_events_use_them(editor):
    public_case, draft_case = make_case(), make_case(publication_status=DRAFT)
    cited_in_public, cited_by_drafts, cited_in_draft_case, _unused = (
        make_source(title=title)
        for title in ("Verdict text", "Draft notes", "Embargoed report", "Unused letter")
    )
    make_event(public_case, sources=[cited_in_public])
    make_event(public_case, sources=[cited_in_public])
    make_event(public_case, sources=[cited_in_public, cited_by_drafts], publication_status=DRAFT)
    make_event(public_case, sources=[cited_by_drafts], publication_status=REVIEW)
    make_event(draft_case, sources=[cited_in_draft_case])

    response = editor.get(changelist_url(Source))

    assert counts(row_of(response, "Verdict text")) == (True, 2, 1)
    assert counts(row_of(response, "Draft notes")) == (False, 0, 2)
    # Published, but in a case that is not: nothing of it is on the site.
    assert counts(row_of(response, "Embargoed report")) == (False, 1, 0)
    assert counts(row_of(response, "Unused letter")) == (False, 0, 0)
    public = editor.get(changelist_url(Source), {"public": "yes"}).context["cl"].result_list
    assert [source.title for source in public] == ["Verdict text"]
    hidden = editor.get(changelist_url(Source), {"public": "no"}).context["cl"].result_list
    assert {source.title for source in hidden} == {
        "Draft notes",
        "Embargoed report",
        "Unused letter",
    }


def test_the_place_list_says_which_places_are_public_and_which_events_use_them(editor):
    almaty, astana, _oral = (make_place(name=name) for name in ("Almaty", "Astana", "Oral"))
    make_event(place=almaty)
    make_event(place=almaty, publication_status=REVIEW)
    make_event(place=astana, publication_status=DRAFT)

    response = editor.get(changelist_url(Place))

    assert counts(row_of(response, "Almaty")) == (True, 1, 1)
    assert counts(row_of(response, "Astana")) == (False, 0, 1)
    assert counts(row_of(response, "Oral")) == (False, 0, 0)
    hidden = editor.get(changelist_url(Place), {"public": "no"}).context["cl"].result_list
    assert [place.name for place in hidden] == ["Astana", "Oral"]


def test_the_place_and_source_lists_sort_by_use(editor):
    busy, quiet = make_place(name="Busy"), make_place(name="Quiet")
    for _ in range(3):
        make_event(place=busy)
    make_event(place=quiet)
    columns = editor.get(changelist_url(Place)).context["cl"].list_display
    by_published = str(columns.index("used_by"))

    response = editor.get(changelist_url(Place), {"o": f"-{by_published}"})

    assert [place.name for place in response.context["cl"].result_list] == ["Busy", "Quiet"]


def counts(row: str) -> tuple[bool, int, int]:
    """(public, published events, unpublished events) as a row of the list shows them."""
    public = re.search(r'<td class="field-public"><img src="[^"]*icon-(yes|no)', row).group(1)
    published, unpublished = re.search(
        r'<td class="field-used_by">(\d+) published, (\d+) in draft or review</td>', row
    ).groups()
    return public == "yes", int(published), int(unpublished)


@pytest.mark.parametrize(
    ("model", "make", "query", "found"),
    [
        (Event, lambda: make_event(title="Detained in Almaty"), "almaty", "Detained in Almaty"),
        (
            Actor,
            lambda: make_actor(name="Serikzhan Bilash", aliases="Серикжан Билаш\nBilash S."),
            "Билаш",
            "Serikzhan Bilash",
        ),
        (
            Source,
            lambda: make_source(title="Statement", publisher="Atajurt"),
            "atajurt",
            "Statement",
        ),
        (Place, lambda: make_place(name="Zharkent"), "zhark", "Zharkent"),
    ],
    ids=["events by title", "actors by alias", "sources by publisher", "places by name"],
)
def test_a_list_finds_records_by_their_names(editor, model, make, query, found):
    make()
    make_event(title="Something else", place=make_place(name="Elsewhere"), sources=[make_source()])
    make_actor(name="Someone else")

    response = editor.get(changelist_url(model), {"q": query})

    assert [
        str(getattr(r, "name", None) or r.title) for r in response.context["cl"].result_list
    ] == [found]


def test_the_lists_write_dates_and_times_as_the_site_does(editor):
    event = make_event(title="Hearing", start_date=datetime.date(2019, 3, 9))
    moment = datetime.datetime(2026, 11, 27, 12, 29, tzinfo=datetime.UTC)
    Event.objects.filter(pk=event.pk).update(updated_at=moment)

    with timezone.override("UTC"):
        row = row_of(editor.get(changelist_url(Event)), "Hearing")

    assert "27 Nov 2026, 12:29" in row
    assert "Nov. 27" not in row and "p.m." not in row


@pytest.mark.parametrize("model", [Source, Place], ids=lambda model: model._meta.label)
def test_the_source_and_place_lists_take_a_fixed_number_of_queries(
    editor, django_assert_max_num_queries, model
):
    """Guards the public flag and event counts of sources and places against a query per row."""
    case = make_case()
    for n in range(150):
        make_event(
            case,
            place=make_place(),
            sources=[make_source()],
            publication_status=[DRAFT, PUBLISHED][n % 2],
        )

    with django_assert_max_num_queries(12):
        response = editor.get(changelist_url(model), {"all": ""})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 150
