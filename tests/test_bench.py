"""`make bench` must not rot: a tiny run (300 events) end to end, on a database of its own,
asks every public page type for what it expects and counts its SQL; on SQLite always, and on
PostgreSQL too when the suite runs there. On SQLite the same run loads the demo case for a
second per address with the Python load generator, page cache on and off. Timings are printed
by the bench, never asserted."""

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dj_database_url
import pytest

from caseapp.cases import bench, bench_throughput
from caseapp.cases.models import Case

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 300
# Every page type the bench times; losing one from the bench fails this test.
PAGE_TYPES = {
    "healthz",
    "home",
    "case",
    "case-far",
    "case-last",
    "filter-busy-actor",
    "filter-actor",
    "filter-kind",
    "filter-dates",
    "filter-place",
    "search-rare",
    "search-common",
    "search-cyrillic",
    "fragment",
    "event",
    "source",
    "timeline",
    "timeline-filter",
    "directory",
    "actor-busy",
    "actor",
    "embed",
    "feed-case",
    "feed-actor",
    "sitemap",
    "sitemap-section",
    "export-json",
    "export-csv",
    "timelinejs",
}
# Listed only when the sitemap is an index, which it need not be at 300 events.
OPTIONAL = {"sitemap-section"}


def _suite_database_url() -> str:
    return os.environ.get("DATABASE_URL", "")


def _run_bench(database_url: str, output: Path, *options: str) -> dict:
    command = [
        *(sys.executable, "manage.py", "bench"),
        *("--events", str(EVENTS), "--requests", "2", "--repeats", "1"),
        *("--timeout", "30", "--output", str(output), *options),
    ]
    environment = {**os.environ, "DATABASE_URL": database_url}
    try:
        finished = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=240
        )
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"The bench took over 4 minutes:\n{expired.stdout}\n{expired.stderr}")
    assert finished.returncode == 0, (
        f"manage.py bench failed ({finished.returncode}):\n{finished.stdout}\n{finished.stderr}"
    )
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture
def postgresql_bench_database():
    """A PostgreSQL database of the bench's own beside the suite's, dropped afterwards."""
    suite = _suite_database_url()
    if not suite.startswith("postgres"):
        pytest.skip("The suite runs on SQLite; PostgreSQL is benched when it runs there.")
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(suite)
    name = f"{config['NAME']}_bench"
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield suite.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            connection.execute(drop)


def _assert_every_page_type_answered(report: dict) -> None:
    rows = {row["key"]: row for row in report["page_types"]}
    assert set(rows) == PAGE_TYPES
    assert report["failures"] == []
    for key, row in rows.items():
        if key in OPTIONAL and not row["requests"]:
            continue
        assert row["distinct"]["n"] >= 1, key
        assert row["repeat"]["n"] >= 1, key
        for request in row["requests"]:
            assert request["error"] == "", (key, request)
            assert request["status"] == row["expected_status"], (key, request)
            assert request["bytes"] > 0, (key, request)
        assert isinstance(row["queries"], int), key
        assert row["queries_counted_on"]["status"] == row["expected_status"], key
        assert row["distinct"]["median_ms"] is not None, key


def _assert_the_demo_case_was_loaded(section: dict) -> None:
    assert section["generator"] == "python"
    assert section["workers"] == 2
    runs = {run["page_cache"]: run for run in section["runs"]}
    assert set(runs) == {True, False}
    for page_cache, run in runs.items():
        rows = {row["key"]: row for row in run["rows"]}
        assert set(rows) == {"healthz", "case", "fragment", "embed"}
        assert rows["fragment"]["fragment"] is True
        assert rows["healthz"]["ratio_to_healthz"] == 1
        for key, row in rows.items():
            assert row["check"]["status"] == 200, (page_cache, key)
            assert row["load"]["requests"] > 0, (page_cache, key)
            assert (row["load"]["non_2xx"], row["load"]["errors"]) == (0, 0), (page_cache, key)
            if key != "healthz":
                assert row["check"]["not_modified"] is True, (page_cache, key)
                assert row["check"]["x_cache"] == ("hit" if page_cache else ""), key
    case_page = {run["page_cache"]: run["rows"][1] for run in section["runs"]}
    assert case_page[True]["key"] == case_page[False]["key"] == "case"
    assert (case_page[True]["target_ratio"], case_page[False]["target_ratio"]) == (0.5, 0.1)


def test_it_times_every_page_type_and_loads_the_demo_case_on_sqlite(tmp_path):
    output = tmp_path / "bench-results.json"
    report = _run_bench(
        f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        output,
        *("--throughput-seconds", "1", "--load-generator", "python"),
    )

    _assert_every_page_type_answered(report)
    assert report["database"]["vendor"] == "sqlite"
    assert report["dataset"]["events"] == EVENTS
    assert report["target"] == {"median_ms": 100, "max_html_bytes": 100_000}
    assert report["machine"]["cpus"] >= 1
    _assert_the_demo_case_was_loaded(report["throughput"])
    assert report["throughput"]["demo_database"].endswith("bench-demo.sqlite3")


