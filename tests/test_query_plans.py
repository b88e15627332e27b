"""The queries every timeline runs walk the indexes made for them, on SQLite and PostgreSQL:
the page of a case, of every case and of a filter, a facet's counts, and a word search. A
change that makes one of them read every event fails here, before it is slow in production.

On PostgreSQL the tables of a test are too small for the planner to bother with an index, so
sequential scans are switched off: the test then asks whether an index *can* serve."""

import io
import re
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from caseapp.actors.models import Actor
from caseapp.cases import search
from caseapp.cases.facets import FACETS
from caseapp.cases.filters import filter_events
from caseapp.cases.models import Case, Event


@pytest.fixture
def generated(db):
    call_command("generate_events", "--events", "400", "--actors", "60", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Case.objects.get()


@contextmanager
def indexes_preferred():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("RESET enable_seqscan")


def plan(queryset) -> str:
    with indexes_preferred():
        return queryset.explain()


def assert_reads(plan_text: str, *indexes: str) -> None:
    assert any(index in plan_text for index in indexes), plan_text
    # Neither a scan of the whole events table nor a sort of it.
    assert "SCAN cases_event\n" not in plan_text + "\n", plan_text
    assert "Seq Scan on cases_event " not in plan_text, plan_text


def keys_of(events):
    return events.values_list("pk", flat=True)[50:75]


def test_a_case_page_walks_a_timeline_index(generated):
    plan_text = plan(keys_of(generated.events.published()))
    # Both hold the case and the timeline's order; the planner picks by the number of cases.
    assert_reads(plan_text, "event_case_timeline", "event_timeline")
    assert "TEMP B-TREE" not in plan_text
    assert "Sort" not in plan_text


def test_the_timeline_of_all_cases_walks_the_timeline_index(generated):
    plan_text = plan(keys_of(Event.objects.published()))
    assert_reads(plan_text, "event_timeline")
    assert "TEMP B-TREE" not in plan_text
    assert "Sort" not in plan_text


def test_a_filter_by_kind_reads_the_kind_index(generated):
    plan_text = plan(generated.events.published().filter(kind="hearing").order_by())
    assert_reads(plan_text, "event_case_kind", "event_kind")


def test_the_actor_facet_counts_from_the_roles_index(generated):
    request = RequestFactory().get("/", {"kind": "hearing"})
    filtering = filter_events(request, generated.events.published())
    keys = [choice.key for choice, _count in filtering.summary.top["actor"]]
    plan_text = plan(FACETS["actor"].counting(filtering.events, keys))
    assert_reads(plan_text, "event_case_kind", "event_kind")
    # The roles are reached through an index of theirs, never read whole.
    assert re.search(r"(?i)index[^\n]*participation", plan_text), plan_text
    assert "Seq Scan on cases_participation" not in plan_text
    assert "SCAN cases_participation\n" not in plan_text + "\n"


# An English word, and words of the translations: one index holds every language's text.
@pytest.mark.parametrize("word", ["samizdat", "festgenommen", "задержан", "ұсталды", "تۇتۇلدى"])
def test_a_word_search_reads_the_full_text_index(generated, word):
    if connection.vendor == "postgresql":
        # Every event that matches, gathered as a bitmap: only the GIN index can give the
        # words' part of it (the planner may also walk the timeline for a common word). The
        # query repeats the index's expression over every language's columns, or it could not.
        events = Event.objects.filter(search.word_condition(word))
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off")
            try:
                plan_text = plan(events.order_by())
            finally:
                cursor.execute("RESET enable_indexscan")
        assert "Bitmap Index Scan on cases_event_document" in plan_text, plan_text
    else:
        events = generated.events.published().filter(search.word_condition(word))
        plan_text = plan(events.order_by())
        assert "cases_event_fts VIRTUAL TABLE INDEX" in plan_text, plan_text


def test_a_name_search_can_read_the_trigram_index_on_postgresql(generated):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads the actors' names in full: a few thousand short rows.")
    names = Actor.objects.filter(search_text__contains="bilash")
    with connection.cursor() as cursor:
        # Only a bitmap can serve; of the indexes, only the trigram one can serve LIKE '%…%'.
        cursor.execute("SET enable_indexscan = off; SET enable_indexonlyscan = off")
        try:
            assert "actors_actor_search_trgm" in plan(names)
        finally:
            cursor.execute("RESET enable_indexscan; RESET enable_indexonlyscan")


def test_the_datasets_period_reads_its_two_ends_from_indexes(generated):
    """The case's JSON-LD Dataset names its first and last dates at their precision (the
    temporalCoverage): two events found through the timeline indexes, not a read of the case."""
    from django.test.utils import CaptureQueriesContext

    from caseapp.opendata.templatetags.structured_data import _period_ends

    with CaptureQueriesContext(connection) as queries:
        assert _period_ends(generated) != ("", "")
    (query,) = queries.captured_queries
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with indexes_preferred(), connection.cursor() as cursor:
        cursor.execute(explain + query["sql"])
        plan_text = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert_reads(plan_text, "event_case_timeline", "event_timeline")
    assert_reads(plan_text, "event_case_range_end", "event_range_end")
