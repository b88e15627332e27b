"""`manage.py bench` (`make bench`): how fast every public page type answers at size.

The steps, each in one function below:

1. `prepare_dataset`: migrate, then write a synthetic dataset with `generate_events`, or reuse
   the one already there when it is exactly the dataset asked for. A database with real records
   is refused, never written to.
2. `plan`: for every public page type, distinct addresses picked deterministically from the
   data (other pages, filter values, words, actors), so that no cache can answer for another.
3. `ProductionServer`: `collectstatic`, then gunicorn with one worker on a free port of
   127.0.0.1, with `DEBUG=False`, as `make serve` runs it, and `PAGE_CACHE=false`: the
   targets are for uncached answers.
4. `measure`: every address once, one request at a time, then one address per page type
   again a few times (the warm cost); `/healthz` in the same run is the floor.
5. `count_queries`: one address of each page type again, in this process, counting its SQL.
6. `summarise` and `render_table`: median, p95, bytes and queries per page type against the
   targets of the database in use, with the machine and the dataset, as a table and as JSON.

A request is given `timeout` seconds; one that takes longer is counted as a timeout, the worker
is restarted so that the next request starts on an idle server, and a page type stops after
`MAX_TIMEOUTS` timeouts or `DISTINCT_BUDGET` timeouts' worth of seconds. Exports stream a
whole case and get `EXPORT_TIME_FACTOR` times as long.
"""

import contextlib
import datetime
import http.client
import json
import math
import os
import platform
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import django
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.models import Case, Event, EventKind, FacetCount, Participation, Place, Source
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.cases.synthetic import BUSY_ACTORS, RARE_WORD, Generator, holds_real_data

SCHEMA = "casefile-bench/1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_REPEATS = 5
# A page type stops after this many timeouts: more would say the same thing, slowly.
MAX_TIMEOUTS = 3
# ... or once its distinct requests have taken this many timeouts' worth of seconds (its
# repeats: one timeout's worth), so that a slow page costs minutes of a run, not hours.
DISTINCT_BUDGET = 2
# Exports stream a whole case: they get this many times the timeout of a page, and fewer
# repeats, which take long and tell little.
EXPORT_TIME_FACTOR = 5
EXPORT_REPEATS = 2
# Later pages of the actor directory and the home page are asked for only where they exist
# however the pages are cut, as long as a page shows at most this many actors or cases.
ACTORS_PER_PAGE_AT_MOST = 100
CASES_PER_PAGE_AT_MOST = 20
KB = 1000
READ_SIZE = 64 * 1024
USER_AGENT = "casefile-bench"
SERVER_START_TIMEOUT = 60.0
DEVELOPMENT_DATABASE = (settings.BASE_DIR / "db.sqlite3").resolve()
_LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
_SITEMAP_LOCATION = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class BenchError(Exception):
    """The bench cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """What every public HTML page type must reach on uncached, distinct requests."""

    median_ms: float
    max_html_bytes: int | None


# From issue 11: 100,000 events on SQLite, 1,000,000 on PostgreSQL, one worker.
TARGETS = {
    "sqlite": Target(median_ms=100, max_html_bytes=100 * KB),
    "postgresql": Target(median_ms=150, max_html_bytes=None),
}


# ---------------------------------------------------------------------------------- the dataset


@dataclass(frozen=True)
class Dataset:
    """The synthetic data `generate_events` writes for these arguments."""

    events: int
    actors: int
    cases: int = 1
    seed: int = 1

    @property
    def prefix(self) -> str:
        return Generator(
            events=self.events, actors=self.actors, cases=self.cases, seed=self.seed
        ).prefix

    def describe(self) -> str:
        return (
            f"{self.events:,} events, {self.actors:,} actors, {self.cases:,} case(s), "
            f"seed {self.seed}"
        )


def default_actors(events: int) -> int:
    """One actor for every 20 events, at least 20: 5,000 actors for 100,000 events."""
    return max(20, events // 20)


def _synthetic_shape(seed: int) -> dict[str, int]:
    prefix = Dataset(events=0, actors=1, seed=seed).prefix
    return {
        "cases": Case.objects.count(),
        "seed_cases": Case.objects.filter(slug__startswith=prefix).count(),
        "events": Event.objects.count(),
        "seed_events": Event.objects.filter(case__slug__startswith=prefix).count(),
        "actors": Actor.objects.count(),
        "seed_actors": Actor.objects.filter(slug__startswith=prefix).count(),
    }


def prepare_dataset(dataset: Dataset, *, rebuild: bool, say: Callable[[str], None]) -> dict:
    """Migrate and make sure the database holds exactly `dataset`: reuse it, or write it."""
    _refuse_development_database()
    call_command("migrate", interactive=False, verbosity=0)
    if holds_real_data():
        raise BenchError(
            "This database holds records that generate_events did not write (a real case, "
            "actor, place or source). The bench writes synthetic published events and would "
            "mix them with yours, so it stops here. Point DATABASE_URL at an empty database "
            "(make bench uses bench.sqlite3 when DATABASE_URL is unset)."
        )
    shape = _synthetic_shape(dataset.seed)
    wanted = {"cases": dataset.cases, "events": dataset.events, "actors": dataset.actors}
    exact = all(shape[name] == shape[f"seed_{name}"] == count for name, count in wanted.items())
    if exact:
        say(f"Reusing the synthetic dataset already here: {dataset.describe()}.")
        _analyze()
        return {"reused": True, "seconds": 0.0}
    if shape["cases"] or shape["events"] or shape["actors"]:
        found = (
            f"{shape['events']:,} events, {shape['actors']:,} actors and {shape['cases']:,} "
            f"case(s), {shape['seed_events']:,} of the events from seed {dataset.seed}"
        )
        if not rebuild:
            raise BenchError(
                f"This database holds another synthetic dataset ({found}), not the one asked "
                f"for ({dataset.describe()}). Pass --rebuild (make bench BENCH_REBUILD=1) to "
                "delete it and generate the new one, or point DATABASE_URL at an empty database."
            )
        say(f"Deleting the synthetic dataset here ({found}) to write the one asked for.")
        call_command("flush", interactive=False, verbosity=0)
    say(f"Generating {dataset.describe()} (about 40 s for 100,000 events on SQLite)...")
    started = time.perf_counter()
    call_command(
        "generate_events",
        events=dataset.events,
        actors=dataset.actors,
        cases=dataset.cases,
        seed=dataset.seed,
        verbosity=0,
    )
    seconds = time.perf_counter() - started
    _analyze()
    say(f"Generated in {seconds:.1f} s.")
    return {"reused": False, "seconds": round(seconds, 1)}


def _refuse_development_database() -> None:
    """Never the developer's `db.sqlite3`, even empty: it is also what an unset DATABASE_URL
    means, and `make run` would then serve synthetic cases."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and Path(str(name)).resolve() == DEVELOPMENT_DATABASE:
        raise BenchError(
            f"The bench writes synthetic data and will not use {DEVELOPMENT_DATABASE}, the "
            "development database. Run make bench (it uses bench.sqlite3) or point DATABASE_URL "
            "at a database of the bench's own."
        )


