"""Open data at size: hundreds of events with drafts, events in review, an unpublished case and
unpublished actors mixed in, exported in several chunks and listed on several sitemap pages.
Nothing unpublished appears anywhere, everything published appears once, and each endpoint
asks a fixed number of queries per chunk or page, through an index that needs no sort."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import TIMELINE_ORDER, Case, Event, Source
from caseapp.cases.synthetic import Generator
from caseapp.i18n import url_in
from caseapp.opendata import feeds, sitemaps
from caseapp.opendata import queries as opendata_queries
from caseapp.opendata.queries import NEWEST_FIRST
from caseapp.publishing.models import PublicationStatus

pytestmark = pytest.mark.django_db

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
# What the sitemaps.org schema (sitemap.xsd, siteindex.xsd) allows in `lastmod`: a W3C date,
# or a date and time with its offset.
W3C_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")


@pytest.fixture
def mixed_site(db, monkeypatch) -> Case:
    """420 synthetic events in two cases; in the one left published, every 7th event is a
    draft and every 11th in review; the other case is a draft; 7 of the 40 actors are drafts
    (and still hold roles in published events, which the public must not see). Sitemap pages
    hold 50 addresses and exports read 37 events at a time, so both span many pages."""
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 50)
    monkeypatch.setattr(opendata_queries, "CHUNK_SIZE", 37)
    Generator(events=420, actors=40, cases=2, seed=7).run()
    public_case, hidden_case = Case.objects.order_by("pk")
    Case.objects.filter(pk=hidden_case.pk).update(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    keys = list(public_case.events.order_by("pk").values_list("pk", flat=True))
    hide = {PublicationStatus.DRAFT: keys[::7], PublicationStatus.REVIEW: keys[3::11]}
    for status, hidden in hide.items():
        Event.objects.filter(pk__in=hidden).update(publication_status=status, published_at=None)
    hidden_actors = list(Actor.objects.order_by("pk").values_list("pk", flat=True)[3:10])
    Actor.objects.filter(pk__in=hidden_actors).update(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    return public_case


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def hidden_event_slugs() -> set[str]:
    hidden = Event.objects.exclude(pk__in=Event.objects.published())
    return set(hidden.values_list("slug", flat=True))


def hidden_actor_slugs() -> set[str]:
    hidden = Actor.objects.exclude(publication_status=PublicationStatus.PUBLISHED)
    return set(hidden.values_list("slug", flat=True))


# ---------------------------------------------------------------- the sitemap


def assert_valid_sitemap(root: ET.Element, kind: str) -> None:
    """The rules of the sitemaps.org schema for what Casefile writes: the root element in the
    protocol's namespace, one to 50,000 entries, each a `loc` of 12 to 2,048 characters (an
    absolute http(s) address) and at most a `lastmod` in W3C format, then its hreflang
    alternates (an extension the schema allows at the end)."""
    root_tag, entry_tag = ("urlset", "url") if kind == "urlset" else ("sitemapindex", "sitemap")
    assert root.tag == f"{NAMESPACE}{root_tag}"
    assert 1 <= len(root) <= 50_000
    for entry in root:
        assert entry.tag == f"{NAMESPACE}{entry_tag}"
        loc, *rest = list(entry)
        assert loc.tag == f"{NAMESPACE}loc"
        assert 12 <= len(loc.text) <= 2048
        assert urlsplit(loc.text).scheme in ("http", "https")
        rest = [element for element in rest if element.tag != XHTML_LINK]
        assert [element.tag for element in rest] in ([], [f"{NAMESPACE}lastmod"])
        for lastmod in rest:
            assert W3C_DATETIME.fullmatch(lastmod.text)


def sitemap_pages(client) -> list[str]:
    index = ET.fromstring(body(client.get("/sitemap.xml")))
    assert_valid_sitemap(index, "sitemapindex")
    return [page.findtext(f"{NAMESPACE}loc") for page in index]


def page_addresses(client, page: str) -> list[str]:
    urlset = ET.fromstring(body(client.get(page.removeprefix("http://testserver"))))
    assert_valid_sitemap(urlset, "urlset")
    assert len(urlset) <= sitemaps.PAGE_SIZE * len(settings.LANGUAGES)
    return [url.findtext(f"{NAMESPACE}loc") for url in urlset]


def test_the_sitemap_lists_everything_published_once_and_nothing_else(visitor, mixed_site):
    addresses = [
        address for page in sitemap_pages(visitor) for address in page_addresses(visitor, page)
    ]

    published = [
        *Case.objects.published(),
        *Event.objects.published().select_related("case"),
        *Actor.objects.published(),
        *Source.objects.published(),
    ]
    expected = [f"http://testserver{record.get_absolute_url()}" for record in published]
    expected += [
        f"http://testserver{reverse('cases:case-sources', args=[case.slug])}"
        for case in Case.objects.published()
    ]
    expected += ["http://testserver/", "http://testserver/timeline/", "http://testserver/actors/"]
    # Each in every language.
    expected = [url_in(code, url) for url in expected for code, _name in settings.LANGUAGES]
    assert sorted(addresses) == sorted(expected)
    assert len(hidden_event_slugs()) > 100


def test_the_events_span_several_sitemap_pages_and_none_is_empty(visitor, mixed_site):
    keys = Event.objects.published().values_list("pk", flat=True)
    # The unpublished case's 140 events fill ranges of keys of their own: no page for them.
    holding_events = sorted({key // sitemaps.PAGE_SIZE + 1 for key in keys})

    event_pages = [page for page in sitemap_pages(visitor) if "sitemap-events" in page]

    assert len(event_pages) >= 5
    assert event_pages == [
        f"http://testserver/sitemap-events.xml?p={number}" for number in holding_events
    ]
    assert all(page_addresses(visitor, page) for page in event_pages)
    assert max(holding_events) < max(Event.objects.values_list("pk", flat=True)) // 50 + 1


def test_the_first_and_the_last_sitemap_page_cost_one_query_each(
    visitor, mixed_site, django_assert_num_queries
):
    """Guards sitemap pages against OFFSET or a count: each is one range of primary keys."""
    event_pages = [page for page in sitemap_pages(visitor) if "sitemap-events" in page]

    for page in (event_pages[0], event_pages[-1]):
        with django_assert_num_queries(2):  # and the publication generation
            assert page_addresses(visitor, page)


def test_the_sitemap_index_asks_one_query_per_page_it_lists(
    visitor, mixed_site, django_assert_max_num_queries
):
    """Guards the sitemap index against counting rows: one indexed seek per page it lists,
    and one per section (cases, events, actors, sources, case sources) to find that there is no
    more."""
    pages = sitemap_pages(visitor)

    with django_assert_max_num_queries(len(pages) - 1 + 5 + 1):  # + the generation
        assert sitemap_pages(visitor) == pages


# ---------------------------------------------------------------- exports and feeds


def test_the_exports_hold_every_published_event_in_order_and_nothing_unpublished(
    visitor, mixed_site
):
    timeline = list(mixed_site.events.published().order_by(*TIMELINE_ORDER))
    slugs = [event.slug for event in timeline]
    url = f"/cases/{mixed_site.slug}"

    document = json.loads(body(visitor.get(f"{url}/export.json")))
    table = body(visitor.get(f"{url}/export.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    slides = json.loads(body(visitor.get(f"{url}/timelinejs.json")))["events"]

    assert [event["slug"] for event in document["events"]] == slugs
    assert [row["slug"] for row in rows] == slugs
    assert [slide["unique_id"] for slide in slides] == slugs
    named = {p["actor"] for event in document["events"] for p in event["participants"]}
    named |= {item.split(":")[0] for row in rows for item in row["actors"].split("; ") if item}
    assert named
    assert not named & hidden_actor_slugs()
    assert not {actor["slug"] for actor in document["actors"]} & hidden_actor_slugs()
    assert {actor["slug"] for actor in document["actors"]} == named | set(
        document["case"]["subjects"]
    )
    cited = {c["source"] for event in document["events"] for c in event["citations"]}
    assert {source["id"] for source in document["sources"]} == cited


@pytest.mark.parametrize("export", ["export.json", "export.csv", "timelinejs.json"])
def test_an_unpublished_case_of_any_size_has_no_export(visitor, mixed_site, export):
    hidden_case = Case.objects.exclude(pk=mixed_site.pk).get()

    assert visitor.get(f"/cases/{hidden_case.slug}/{export}").status_code == 404


def feed_slugs(client, url: str) -> list[str]:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(body(client.get(url)))
    links = [entry.find(f"{atom}link").get("href") for entry in feed.findall(f"{atom}entry")]
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in links]


def test_the_case_feed_shows_its_50_newest_published_events(visitor, mixed_site):
    newest = mixed_site.events.published().order_by(*NEWEST_FIRST)[:50]

    slugs = feed_slugs(visitor, f"/cases/{mixed_site.slug}/feed/")

    assert slugs == [event.slug for event in newest]


@pytest.mark.parametrize("window", [2000, 100, 20])
def test_an_actor_feed_shows_their_newest_published_events_of_published_cases(
    visitor, mixed_site, monkeypatch, window
):
    monkeypatch.setattr(feeds, "ENTRIES_PER_FEED", 10)
    monkeypatch.setattr(opendata_queries, "RECENT_WINDOW", window)
    busiest = Actor.objects.published().order_by("pk").first()
    newest = (
        Event.objects.published()
        .filter(pk__in=busiest.participations.values("event"))
        .order_by(*NEWEST_FIRST)[:10]
    )

    slugs = feed_slugs(visitor, f"/actors/{busiest.slug}/feed/")

    assert len(slugs) == 10
    assert slugs == [event.slug for event in newest]
    assert not set(slugs) & hidden_event_slugs()


def test_an_unpublished_actor_of_a_large_site_has_no_feed(visitor, mixed_site):
    hidden = Actor.objects.exclude(publication_status=PublicationStatus.PUBLISHED).first()

    assert visitor.get(f"/actors/{hidden.slug}/feed/").status_code == 404


# ---------------------------------------------------------------- plans


def plan_sorts(queryset) -> bool:
    """Whether the database sorts the rows of `queryset` itself instead of reading them in
    order from an index. PostgreSQL is told to avoid sorts and sequential scans, so that the
    plan on a small test table is the one a large table gets."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
        return bool(re.search(r"^(\s*->\s+)?Sort\s+\(", plan, re.MULTILINE))
    return "USE TEMP B-TREE FOR ORDER BY" in queryset.explain()


