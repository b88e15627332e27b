"""Every public page is valid HTML as the W3C's Nu Html Checker (vnu) reads it.

Each page type is rendered through the test client in each of its states (filtered, searched,
empty, refused input, a second page, the fragments htmx swaps in) in English, German and Uyghur
(right to left), written to a temporary folder, and checked by one run of vnu for the whole
module: starting Java once keeps this to seconds. A fragment is checked inside a minimal
document, as the browser meets it inside the page. Errors fail the page's test; warnings are
printed for a reader of the log, not failed.

vnu comes from npm (`vnu-jar` in package.json, installed by `npm ci`) and needs Java 17 or
later. Without either the tests skip and say why; where CI or CASEFILE_REQUIRE_VNU is set
(.ci/run) they fail instead.
"""

import datetime
import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from caseapp.cases.models import EventKind, Role
from caseapp.i18n import path_in
from tests.factories import make_actor, make_case, make_event
from tests.prerequisites import missing

# Marked so that pytest-django sets up the test database the module's fixture renders from.
pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CASE = "/cases/serikzhan-bilash/"
# The JIT's quick first tier only: a third of the time for one short run. vnu needs a thread
# stack of 512k or more, and the quick tier's frames are larger.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss16m"]
# JSON on stdout, whatever it finds; no guessing of each page's language (lang says it).
VNU_OPTIONS = ["--format", "json", "--exit-zero-always", "--stdout", "--no-langdetect"]
CROWDED = "/cases/crowded/"
FRAGMENT = {"HX-Request": "true"}
FACET_SEARCH = {**FRAGMENT, "HX-Target": "facet-actor-choices"}
# A page broken on purpose, checked with the others: the check can fail.
CANARY = "broken-on-purpose.html"


@dataclass(frozen=True)
class Page:
    path: str
    query: dict
    status: int = 200
    headers: dict | None = None
    # The widget takes its language from ?lang=, not from its address.
    language_in_query: bool = False


# Every public page type, in every state a visitor can bring it to. Feeds, exports, the sitemap
# and embed.js are not HTML; admin and preview are not public.
PAGES = {
    "home": Page("/", {}),
    "home-no-such-page": Page("/", {"page": "99"}, 404),
    "case": Page(CASE, {}),
    "case-by-actor": Page(CASE, {"actor": "serikzhan-bilash"}),
    "case-by-kind": Page(CASE, {"kind": "arrest"}),
    "case-by-place": Page(CASE, {"place": "astana"}),
    "case-by-dates": Page(CASE, {"from": "2019-03", "to": "2019-12-31"}),
    "case-by-everything": Page(
        CASE, {"actor": "serikzhan-bilash", "kind": "arrest", "place": "astana", "from": "2019"}
    ),
    "case-search": Page(CASE, {"q": "Bilash"}),
    "case-nothing-found": Page(CASE, {"q": "xylophone"}),
    "case-bad-date": Page(CASE, {"from": "2019-02-30", "to": "yesterday"}),
    "case-from-after-to": Page(CASE, {"from": "2019-05", "to": "2019-03"}),
    "case-unknown-actor": Page(CASE, {"actor": "nobody-at-all", "kind": "no-such-kind"}),
    "case-no-such-page": Page(CASE, {"page": "99"}, 404),
    "case-fragment": Page(CASE, {"kind": "arrest"}, headers=FRAGMENT),
    "case-fragment-bad-date": Page(CASE, {"from": "2019-02-30"}, headers=FRAGMENT),
    "crowded": Page(CROWDED, {}),
    "crowded-page-2": Page(CROWDED, {"page": "2"}),
    "crowded-page-2-fragment": Page(CROWDED, {"page": "2"}, headers=FRAGMENT),
    "crowded-facet-search": Page(CROWDED, {"actor_search": "actor 1"}),
    "crowded-facet-search-nothing": Page(CROWDED, {"actor_search": "nobody"}),
    "crowded-facet-search-fragment": Page(
        CROWDED, {"actor_search": "actor 1"}, headers=FACET_SEARCH
    ),
    "event": Page(f"{CASE}events/bilash-arrested/", {}),
    "event-missing": Page(f"{CASE}events/no-such-event/", {}, 404),
    "timeline": Page("/timeline/", {}),
    "timeline-newest": Page("/timeline/", {"order": "newest", "page": "2"}),
    "timeline-by-case": Page("/timeline/", {"case": "serikzhan-bilash", "kind": "arrest"}),
    "timeline-bad-order": Page("/timeline/", {"order": "sideways"}),
    "timeline-nothing-found": Page("/timeline/", {"q": "xylophone"}),
    "timeline-fragment": Page("/timeline/", {"order": "newest"}, headers=FRAGMENT),
    "actors": Page("/actors/", {}),
    "actors-by-kind": Page("/actors/", {"kind": "person"}),
    "actors-by-letter": Page("/actors/", {"letter": "B"}),
    "actors-search": Page("/actors/", {"q": "Bilash"}),
    "actors-nothing-found": Page("/actors/", {"q": "xylophone"}),
    "actors-bad-kind": Page("/actors/", {"kind": "dragon"}, 400),
    "actor": Page("/actors/serikzhan-bilash/", {}),
    "actor-filtered": Page("/actors/serikzhan-bilash/", {"kind": "arrest"}),
    "actor-fragment": Page("/actors/serikzhan-bilash/", {"kind": "arrest"}, headers=FRAGMENT),
    "actor-missing": Page("/actors/nobody-at-all/", {}, 404),
    "case-sources": Page(f"{CASE}sources/", {}),
    "source": Page("/sources/stp-press-release-2019-03-19/", {}),
    "widget": Page("/embed/cases/serikzhan-bilash/", {}, language_in_query=True),
    "widget-with-options": Page(
        "/embed/cases/serikzhan-bilash/",
        {"theme": "dark", "order": "desc", "view": "full", "limit": "3", "kind": "arrest"},
        language_in_query=True,
    ),
    "widget-bad-options": Page(
        "/embed/cases/serikzhan-bilash/",
        {"theme": "plaid", "limit": "x"},
        400,
        language_in_query=True,
    ),
    "widget-missing": Page("/embed/cases/no-such-case/", {}, 404, language_in_query=True),
    "not-found": Page("/no-such-page/", {}, 404),
}
# Each page type once more in a language written left to right and one written right to left
# (every state in English: the markup of a state does not change with the language).
TRANSLATED = [
    "home", "case", "case-bad-date", "case-fragment", "crowded-facet-search-fragment", "event",
    "timeline", "actors", "actors-bad-kind", "actor", "case-sources", "source",
    "widget-with-options", "not-found",
]  # fmt: skip
CHECKED = [
    *((name, "en") for name in PAGES),
    *((name, language) for language in ("de", "ug") for name in TRANSLATED),
]