def _analyze() -> None:
    """Planner statistics as autovacuum would have them a minute after a bulk load.

    Only PostgreSQL: a SQLite database in production has no statistics unless someone runs
    ANALYZE, and the bench measures what production would see."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # VACUUM also marks pages all-visible, for index-only scans; it needs autocommit.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


# ------------------------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class Probe:
    """One request: a path with its query, as an htmx fragment request or not."""

    path: str
    fragment: bool = False

    @property
    def headers(self) -> dict[str, str]:
        return {"HX-Request": "true"} if self.fragment else {}


@dataclass
class PageType:
    key: str
    label: str
    html: bool
    probes: list[Probe]
    expected_status: int = 200
    # Exports: time to first byte and the worker's memory are what matters.
    export: bool = False


def _with_query(path: str, *pairs: tuple[str, object]) -> str:
    query = urlencode([(name, str(value)) for name, value in pairs])
    return f"{path}?{query}" if query else path


def _pages(count: int) -> int:
    return max(1, math.ceil(count / EVENTS_PER_PAGE))


def _distinct(items: Iterable, limit: int) -> list:
    """The first `limit` different items, in order."""
    return list(dict.fromkeys(items))[:limit]


class _Planner:
    """Addresses for every page type, drawn from the data with one `random.Random(seed)`."""

    def __init__(self, dataset: Dataset, requests: int) -> None:
        self.n = requests
        self.random = random.Random(dataset.seed)  # noqa: S311 (sampling, not secrets)
        self.cases = list(
            Case.objects.published().filter(slug__startswith=dataset.prefix).order_by("pk")
        )
        if not self.cases:
            raise BenchError("No published synthetic case to measure: generate_events wrote none.")
        # The generator gives the first case the most events.
        self.case = self.cases[0]
        self.case_url = self.case.get_absolute_url()
        self.case_events = self.case.events.published()
        self.case_count = self.case_events.count()
        self.page_count = _pages(self.case_count)
        actors = Actor.objects.published().filter(slug__startswith=dataset.prefix).order_by("pk")
        self.busy = list(actors.values_list("slug", flat=True)[:BUSY_ACTORS])
        self.ordinary = self._ordinary_actors(actors)
        self.kind_counts = dict(
            self.case_events.values_list("kind").annotate(total=Count("pk")).order_by()
        )
        self.kinds = [kind for kind in EventKind.values if self.kind_counts.get(kind)]
        used = self.case_events.filter(place=OuterRef("pk"))
        self.places = list(
            Place.objects.filter(Exists(used)).order_by("pk").values_list("slug", flat=True)
        )
        span = self.case_events.aggregate(first=Min("range_start"), last=Max("range_start"))
        today = datetime.date.today()
        self.years = list(range((span["first"] or today).year, (span["last"] or today).year + 1))
        summaries = self.case_events.order_by("pk").values_list("summary", flat=True)[:400]
        self.common_words = sorted(
            {
                word
                for summary in summaries
                for word in re.findall(r"[a-z]{6,}", summary.lower())
                if word != RARE_WORD
            }
        )
        aliases = actors.exclude(aliases="").values_list("aliases", flat=True)[:1000]
        self.cyrillic_names = sorted(
            {
                word.casefold()
                for alias in aliases
                for word in alias.split()
                if _CYRILLIC.search(word)
            }
        )
        names = list(actors.values_list("name", flat=True)[:1000])
        self.actor_names = sorted({name.split()[0].lower() for name in names})
        self.initials = self._shuffled(sorted({name[0].lower() for name in names}))
        self.actor_count = actors.count()

    def _ordinary_actors(self, actors) -> list[str]:
        """Actors who are not among the busy ones and take part in the case, at random."""
        bounds = actors.aggregate(first=Min("pk"), last=Max("pk"))
        if bounds["first"] is None:
            return []
        keys = list(range(bounds["first"], bounds["last"] + 1))
        sample = self.random.sample(keys, k=min(len(keys), self.n * 5))
        takes_part = Participation.objects.filter(actor=OuterRef("pk"), event__case=self.case)
        found = dict(
            actors.filter(Exists(takes_part), pk__in=sample)
            .exclude(slug__in=self.busy)
            .values_list("pk", "slug")
        )
        return [found[key] for key in sample if key in found][: self.n]

    def _shuffled(self, items: Iterable) -> list:
        items = list(items)
        self.random.shuffle(items)
        return items

    def _sample_pages(self, first: int, last: int) -> list[int]:
        """Up to n different page numbers from `first` to `last`, in random order."""
        if last < first:
            return []
        pages = range(first, last + 1)
        return self.random.sample(pages, k=min(len(pages), self.n))

    def _actor_event_count(self, slug: str, events) -> int:
        takes_part = Participation.objects.filter(event=OuterRef("pk"), actor__slug=slug)
        return events.filter(Exists(takes_part)).count()

    # Each method below gives one page type's addresses, at most `n` of them.

    def home_pages(self) -> list[Probe]:
        last = len(self.cases) // CASES_PER_PAGE_AT_MOST
        return [self._page("/", number) for number in [1, *self._sample_pages(2, last)]][: self.n]

    def case_pages(self) -> list[Probe]:
        """Page 1, then pages from the first half of the timeline."""
        half = max(1, self.page_count // 2)
        numbers = [1, *self._sample_pages(2, half)]
        return [self._page(self.case_url, number) for number in numbers[: self.n]]

    def far_pages(self) -> list[Probe]:
        """Pages from the second half of the timeline, the last one left out."""
        half = max(1, self.page_count // 2)
        return [
            self._page(self.case_url, n) for n in self._sample_pages(half + 1, self.page_count - 1)
        ]

    def last_pages(self) -> list[Probe]:
        """The last page of the whole timeline, then the last page of each kind of event."""
        probes = [self._page(self.case_url, self.page_count)]
        kinds = sorted(self.kinds, key=lambda kind: -self.kind_counts[kind])
        for kind in kinds:
            last = _pages(self.kind_counts[kind])
            pairs = [("kind", kind)] + ([("page", last)] if last > 1 else [])
            probes.append(Probe(_with_query(self.case_url, *pairs)))
        return probes[: self.n]

    def _page(self, path: str, number: int, *pairs: tuple[str, object]) -> Probe:
        page = [("page", number)] if number > 1 else []
        return Probe(_with_query(path, *pairs, *page))

    def busy_actor_filters(self) -> list[Probe]:
        """Each busy actor alone, then two at a time, then later pages of each."""
        singles = [[("actor", slug)] for slug in self.busy]
        pairs = [
            [("actor", first), ("actor", second)]
            for index, first in enumerate(self.busy)
            for second in self.busy[index + 1 :]
        ]
        later = []
        for slug in self.busy:
            pages = _pages(self._actor_event_count(slug, self.case_events))
            later += [[("actor", slug), ("page", n)] for n in self._sample_pages(2, pages)[:3]]
        chosen = singles + self._shuffled(pairs + later)
        return [Probe(_with_query(self.case_url, *pairs)) for pairs in chosen][: self.n]

    def actor_filters(self) -> list[Probe]:
        return [Probe(_with_query(self.case_url, ("actor", slug))) for slug in self.ordinary]

    def kind_filters(self) -> list[Probe]:
        """Each kind alone, most common first, then two kinds at a time."""
        kinds = sorted(self.kinds, key=lambda kind: -self.kind_counts[kind])
        pairs = [
            [("kind", first), ("kind", second)]
            for index, first in enumerate(kinds)
            for second in kinds[index + 1 :]
        ]
        chosen = [[("kind", kind)] for kind in kinds] + self._shuffled(pairs)
        return [Probe(_with_query(self.case_url, *pairs)) for pairs in chosen][: self.n]

    def date_filters(self) -> list[Probe]:
        """`from` a year, `to` a year, both, and a month, in different years."""
        chosen = []
        for year in self._shuffled(self.years):
            later = min(year + self.random.randint(0, 3), self.years[-1])
            month = f"{year}-{self.random.randint(1, 12):02d}"
            chosen += [
                [("from", year)],
                [("to", year)],
                [("from", year), ("to", later)],
                [("from", month)],
            ]
        chosen = self._shuffled(chosen)
        return _distinct((Probe(_with_query(self.case_url, *p)) for p in chosen), self.n)

    def place_filters(self) -> list[Probe]:
        places = self._shuffled(self.places)[: self.n]
        return [Probe(_with_query(self.case_url, ("place", slug))) for slug in places]

    def rare_word_searches(self) -> list[Probe]:
        """The rare word alone, with another word of its sentence, and with a kind."""
        words = ["copy", "appeal", "circulated", "supporters"]
        chosen = [[("q", RARE_WORD)]]
        chosen += [[("q", f"{RARE_WORD} {word}")] for word in words]
        chosen += [[("q", RARE_WORD), ("kind", kind)] for kind in self.kinds]
        return [Probe(_with_query(self.case_url, *pairs)) for pairs in chosen][: self.n]

    def common_word_searches(self) -> list[Probe]:
        words = self._shuffled(self.common_words)
        pairs = [f"{first} {second}" for first, second in zip(words, reversed(words), strict=True)]
        chosen = _distinct(words + pairs, self.n)
        return [Probe(_with_query(self.case_url, ("q", text))) for text in chosen]

    def cyrillic_searches(self) -> list[Probe]:
        """Names in Cyrillic lower case, as a visitor types them: серикжан finds Серикжан."""
        names = self.cyrillic_names
        first = ["серикжан"] if "серикжан" in names else []
        chosen = _distinct(first + self._shuffled(names), self.n)
        return [Probe(_with_query(self.case_url, ("q", name))) for name in chosen]

    def fragments(self) -> list[Probe]:
        """What the filter form and the page links ask htmx for: kind and year, place and
        kind, and later pages, each different from the full pages above."""
        chosen = []
        for kind in self._shuffled(self.kinds):
            year = self.random.choice(self.years)
            chosen.append([("kind", kind), ("from", year)])
            if self.places:
                chosen.append([("place", self.random.choice(self.places)), ("kind", kind)])
        numbers = self._sample_pages(2, max(1, self.page_count // 2))
        chosen += [[("page", number)] for number in numbers[:3]]
        chosen = self._shuffled(chosen)
        probes = (Probe(_with_query(self.case_url, *pairs), fragment=True) for pairs in chosen)
        return _distinct(probes, self.n)

    def event_pages(self) -> list[Probe]:
        events = Event.objects.published().filter(case__in=self.cases)
        bounds = events.aggregate(first=Min("pk"), last=Max("pk"))
        if bounds["first"] is None:
            return []
        keys = range(bounds["first"], bounds["last"] + 1)
        sample = self.random.sample(keys, k=min(len(keys), self.n * 3))
        found = {event.pk: event for event in events.filter(pk__in=sample).select_related("case")}
        chosen = [found[key] for key in sample if key in found][: self.n]
        return [Probe(event.get_absolute_url()) for event in chosen]

    def source_pages(self) -> list[Probe]:
        """The case's most cited sources, then the second pages of those that have one."""
        cited = FacetCount.objects.filter(case=self.case, facet="source", count__gt=0)
        counts = dict(cited.order_by("-count").values_list("value", "count")[: self.n])
        slugs = Source.objects.filter(pk__in=[int(value) for value in counts])
        slugs = dict(slugs.values_list("pk", "slug"))
        first = [f"/sources/{slugs[int(value)]}/" for value in counts if int(value) in slugs]
        # A source's events from every case: a second page where its case alone fills one.
        second = [
            self._page(f"/sources/{slugs[int(value)]}/", 2)
            for value, count in counts.items()
            if count > EVENTS_PER_PAGE and int(value) in slugs
        ]
        return [*(Probe(path) for path in first), *second][: self.n]

    def timeline_pages(self) -> list[Probe]:
        pages = _pages(Event.objects.published().count())
        numbers = [1, *self._sample_pages(2, max(1, pages // 2))]
        return [self._page("/timeline/", number) for number in numbers[: self.n]]

    def timeline_filters(self) -> list[Probe]:
        chosen = [[("case", case.slug)] for case in self.cases]
        chosen += [[("kind", kind)] for kind in self.kinds[:4]]
        chosen += [[("actor", slug)] for slug in self.busy[:2] + self.ordinary[:2]]
        chosen += [[("from", year)] for year in self._shuffled(self.years)[:3]]
        chosen += [[("place", slug)] for slug in self._shuffled(self.places)[:3]]
        chosen += [[("q", word)] for word in self._shuffled(self.common_words)[:3]]
        chosen += [[("q", name)] for name in self.cyrillic_names[:2]]
        probes = (Probe(_with_query("/timeline/", *pairs)) for pairs in self._shuffled(chosen))
        return _distinct(probes, self.n)

    def directory_pages(self) -> list[Probe]:
        """The directory, each kind, names and Cyrillic names, initials, and later pages when
        there are enough actors for them to exist however the directory paginates."""
        chosen = [[("kind", kind)] for kind in ActorKind.values]
        names = self.actor_names[:4] + self.cyrillic_names[:3] + ["bilash", "court"]
        chosen += [[("q", name)] for name in names]
        chosen += [[("letter", initial)] for initial in self.initials[:3]]
        last = self.actor_count // ACTORS_PER_PAGE_AT_MOST
        chosen += [[("page", number)] for number in self._sample_pages(2, last)[:4]]
        chosen = [[], *self._shuffled(chosen)]
        return [Probe(_with_query("/actors/", *pairs)) for pairs in chosen][: self.n]

    def busy_actor_profiles(self) -> list[Probe]:
        """Each busy actor's profile, then later pages of them."""
        probes = [Probe(f"/actors/{slug}/") for slug in self.busy]
        later = []
        for slug in self.busy:
            pages = _pages(self._actor_event_count(slug, Event.objects.published()))
            later += [self._page(f"/actors/{slug}/", n) for n in self._sample_pages(2, pages)[:3]]
        return (probes + self._shuffled(later))[: self.n]

    def actor_profiles(self) -> list[Probe]:
        return [Probe(f"/actors/{slug}/") for slug in self.ordinary]

    def embed_pages(self) -> list[Probe]:
        """The widget (compact: milestones and the newest events), later pages of its full
        view, the latest few, newest first, a theme with a filter."""
        path = f"/embed/cases/{self.case.slug}/"
        chosen = [[]]
        for number in self._sample_pages(2, max(1, self.page_count // 2))[:5]:
            chosen.append([("view", "full"), ("page", number)])
        chosen += [[("limit", limit)] for limit in (5, 10, 20, 50)]
        chosen += [[("order", "desc"), ("kind", kind)] for kind in self.kinds[:4]]
        chosen += [[("theme", "dark"), ("from", year)] for year in self._shuffled(self.years)[:3]]
        chosen += [[("place", slug)] for slug in self._shuffled(self.places)[:3]]
        return [Probe(_with_query(path, *pairs)) for pairs in chosen][: self.n]

    def case_feeds(self) -> list[Probe]:
        return [Probe(f"/cases/{case.slug}/feed/") for case in self.cases][: self.n]

    def actor_feeds(self) -> list[Probe]:
        slugs = self.busy + self.ordinary
        return [Probe(f"/actors/{slug}/feed/") for slug in slugs][: self.n]

    def exports(self, name: str) -> list[Probe]:
        return [Probe(f"/cases/{case.slug}/{name}") for case in self.cases][: self.n]

    def warmup(self, measured: set[str]) -> list[Probe]:
        """Cheap addresses no page type measures, that load the code and compile the shared
        templates, as in a worker that has served for a while: the first request of a fresh
        worker would otherwise carry that cost. An event, a search of the directory, and
        the case after its last year (the few events still going on)."""
        events = self.case_events.order_by("pk").select_related("case")[: self.n * 4]
        event = next((e for e in events if e.get_absolute_url() not in measured), None)
        probes = [Probe(_with_query("/actors/", ("q", "warm-up")))]
        if event is not None:
            probes.append(Probe(event.get_absolute_url()))
        probes.append(Probe(_with_query(self.case_url, ("from", self.years[-1] + 1))))
        return probes


@dataclass
class Plan:
    page_types: list[PageType]
    # Asked before measuring and after each restart of the worker, never measured.
    warmup: list[Probe]


def plan(dataset: Dataset, *, requests: int) -> Plan:
    """Every public page type with its distinct addresses. The sitemap's sections are found
    while measuring (`sitemap_sections`), since only the sitemap knows them."""
    planner = _Planner(dataset, requests)
    html = [
        ("home", "home /", planner.home_pages()),
        ("case", "case page", planner.case_pages()),
        ("case-far", "case page, far", planner.far_pages()),
        ("case-last", "case page, last", planner.last_pages()),
        ("filter-busy-actor", "filter: busy actor", planner.busy_actor_filters()),
        ("filter-actor", "filter: actor", planner.actor_filters()),
        ("filter-kind", "filter: kind", planner.kind_filters()),
        ("filter-dates", "filter: from/to", planner.date_filters()),
        ("filter-place", "filter: place", planner.place_filters()),
        ("search-rare", "search: rare word", planner.rare_word_searches()),
        ("search-common", "search: common word", planner.common_word_searches()),
        ("search-cyrillic", "search: Cyrillic name", planner.cyrillic_searches()),
        ("fragment", "htmx fragment", planner.fragments()),
        ("event", "event permalink", planner.event_pages()),
        ("source", "source page", planner.source_pages()),
        ("timeline", "/timeline/", planner.timeline_pages()),
        ("timeline-filter", "/timeline/ filtered", planner.timeline_filters()),
        ("directory", "/actors/", planner.directory_pages()),
        ("actor-busy", "actor profile, busy", planner.busy_actor_profiles()),
        ("actor", "actor profile", planner.actor_profiles()),
        ("embed", "embed", planner.embed_pages()),
    ]
    other = [
        ("feed-case", "case feed", planner.case_feeds()),
        ("feed-actor", "actor feed", planner.actor_feeds()),
        ("sitemap", "/sitemap.xml", [Probe("/sitemap.xml")]),
        ("sitemap-section", "sitemap section", []),
    ]
    page_types = [
        PageType("healthz", "/healthz (floor)", False, [Probe("/healthz")] * requests),
        *(PageType(key, label, True, probes) for key, label, probes in html),
        *(PageType(key, label, False, probes) for key, label, probes in other),
        *(
            PageType(key, name, False, planner.exports(name), export=True)
            for key, name in [
                ("export-json", "export.json"),
                ("export-csv", "export.csv"),
                ("timelinejs", "timelinejs.json"),
            ]
        ),
    ]
    measured = {probe.path for page_type in page_types for probe in page_type.probes}
    return Plan(page_types=page_types, warmup=planner.warmup(measured))


def sitemap_sections(body: bytes) -> list[Probe]:
    """The sections a sitemap index lists, as paths on this server; none for a plain sitemap."""
    text = body.decode("utf-8", "replace")
    if "<sitemapindex" not in text:
        return []
    probes = []
    for location in _SITEMAP_LOCATION.findall(text):
        parts = urlsplit(location.replace("&amp;", "&"))
        probes.append(Probe(parts.path + (f"?{parts.query}" if parts.query else "")))
    return _distinct(probes, len(probes))


# ---------------------------------------------------------------------------------- the server


class ProductionServer:
    """gunicorn with `workers` workers (one by default; gthread workers when `threads` is more
    than one) on a free port of 127.0.0.1, with `DEBUG=False`, as `make serve` runs it;
    `environment` is merged over the defaults below (e.g. `{"PAGE_CACHE": "true"}`).

    Use it as a context manager: the server stops when the block ends, however it ends.
    `--max-requests` is left out so a worker is never recycled in the middle of a run.
    `worker_pid` and `restart_worker` mean the newest worker: with several, another may still
    be busy.
    """

    def __init__(
        self,
        *,
        timeout: float,
        warmup: list[Probe] | None = None,
        port: int = 0,
        workers: int = 1,
        threads: int = 1,
        environment: dict[str, str] | None = None,
    ) -> None:
        self.requested_port = port
        self.timeout = timeout
        self.warmup = list(warmup or [])
        self.workers = workers
        self.threads = threads
        self.port = 0
        self.worker_timeout = math.ceil(timeout * EXPORT_TIME_FACTOR) + 30
        self.process: subprocess.Popen | None = None
        # Kept after the run when a request failed: its tracebacks say why.
        self.keep_log = False
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop())
            mode="w+", prefix="casefile-bench-", suffix=".log", delete=False
        )
        # No CACHE_URL unless `environment` names one: a shared cache would still hold the
        # answers of an earlier run; each worker's own cache starts empty.
        dropped = {"CACHE_URL", "GUNICORN_CMD_ARGS"}
        self.environment = {
            **{name: value for name, value in os.environ.items() if name not in dropped},
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "PYTHONUNBUFFERED": "1",
            **(environment or {}),
        }

    def __enter__(self) -> "ProductionServer":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        manage = str(settings.BASE_DIR / "manage.py")
        collect = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, manage, "collectstatic", "--noinput", "--verbosity", "0"],
            env=self.environment,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if collect.returncode:
            raise BenchError(f"collectstatic failed:\n{collect.stdout}{collect.stderr}")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "caseapp.wsgi",
            "--bind",
            f"127.0.0.1:{self.requested_port}",
            "--workers",
            str(self.workers),
            *(
                ("--worker-class", "gthread", "--threads", str(self.threads))
                if self.threads > 1
                else ()
            ),
            "--timeout",
            str(self.worker_timeout),
            "--graceful-timeout",
            "5",
            # Several servers may run on one machine; none needs gunicorn's control socket.
            "--no-control-socket",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter)
            command,
            env=self.environment,
            cwd=settings.BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # Its own session: a Ctrl-C reaches the bench, which then stops the server itself.
            start_new_session=True,
            # Safe here: no thread of the bench runs while a server starts.
            preexec_fn=_stop_with_parent,
        )
        self.port = self._wait_for_port()
        self.wait_until_healthy()
        self.warm_up()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            self._check_running()
            match = _LISTENING.search(Path(self.log.name).read_text(errors="replace"))
            if match:
                return int(match.group(1))
            time.sleep(0.05)
        raise BenchError(f"gunicorn did not start listening:\n{self.log_tail()}")

    def wait_until_healthy(self, *, previous_worker: int | None = None) -> None:
        """Until a worker (another than `previous_worker`) answers `/healthz` with 200."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            self._check_running()
            worker = self.worker_pid()
            if worker is None or worker != previous_worker:
                answer = fetch(self.port, Probe("/healthz"), timeout=5)
                if answer.status == 200:
                    return
            time.sleep(0.1)
        raise BenchError(f"The server did not answer /healthz with 200:\n{self.log_tail()}")

    def _check_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            raise BenchError(f"gunicorn stopped:\n{self.log_tail()}")

    def worker_pid(self) -> int | None:
        """The worker's process id (the master's newest child), or None without /proc."""
        if self.process is None:
            return None
        children = _children(self.process.pid)
        return max(children) if children else None

    def restart_worker(self, *, warm: bool = True) -> None:
        """Kill the worker, still busy with an abandoned request; the master starts another,
        which is warmed up unless `warm` is false."""
        worker = self.worker_pid()
        if worker is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)
        self.wait_until_healthy(previous_worker=worker)
        if warm:
            self.warm_up()

    def warm_up(self) -> None:
        """Ask the plan's warm-up addresses; a failure shows again where it is measured."""
        for probe in self.warmup:
            if fetch(self.port, probe, timeout=self.timeout).timed_out:
                self.restart_worker(warm=False)
                return

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # The master and its worker share the session and group we started them in.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.log.close()
        if not self.keep_log:
            Path(self.log.name).unlink(missing_ok=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = Path(self.log.name).read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def _stop_with_parent() -> None:
    """In the child before exec: Linux sends it SIGTERM when the bench dies, even by SIGKILL,
    so no server outlives its bench."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = entry.read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; the fields after it do not.
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            children.append(int(entry.parent.name))
    return children


def memory_kb(pid: int | None) -> dict[str, int]:
    """Resident memory now (`rss_kb`) and at its highest so far (`peak_kb`), from /proc."""
    if pid is None:
        return {}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, flags=re.MULTILINE))
    return {
        name: int(found[key])
        for name, key in (("rss_kb", "VmRSS"), ("peak_kb", "VmHWM"))
        if key in found
    }


# ---------------------------------------------------------------------------------- measuring


@dataclass
class Measurement:
    path: str
    fragment: bool
    phase: str
    status: int | None = None
    ms: float | None = None
    first_byte_ms: float | None = None
    bytes: int = 0
    # "" when the answer came in time with the expected status; otherwise what went wrong.
    error: str = ""
    memory_before: dict = field(default_factory=dict)
    memory_after: dict = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)

    @property
    def timed_out(self) -> bool:
        return self.error == "timeout"

    def as_json(self) -> dict:
        record = asdict(self)
        del record["body"]
        for name in ("ms", "first_byte_ms"):
            if record[name] is not None:
                record[name] = round(record[name], 1)
        if not self.memory_before:
            del record["memory_before"], record["memory_after"]
        return record


def fetch(port: int, probe: Probe, *, timeout: float, keep_body: bool = False) -> Measurement:
    """One GET on a new connection (gunicorn's sync worker closes each one), timed from
    sending to the last byte, given `timeout` seconds in all."""
    measured = Measurement(path=probe.path, fragment=probe.fragment, phase="")
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    chunks = []
    started = time.perf_counter()
    deadline = started + timeout
    try:
        client.request("GET", probe.path, headers={"User-Agent": USER_AGENT, **probe.headers})
        response = client.getresponse()
        measured.first_byte_ms = (time.perf_counter() - started) * 1000
        measured.status = response.status
        while chunk := response.read(READ_SIZE):
            measured.bytes += len(chunk)
            if keep_body:
                chunks.append(chunk)
            # Checked between reads: a single read may wait up to `timeout` itself.
            if time.perf_counter() > deadline:
                raise TimeoutError
        measured.ms = (time.perf_counter() - started) * 1000
    except TimeoutError:
        measured.error = "timeout"
    except (OSError, http.client.HTTPException) as problem:
        measured.error = f"connection: {type(problem).__name__}: {problem}"
    finally:
        client.close()
    measured.body = b"".join(chunks)
    return measured


def measure(
    server: ProductionServer,
    page_types: list[PageType],
    *,
    repeats: int,
    timeout: float,
    say: Callable[[str], None],
) -> dict[str, dict]:
    """Every distinct address once, one page type after another; then, `repeats` times more,
    the address of each page type whose time was the median, so that cold and warm compare."""
    results: dict[str, dict] = {}
    for page_type in page_types:
        if page_type.key == "sitemap-section":
            sitemap = results.get("sitemap", {}).get("distinct", [])
            answered = [answer for answer in sitemap if not answer.error]
            page_type.probes = sitemap_sections(answered[0].body) if answered else []
        limit = timeout * (EXPORT_TIME_FACTOR if page_type.export else 1)
        distinct, stopped = _ask(
            server, page_type, page_type.probes, limit=limit, budget=limit * DISTINCT_BUDGET
        )
        results[page_type.key] = {"distinct": distinct, "repeat": [], "stopped": stopped}
        say(_progress(page_type, distinct, stopped))
    for page_type in page_types:
        answered = [answer for answer in results[page_type.key]["distinct"] if not answer.error]
        if not answered or repeats < 1:
            continue
        typical = sorted(answered, key=lambda answer: answer.ms)[(len(answered) - 1) // 2]
        probe = Probe(typical.path, typical.fragment)
        limit = timeout * (EXPORT_TIME_FACTOR if page_type.export else 1)
        times = min(repeats, EXPORT_REPEATS) if page_type.export else repeats
        repeated, _stopped = _ask(
            server, page_type, [probe] * times, limit=limit, budget=limit, phase="repeat"
        )
        results[page_type.key]["repeat"] = repeated
    return results


def _ask(
    server: ProductionServer,
    page_type: PageType,
    probes: list[Probe],
    *,
    limit: float,
    budget: float,
    phase: str = "distinct",
) -> tuple[list[Measurement], str]:
    """Each probe in turn, until `MAX_TIMEOUTS` timeouts or `budget` seconds; the answers,
    and why it stopped before the last probe ("" when it did not)."""
    measured: list[Measurement] = []
    spent = 0.0
    for probe in probes:
        timeouts = sum(answer.timed_out for answer in measured)
        if timeouts >= MAX_TIMEOUTS:
            return measured, f"stopped after {timeouts} timeouts"
        if spent >= budget:
            return measured, f"stopped after {spent:.0f} s"
        answer = _measure_one(server, page_type, probe, limit, phase=phase)
        measured.append(answer)
        spent += answer.ms / 1000 if answer.ms is not None else limit
    return measured, ""


def _progress(page_type: PageType, measured: list[Measurement], stopped: str) -> str:
    if not measured:
        return f"  {page_type.label}: no address to ask for."
    answered = [answer.ms for answer in measured if not answer.error]
    failed = len(measured) - len(answered)
    median = f"median {statistics.median(answered):.0f} ms" if answered else "no answer"
    notes = [f"{failed} FAILED"] * bool(failed) + [stopped] * bool(stopped)
    return f"  {page_type.label}: {len(measured)} requests, {median}" + "".join(
        f", {note}" for note in notes
    )


def _measure_one(
    server: ProductionServer, page_type: PageType, probe: Probe, limit: float, *, phase: str
) -> Measurement:
    before = memory_kb(server.worker_pid()) if page_type.export else {}
    answer = fetch(server.port, probe, timeout=limit, keep_body=page_type.key == "sitemap")
    answer.phase = phase
    if page_type.export:
        answer.memory_before = before
        answer.memory_after = memory_kb(server.worker_pid())
    if not answer.error and answer.status != page_type.expected_status:
        answer.error = f"status {answer.status}, expected {page_type.expected_status}"
    if answer.timed_out or answer.error.startswith("connection"):
        server.restart_worker()
    return answer


# ------------------------------------------------------------------------------- SQL queries


def count_queries(page_types: list[PageType], results: dict[str, dict]) -> dict[str, dict]:
    """SQL queries of one address of each page type, asked again in this process through
    Django's test client against the same database: the largest answer, which did the most
    work (the first of them on a tie). Each is asked with an empty cache of its own, so the
    count is the uncached one whatever was asked before."""
    # A page that fails here is reported by its status, as over HTTP, not raised.
    client = Client(raise_request_exception=False)
    counted = {}
    overrides = {
        "ALLOWED_HOSTS": ["testserver"],
        "SECURE_SSL_REDIRECT": False,
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"casefile-bench-{secrets.token_hex(8)}",
            }
        },
    }
    with override_settings(**overrides):
        for page_type in page_types:
            answered = [m for m in results[page_type.key]["distinct"] if not m.error]
            if not answered:
                counted[page_type.key] = {"queries": None, "path": None}
                continue
            sample = max(answered, key=lambda answer: answer.bytes)
            caches["default"].clear()
            with CaptureQueriesContext(connection) as queries:
                headers = Probe(sample.path, sample.fragment).headers
                response = client.get(sample.path, headers=headers)
                if response.streaming:
                    for _chunk in response.streaming_content:
                        pass
                response.close()
            counted[page_type.key] = {
                "queries": len(queries),
                "path": sample.path,
                "fragment": sample.fragment,
                "status": response.status_code,
            }
    return counted


# -------------------------------------------------------------------------------- the report


def _percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of all values are at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _timings(measured: list[Measurement]) -> dict:
    """Median and p95 in ms, counting a timeout as slower than anything that answered."""
    counted = [m for m in measured if not m.error or m.timed_out]
    times = [math.inf if m.timed_out else m.ms for m in counted]
    sizes = [m.bytes for m in measured if not m.error]
    first_bytes = [m.first_byte_ms for m in measured if not m.error and m.first_byte_ms]
    summary = {
        "n": len(measured),
        "failures": sum(1 for m in measured if m.error),
        "timeouts": sum(1 for m in measured if m.timed_out),
        "median_ms": _rounded(statistics.median(times)) if times else None,
        "p95_ms": _rounded(_percentile(times, 0.95)) if times else None,
        "median_bytes": round(statistics.median(sizes)) if sizes else None,
        "max_bytes": max(sizes) if sizes else None,
        "median_first_byte_ms": _rounded(statistics.median(first_bytes)) if first_bytes else None,
    }
    return summary


def _rounded(value: float) -> float | None:
    """Milliseconds to a tenth; None for a timeout (JSON has no infinity)."""
    return None if math.isinf(value) else round(value, 1)


def _verdict(page_type: PageType, distinct: dict, target: Target | None) -> bool | None:
    """Whether an HTML page type meets the target; None where there is no target."""
    if not page_type.html or target is None or not distinct["n"]:
        return None
    if distinct["failures"] or distinct["median_ms"] is None:
        return False
    small_enough = target.max_html_bytes is None or distinct["max_bytes"] <= target.max_html_bytes
    return distinct["median_ms"] <= target.median_ms and small_enough


def machine() -> dict:
    model = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, flags=re.MULTILINE)
        model = found.group(1).strip() if found else ""
    except OSError:
        pass
    memory = ""
    try:
        found = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else ""
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model or platform.processor() or platform.machine(),
        "memory": memory,
        "system": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "load_average": _load_average(),
    }


def _load_average() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def database() -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
        else:
            version = ""
    name = str(connection.settings_dict["NAME"])
    return {"vendor": connection.vendor, "version": version, "name": name}


def summarise(
    page_types: list[PageType],
    results: dict[str, dict],
    queries: dict[str, dict],
    *,
    context: dict,
) -> dict:
    """The report: everything `render_table` prints, and every request, as JSON-ready data."""
    target = TARGETS.get(context["database"]["vendor"])
    rows = []
    for page_type in page_types:
        measured = results[page_type.key]
        distinct = _timings(measured["distinct"])
        row = {
            "key": page_type.key,
            "label": page_type.label,
            "html": page_type.html,
            "export": page_type.export,
            "expected_status": page_type.expected_status,
            "distinct": distinct,
            "repeat": _timings(measured["repeat"]),
            "queries": queries[page_type.key]["queries"],
            "queries_counted_on": queries[page_type.key],
            "meets_target": _verdict(page_type, distinct, target),
            "stopped_early": measured["stopped"],
            "requests": [m.as_json() for m in measured["distinct"] + measured["repeat"]],
        }
        rows.append(row)
    failures = [
        {"page_type": row["key"], **request}
        for row in rows
        for request in row["requests"]
        if request["error"]
    ]
    return {
        "schema": SCHEMA,
        **context,
        "target": asdict(target) if target else None,
        "page_types": rows,
        "failures": failures,
    }


def _ms(value: float | None, *, failed: bool = False) -> str:
    if value is None:
        return "timeout" if failed else "-"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _kb(value: int | None) -> str:
    """KB with a decimal where it matters, MB for an export that would not fit its column."""
    if value is None:
        return "-"
    if value >= 10_000 * KB:
        return f"{value / KB / KB:.0f} MB"
    return f"{value / KB:.1f}" if value < 100 * KB else f"{value / KB:.0f}"


def render_table(report: dict) -> str:
    """The report as tables a person reads in a terminal: the page types, then throughput."""
    # Imported here: it builds on this module's server and requests.
    from caseapp.cases import bench_throughput

    host = report["machine"]
    lines = [
        f"Casefile bench, {report['finished_at']}. Machine: {host['cpus']} CPU "
        f"({host['cpu_model']}), {host['memory']}, Python {host['python']}, Django "
        f"{host['django']}; load average {host['load_average_at_start']} at the start, "
        f"{host['load_average']} at the end.",
    ]
    if "page_types" in report:
        lines += ["", _render_page_types(report)]
    if "throughput" in report:
        lines += ["", bench_throughput.render(report["throughput"])]
    failures = report["failures"]
    if failures:
        lines.append("")
        lines.append(f"{len(failures)} REQUEST(S) FAILED:")
        for failure in failures[:40]:
            lines.append(f"  {failure['page_type']}: {failure['path']}: {failure['error']}")
        if len(failures) > 40:
            lines.append(f"  ... and {len(failures) - 40} more (see the JSON).")
        if report.get("server_log"):
            lines.append(f"The server's log, with any traceback: {report['server_log']}")
    return "\n".join(lines)


def _render_page_types(report: dict) -> str:
    dataset = report["dataset"]
    db = report["database"]
    target = report["target"]
    lines = [
        f"Page types: {dataset['events']:,} events, {dataset['actors']:,} actors, "
        f"{dataset['cases']} case(s), seed {dataset['seed']}"
        f" ({'reused' if dataset['reused'] else 'generated'}).",
        f"Database: {db['vendor']} {db['version']} ({db['name']}). Server: gunicorn, 1 worker, "
        f"DEBUG=False, PAGE_CACHE=false. Per page type: {report['settings']['requests']} "
        f"distinct requests, then {report['settings']['repeats']} repeats; timeout "
        f"{report['settings']['timeout']:g} s.",
    ]
    if target:
        size = (
            f" and at most {target['max_html_bytes'] / KB:.0f} KB"
            if target["max_html_bytes"]
            else ""
        )
        lines.append(
            f"Target for HTML page types (uncached, distinct): median at most "
            f"{target['median_ms']:g} ms{size}."
        )
    header = (
        f"{'page type':<24}{'n':>4}{'fail':>5}{'median':>9}{'p95':>9}{'warm':>8}"
        f"{'KB':>8}{'max KB':>8}{'queries':>9}  target"
    )
    lines += ["", header, "-" * len(header)]
    for row in report["page_types"]:
        distinct, warm = row["distinct"], row["repeat"]
        if not distinct["n"]:
            lines.append(f"{row['label']:<24}{0:>4}  (no address to ask for)")
            continue
        verdict = {True: "yes", False: "NO", None: ""}[row["meets_target"]]
        queries = "-" if row["queries"] is None else str(row["queries"])
        lines.append(
            f"{row['label']:<24}{distinct['n']:>4}{distinct['failures'] or '':>5}"
            f"{_ms(distinct['median_ms'], failed=bool(distinct['timeouts'])):>9}"
            f"{_ms(distinct['p95_ms'], failed=bool(distinct['timeouts'])):>9}"
            f"{_ms(warm['median_ms'], failed=bool(warm['timeouts'])):>8}"
            f"{_kb(distinct['median_bytes']):>8}{_kb(distinct['max_bytes']):>8}"
            f"{queries:>9}  {verdict}"
        )
    lines.append("")
    lines.append(
        "Times in ms from sending the request to the last byte, a timeout counting as slower "
        "than any answer. warm: median of the repeats of the address whose time was the "
        "median. KB: the answer as sent, not compressed. queries: of the largest answer."
    )
    for row in report["page_types"]:
        if row["export"] and row["requests"]:
            lines.append(_export_line(row))
    for row in report["page_types"]:
        if row["stopped_early"]:
            lines.append(f"{row['label']}: {row['stopped_early']}, the rest not asked for.")
    return "\n".join(lines)


def _export_line(row: dict) -> str:
    first = row["requests"][0]
    before = first.get("memory_before", {}).get("rss_kb")
    after = first.get("memory_after", {}).get("rss_kb")
    peak = first.get("memory_after", {}).get("peak_kb")
    memory = (
        f"worker RSS {before / 1024:.0f} MB before, {after / 1024:.0f} MB after, "
        f"peak {peak / 1024:.0f} MB"
        if before and after and peak
        else "worker memory unknown (no /proc)"
    )
    first_byte = _ms(row["distinct"]["median_first_byte_ms"])
    return f"{row['label']}: first byte after {first_byte} ms; {memory}."


# ----------------------------------------------------------------------------------- the run


PARTS = ("pages", "throughput")


@dataclass(frozen=True)
class Options:
    dataset: Dataset
    requests: int = 20
    repeats: int = DEFAULT_REPEATS
    timeout: float = DEFAULT_TIMEOUT
    port: int = 0
    rebuild: bool = False
    # Page types left out by key (`export-json`, …): at a million events an export alone
    # streams for minutes.
    skip: tuple[str, ...] = ()
    # "pages": every page type on the synthetic dataset; "throughput": the demo case under
    # load (`bench_throughput`).
    parts: tuple[str, ...] = PARTS
    throughput_seconds: int = 10
    # None: beside the bench database (`bench_throughput.default_demo_database_url`).
    demo_database_url: str | None = None
    # "auto" (wrk when it is on PATH), "wrk" or "python".
    load_generator: str = "auto"


def run(options: Options, *, say: Callable[[str], None]) -> dict:
    """The whole bench, or the parts asked for; returns the report (see `summarise`)."""
    # Imported here: it builds on this module's server and requests.
    from caseapp.cases import bench_throughput

    started_at = _now()
    load_at_start = _load_average()
    phases = _Phases(say)
    report: dict = {"schema": SCHEMA, "failures": []}
    if "pages" in options.parts:
        report.update(_run_pages(options, phases=phases, say=say))
    if "throughput" in options.parts:
        demo_database_url = (
            options.demo_database_url or bench_throughput.default_demo_database_url()
        )
        with phases("throughput"):
            section = bench_throughput.run(
                demo_database_url,
                seconds=options.throughput_seconds,
                timeout=options.timeout,
                generator=options.load_generator,
                say=say,
            )
        report["throughput"] = section
        report["failures"] += bench_throughput.failures(section)
    return {
        **report,
        "started_at": started_at,
        "finished_at": _now(),
        "seconds": phases.total(),
        "phases": phases.seconds,
        "machine": {**machine(), "load_average_at_start": load_at_start},
    }


def _run_pages(options: Options, *, phases: "_Phases", say: Callable[[str], None]) -> dict:
    """Every page type on the synthetic dataset, one request at a time, uncached."""
    with phases("dataset"):
        prepared = prepare_dataset(options.dataset, rebuild=options.rebuild, say=say)
    with phases("plan"):
        planned = plan(options.dataset, requests=options.requests)
    unknown = set(options.skip) - {page_type.key for page_type in planned.page_types}
    if unknown:
        raise BenchError(f"No page type is called {', '.join(sorted(unknown))}.")
    page_types = [
        page_type for page_type in planned.page_types if page_type.key not in options.skip
    ]
    say("Starting gunicorn (one worker, DEBUG=False, PAGE_CACHE=false) and warming it up...")
    # Issue 11's targets are for uncached answers; the page cache is on by default when
    # DEBUG=False, so it is switched off here.
    server = ProductionServer(
        timeout=options.timeout,
        warmup=planned.warmup,
        port=options.port,
        environment={"PAGE_CACHE": "false"},
    )
    with server:
        phases.mark("server start")
        say(f"Serving on 127.0.0.1:{server.port}. Distinct requests, then repeats:")
        with phases("requests"):
            results = measure(
                server, page_types, repeats=options.repeats, timeout=options.timeout, say=say
            )
        server.keep_log = any(
            answer.error
            for measured in results.values()
            for answer in measured["distinct"] + measured["repeat"]
        )
    server_log = server.log.name if server.keep_log else None
    say("Counting SQL queries in this process...")
    with phases("queries"):
        queries = count_queries(page_types, results)
    context = {
        "database": database(),
        "dataset": {**asdict(options.dataset), **prepared},
        "server_log": server_log,
        "settings": {
            "requests": options.requests,
            "repeats": options.repeats,
            "timeout": options.timeout,
            "export_timeout": options.timeout * EXPORT_TIME_FACTOR,
            "workers": 1,
            "page_cache": False,
            "events_per_page": EVENTS_PER_PAGE,
        },
    }
    return summarise(page_types, results, queries, context=context)


class _Phases:
    """Seconds each step of the run took, said as each one ends."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.seconds: dict[str, float] = {}
        self.started = self.last = time.perf_counter()

    @contextlib.contextmanager
    def __call__(self, name: str):
        self.last = time.perf_counter()
        yield
        self.mark(name)

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self.last, 1)
        self.last = now
        self.say(f"({name}: {self.seconds[name]:.1f} s)")

    def total(self) -> float:
        return round(time.perf_counter() - self.started, 1)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def write_report(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
