"""`manage.py generate_events`: deterministic synthetic published data for benchmarks and
tests at size, written in bulk, that never touches what is already there."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from caseapp.actors.models import Actor
from caseapp.cases import counters
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    FacetCount,
    Participation,
    Place,
    Source,
)
from caseapp.cases.synthetic import RARE_WORD, SLUG_PREFIX
from caseapp.publishing.models import PublicationStatus


def generate(*arguments: str) -> str:
    output = io.StringIO()
    call_command("generate_events", *arguments, stdout=output)
    return output.getvalue()


def snapshot() -> list[tuple]:
    """What was written, without keys or times: equal for equal seeds."""
    return list(
        Event.objects.order_by("case__slug", "slug").values_list(
            "case__slug",
            "slug",
            "title",
            "kind",
            "start_date",
            "start_precision",
            "start_qualifier",
            "end_date",
            "place__slug",
            "is_milestone",
            "summary",
        )
    )


def test_it_writes_published_events_with_roles_citations_and_places(db):
    output = generate("--events", "300", "--actors", "40", "--cases", "3", "--seed", "5")
    assert "Wrote 300 events in 3 case(s), 40 actors" in output
    events = Event.objects.all()
    assert events.count() == 300
    assert set(events.values_list("publication_status", flat=True)) == {"published"}
    assert Case.objects.published().count() == 3
    assert Actor.objects.published().count() == 40
    # The first case is the largest, as in a real project.
    sizes = dict(Case.objects.annotate(n=Count("events")).values_list("slug", "n"))
    assert sizes[f"{SLUG_PREFIX}5-case-1"] == max(sizes.values())
    assert 2.5 <= Participation.objects.count() / 300 <= 4
    assert 1.5 <= Citation.objects.count() / 300 <= 2.5
    assert events.filter(place__isnull=False).count() > 200
    # Every precision, hedges and ranges, milestones, a rare word, summaries as HTML.
    assert set(events.values_list("start_precision", flat=True)) == {"day", "month", "year"}
    assert events.exclude(start_qualifier="exact").exists()
    assert events.filter(end_date__isnull=False).exists()
    assert events.filter(is_milestone=True).exists()
    assert events.filter(summary__contains=RARE_WORD).exists()
    assert all(event.summary_html for event in events)
    assert Actor.objects.exclude(aliases="").exists()


def test_the_same_seed_writes_the_same_data(db):
    generate("--events", "120", "--actors", "20", "--seed", "7")
    first = snapshot()
    Event.objects.all().delete()
    Case.objects.all().delete()
    Participation.objects.all().delete()
    Actor.objects.all().delete()
    Source.objects.all().delete()
    Place.objects.all().delete()
    generate("--events", "120", "--actors", "20", "--seed", "7")
    assert snapshot() == first
    generate("--events", "120", "--actors", "20", "--seed", "8")
    assert snapshot() != first


def test_its_counts_are_kept_like_any_other(db):
    generate("--events", "200", "--actors", "30", "--cases", "2")
    written = {(row.case_id, row.facet, row.value): row.count for row in FacetCount.objects.all()}
    counters.rebuild()
    assert {
        (row.case_id, row.facet, row.value): row.count for row in FacetCount.objects.all()
    } == written
    assert written


def test_it_refuses_a_database_with_real_data_unless_told(demo_case):
    with pytest.raises(CommandError, match="did not write"):
        generate("--events", "10", "--actors", "5")
    assert not Case.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    before = list(Event.objects.filter(case=demo_case).values_list("pk", "version", "title"))
    generate("--events", "10", "--actors", "5", "--yes")
    assert Case.objects.filter(slug__startswith=SLUG_PREFIX).count() == 1
    # Nothing that was there changed.
    assert list(Event.objects.filter(case=demo_case).values_list("pk", "version", "title")) == (
        before
    )
    assert Case.objects.get(pk=demo_case.pk).publication_status == PublicationStatus.PUBLISHED


def test_it_refuses_a_seed_it_has_written_already(db):
    generate("--events", "5", "--actors", "3")
    with pytest.raises(CommandError, match="another --seed"):
        generate("--events", "5", "--actors", "3")
    generate("--events", "5", "--actors", "3", "--seed", "2")
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    "arguments", [["--events", "-1"], ["--actors", "0"], ["--cases", "0"], ["--events", "x"]]
)
def test_it_answers_impossible_sizes_with_a_message(db, arguments):
    with pytest.raises(CommandError):
        generate(*arguments)
