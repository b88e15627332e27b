"""`manage.py import_events` at size: the file is read in batches of rows, each batch costs a
fixed number of queries, new and changed events keep their edit history, and the file that is
written is the file that was checked."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseapp.cases import counters, generation
from caseapp.cases.models import Case, Citation, Event, FacetCount, Participation
from caseapp.opendata import imports
from caseapp.opendata.imports import EventImport, FileChanged
from tests.factories import make_case, make_event

pytestmark = pytest.mark.django_db

HEADER = (
    "slug,title,kind,start,milestone,place,place_name,place_country,summary,actors,"
    "actor_details,sources"
)
BATCH = 10
ROWS = 100
# Queries an import makes once, whatever the file's length: the case, the lookups of actors,
# places and sources the file names, their creation, the transaction, the case's facet counts
# (counted afresh), the generation, the planner's statistics.
ONCE = 25
# Queries per batch of rows, at most: looking up the batch's events when checking and when
# writing, then writing events, their history, roles and citations.
PER_BATCH = 8


def rows(count: int, title: str = "Event") -> list[str]:
    """Rows naming seven actors, three places and five sources between them, two roles and a
    citation each, so that lookups repeat across batches as in a real file."""
    lines = []
    for n in range(count):
        one, other = n % 7, (n + 3) % 7
        lines.append(
            f"event-{n},{title} {n},arrest,2019-03-{n % 28 + 1:02d},false,"
            f"place-{n % 3},Place {n % 3},KZ,Summary *{n}*,"
            f'"actor-{one}:subject; actor-{other}:witness",'
            f'"actor-{one} | Actor {one} | person; actor-{other} | Actor {other} | person",'
            f'"https://news.example.org/{n % 5} | Report {n % 5} | News | 2019-03-10 | '
            f'news_report | en |  | p. {n} | Quote {n}"'
        )
    return lines


def write(tmp_path, lines: list[str], name: str = "events.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


def run_import(*args: str) -> str:
    stdout = io.StringIO()
    call_command("import_events", *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of ten rows, so that a file of a hundred rows spans ten of them."""
    monkeypatch.setattr(imports, "BATCH_SIZE", BATCH)


