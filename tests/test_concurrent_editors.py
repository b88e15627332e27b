"""Editors saving at the same time on SQLite, through a real production server (gunicorn,
`DEBUG=False`) while visitors read the case: no save fails and no save is lost.

Four editors each keep one event of the demo case open in the admin and save it again and
again, five saves a second between them; two visitors load the case page and its htmx fragment
without pause. Every save must be answered with the admin's redirect, every page with 200, and
every value saved must be in the event's history afterwards.

The suite runs it for CONCURRENT_EDITORS_SECONDS (10 by default); `make loadtest` runs it for
60 seconds.
"""

import http.client
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from caseapp.cases.bench import ProductionServer

EDITORS = 4
SAVES_PER_SECOND = 5
VISITORS = 2
SECONDS = float(os.environ.get("CONCURRENT_EDITORS_SECONDS") or 10)
CASE = "serikzhan-bilash"
REQUEST_TIMEOUT = 60


def prepare_site() -> None:
    """In a process of its own, on the SQLite file DATABASE_URL names: migrate, load the demo
    case, and sign in one superuser per editor; prints the sessions and the events to edit."""
    from importlib import import_module

    from django.contrib import auth
    from django.core.management import call_command

    from caseapp.cases.models import Event

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_case", verbosity=0)
    sessions = []
    for number in range(EDITORS):
        user = auth.get_user_model().objects.create_superuser(
            f"editor{number}", f"editor{number}@example.org", None
        )
        # A signed-in session as `auth.login` writes it, without the sign-in form.
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[auth.SESSION_KEY] = str(user.pk)
        session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        sessions.append(session.session_key)
    events = list(
        Event.objects.filter(case__slug=CASE).order_by("pk").values_list("pk", flat=True)
    )[:EDITORS]
    print(json.dumps({"sessions": sessions, "events": events}))


