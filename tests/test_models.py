import datetime

import pytest
from django.core.exceptions import ValidationError

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.models import (
    Case,
    CaseStatus,
    Citation,
    Event,
    EventKind,
    Participation,
    Role,
    Source,
    SourceKind,
)
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db
day = datetime.date


def event_for_clean(**fields) -> Event:
    case = make_case()
    fields = {
        "case": case,
        "title": "An event",
        "slug": "an-event",
        "kind": "arrest",
        "start_date": day(2019, 3, 9),
        **fields,
    }
    return Event(**fields)


def test_it_rejects_an_end_before_the_start():
    event = event_for_clean(end_date=day(2019, 3, 1))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end_date" in error.value.message_dict


def test_it_accepts_an_end_month_that_contains_the_start():
    event_for_clean(end_date=day(2019, 3, 1), end_precision=Precision.MONTH).full_clean()


def test_it_rejects_a_month_date_with_a_day():
    event = event_for_clean(start_date=day(2019, 1, 15), start_precision=Precision.MONTH)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "month-precision date has no day" in str(error.value.message_dict["start_date"])


def test_it_rejects_a_year_date_with_a_month():
    event = event_for_clean(start_date=day(2019, 3, 1), start_precision=Precision.YEAR)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "start_date" in error.value.message_dict


def test_it_rejects_since_with_an_end():
    event = event_for_clean(start_qualifier=Qualifier.SINCE, end_date=day(2019, 5, 1))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "start_qualifier" in error.value.message_dict


def test_it_rejects_an_empty_title():
    event = event_for_clean(title="")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "title" in error.value.message_dict


def test_it_rejects_a_duplicate_event_slug_in_the_same_case_as_a_validation_error():
    existing = make_event(slug="arrest")
    duplicate = event_for_clean(case=existing.case, slug="arrest")
    with pytest.raises(ValidationError, match="already has an event with this slug"):
        duplicate.full_clean()


def test_it_allows_the_same_event_slug_in_another_case():
    make_event(slug="arrest")
    event_for_clean(slug="arrest").full_clean()


def test_it_rejects_duplicate_case_and_actor_slugs_as_validation_errors():
    make_case(slug="taken")
    make_actor(slug="taken")
    with pytest.raises(ValidationError):
        Case(title="Other", slug="taken").full_clean()
    with pytest.raises(ValidationError):
        Actor(name="Other", slug="taken", kind="person").full_clean()


def test_it_rejects_a_citation_without_a_source():
    citation = Citation(event=make_event())
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "source" in error.value.message_dict


def test_it_rejects_an_actor_link_that_is_not_a_web_address():
    actor = Actor(
        name="A", slug="a", kind="person", links="https://ok.example.org\njavascript:alert(1)"
    )
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "links" in error.value.message_dict


def test_it_sorts_events_by_date_respecting_precision_and_qualifiers():
    case = make_case()
    after = make_event(
        case, title="after the arrest", start_date=day(2019, 3, 9), start_qualifier="after"
    )
    arrest = make_event(case, title="arrest", start_date=day(2019, 3, 9))
    month = make_event(case, title="March", start_date=day(2019, 3, 1), start_precision="month")
    year = make_event(case, title="2019", start_date=day(2019, 1, 1), start_precision="year")
    before = make_event(case, title="before", start_date=day(2019, 3, 9), start_qualifier="before")
    since = make_event(
        case,
        title="since 2017",
        start_date=day(2017, 4, 1),
        start_precision="month",
        start_qualifier="since",
    )
    assert list(case.events.all()) == [since, year, month, before, arrest, after]


def test_it_derives_the_range_it_covers_from_the_dates():
    event = make_event(start_date=day(2019, 3, 11), end_date=day(2019, 5, 1), end_precision="month")
    assert (event.range_start, event.range_end) == (day(2019, 3, 11), day(2019, 5, 31))
    ongoing = make_event(
        start_date=day(2017, 4, 1), start_precision="month", start_qualifier="since"
    )
    assert ongoing.range_end is None
    month = make_event(start_date=day(2019, 1, 1), start_precision="month")
    assert (month.range_start, month.range_end) == (day(2019, 1, 1), day(2019, 1, 31))


def test_it_keeps_the_range_in_step_when_the_dates_change():
    event = make_event(start_date=day(2019, 3, 9))
    event.start_date, event.start_precision = day(2020, 1, 1), Precision.YEAR
    event.save()
    event.refresh_from_db()
    assert (event.range_start, event.range_end) == (day(2020, 1, 1), day(2020, 12, 31))


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_published_leaves_out_drafts_and_events_under_review(status):
    case = make_case()
    shown = make_event(case)
    make_event(case, publication_status=status)
    make_actor(publication_status=status)
    make_case(publication_status=status)
    assert list(Event.objects.published()) == [shown]
    assert list(Case.objects.published()) == [case]
    assert Actor.objects.published().filter(publication_status=status).count() == 0


def test_published_leaves_out_a_published_event_of_a_draft_case():
    make_event(make_case(publication_status=PublicationStatus.DRAFT))
    assert not Event.objects.published().exists()


def test_it_rejects_the_same_role_twice_for_an_actor_in_an_event():
    actor = make_actor()
    event = make_event(actors=[(actor, Role.SUBJECT)])
    with pytest.raises(ValidationError):
        Participation(event=event, actor=actor, role=Role.SUBJECT).full_clean()


def test_every_model_reads_well_as_text():
    source = make_source(title="Report", publisher="STP", published_on=day(2019, 3, 19))
    event = make_event(title="Arrest", sources=[source])
    assert str(event) == "9 March 2019: Arrest"
    assert str(source) == "STP: Report, 19 Mar 2019"
    assert str(event.citations.get()) == str(source)


def test_a_citation_without_a_number_goes_after_the_events_others():
    event = make_event(sources=[make_source(), make_source()])
    added = Citation.objects.create(event=event, source=make_source())
    assert added.position == 3
    elsewhere = Citation.objects.create(event=make_event(), source=make_source())
    assert elsewhere.position == 1
    numbered = Citation.objects.create(event=event, source=make_source(), position=1)
    assert numbered.position == 1
    assert [c.pk for c in event.citations.all()][-1] == added.pk


def test_choices_are_capitalised_for_the_admin_and_lowercase_inside_a_sentence():
    assert [str(label) for _value, label in Qualifier.choices] == [
        "Exact",
        "Circa (about)",
        "Before",
        "After",
        "Since (still going on)",
    ]
    assert str(EventKind.HOUSE_ARREST.label) == "House arrest"
    assert str(SourceKind.PRESS_RELEASE.label) == "Press release"
    assert str(ActorKind.GOVERNMENT.label) == "Government body"
    assert str(CaseStatus.ONGOING.label) == "Ongoing"
    participation = Participation(actor=make_actor(name="Jebeu"), role=Role.ACCUSER)
    assert str(Role.ACCUSER.label) == "Accuser"
    assert participation.get_role_display() == "accuser"
    assert str(participation) == "Jebeu (accuser)"
    source = make_source(kind=SourceKind.PRESS_RELEASE)
    assert source.get_kind_display() == "press release"
    # Every choice has its word for inside a sentence.
    for role in Role:
        assert Participation(role=role).get_role_display() == str(role.label).lower()
    for kind in SourceKind:
        assert Source(kind=kind).get_kind_display() == str(kind.label).lower()
