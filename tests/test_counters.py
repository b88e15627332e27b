"""The counts kept on save (`caseapp.cases.counters`) always equal a fresh count, whatever
editors do: publish, unpublish, change an event's kind, place or case, add and remove roles
and citations (one actor in two roles counts once), delete events and cases."""

import datetime
import io
import random

import pytest
from django.core.management import call_command

from caseapp.cases import counters
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    EventKind,
    FacetCount,
    Participation,
    Role,
)
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place, make_source

PUBLISHED, DRAFT = PublicationStatus.PUBLISHED, PublicationStatus.DRAFT


def kept() -> dict:
    return {
        (row.case_id, row.facet, row.value): row.count
        for row in FacetCount.objects.all()
        if row.count
    }


def fresh() -> dict:
    """What a full count gives, leaving the kept counts as they were."""
    before = {(row.case_id, row.facet, row.value): row.count for row in FacetCount.objects.all()}
    counters.rebuild()
    counted = kept()
    FacetCount.objects.all().delete()
    FacetCount.objects.bulk_create(
        FacetCount(case_id=case, facet=facet, value=value, count=count)
        for (case, facet, value), count in before.items()
    )
    return counted


def test_an_event_counts_once_in_every_facet_of_its_case(db):
    case = make_case()
    actor, place, source = make_actor(), make_place(), make_source()
    event = make_event(
        case,
        kind=EventKind.ARREST,
        place=place,
        is_milestone=True,
        actors=[(actor, Role.SUBJECT), (actor, Role.WITNESS)],
        sources=[source],
    )
    Citation.objects.create(event=event, source=source, locator="p. 2")
    assert kept() == {
        (case.pk, "total", ""): 1,
        (case.pk, "kind", "arrest"): 1,
        (case.pk, "place", str(place.pk)): 1,
        (case.pk, "milestone", ""): 1,
        (case.pk, "actor", str(actor.pk)): 1,
        (case.pk, "source", str(source.pk)): 1,
    }


def test_drafts_count_nowhere(db):
    case = make_case()
    make_event(case, publication_status=DRAFT, actors=[make_actor()], sources=[make_source()])
    assert kept() == {}


def test_the_kept_counts_follow_every_edit(db):
    """Guards the counts against drift: hundreds of random edits, then a full recount."""
    rng = random.Random(11)
    cases = [make_case() for _ in range(3)]
    actors = [make_actor() for _ in range(6)]
    places = [make_place() for _ in range(3)]
    sources = [make_source() for _ in range(4)]
    for n in range(12):
        make_event(
            rng.choice(cases),
            start_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            actors=[rng.choice(actors)],
            sources=[rng.choice(sources)],
        )
    for _step in range(300):
        live = list(Event.objects.all())
        action = rng.randrange(9)
        if action == 0 and live:
            event = rng.choice(live)
            event.publication_status = rng.choice([PUBLISHED, DRAFT, PublicationStatus.REVIEW])
            event.save()
        elif action == 1 and live:
            event = rng.choice(live)
            event.kind = rng.choice(EventKind.values)
            event.place = rng.choice([None, *places])
            event.is_milestone = rng.random() < 0.3
            event.save()
        elif action == 2 and live:
            event = rng.choice(live)
            event.case = rng.choice(cases)
            event.slug = f"moved-{_step}"
            event.save()
        elif action == 3 and live:
            Participation.objects.get_or_create(
                event=rng.choice(live), actor=rng.choice(actors), role=rng.choice(Role.values)
            )
        elif action == 4:
            roles = list(Participation.objects.all())
            if roles:
                role = rng.choice(roles)
                if rng.random() < 0.5:
                    role.delete()
                else:
                    role.actor, role.event = rng.choice(actors), rng.choice(live)
                    role.role = rng.choice(Role.values)
                    taken = Participation.objects.filter(
                        event=role.event, actor=role.actor, role=role.role
                    )
                    if not taken.exclude(pk=role.pk).exists():
                        role.save()
        elif action == 5 and live:
            Citation.objects.create(event=rng.choice(live), source=rng.choice(sources))
        elif action == 6:
            citations = list(Citation.objects.all())
            if citations:
                citation = rng.choice(citations)
                if rng.random() < 0.5:
                    citation.delete()
                else:
                    citation.source = rng.choice(sources)
                    citation.save()
        elif action == 7 and len(live) > 3:
            rng.choice(live).delete()
        elif action == 8:
            make_event(
                rng.choice(cases),
                start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=_step),
                publication_status=rng.choice([PUBLISHED, DRAFT]),
                actors=rng.sample(actors, 2),
                sources=[rng.choice(sources)],
            )
        assert kept() == fresh(), f"after step {_step} (action {action})"


def test_deleting_a_case_takes_its_counts_with_it(db):
    case = make_case()
    make_event(case, actors=[make_actor()], sources=[make_source()])
    other = make_event(make_case())
    case.events.all().delete()
    Case.objects.filter(pk=case.pk).delete()
    assert kept() == fresh()
    assert (other.case_id, "total", "") in kept()


@pytest.mark.parametrize("cases", [None, "one"])
def test_rebuild_counts_the_command_an_operator_runs(db, cases):
    case = make_case(slug="counted")
    event = make_event(case, actors=[make_actor()])
    expected = kept()
    FacetCount.objects.all().delete()
    Participation.objects.filter(event=event).update(note="bulk edit: no signal")
    arguments = ["counted"] if cases else []
    output = io.StringIO()
    call_command("rebuild_counts", *arguments, stdout=output)
    assert kept() == expected
    assert "Counted" in output.getvalue()


def test_rebuild_counts_names_an_unknown_case(db):
    with pytest.raises(Exception, match="no case"):
        call_command("rebuild_counts", "no-such-case", stdout=io.StringIO())