class _FormReader(HTMLParser):
    """What a browser would post from the admin change form, as (name, value) pairs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: dict | None = None
        self._option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attributes: list) -> None:
        attrs = {name: value or "" for name, value in attributes}
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        kind = attrs.get("type", "text").lower()
        if tag == "input" and "name" in attrs and "disabled" not in attrs:
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select" and "name" in attrs:
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs}
            self._select.update(chosen=[], first=None)
        elif tag == "option" and self._select is not None:
            self._option = attrs.get("value")
            self._text = []
            if "selected" in attrs:
                self._select["chosen"].append(attrs.get("value"))
        elif tag == "textarea" and "name" in attrs:
            self._textarea = attrs["name"]
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "option" and self._select is not None:
            value = self._option if self._option is not None else "".join(self._text)
            if self._select["first"] is None:
                self._select["first"] = value
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.fields += [(self._select["name"], value) for value in chosen if value is not None]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


@dataclass
class Outcome:
    """What one person's requests got."""

    statuses: list[int] = field(default_factory=list)
    saved_titles: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Browser:
    """One person's cookies, sent back over plain HTTP (the server marks them Secure)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, body: dict | list | None = None, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Host": "127.0.0.1", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        encoded = None
        if body is not None:
            encoded = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=encoded, headers=headers)
            response = connection.getresponse()
            content = response.read()
            self.last_location = response.headers.get("Location")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content.decode(errors="replace")


def _edit_repeatedly(
    port: int, session: str, event: int, editor: int, interval: float, until: float
) -> Outcome:
    outcome = Outcome()
    browser = Browser(port, {settings.SESSION_COOKIE_NAME: session})
    path = f"/admin/cases/event/{event}/change/"
    # Editors start a fraction of an interval apart, as people would.
    next_save = time.monotonic() + interval * editor / EDITORS
    number = 0
    while next_save < until:
        time.sleep(max(0.0, next_save - time.monotonic()))
        next_save += interval
        number += 1
        status, page = browser.request("GET", path)
        outcome.statuses.append(status)
        if status != 200:
            outcome.failures.append(
                f"editor {editor} opening the form: {status} {browser.last_location}"
            )
            continue
        reader = _FormReader()
        reader.feed(page)
        title = f"Saved by editor {editor}, save {number}"
        # The title in its original language (the form has a field per language).
        data = [(name, value) for name, value in reader.fields if name != "title_en"]
        data += [("title_en", title), ("_continue", "1")]
        status, page = browser.request("POST", path, data, Referer=path)
        outcome.statuses.append(status)
        if status == 302:
            outcome.saved_titles.append(title)
        else:
            outcome.failures.append(f"editor {editor}, save {number}: {status} {page[:300]!r}")
    return outcome


def _read_repeatedly(port: int, until: float) -> Outcome:
    outcome = Outcome()
    browser = Browser(port)
    fragment = {"HX-Request": "true", "HX-Target": "timeline"}
    while time.monotonic() < until:
        for path, headers in ((f"/cases/{CASE}/", {}), (f"/cases/{CASE}/?page=1", fragment)):
            status, _ = browser.request("GET", path, **headers)
            outcome.statuses.append(status)
            if status != 200:
                outcome.failures.append(f"visitor on {path}: {status}")
    return outcome


def _run(target, outcomes: list, *args) -> threading.Thread:
    def keep(*args):
        try:
            outcomes.append(target(*args))
        except Exception as problem:
            outcomes.append(Outcome(failures=[f"{target.__name__}: {problem!r}"]))

    thread = threading.Thread(target=keep, args=args)
    thread.start()
    return thread


@pytest.fixture
def sqlite_site(tmp_path: Path) -> dict:
    """A demo site on its own SQLite file, whatever database the suite runs on."""
    database = tmp_path / "editors.sqlite3"
    # Sessions are signed: the server must have the key they were made with.
    secret_key = secrets.token_urlsafe(50)
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": secret_key,
        "DJANGO_SETTINGS_MODULE": "caseapp.settings",
    }
    code = (
        "import django; django.setup(); "
        "from tests.test_concurrent_editors import prepare_site; prepare_site()"
    )
    prepared = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert prepared.returncode == 0, prepared.stderr
    return {
        "database": database,
        "secret_key": secret_key,
        **json.loads(prepared.stdout.splitlines()[-1]),
    }


def test_concurrent_editors_lose_no_save_on_sqlite(sqlite_site):
    environment = {
        "DATABASE_URL": f"sqlite:///{sqlite_site['database']}",
        "SECRET_KEY": sqlite_site["secret_key"],
        "ADMIN_REQUIRE_2FA": "false",
    }
    outcomes: list[Outcome] = []
    with ProductionServer(timeout=30, workers=2, threads=4, environment=environment) as server:
        until = time.monotonic() + SECONDS
        interval = EDITORS / SAVES_PER_SECOND
        threads = [
            _run(_edit_repeatedly, outcomes, server.port, session, event, n, interval, until)
            for n, (session, event) in enumerate(
                zip(sqlite_site["sessions"], sqlite_site["events"], strict=True)
            )
        ]
        threads += [_run(_read_repeatedly, outcomes, server.port, until) for _ in range(VISITORS)]
        for thread in threads:
            thread.join()
        failures = [failure for outcome in outcomes for failure in outcome.failures]
        errors = [line for line in server.log_tail(2000).splitlines() if "Error" in line]

    saved = [title for outcome in outcomes for title in outcome.saved_titles]
    requests = sum(len(outcome.statuses) for outcome in outcomes)
    print(f"{len(saved)} saves, {requests} requests in all, {len(failures)} failures")
    assert not failures, "\n".join([*sorted(set(failures))[:20], *errors[:20]])
    assert len(saved) >= SECONDS * SAVES_PER_SECOND * 0.5
    with sqlite3.connect(sqlite_site["database"]) as database:
        kept = {row[0] for row in database.execute("SELECT title FROM cases_historicalevent")}
        current = {
            row[0]
            for row in database.execute(
                "SELECT title FROM cases_event WHERE id IN (?, ?, ?, ?)", sqlite_site["events"]
            )
        }
    assert set(saved) <= kept, "saves missing from the history"
    last_saves = {
        max((t for t in saved if t.startswith(f"Saved by editor {n},")), key=_save_number)
        for n in range(EDITORS)
    }
    assert current == last_saves


def _save_number(title: str) -> int:
    return int(title.rpartition(" ")[2])
