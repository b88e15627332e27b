"""The page cache (caseapp/pagecache.py): public answers kept whole under the publication
generation, never stale, never shared with signed-in users, compressed, revalidated with 304."""

import datetime
import gzip
import re

import brotli
import pytest
from django.db import connection

from caseapp.actors.models import Actor
from caseapp.cases import generation
from caseapp.cases.models import Event, Participation
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_event

CASE = "/cases/serikzhan-bilash/"
PUBLIC_ADDRESSES = [
    "/",
    "/timeline/",
    CASE,
    f"{CASE}events/bilash-arrested/",
    f"{CASE}sources/",
    "/sources/stp-press-release-2019-03-19/",
    "/actors/",
    "/actors/serikzhan-bilash/",
    "/embed/cases/serikzhan-bilash/",
    "/embed.js",
    f"{CASE}feed/",
    f"{CASE}export.json",
    f"{CASE}export.csv",
    f"{CASE}timelinejs.json",
    "/sitemap.xml",
    "/robots.txt",
    f"/oembed/?url=http://testserver{CASE}",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    return settings


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_every_public_address_is_kept_and_served_again(demo_case, client, address):
    first = client.get(address)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    sent = body(first)  # a streamed answer is kept once it has been sent whole
    second = client.get(address)
    assert second["X-Cache"] == "hit"
    assert body(second) == sent
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"]
    assert "Accept-Encoding" in second["Vary"]


def test_a_kept_page_costs_one_query_the_generation(demo_case, client, django_assert_num_queries):
    client.get(CASE)
    with django_assert_num_queries(1):
        assert client.get(CASE)["X-Cache"] == "hit"


def test_the_kept_embed_may_still_be_framed_by_other_sites(demo_case, client):
    client.get("/embed/cases/serikzhan-bilash/")
    response = client.get("/embed/cases/serikzhan-bilash/")
    assert response["X-Cache"] == "hit"
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_the_case_page_keeps_its_strict_policy_when_kept(demo_case, client):
    client.get(CASE)
    response = client.get(CASE)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_conditional_get_is_answered_304_with_an_empty_body(demo_case, client):
    first = client.get(CASE)
    assert first["ETag"].startswith('"') and not first["ETag"].startswith("W/")
    again = client.get(CASE, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_conditional_get_works_without_the_cache(demo_case, client, settings):
    settings.PAGE_CACHE = False
    first = client.get(CASE)
    assert "X-Cache" not in first
    assert client.get(CASE, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_html_is_kept_by_browsers_for_less_time_than_embeds(demo_case, client, settings):
    page = client.get(CASE)["Cache-Control"]
    embed = client.get("/embed/cases/serikzhan-bilash/")["Cache-Control"]
    assert f"max-age={settings.PAGE_MAX_AGE}" in page
    assert f"max-age={settings.EMBED_MAX_AGE}" in embed
    assert settings.PAGE_MAX_AGE < settings.EMBED_MAX_AGE
    assert "stale-while-revalidate=" in page and "stale-while-revalidate=" in embed


def test_a_publish_shows_on_the_very_next_request(demo_case, client):
    etag = client.get(CASE)["ETag"]
    make_event(demo_case, title="A newly published hearing", start_date=datetime.date(2019, 6, 1))
    response = client.get(CASE, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    assert "A newly published hearing" in response.text


def test_a_draft_changes_nothing_public(demo_case, client):
    client.get(CASE)
    make_event(
        demo_case,
        title="A draft nobody may see",
        publication_status=PublicationStatus.DRAFT,
        start_date=datetime.date(2019, 6, 1),
    )
    assert "A draft nobody may see" not in client.get(CASE).text


def test_an_unpublished_event_leaves_the_kept_pages_at_once(demo_case, client):
    event = demo_case.events.get(slug="bilash-arrested")
    assert event.title in client.get(CASE).text
    event.publication_status = PublicationStatus.DRAFT
    event.save()
    assert event.title not in client.get(CASE).text
    assert client.get(f"{CASE}events/bilash-arrested/").status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: Event.objects.update(title="Changed in bulk"), id="queryset-update"),
        pytest.param(
            lambda: Event.objects.bulk_update(
                [
                    Event(pk=pk, title="Changed in bulk")
                    for pk in Event.objects.values_list("pk", flat=True)
                ],
                ["title"],
            ),
            id="bulk-update",
        ),
        pytest.param(
            lambda: connection.cursor().execute("UPDATE cases_event SET title = 'Changed in bulk'"),
            id="raw-sql",
        ),
    ],
)
def test_writes_that_bypass_save_still_change_the_kept_pages(demo_case, client, change):
    client.get(CASE)
    change()
    response = client.get(CASE)
    assert response["X-Cache"] == "miss"
    assert "Changed in bulk" in response.text


def test_renaming_an_actor_changes_every_page_that_names_them(demo_case, client):
    client.get(CASE)
    client.get("/actors/")
    # The English pages read the original from `name_en` (caseapp/cases/translated.py).
    renamed = "Serikzhan Bilash (renamed)"
    Actor.objects.filter(slug="serikzhan-bilash").update(name=renamed, name_en=renamed)
    assert "Serikzhan Bilash (renamed)" in client.get(CASE).text
    assert "Serikzhan Bilash (renamed)" in client.get("/actors/").text


def test_a_role_added_in_bulk_changes_the_kept_pages(demo_case, client):
    event = demo_case.events.get(slug="bilash-arrested")
    client.get(f"{CASE}events/bilash-arrested/")
    witness = make_actor(name="A new witness")
    Participation.objects.bulk_create([Participation(event=event, actor=witness, role="witness")])
    assert "A new witness" in client.get(f"{CASE}events/bilash-arrested/").text


def test_a_failed_transaction_leaves_the_generation_as_it_was(demo_case):
    from django.db import transaction

    before = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Event.objects.update(title="Never saved")
        raise RuntimeError
    assert generation.current() == before


def test_the_triggers_can_be_installed_again(db):
    generation.install_triggers()
    generation.install_triggers()
    before = generation.current()
    Actor.objects.create(name="Anyone", slug="anyone")
    assert generation.current() != before


def test_a_signed_in_editor_gets_a_fresh_private_answer(demo_case, client, editor):
    client.get(CASE)
    response = editor.get(CASE)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert client.get(CASE)["X-Cache"] == "hit"


def test_what_an_editor_saw_is_never_served_to_a_visitor(demo_case, client, editor):
    editor.get(CASE)
    assert client.get(CASE)["X-Cache"] == "miss"


def test_previews_and_admin_are_never_kept(demo_case, editor):
    event = demo_case.events.get(slug="bilash-arrested")
    for address in [f"/preview/events/{event.pk}/", "/admin/"]:
        response = editor.get(address, headers={"Accept-Encoding": "gzip"})
        assert "X-Cache" not in response
        assert "Content-Encoding" not in response, "the admin is never compressed (BREACH)"


def test_healthz_is_never_kept(db, client):
    client.get("/healthz")
    assert "X-Cache" not in client.get("/healthz")


def test_fragments_and_whole_pages_are_kept_apart(demo_case, client):
    page = client.get(CASE, {"kind": "arrest"})
    fragment = client.get(CASE, {"kind": "arrest"}, headers={"HX-Request": "true"})
    assert fragment["X-Cache"] == "miss"
    assert len(fragment.content) < len(page.content)
    assert client.get(CASE, {"kind": "arrest"}, headers={"HX-Request": "true"})["X-Cache"] == "hit"
    assert client.get(CASE, {"kind": "arrest"}).content == page.content
    assert fragment["ETag"] != page["ETag"]


def test_bad_input_is_not_kept(demo_case, client):
    for _ in range(2):
        response = client.get("/actors/", {"kind": "alien"})
        assert response.status_code == 400
        assert "X-Cache" not in response
    assert client.get("/cases/no-such-case/").status_code == 404
    assert "X-Cache" not in client.get("/cases/no-such-case/")


def test_a_forged_host_is_refused_before_anything_is_kept(demo_case, client):
    response = client.get(CASE, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert client.get(CASE)["X-Cache"] == "miss"


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [("gzip, deflate", "gzip", gzip.decompress), ("gzip, br", "br", brotli.decompress)],
)
def test_html_is_compressed_as_the_client_asks(demo_case, client, accept, encoding, decode):
    plain = client.get(CASE)
    for cache_state in ("miss", "hit"):
        response = client.get(CASE, headers={"Accept-Encoding": accept})
        assert response["X-Cache"] == cache_state
        assert response["Content-Encoding"] == encoding
        assert decode(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3
        assert response["ETag"] != plain["ETag"], "each encoding's bytes have their own ETag"


def test_a_refused_encoding_is_not_used(demo_case, client):
    response = client.get(CASE, headers={"Accept-Encoding": "br;q=0, gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(CASE, headers={"Accept-Encoding": "identity"})


def test_a_streamed_export_is_compressed_and_kept_when_small(demo_case, client):
    first = client.get(f"{CASE}export.json", headers={"Accept-Encoding": "gzip"})
    assert first.streaming
    data = gzip.decompress(body(first))
    second = client.get(f"{CASE}export.json", headers={"Accept-Encoding": "gzip"})
    assert second["X-Cache"] == "hit"
    assert gzip.decompress(second.content) == data


def without_export_time(export: bytes) -> bytes:
    """The export less its `exported_at` moment, which ticks on between two requests."""
    return re.sub(rb'"exported_at": "[^"]*"', b"", export)


def test_a_large_export_streams_every_time(demo_case, client, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    first = body(client.get(f"{CASE}export.json"))
    second = client.get(f"{CASE}export.json")
    assert second["X-Cache"] == "miss"
    assert without_export_time(body(second)) == without_export_time(first)
    assert len(first) > 1000


def test_a_flood_of_addresses_keeps_the_cache_bounded_and_the_popular_page(
    demo_case, client, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "flood",
            "OPTIONS": {"MAX_ENTRIES": 100},
        }
    }
    from django.core.cache import cache as bounded

    client.get(CASE)
    # Each search also keeps its facet counts: some five entries per address.
    for n in range(150):
        client.get(CASE, {"q": f"flood{n}"})
        if n % 5 == 0:
            assert client.get(CASE)["X-Cache"] == "hit"
    assert len(bounded._cache) <= 100


def test_a_new_release_keeps_nothing_of_the_old(demo_case, client, settings):
    from caseapp.pagecache import release

    etag = client.get(CASE)["ETag"]
    settings.RELEASE = "next"
    release.cache_clear()
    try:
        response = client.get(CASE)
        assert response["X-Cache"] == "miss"
        assert response["ETag"] != etag
    finally:
        release.cache_clear()


def test_public_pages_set_no_cookies_when_kept(demo_case, client):
    client.get(CASE)
    response = client.get(CASE)
    assert not response.cookies


def test_pages_are_built_afresh_while_the_cache_server_is_down(demo_case, client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    for _ in range(2):
        response = client.get(CASE)
        assert response.status_code == 200
        assert "Serikzhan Bilash" in response.text


def test_an_answer_that_varies_on_anything_else_is_not_kept(rf):
    from django.http import HttpResponse

    from caseapp.pagecache import _storable

    response = HttpResponse("a page")
    assert _storable(response)
    response["Vary"] = "HX-Request, Accept-Encoding"
    assert _storable(response)
    for vary in ("Cookie", "Accept-Language", "*"):
        response["Vary"] = f"HX-Request, {vary}"
        assert not _storable(response)


def test_a_bulk_writer_bumps_once_and_leaves_the_triggers_in_place(demo_case):
    from django.db import transaction

    before = generation.current()
    with transaction.atomic(), generation.writing_in_bulk():
        Event.objects.update(title="Written in bulk")
    after = generation.current()
    assert after != before
    Event.objects.update(title="Written once more")
    assert generation.current() != after, "the triggers are back"


def test_a_failed_bulk_write_restores_the_triggers(demo_case):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic(), generation.writing_in_bulk():
        Event.objects.update(title="Never kept")
        raise RuntimeError
    before = generation.current()
    Event.objects.update(title="Written afterwards")
    assert generation.current() != before


def test_bulk_writing_belongs_in_a_transaction(transactional_db):
    with pytest.raises(RuntimeError), generation.writing_in_bulk():
        pass