def test_it_times_every_page_type_on_postgresql(tmp_path, postgresql_bench_database):
    report = _run_bench(
        postgresql_bench_database, tmp_path / "bench-results.json", "--only", "pages"
    )

    _assert_every_page_type_answered(report)
    assert report["database"]["vendor"] == "postgresql"
    assert report["target"]["median_ms"] == 150
    assert "throughput" not in report


def test_it_refuses_to_load_the_demo_case_beside_other_cases(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    environment = {**os.environ, "DATABASE_URL": url}
    for command in (["migrate", "--verbosity", "0"], ["generate_events", "--events", "10"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment, check=True
        )

    with pytest.raises(bench.BenchError, match="besides the demo case"):
        bench_throughput.prepare_demo_database(url, say=print)


WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40123/cases/serikzhan-bilash/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    2.01ms  41.22ms   80.12%
    Req/Sec     1.58k   210.33     2.01k    71.00%
  Latency Distribution
     50%  850.00us
     75%    6.01ms
     90%    7.50ms
     99%   12.00ms
  31530 requests in 10.01s, 1.02GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   3149.85
Transfer/sec:    104.49MB
"""


def test_it_reads_what_wrk_measured():
    load = bench_throughput.parse_wrk(WRK_OUTPUT)

    assert (load.requests, load.seconds, load.requests_per_second) == (31530, 10.01, 3149.85)
    assert load.p50_ms == 0.85
    assert (load.non_2xx, load.errors) == (4, 3)


def test_it_asks_for_different_addresses_within_each_page_type(db):
    dataset = bench.Dataset(events=EVENTS, actors=20)
    bench.prepare_dataset(dataset, rebuild=False, say=lambda message: None)

    planned = bench.plan(dataset, requests=10)

    measured = set()
    for page_type in planned.page_types:
        if page_type.key == "healthz":
            continue
        paths = [(probe.path, probe.fragment) for probe in page_type.probes]
        assert len(paths) == len(set(paths)), page_type.key
        measured.update(probe.path for probe in page_type.probes)
    fragments = next(page_type for page_type in planned.page_types if page_type.key == "fragment")
    assert fragments.probes and all(probe.fragment for probe in fragments.probes)
    assert planned.warmup and not measured & {probe.path for probe in planned.warmup}


def test_it_reuses_the_dataset_it_finds(db):
    dataset = bench.Dataset(events=40, actors=20)
    first = bench.prepare_dataset(dataset, rebuild=False, say=lambda message: None)

    second = bench.prepare_dataset(dataset, rebuild=False, say=lambda message: None)

    assert (first["reused"], second["reused"]) == (False, True)
    assert Case.objects.count() == 1


def test_it_refuses_another_synthetic_dataset_unless_asked_to_rebuild(transactional_db):
    bench.prepare_dataset(bench.Dataset(events=40, actors=20), rebuild=False, say=print)
    bigger = bench.Dataset(events=60, actors=20)

    with pytest.raises(bench.BenchError, match="another synthetic dataset"):
        bench.prepare_dataset(bigger, rebuild=False, say=print)
    rebuilt = bench.prepare_dataset(bigger, rebuild=True, say=print)

    assert rebuilt["reused"] is False
    assert Case.objects.get().events.count() == 60


def test_it_never_uses_the_development_database():
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    command = [sys.executable, "manage.py", "bench", "--events", "10"]

    finished = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )

    assert finished.returncode == 1
    assert "will not use" in finished.stderr
    assert "db.sqlite3" in finished.stderr


def test_it_refuses_a_database_with_real_data(demo_case):
    with pytest.raises(bench.BenchError, match="did not write"):
        bench.prepare_dataset(bench.Dataset(events=40, actors=20), rebuild=True, say=print)

    assert Case.objects.get() == demo_case


class _SlowHandler(BaseHTTPRequestHandler):
    """Answers /slow after two seconds and anything else at once."""

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(2)
        try:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up waiting, as it should.
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_it_gives_up_on_a_request_after_its_timeout(slow_server):
    quick = bench.fetch(slow_server, bench.Probe("/"), timeout=1)
    slow = bench.fetch(slow_server, bench.Probe("/slow"), timeout=0.3)

    assert (quick.status, quick.bytes, quick.error) == (200, 2, "")
    assert slow.error == "timeout"
    assert slow.ms is None


def test_it_counts_a_timeout_as_slower_than_any_answer():
    answers = [bench.Measurement("/", False, "distinct", status=200, ms=ms) for ms in (10, 20)]
    timeouts = [bench.Measurement("/", False, "distinct", error="timeout") for _ in range(2)]

    one_in_three = bench._timings(answers + timeouts[:1])
    two_in_four = bench._timings(answers + timeouts)

    assert (one_in_three["median_ms"], one_in_three["p95_ms"]) == (20, None)
    assert two_in_four["median_ms"] is None
    assert (two_in_four["n"], two_in_four["failures"], two_in_four["timeouts"]) == (4, 2, 2)