def test_a_new_import_takes_a_fixed_number_of_queries_per_batch(
    tmp_path, small_batches, django_assert_max_num_queries
):
    """Guards the import against a query per row, role or citation when it creates events."""
    make_case(slug="the-case")
    path = write(tmp_path, rows(ROWS))

    with django_assert_max_num_queries(ONCE + PER_BATCH * ROWS // BATCH):
        output = run_import("the-case", path, "--publish")

    assert "100 events created" in output
    assert Participation.objects.count() == 2 * ROWS
    assert Citation.objects.count() == ROWS


def test_an_unchanged_import_takes_a_fixed_number_of_queries_per_batch(
    tmp_path, small_batches, django_assert_max_num_queries
):
    """Guards the comparison of a file with the saved events against a query per row."""
    make_case(slug="the-case")
    path = write(tmp_path, rows(ROWS))
    run_import("the-case", path, "--publish")

    with django_assert_max_num_queries(ONCE + PER_BATCH * ROWS // BATCH):
        output = run_import("the-case", path)

    assert "0 events created, 0 updated, 100 unchanged" in output


def test_an_import_that_changes_every_event_takes_a_fixed_number_of_queries_per_batch(
    tmp_path, small_batches, django_assert_max_num_queries
):
    """Guards updates (and their history) against a query per changed event."""
    make_case(slug="the-case")
    run_import("the-case", write(tmp_path, rows(ROWS)), "--publish")
    path = write(tmp_path, rows(ROWS, title="Corrected"), name="corrected.csv")

    with django_assert_max_num_queries(ONCE + PER_BATCH * ROWS // BATCH):
        output = run_import("the-case", path)

    assert "0 events created, 100 updated" in output
    assert Event.objects.filter(title__startswith="Corrected").count() == ROWS


def test_an_import_that_drops_a_role_from_every_event_takes_a_fixed_number_of_queries_per_batch(
    tmp_path, small_batches, django_assert_max_num_queries
):
    """Guards removed roles and citations against a query (or a signal) per row."""
    make_case(slug="the-case")
    run_import("the-case", write(tmp_path, rows(ROWS)), "--publish")
    fewer = [
        re.sub(r'"(actor-\d:subject); actor-\d:witness"', r"\1", row).replace(
            "https://news.example.org/", "https://other.example.org/"
        )
        for row in rows(ROWS)
    ]

    with django_assert_max_num_queries(ONCE + PER_BATCH * ROWS // BATCH):
        output = run_import("the-case", write(tmp_path, fewer, name="fewer.csv"))

    assert "0 events created, 100 updated" in output
    assert Participation.objects.count() == ROWS
    assert not Citation.objects.filter(source__url__startswith="https://news.").exists()


def test_checking_a_file_reads_no_event_one_by_one(
    tmp_path, small_batches, django_assert_max_num_queries
):
    """Guards the check (the model's rules on every row) against a query per row."""
    make_case(slug="the-case")
    path = write(tmp_path, rows(ROWS))

    with django_assert_max_num_queries(6 + ROWS // BATCH):
        output = run_import("the-case", path, "--dry-run")

    assert "100 events checked, no problems" in output
    assert not Event.objects.exists()


def test_it_finds_a_slug_repeated_in_the_same_batch_or_a_later_one(tmp_path, small_batches):
    make_case(slug="the-case")
    lines = rows(30)
    lines[4] = lines[4].replace("event-4,", "event-2,", 1)
    lines[27] = lines[27].replace("event-27,", "event-2,", 1)

    with pytest.raises(CommandError) as rejected:
        run_import("the-case", write(tmp_path, lines))

    assert str(rejected.value).splitlines()[:-1] == [
        f'{tmp_path / "events.csv"}: row 6, column "slug": “event-2” is also the slug of row 4.',
        f'{tmp_path / "events.csv"}: row 29, column "slug": “event-2” is also the slug of row 4.',
    ]


def test_it_keeps_the_history_of_what_it_creates_and_changes(tmp_path):
    make_case(slug="the-case")
    run_import("the-case", write(tmp_path, rows(3)), "--publish")
    run_import("the-case", write(tmp_path, rows(3)))
    corrected = rows(3)
    corrected[1] = corrected[1].replace("Event 1", "Event 1 (corrected)")
    run_import("the-case", write(tmp_path, corrected, name="corrected.csv"))

    changed = Event.objects.get(slug="event-1")
    assert [(record.history_type, record.title) for record in changed.history.all()] == [
        ("~", "Event 1 (corrected)"),
        ("+", "Event 1"),
    ]
    assert changed.history.first().history_change_reason == "import_events corrected.csv"
    assert changed.version == 2
    assert Event.objects.get(slug="event-0").history.count() == 1
    assert Event.objects.get(slug="event-0").version == 1


def test_new_events_are_saved_as_a_save_would_save_them(tmp_path):
    make_case(slug="the-case")

    run_import("the-case", write(tmp_path, rows(2)), "--publish")

    event = Event.objects.get(slug="event-1")
    assert event.summary_html == "<p>Summary <em>1</em></p>"
    assert (event.range_start.isoformat(), event.range_end.isoformat()) == (
        "2019-03-02",
        "2019-03-02",
    )
    assert event.published_at is not None
    assert event.created_at is not None
    assert event.version == 1
    assert event.place.slug == "place-1"


def test_roles_and_citations_keep_the_order_of_the_row(tmp_path):
    make_case(slug="the-case")

    run_import("the-case", write(tmp_path, rows(BATCH * 3)), "--publish")

    event = Event.objects.get(slug="event-25")
    assert list(event.participations.order_by("pk").values_list("actor__slug", "role")) == [
        ("actor-4", "subject"),
        ("actor-0", "witness"),
    ]
    assert list(event.citations.values_list("locator", flat=True)) == ["p. 25"]


def test_it_tells_caches_that_public_data_changed(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, rows(3))
    before = generation.current()

    run_import("the-case", path, "--publish")
    after_import = generation.current()
    run_import("the-case", path)

    assert after_import != before
    # An import that changes nothing leaves cached pages as they are.
    assert generation.current() == after_import


def test_it_counts_the_cases_facets_as_saving_each_event_would(tmp_path):
    """Bulk writes send no signals; the counts the case page reads must follow all the same."""
    case = make_case(slug="the-case")
    run_import("the-case", write(tmp_path, rows(12)), "--publish")
    moved = rows(12)
    moved[0] = moved[0].replace(",arrest,", ",hearing,")

    run_import("the-case", write(tmp_path, moved, name="moved.csv"))

    imported = set(FacetCount.objects.filter(case=case).values_list("facet", "value", "count"))
    counters.rebuild([case.pk])
    assert imported == set(
        FacetCount.objects.filter(case=case).values_list("facet", "value", "count")
    )
    assert {("total", "", 12), ("kind", "arrest", 11), ("kind", "hearing", 1)} <= imported


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL gathers its own")
def test_it_refreshes_sqlites_statistics_after_it_writes(tmp_path):
    """The planner picks the events' indexes by them (caseapp/cases/planner.py)."""
    make_case(slug="the-case")

    run_import("the-case", write(tmp_path, rows(12)), "--publish")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'event_slug_unique_in_case'"
            " OR idx = 'sqlite_autoindex_cases_event_1'"
        )
        assert cursor.fetchone()[0].split()[0] == "12"


def test_it_writes_nothing_when_the_file_changes_after_it_was_checked(small_batches):
    """The file is read twice; what is written must be what was checked."""
    case = make_case(slug="the-case")
    readings = iter(
        [
            "\n".join([HEADER, *rows(25)]),
            "\n".join([HEADER, *rows(20), *rows(5, title="Sneaked in")]),
        ]
    )
    importer = EventImport(case, lambda: io.StringIO(next(readings)))
    importer.check()

    with pytest.raises(FileChanged):
        importer.write()

    assert not Event.objects.exists()


def test_the_command_explains_a_file_that_changed_while_it_was_imported(
    tmp_path, monkeypatch, small_batches
):
    make_case(slug="the-case")
    path = write(tmp_path, rows(25))
    check = EventImport.check

    def check_then_edit(importer, progress=None):
        checked = check(importer, progress)
        write(tmp_path, rows(26))
        return checked

    monkeypatch.setattr(EventImport, "check", check_then_edit)

    with pytest.raises(CommandError, match="changed while it was being imported"):
        run_import("the-case", path)
    assert not Event.objects.exists()
    assert Case.objects.filter(slug="the-case").exists()


def test_the_command_explains_an_event_saved_meanwhile_with_a_slug_of_the_file(
    tmp_path, monkeypatch
):
    case = make_case(slug="the-case")
    path = write(tmp_path, rows(3))
    check = EventImport.check

    def check_then_save(importer, progress=None):
        checked = check(importer, progress)
        make_event(case, slug="event-2")
        return checked

    monkeypatch.setattr(EventImport, "check", check_then_save)

    with pytest.raises(CommandError, match="perhaps saved meanwhile in the admin"):
        run_import("the-case", path)
    assert list(Event.objects.values_list("slug", flat=True)) == ["event-2"]


def test_a_large_import_takes_the_planners_statistics_anew_as_it_grows(
    tmp_path, monkeypatch, small_batches
):
    """Planned with statistics of tables a fraction of their size, SQLite updates the events'
    full-text index at half speed and PostgreSQL looks events up by scanning the whole case."""
    monkeypatch.setattr(imports, "STATISTICS_AFTER", 20)
    make_case(slug="small-case")
    make_case(slug="large-case")

    with CaptureQueriesContext(connection) as small:
        run_import("small-case", write(tmp_path, rows(BATCH)), "--publish")
    with CaptureQueriesContext(connection) as large:
        run_import("large-case", write(tmp_path, rows(30), name="more.csv"), "--publish")

    def analyzed(queries) -> list[str]:
        return [query["sql"] for query in queries if query["sql"].startswith("ANALYZE")]

    if connection.vendor == "postgresql":
        tables = [
            'ANALYZE "cases_event"',
            'ANALYZE "cases_historicalevent"',
            'ANALYZE "cases_participation"',
            'ANALYZE "cases_citation"',
        ]
        assert analyzed(small) == []
        # Before the third batch (20 events written), and at the end.
        assert analyzed(large) == tables * 2
    else:
        # SQLite's are refreshed after every import that writes, as after every bulk write.
        assert analyzed(small) == ["ANALYZE"]
        assert analyzed(large) == ["ANALYZE", "ANALYZE"]


@pytest.mark.django_db(transaction=True)
def test_an_import_outside_a_transaction_leaves_the_connection_as_it_found_it(tmp_path):
    """On SQLite the import widens the page cache and keeps its journals in memory while it
    writes, then puts both settings back."""
    make_case(slug="the-case")

    def settings() -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA temp_store")
            return [cache_size, cursor.fetchone()[0]]

    before = settings() if connection.vendor == "sqlite" else None
    output = run_import("the-case", write(tmp_path, rows(5)), "--publish")

    assert "5 events created" in output
    if connection.vendor == "sqlite":
        assert settings() == before
