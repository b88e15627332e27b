"""The widget takes `lang` (the snippet generator and oEmbed pass it on, the loader too), and
the sitemap lists every page in every language with its hreflang alternates."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.http import QueryDict

from caseapp.embed.forms import WidgetOptions, WidgetOptionsForm
from caseapp.i18n import url_in
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event

pytestmark = pytest.mark.django_db

CASE = "/cases/serikzhan-bilash/"
WIDGET = f"/embed{CASE}"
CODES = [code for code, _name in settings.LANGUAGES]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


# ---------------------------------------------------------------- the widget


@pytest.mark.parametrize("language", CODES)
def test_the_widget_speaks_the_language_asked_for_and_links_to_its_pages(
    demo_case, client, language
):
    response = client.get(WIDGET, {"lang": language})

    assert response.status_code == 200
    direction = "rtl" if language == "ug" else "ltr"
    assert f'<html lang="{language}" dir="{direction}"' in response.text
    prefix = "" if language == "en" else f"/{language}"
    assert f'href="http://testserver{prefix}{CASE}"' in response.text
    assert f'href="{prefix}{CASE}events/' in response.text
    assert f'href="{prefix}/actors/serikzhan-bilash/"' in response.text
    assert not response.cookies


def test_the_widget_without_lang_is_english(demo_case, client):
    response = client.get(WIDGET, headers={"Accept-Language": "de"})

    assert '<html lang="en" dir="ltr"' in response.text


@pytest.mark.parametrize("value", ["fr", "DE", "de-at", "english", "x" * 300])
def test_an_unknown_language_is_a_400_that_says_which_to_use(demo_case, client, value):
    response = client.get(WIDGET, {"lang": value})

    assert response.status_code == 400
    assert f"“{value[:20]}” is not a language of Casefile: use en, de, ru, kk, ug." in response.text
    # The timeline is still shown, in English.
    assert '<html lang="en"' in response.text
    assert "bilash-arrested" in response.text


def test_show_all_keeps_the_language(demo_case, client):
    page = client.get(WIDGET, {"lang": "ru"}).text

    assert re.search(r'href="\?[^"]*lang=ru[^"]*view=full"', page)


def test_the_widget_options_read_lang():
    form = WidgetOptionsForm(QueryDict("lang=kk&theme=dark"))

    assert form.options == WidgetOptions(theme="dark", lang="kk")
    assert form.options.as_params() == [("theme", "dark"), ("lang", "kk")]
    assert WidgetOptions().as_params() == []


# ---------------------------------------------------------------- the snippet generator


def snippet_parts(page: str) -> tuple[str, str, str]:
    loader = re.search(r'<textarea id="embed-loader-code"[^>]*>(.*?)</textarea>', page, re.S)[1]
    iframe = re.search(r'<textarea id="embed-iframe-code"[^>]*>(.*?)</textarea>', page, re.S)[1]
    select = re.search(r'<select id="embed-lang" name="embed_lang">(.*?)</select>', page, re.S)[1]
    return loader, iframe, select


def test_the_generator_offers_the_pages_language_first(demo_case, client):
    loader, iframe, select = snippet_parts(client.get(f"/de{CASE}").text)

    assert "data-lang=&quot;de&quot;" in loader
    assert "lang=de" in iframe
    assert '<option value="de" lang="de" selected>Deutsch</option>' in select
    assert select.count("<option") == 5


def test_the_generator_on_an_english_page_adds_no_lang(demo_case, client):
    loader, iframe, select = snippet_parts(client.get(CASE).text)

    assert "data-lang" not in loader
    assert "lang=" not in iframe.replace('lang="', "")
    assert '<option value="en" lang="en" selected>English</option>' in select


def test_the_generator_takes_another_language(demo_case, client):
    page = client.get(f"/de{CASE}", {"embed_lang": "ug"}).text
    loader, iframe, select = snippet_parts(page)

    assert "data-lang=&quot;ug&quot;" in loader
    assert "lang=ug" in iframe
    assert '<option value="ug" lang="ug" selected>' in select
    # A choice opens the box.
    assert '<details class="embed-snippet__disclosure" open>' in page


def test_the_generator_is_closed_on_a_page_in_its_own_language(demo_case, client):
    page = client.get(f"/de{CASE}").text

    assert '<details class="embed-snippet__disclosure">' in page


def test_the_loader_passes_lang_on():
    loader = (Path(settings.BASE_DIR) / "static" / "embed" / "embed.js").read_text()

    options = re.search(r"var OPTIONS = \[(.*?)\];", loader, re.S)[1]
    assert '"lang"' in options


# ---------------------------------------------------------------- oEmbed


@pytest.mark.parametrize("language", CODES)
def test_oembed_of_a_page_in_a_language_gives_its_widget_in_it(demo_case, client, language):
    page = url_in(language, f"http://testserver{CASE}")

    answer = json.loads(client.get("/oembed/", {"url": page}).content)

    src = re.search(r'src="([^"]+)"', answer["html"])[1].replace("&amp;", "&")
    query = dict(parse_qsl(urlsplit(src).query))
    assert urlsplit(src).path == WIDGET
    assert query.get("lang") == (None if language == "en" else language)
    assert answer["provider_url"] == url_in(language, "http://testserver/")


def test_oembed_of_a_german_event_gives_the_full_widget_in_german(demo_case, client):
    page = f"http://testserver/de{CASE}events/bilash-arrested/"

    answer = json.loads(client.get("/oembed/", {"url": page}).content)

    assert "view=full&amp;lang=de" in answer["html"]
    assert "#bilash-arrested" in answer["html"]


def test_oembed_of_an_english_prefix_is_not_found(demo_case, client):
    response = client.get("/oembed/", {"url": f"http://testserver/en{CASE}"})

    assert response.status_code == 404


# ---------------------------------------------------------------- the sitemap


def urlset(client, address: str) -> ET.Element:
    response = client.get(address.removeprefix("http://testserver"))
    assert response.status_code == 200
    return ET.fromstring(response.content)


def all_urls(client) -> list[ET.Element]:
    index = urlset(client, "/sitemap.xml")
    pages = [page.findtext(f"{SITEMAP}loc") for page in index]
    return [url for page in pages for url in urlset(client, page)]


def test_the_sitemap_lists_each_page_in_every_language_with_its_alternates(demo_case, client):
    urls = all_urls(client)
    locations = [url.findtext(f"{SITEMAP}loc") for url in urls]

    for english in ("http://testserver/", f"http://testserver{CASE}", "http://testserver/actors/"):
        for code in CODES:
            assert url_in(code, english) in locations
    assert len(locations) == len(set(locations))
    for url in urls:
        loc = url.findtext(f"{SITEMAP}loc")
        links = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        english = url_in("en", loc)
        expected = {code: url_in(code, english) for code in CODES}
        assert links == {**expected, "x-default": english}, loc
        # `lastmod` comes before the extension's elements, as the schema has it.
        assert [child.tag for child in url][:1] == [f"{SITEMAP}loc"]


def test_the_sitemap_lists_no_draft_in_any_language(client):
    public = make_case()
    draft = make_case(publication_status=PublicationStatus.DRAFT)
    hidden_event = make_event(public, publication_status=PublicationStatus.REVIEW)
    make_event(public)

    text = " ".join(url.findtext(f"{SITEMAP}loc") for url in all_urls(client))

    assert f"/de{public.get_absolute_url()}" in text
    for record in (draft, hidden_event):
        assert record.get_absolute_url() not in text
