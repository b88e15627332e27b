"""Footnoted sources: every event of a timeline names its sources by their number in the case's
Sources list, with the quote on demand; each source has a page, `/sources/<source>/`, listing
every published event of every case that cites it."""

import datetime
import json
import re

import pytest

from caseapp.cases.models import Citation, Source, fill_source_slugs
from caseapp.cases.pagination import EVENTS_PER_PAGE
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event, make_source

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def cite(event, source, *, quote="", locator="", position=1) -> Citation:
    return Citation.objects.create(
        event=event, source=source, quote=quote, locator=locator, position=position
    )


@pytest.fixture
def cited_case(db):
    """A case whose most cited source is `press`, cited by two events, then `report`."""
    case = make_case(slug="bilash", title="Bilash")
    press = make_source(title="STP press release on the arrest", publisher="STP")
    report = make_source(title="A report", publisher="HRW")
    arrest = make_event(case, slug="arrest", title="Arrested")
    cite(arrest, press, quote="Bilash was arrested on 9 March.", locator="para. 3")
    hearing = make_event(
        case, slug="hearing", title="Hearing", start_date=datetime.date(2019, 3, 19)
    )
    cite(hearing, press, locator="para. 5", position=1)
    cite(hearing, report, quote="The court met.", position=2)
    return case, press, report


def test_a_source_gets_a_slug_from_its_title_unique_among_others():
    first = make_source(title="STP: press release, 19 March 2019")
    second = make_source(title="STP: press release, 19 March 2019")
    assert first.slug == "stp-press-release-19-march-2019"
    assert second.slug == "stp-press-release-19-march-2019-2"
    unsaved = [Source(title="STP: press release, 19 March 2019"), Source(title="Отчёт")]
    fill_source_slugs(unsaved)
    assert [source.slug for source in unsaved] == ["stp-press-release-19-march-2019-3", "source"]


def test_events_show_numbered_references_with_locators_and_quotes_on_demand(client, cited_case):
    _case, press, _report = cited_case
    html = client.get("/cases/bilash/").content.decode()
    timeline = html[html.index('id="timeline"') : html.index('id="case-sources"')]
    # The most cited source is number 1 in the case, the other number 2.
    assert '<li><a href="#source-1">[1]</a> para. 3 <details>' in timeline
    assert 'href="#source-2"' in timeline
    assert "<details><summary>Quote</summary><blockquote" in timeline
    assert "Bilash was arrested on 9 March." in timeline
    # The full reference is printed once, in the Sources list, not beside every event.
    assert press.title not in timeline
    assert html.count(press.title) == 1


def test_the_sources_list_numbers_the_sources_the_footnotes_point_to(client, cited_case):
    _case, press, _report = cited_case
    html = client.get("/cases/bilash/").content.decode()
    sources = html[html.index('id="case-sources"') :]
    assert re.search(r'<li id="source-1" value="1">\s*STP:', sources)
    assert re.search(r'<li id="source-2" value="2">\s*HRW:', sources)
    assert f'href="/sources/{press.slug}/"' in sources


def test_a_later_page_numbers_its_sources_as_the_case_does(client):
    """Only the sources the page cites are listed, under their numbers in the whole case."""
    case = make_case(slug="long")
    common = make_source(title="Cited everywhere")
    rare = make_source(title="Cited once, at the end")
    for n in range(EVENTS_PER_PAGE + 1):
        event = make_event(case, start_date=datetime.date(2000, 1, 1) + datetime.timedelta(n))
        cite(event, common)
    cite(event, rare, position=2)
    first = client.get("/cases/long/").content.decode()
    assert "Cited once, at the end" not in first
    assert "All 2 sources of this case" in first
    second = client.get("/cases/long/?page=2").content.decode()
    assert 'id="source-2" value="2"' in second
    assert 'href="#source-2"' in second and 'href="#source-1"' in second


def test_other_timelines_point_footnotes_to_the_source_page(client, cited_case):
    case, press, _report = cited_case
    for url in ["/timeline/", f"/embed/cases/{case.slug}/"]:
        html = client.get(url).content.decode()
        assert f'href="/sources/{press.slug}/">[1]' in html
        assert 'href="#source-' not in html


