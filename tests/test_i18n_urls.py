"""The language is in the address and nowhere else (caseapp/i18n.py): English at today's
addresses, the others under /de/, /ru/, /kk/, /ug/; no cookie, no `Vary: Accept-Language` on
public pages, the page cache keys each language by its path; the admin follows the editor's
browser; a switcher on every page links to the same page in each language."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from caseapp.i18n import NATIVE_NAMES, path_in, prefixed_language, unprefixed, url_in

pytestmark = pytest.mark.django_db

CASE = "/cases/serikzhan-bilash/"
PUBLIC = ["/", "/timeline/", CASE, "/actors/", "/actors/serikzhan-bilash/", f"{CASE}sources/"]
CODES = [code for code, _name in settings.LANGUAGES]
DIRECTIONS = {
    code: (translation.get_language_info(code)["bidi"] and "rtl") or "ltr" for code in CODES
}


def varies_on(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


def test_the_site_has_its_languages_english_first():
    assert CODES[0] == "en"
    assert {"de", "ru", "kk", "ug"} <= set(CODES)
    assert settings.LANGUAGE_CODE == "en"


@pytest.mark.parametrize(
    ("path", "language", "english"),
    [
        ("/de/cases/x/", "de", "/cases/x/"),
        ("/ug", "ug", "/"),
        ("/ug/", "ug", "/"),
        ("/en/cases/x/", None, "/en/cases/x/"),
        ("/cases/x/", None, "/cases/x/"),
        ("/des/", None, "/des/"),
        ("/de-at/", None, "/de-at/"),
    ],
)
def test_the_language_is_the_first_segment_of_the_path(path, language, english):
    assert prefixed_language(path) == language
    assert unprefixed(path) == english


def test_a_page_in_another_language_is_the_same_path_under_its_code():
    assert path_in("ru", "/de/cases/x/") == "/ru/cases/x/"
    assert path_in("en", "/kk/actors/") == "/actors/"
    assert (
        url_in("ug", "http://testserver/cases/x/?page=2") == "http://testserver/ug/cases/x/?page=2"
    )


@pytest.mark.parametrize("language", CODES)
@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_set_no_cookie_and_do_not_vary_on_accept_language(
    demo_case, visitor, path, language
):
    response = visitor.get(path_in(language, path), headers={"Accept-Language": "ru,de;q=0.8"})

    assert response.status_code == 200
    assert not response.cookies
    assert "accept-language" not in varies_on(response)
    assert response["Content-Language"] == language
    # The address decides, not the browser.
    assert f'<html lang="{language}"' in response.text


def test_an_unprefixed_page_is_english_whatever_the_browser_asks(demo_case, visitor):
    response = visitor.get(
        CASE, headers={"Accept-Language": "de"}, HTTP_COOKIE="django_language=de"
    )

    assert '<html lang="en" dir="ltr">' in response.text
    assert not response.cookies


def test_english_has_no_prefix_of_its_own(demo_case, visitor):
    """/en/… would be a second copy of every English page: it is no page."""
    for path in ("/en/", f"/en{CASE}", "/en/actors/"):
        response = visitor.get(path)
        assert response.status_code == 404
        assert '<html lang="en" dir="ltr">' in response.text


def test_a_missing_page_under_a_language_is_a_404_in_that_language(demo_case, visitor):
    response = visitor.get("/de/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="de" dir="ltr">' in response.text
    with translation.override("de"):
        assert translation.gettext("This page does not exist") in response.text or (
            "Diese Seite" in response.text
        )


def test_uyghur_pages_are_right_to_left(demo_case, visitor):
    assert '<html lang="ug" dir="rtl">' in visitor.get(f"/ug{CASE}").text


@pytest.mark.parametrize("path", ["/feed/", "/export.json", "/export.csv", "/timelinejs.json"])
def test_feeds_and_exports_have_one_address(demo_case, visitor, path):
    assert visitor.get(f"{CASE.rstrip('/')}{path}").status_code == 200
    assert visitor.get(f"/de{CASE.rstrip('/')}{path}").status_code == 404


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt", "/embed.js", "/healthz"])
def test_the_sites_own_addresses_have_no_language_prefix(demo_case, visitor, path):
    assert visitor.get(path).status_code == 200
    assert visitor.get(f"/de{path}").status_code == 404


def test_links_inside_a_german_page_stay_german(demo_case, visitor):
    page = visitor.get(f"/de{CASE}").text

    assert 'href="/de/cases/serikzhan-bilash/events/bilash-arrested/"' in page
    assert 'href="/de/actors/"' in page
    assert 'href="/de/timeline/"' in page
    # What other sites and readers pull has one address.
    assert 'href="/cases/serikzhan-bilash/feed/"' in page


def test_a_request_leaves_no_language_behind(demo_case, visitor):
    visitor.get(f"/ru{CASE}")

    assert translation.get_language() == "en"
    assert reverse("cases:case", args=["x"]) == "/cases/x/"


@override_settings(PAGE_CACHE=True)
def test_the_page_cache_keeps_each_language_apart(demo_case, visitor):
    english, german = visitor.get(CASE), visitor.get(f"/de{CASE}")
    german_again = visitor.get(f"/de{CASE}", headers={"Accept-Language": "en"})
    english_again = visitor.get(CASE, headers={"Accept-Language": "de"})

    assert (english["X-Cache"], german["X-Cache"]) == ("miss", "miss")
    assert (german_again["X-Cache"], english_again["X-Cache"]) == ("hit", "hit")
    assert '<html lang="de"' in german_again.text
    assert '<html lang="en"' in english_again.text
    assert english["ETag"] != german["ETag"]


# ---------------------------------------------------------------- the admin


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("ru", "ru"),
        ("fr-FR,kk;q=0.5", "kk"),
        ("ug", "ug"),
        ("fr,es", "en"),
        ("", "en"),
    ],
)
def test_the_admin_speaks_the_editors_browser_language(editor, accept, language):
    response = editor.get("/admin/", headers={"Accept-Language": accept})

    assert response.status_code == 200
    assert re.search(rf'<html lang="{language}"', response.text)
    assert "accept-language" in varies_on(response)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_admin_sign_in_page_follows_the_browser_too(client, db):
    response = client.get("/admin/login/", headers={"Accept-Language": "de"})

    assert '<html lang="de"' in response.text
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


# ---------------------------------------------------------------- the switcher


def switcher(page: str) -> str:
    match = re.search(r'<nav class="language-switcher" aria-label="[^"]+">.*?</nav>', page, re.S)
    assert match, "no language switcher"
    return match[0]


@pytest.mark.parametrize("language", CODES)
def test_the_switcher_links_to_the_same_page_and_query_in_each_language(
    demo_case, visitor, language
):
    query = "?actor=serikzhan-bilash&kind=arrest"
    nav = switcher(visitor.get(f"{path_in(language, CASE)}{query}").text)

    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)" dir="(\w+)"', nav)
    assert [(href, code) for href, code, _lang, _dir in links] == [
        (f"{path_in(code, CASE)}{query.replace('&', '&amp;')}", code) for code in CODES
    ]
    assert all(code == lang for _href, code, lang, _dir in links)
    directions = [direction for *_rest, direction in links]
    assert directions == [DIRECTIONS[code] for code in CODES]
    assert DIRECTIONS["ug"] == "rtl"
    current = re.findall(r'hreflang="(\w+)"[^>]*aria-current="page"', nav)
    assert current == [language]
    for code in CODES:
        assert f">{NATIVE_NAMES[code]}</a>" in nav
    assert NATIVE_NAMES["kk"] == "Қазақша"


def test_the_switcher_leaves_out_values_too_long_for_any_filter(demo_case, visitor):
    response = visitor.get(f"/de{CASE}", {"kind": "arrest", "q": "a" * 201, "place": "x" * 5000})
    nav = switcher(response.text)
    assert f'<a href="{CASE}?kind=arrest" hreflang="en"' in nav
    assert "a" * 201 not in nav and "x" * 201 not in nav


@pytest.mark.parametrize(
    "path", ["/", "/timeline/", CASE, "/actors/", "/sources/stp-press-release-2019-03-19/"]
)
def test_every_public_page_has_the_switcher(demo_case, visitor, path):
    assert "aria-current" in switcher(visitor.get(path).text)


def test_a_missing_page_has_the_switcher_too(db, visitor):
    nav = switcher(visitor.get("/ru/no-such-page/").text)

    assert 'href="/de/no-such-page/"' in nav


def test_a_staff_preview_has_no_switcher(demo_case, editor):
    event = demo_case.events.first()
    response = editor.get(f"/preview/events/{event.pk}/")

    assert 'class="language-switcher"' not in response.text
    assert 'hreflang="' not in response.text


# ---------------------------------------------------------------- hreflang


def alternates(page: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page))


@pytest.mark.parametrize("language", CODES)
def test_a_later_page_of_a_timeline_keeps_its_number_in_every_language(
    large_case, visitor, language
):
    page = visitor.get(path_in(language, "/cases/large-case/"), {"page": 3, "from": "2000"})
    assert page.status_code == 200
    found = alternates(page.text)

    expected = {
        code: f"http://testserver{path_in(code, '/cases/large-case/')}?page=3" for code in CODES
    }
    # Filters are left out, as from the canonical address; English is the default.
    assert found == {**expected, "x-default": expected["en"]}