def _missing(message: str) -> None:
    missing(message, "CASEFILE_REQUIRE_VNU")


def _crowded_case() -> None:
    """A case of 30 actors in 60 events: three pages, and an actor facet with a search."""
    case = make_case(slug="crowded", title="A crowded case")
    actors = [make_actor(name=f"Actor {n:02}", slug=f"actor-{n:02}") for n in range(30)]
    day = datetime.date(2000, 1, 1)
    for n in range(60):
        make_event(
            case,
            kind=EventKind.HEARING if n % 2 else EventKind.STATEMENT,
            start_date=day + datetime.timedelta(days=n * 10),
            actors=[(actors[n % 30], Role.WITNESS)],
        )


def _as_document(content: str, language: str) -> str:
    """A fragment htmx swaps in, inside the least a valid document needs around it, under the
    two levels of heading its page has above it (the page's h1, the timeline section's h2)."""
    if content.lstrip().lower().startswith("<!doctype html>"):
        return content
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>Fragment</title></head><body><h1>Page</h1><h2>Section</h2>{content}</body></html>"
    )


def _render(client: Client, page: Page, language: str) -> str:
    if page.language_in_query:
        path, query = page.path, {**page.query, "lang": language}
    else:
        path, query = path_in(language, page.path), page.query
    response = client.get(path, query, headers=page.headers or {})
    assert response.status_code == page.status, f"{path} {query}: {response.status_code}"
    return _as_document(response.content.decode(), language)


def _file_name(name: str, language: str) -> str:
    return f"{name}.{language}.html"


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's messages for each rendered page, by file name: rendered once, checked in one run."""
    java = shutil.which("java")
    if java is None:
        _missing("Java is not installed (apt-get install default-jre-headless)")
    if not VNU.exists():
        _missing(f"vnu-jar not found at {VNU}: run `npm ci`")
    folder = tmp_path_factory.mktemp("pages")
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
        _crowded_case()
        client = Client()
        for name, language in CHECKED:
            page = _render(client, PAGES[name], language)
            (folder / _file_name(name, language)).write_text(page, encoding="utf-8")
        transaction.set_rollback(True)
    cache.clear()
    (folder / CANARY).write_text(_as_document('<p><div id="a"></div></p><i id="a"></i>', "en"))
    run = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), *VNU_OPTIONS, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages: dict[str, list[dict]] = {}
    for message in json.loads(run.stdout)["messages"]:
        messages.setdefault(Path(message.get("url", "")).name, []).append(message)
    return messages


def _described(message: dict) -> str:
    return (
        f"line {message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '')}]"
    )


@pytest.mark.parametrize(("name", "language"), CHECKED)
def test_the_page_is_valid_html(checked, name, language):
    messages = checked.get(_file_name(name, language), [])
    # "info": a warning (subType) or a note, printed (pytest -s shows them), not failed.
    warnings = [message for message in messages if message["type"] == "info"]
    for warning in warnings:
        print(f"vnu {warning.get('subType', 'note')}, {name} ({language}): {_described(warning)}")
    errors = [message for message in messages if message["type"] != "info"]
    assert not errors, "\n".join(_described(error) for error in errors)


def test_the_checker_reports_a_broken_page(checked):
    """The check can fail: vnu read the folder and finds the errors of a page made broken."""
    reported = {message["message"] for message in checked.get(CANARY, [])}
    assert any("Duplicate ID" in message for message in reported), reported
