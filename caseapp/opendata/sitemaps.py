"""What search engines may list: the list pages and every published case (and its sources
page), event, actor and source.

`/sitemap.xml` is a sitemap index. Each page it lists holds the records of one section whose
primary keys fall in one range of `PAGE_SIZE`: page 3 of the events holds the published events
with keys from 4,000 to 5,999. So every page is one indexed range scan, the last as cheap as the
first (no OFFSET), and the index needs no count: it finds the ranges that hold anything with one
indexed seek per page (a skip scan), and lists no empty page, which the schema would refuse.

Every record is listed in every language (`/cases/x/`, `/de/cases/x/`, …), each address with
the others as `xhtml:link` hreflang alternates (and English as `x-default`), as search engines
ask; so a page holds at most `ADDRESSES_PER_PAGE` addresses.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event, Source
from caseapp.i18n import codes, url_in
from caseapp.opendata.exports import Absolute, Permalink, permalinks

# The protocol allows 50,000; smaller pages are quicker to build and to fetch.
ADDRESSES_PER_PAGE = 10_000
# Records a page: each is listed once per language.
PAGE_SIZE = ADDRESSES_PER_PAGE // len(settings.LANGUAGES)
# Primary keys are 64-bit integers: no page starts beyond them.
_LARGEST_KEY = 2**63 - 1

_XML_START = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"
LIST_PAGES = ["cases:home", "cases:timeline", "actors:directory"]


@dataclass(frozen=True)
class Section:
    """Published records of one kind, and how a row of `fields` becomes the address of one
    (the last field is the slug, the ones before it are the view's other arguments)."""

    records: Callable[[], QuerySet]
    view: str
    fields: tuple[str, ...]
    # The field of its last change, for `<lastmod>`; None for records that keep none.
    changed: str | None = "updated_at"


SECTIONS = {
    "cases": Section(Case.objects.published, "cases:case", ("slug",)),
    "events": Section(Event.objects.published, "cases:event", ("case__slug", "slug")),
    "actors": Section(Actor.objects.published, "actors:actor", ("slug",)),
    "sources": Section(Source.objects.published, "cases:source", ("slug",), changed=None),
    # Each case's list of the sources its published events cite, with what each one supports.
    "case-sources": Section(Case.objects.published, "cases:case-sources", ("slug",)),
}


def section_pages(section: Section) -> Iterator[int]:
    """The numbers of the pages of `section` that hold at least one record, in order."""
    records = section.records().order_by("pk").values_list("pk", flat=True)
    start = 0
    while (key := records.filter(pk__gte=start).first()) is not None:
        page = key // PAGE_SIZE + 1
        yield page
        start = page * PAGE_SIZE


def index_xml(pages: Iterable[str]) -> str:
    """A sitemap index of these page addresses."""
    entries = "".join(f"<sitemap><loc>{escape(page)}</loc></sitemap>\n" for page in pages)
    return f'{_XML_START}<sitemapindex xmlns="{_NAMESPACE}">\n{entries}</sitemapindex>\n'


def list_pages_xml(absolute: Absolute) -> str:
    return _urlset_xml((absolute(reverse(name)), None) for name in LIST_PAGES)


def section_xml(section: Section, page: int, absolute: Absolute) -> str | None:
    """Page `page` of `section` (from 1), or None when it holds nothing or does not exist."""
    first = (page - 1) * PAGE_SIZE
    if page < 1 or first + PAGE_SIZE > _LARGEST_KEY:
        return None
    records = section.records().filter(pk__gte=first, pk__lt=first + PAGE_SIZE).order_by("pk")
    if section.changed is None:
        rows = [(*row, None) for row in records.values_list(*section.fields)]
    else:
        rows = list(records.values_list(*section.fields, section.changed))
    if not rows:
        return None
    links: dict[tuple[str, ...], Permalink] = {}

    def location(arguments: tuple[str, ...], slug: str) -> str:
        if arguments not in links:
            links[arguments] = permalinks(section.view, absolute, *arguments)
        return links[arguments](slug)

    return _urlset_xml((location(row[:-2], row[-2]), row[-1]) for row in rows)


def _urlset_xml(entries: Iterable[tuple[str, datetime.datetime | None]]) -> str:
    """Each entry's English address in every language, each naming all of them."""
    urls = []
    for loc, changed in entries:
        versions = [(code, escape(url_in(code, loc))) for code in codes()]
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>'
            for code, url in [*versions, ("x-default", escape(loc))]
        )
        lastmod = _lastmod(changed)
        urls += [f"<url><loc>{url}</loc>{lastmod}{alternates}</url>\n" for _code, url in versions]
    body = "".join(urls)
    return f'{_XML_START}<urlset xmlns="{_NAMESPACE}" xmlns:xhtml="{_XHTML}">\n{body}</urlset>\n'


def _lastmod(changed: datetime.datetime | None) -> str:
    # The day of the last change, in the site's time zone, as the protocol's W3C date.
    return f"<lastmod>{timezone.localdate(changed).isoformat()}</lastmod>" if changed else ""