def test_the_event_page_keeps_full_citations(client, cited_case):
    _case, press, _report = cited_case
    html = client.get("/cases/bilash/events/arrest/").content.decode()
    assert "STP press release on the arrest" in html
    assert f'href="/sources/{press.slug}/">every event citing it</a>' in html
    assert "Bilash was arrested on 9 March." in html


def test_the_source_page_lists_the_events_of_every_case_that_cite_it(client, cited_case):
    _case, press, _report = cited_case
    other = make_case(slug="other", title="Another case")
    elsewhere = make_event(other, slug="elsewhere", title="Mentioned elsewhere")
    cite(elsewhere, press, quote="Also here.", locator="p. 2")
    response = client.get(f"/sources/{press.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "STP press release on the arrest" in html and "STP" in html
    assert press.url in html
    for text in ["Arrested", "Hearing", "Mentioned elsewhere", "Another case", "Bilash"]:
        assert text in html
    assert "Bilash was arrested on 9 March." in html and "Also here." in html
    assert "para. 5" in html and "p. 2" in html
    assert "3 events" in html
    # The report's quote is not this source's.
    assert "The court met." not in html


def test_the_source_page_never_shows_drafts(client, cited_case):
    case, press, _report = cited_case
    draft = make_event(case, slug="draft", title="Draft event", publication_status=DRAFT)
    cite(draft, press, quote="Secret draft quote.")
    hidden_case = make_case(slug="hidden", title="Hidden case", publication_status=DRAFT)
    cite(make_event(hidden_case, title="In a draft case"), press)
    html = client.get(f"/sources/{press.slug}/").content.decode()
    for text in ["Draft event", "Secret draft quote.", "Hidden case", "In a draft case"]:
        assert text not in html
    assert "2 events" in html


def test_a_source_cited_only_by_drafts_is_not_found(client, cited_case):
    case, _press, _report = cited_case
    secret = make_source(title="Secret source")
    cite(make_event(case, title="Draft", publication_status=DRAFT), secret)
    assert client.get(f"/sources/{secret.slug}/").status_code == 404
    uncited = make_source(title="Never cited")
    assert client.get(f"/sources/{uncited.slug}/").status_code == 404
    assert client.get("/sources/no-such-source/").status_code == 404


def test_the_source_page_is_paginated(client):
    source = make_source(title="Much cited")
    case = make_case()
    for n in range(EVENTS_PER_PAGE + 2):
        event = make_event(
            case, title=f"Citing {n}", start_date=datetime.date(2001, 1, 1) + datetime.timedelta(n)
        )
        cite(event, source)
    first = client.get(f"/sources/{source.slug}/").content.decode()
    assert first.count('class="citing-event"') == EVENTS_PER_PAGE
    assert 'rel="next" href="?page=2"' in first
    second = client.get(f"/sources/{source.slug}/?page=2")
    assert second.content.decode().count('class="citing-event"') == 2
    for bad in ["3", "x", "-1", "99999999999999999999"]:
        response = client.get(f"/sources/{source.slug}/?page={bad}")
        assert response.status_code == 404
        assert "There is no page" in response.content.decode()


def test_the_case_sources_pages_list_every_source_in_footnote_order(client, cited_case):
    _case, _press, _report = cited_case
    html = client.get("/cases/bilash/sources/").content.decode()
    assert html.index("STP press release on the arrest") < html.index("A report")
    assert 'id="source-2" value="2"' in html
    assert "cited by 2 events" in html
    assert client.get("/cases/bilash/sources/?page=2").status_code == 404
    assert client.get("/cases/no-such-case/sources/").status_code == 404


def test_the_source_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """Guards the source page against a query per event or per case."""
    source = make_source()
    for n in range(60):
        event = make_event(
            make_case() if n % 2 else None,
            start_date=datetime.date(2001, 1, 1) + datetime.timedelta(n),
        )
        cite(event, source, quote=f"Quote {n}.")
    with django_assert_max_num_queries(10):
        assert client.get(f"/sources/{source.slug}/?page=2").status_code == 200


def test_the_case_page_with_footnotes_runs_a_fixed_number_of_queries(
    client, cited_case, django_assert_max_num_queries
):
    """Numbering the footnotes and listing the page's sources cost a few queries, not one per
    event or source. (31: the JSON-LD reads the precision of the case's first and last
    dates in one query.)"""
    case, _press, _report = cited_case
    for n in range(30):
        cite(
            make_event(case, start_date=datetime.date(2002, 1, 1) + datetime.timedelta(n)),
            make_source(),
        )
    with django_assert_max_num_queries(31):
        assert client.get("/cases/bilash/?page=2").status_code == 200


def test_the_sitemap_lists_public_sources_only(client, cited_case):
    case, press, report = cited_case
    secret = make_source(title="Secret source")
    cite(make_event(case, publication_status=DRAFT), secret)
    index = client.get("/sitemap.xml").content.decode()
    # Pages are ranges of primary keys: on PostgreSQL earlier tests' keys move them past page 1.
    pages = re.findall(r"/(sitemap-sources\.xml\?p=\d+)</loc>", index)
    assert pages
    page = "".join(client.get(f"/{address}").content.decode() for address in pages)
    assert f"/sources/{press.slug}/</loc>" in page
    assert f"/sources/{report.slug}/</loc>" in page
    assert secret.slug not in page


def test_the_export_names_each_source_page(client, cited_case):
    _case, press, _report = cited_case
    response = client.get("/cases/bilash/export.json")
    document = json.loads(b"".join(response.streaming_content))
    pages = {source["slug"]: source["page"] for source in document["sources"]}
    assert pages[press.slug] == f"http://testserver/sources/{press.slug}/"


def test_a_timeline_fragment_brings_the_sources_list_of_its_page(client, cited_case):
    html = client.get("/cases/bilash/?page=1", headers={"HX-Request": "true"}).content.decode()
    assert 'id="case-sources" aria-labelledby="sources-heading" data-hx-swap-oob="true"' in html
    assert 'id="source-1" value="1"' in html


def test_a_preview_lists_the_sources_of_events_in_review(editor, cited_case):
    case, _press, _report = cited_case
    in_review = make_event(case, title="In review", publication_status=PublicationStatus.REVIEW)
    cite(in_review, make_source(title="Cited in review only"))
    html = editor.get(f"/preview/cases/{case.pk}/").content.decode()
    assert html.count("Cited in review only") == 1


def test_the_demo_press_release_has_its_page(client, demo_case):
    response = client.get("/sources/stp-press-release-2019-03-19/")
    assert response.status_code == 200
    assert "9 events" in response.content.decode()
    case_page = client.get("/cases/serikzhan-bilash/").content.decode()
    # One source, cited by every event: footnote 1 each time, its title printed once.
    assert case_page.count('href="#source-1"') == Citation.objects.count() >= 9
    assert case_page.count("China-critical human rights activists under pressure") == 1


def test_a_source_has_its_number_in_each_case(client):
    """Numbers are per case: one source can be [1] in one case and [2] in another."""
    shared, other = make_source(title="Shared"), make_source(title="Other")
    first, second = make_case(slug="first"), make_case(slug="second")
    cite(make_event(first, title="First-case event"), shared)
    for n in range(2):
        cite(make_event(second, title=f"Second-case event {n}"), other)
    cite(make_event(second, title="Second-case event citing shared"), shared)
    html = client.get("/timeline/").content.decode()
    assert f'href="/sources/{shared.slug}/">[1]' in html
    assert f'href="/sources/{shared.slug}/">[2]' in html
    second_page = client.get("/cases/second/").content.decode()
    assert 'id="source-1" value="1">' in second_page and 'id="source-2" value="2">' in second_page


def test_the_source_page_describes_the_document_as_structured_data(client, cited_case):
    _case, press, _report = cited_case
    html = client.get(f"/sources/{press.slug}/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "CreativeWork"
    assert data["name"] == press.title
    assert data["url"] == press.url
    assert data["@id"] == f"http://testserver/sources/{press.slug}/"