def has_index(*fields: str) -> bool:
    return any(tuple(index.fields[: len(fields)]) == fields for index in Event._meta.indexes)


def test_a_sitemap_page_and_the_index_read_primary_keys_in_order(mixed_site):
    section = sitemaps.SECTIONS["events"]
    page = section.records().filter(pk__gte=50, pk__lt=100).order_by("pk")
    seek = section.records().filter(pk__gte=50).order_by("pk").values("pk")[:1]

    assert not plan_sorts(page.values_list("slug", "case__slug", "updated_at"))
    assert not plan_sorts(seek)


def test_an_export_chunk_reads_the_timeline_index_in_order(mixed_site):
    first = mixed_site.events.published().order_by(*TIMELINE_ORDER).first()
    chunk = mixed_site.events.published().order_by(*TIMELINE_ORDER).later_than(first)

    assert not plan_sorts(chunk[:37])


@pytest.mark.skipif(
    not has_index("case", "publication_status", "published_at"),
    reason="waits for the index on Event (case, publication_status, published_at, "
    "range_start, sort_rank, id)",
)
def test_the_case_feed_reads_an_index_on_publication_time_in_order(mixed_site):
    newest = mixed_site.events.published().order_by(*NEWEST_FIRST)

    assert not plan_sorts(newest[:50])


@pytest.mark.skipif(
    not has_index("publication_status", "published_at"),
    reason="waits for the index on Event (publication_status, published_at, range_start, "
    "sort_rank, id)",
)
def test_the_actor_feed_looks_through_the_newest_publications_in_index_order(mixed_site):
    newest = Event.objects.published().order_by(*NEWEST_FIRST)

    assert not plan_sorts(newest.values("published_at")[1999:2000])
    assert not plan_sorts(newest.filter(published_at__gte=mixed_site.published_at)[:50])
