"""When the database does not answer: visitors get a 503 "briefly unavailable" with
`Retry-After` (never the 500 page, never a traceback), a bug still gets the 500 page, and a
production server neither starts without its SQLite file nor creates an empty one in its place.
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connection,
    connections,
)
from django.test import Client, RequestFactory, override_settings

from caseapp.cases.bench import ProductionServer
from caseapp.outages import database_unavailable
from caseapp.views import healthz

CASE_PAGE = "/cases/serikzhan-bilash/"
PUBLIC_PAGES = [
    "/",
    CASE_PAGE,
    "/cases/serikzhan-bilash/events/bilash-arrested/",
    "/timeline/",
    "/actors/",
    "/embed/cases/serikzhan-bilash/",
]


def _refused_connection() -> None:
    """Raise what the driver of the suite's database raises when its server is not there."""
    if connection.vendor == "sqlite":
        sqlite3.connect("file:/nonexistent/casefile.sqlite3?mode=rw", uri=True)
    else:
        psycopg.connect("host=127.0.0.1 port=1 connect_timeout=2")


def _unreachable(*args, **kwargs) -> None:
    """In place of `connection._cursor`: every query meets a database that does not answer,
    reported as Django reports it."""
    with connection.wrap_database_errors:
        _refused_connection()


@pytest.fixture
def database_down(reader):
    # Undone before the test's transaction is rolled back, which needs the database.
    with mock.patch.object(connections[DEFAULT_DB_ALIAS], "_cursor", _unreachable):
        yield


@pytest.fixture
def reader(demo_case) -> Client:
    """A visitor whose browser shows what the server answers, errors included."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_ask_to_come_back_while_the_database_does_not_answer(
    reader, database_down, path
):
    response = reader.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Casefile is briefly unavailable" in page
    assert "Something went wrong" not in page
    assert "Traceback" not in page
    assert not response.cookies


def test_an_htmx_fragment_gets_the_notice_alone(reader, database_down):
    response = reader.get(CASE_PAGE, headers={"HX-Request": "true", "HX-Target": "timeline"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Casefile is briefly unavailable" in page
    assert "<html" not in page


def test_a_broken_query_is_still_a_500(reader):
    """A wrong query is a bug to fix, not an outage to wait out."""
    database = connections[DEFAULT_DB_ALIAS]
    working_cursor = database._cursor

    def broken(*args, **kwargs):
        working_cursor(*args, **kwargs).execute("SELECT no_such_column FROM no_such_table")

    with mock.patch.object(database, "_cursor", broken):
        response = reader.get(CASE_PAGE)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Retry-After" not in response


@override_settings(PAGE_CACHE=True)
def test_pages_come_back_with_the_database(reader):
    with mock.patch.object(connections[DEFAULT_DB_ALIAS], "_cursor", _unreachable):
        assert reader.get(CASE_PAGE).status_code == 503

    response = reader.get(CASE_PAGE)

    assert response.status_code == 200
    assert "Serikzhan Bilash" in response.content.decode()


def _as_django(error: Exception, django_error: type) -> Exception:
    """`error` re-raised as Django's database layer does: Django's class, caused by it."""
    try:
        raise django_error(*error.args) from error
    except django_error as raised:
        return raised


def _sqlite_error(database: str, query: str = "SELECT 1") -> Exception:
    try:
        sqlite3.connect(database, uri=True).execute(query)
    except sqlite3.Error as error:
        return error
    raise AssertionError("no error")


def test_it_tells_an_unreachable_database_from_a_bug():
    missing_file = _sqlite_error("file:/nonexistent/casefile.sqlite3?mode=rw")
    missing_table = _sqlite_error(":memory:", "SELECT * FROM no_such_table")
    try:
        psycopg.connect("host=127.0.0.1 port=1 connect_timeout=2")
    except psycopg.OperationalError as error:
        refused = error

    assert database_unavailable(_as_django(missing_file, OperationalError))
    assert database_unavailable(_as_django(refused, OperationalError))
    assert database_unavailable(
        _as_django(psycopg.errors.AdminShutdown("terminating connection"), OperationalError)
    )
    assert database_unavailable(InterfaceError("connection already closed"))
    assert not database_unavailable(_as_django(missing_table, OperationalError))
    assert not database_unavailable(
        _as_django(psycopg.errors.UndefinedTable("no such table"), ProgrammingError)
    )
    assert not database_unavailable(OperationalError("no driver error behind it"))
    assert not database_unavailable(ValueError("a bug"))


def test_the_health_check_reports_a_missing_sqlite_file(tmp_path):
    gone = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "gone.sqlite3")}
    with mock.patch.dict(connections[DEFAULT_DB_ALIAS].settings_dict, gone):
        response = healthz(RequestFactory().get("/healthz"))

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "missing"}
    assert not (tmp_path / "gone.sqlite3").exists()


# ------------------------------------------------------- a production server on an SQLite file


def _production_environment(database: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        **extra,
    }


def _python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def _manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    """An SQLite file made as `make serve` makes it: `migrate` with DEBUG=False creates it."""
    database = tmp_path_factory.mktemp("served") / "casefile.sqlite3"
    environment = _production_environment(database)
    migrated = _manage("migrate", "--noinput", environment=environment)
    assert migrated.returncode == 0, migrated.stderr
    loaded = _manage("load_demo_case", environment=environment)
    assert loaded.returncode == 0, loaded.stderr
    return database


def test_a_production_server_refuses_to_start_without_its_sqlite_file(tmp_path):
    database = tmp_path / "never-migrated.sqlite3"

    started = _python("import caseapp.wsgi", _production_environment(database))

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert f"The SQLite database {database} does not exist" in started.stderr
    assert "manage.py migrate" in started.stderr
    assert not database.exists()


def test_a_production_server_opens_its_sqlite_file_without_creating(migrated_database):
    code = (
        "import caseapp.wsgi; from django.db import connection; "
        "print(connection.settings_dict['NAME'])"
    )

    started = _python(code, _production_environment(migrated_database))

    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == f"{migrated_database.as_uri()}?mode=rw"


def _get(port: int, path: str, **headers: str) -> tuple[int, dict, str]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = client.getresponse()
        return response.status, dict(response.headers), response.read().decode()
    finally:
        client.close()


def test_a_deleted_sqlite_file_is_an_outage_not_a_new_empty_database(migrated_database, tmp_path):
    database = tmp_path / "casefile.sqlite3"
    shutil.copy(migrated_database, database)
    environment = {"DATABASE_URL": f"sqlite:///{database}", "PAGE_CACHE": "true"}
    with ProductionServer(timeout=30, threads=2, environment=environment) as server:
        assert _get(server.port, CASE_PAGE)[0] == 200
        for file in database.parent.glob(f"{database.name}*"):
            file.unlink()

        status, headers, page = _get(server.port, CASE_PAGE)
        assert (status, headers["Retry-After"]) == (503, "30")
        assert "Casefile is briefly unavailable" in page
        fragment = _get(server.port, CASE_PAGE, **{"HX-Request": "true"})
        assert fragment[0] == 503
        status, _, body = _get(server.port, "/healthz")
        assert (status, json.loads(body)["database"]) == (503, "missing")
        assert not database.exists()

        # A new worker refuses to start, and with it the server, rather than create the file.
        os.kill(server.worker_pid(), signal.SIGKILL)
        assert server.process.wait(timeout=30) != 0
        assert "manage.py migrate" in server.log_tail(200)
        assert not database.exists()
