"""One reading of a widget's options (`WidgetOptionsForm`) for the widget, the snippet generator
and oEmbed, and the links each builds from what the case page accepts."""

import re
from html import unescape

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from caseapp.cases.filters import filter_events
from caseapp.embed.forms import FrameSizeForm, WidgetOptions, WidgetOptionsForm
from caseapp.embed.snippets import embed_snippets

WIDGET = "/embed/cases/serikzhan-bilash/"
CASE_URL = "http://testserver/cases/serikzhan-bilash/"


def test_a_refused_option_falls_back_to_its_default_and_says_why():
    form = WidgetOptionsForm(QueryDict("theme=purple&order=desc&limit=7"))
    assert form.options == WidgetOptions(theme="auto", limit=7, order="desc")
    assert form.problems == ["“purple” is not a theme: use light, dark or auto."]


def test_the_generator_reads_the_same_options_under_its_own_names():
    form = WidgetOptionsForm(
        QueryDict("embed_view=full&embed_limit=3&view=compact"), prefix="embed"
    )
    assert form.options == WidgetOptions(limit=3, view="full")


@pytest.mark.parametrize(
    ("value", "number"),
    [("5", 5), ("005", 5), ("000100", 100), ("0000005", None), ("+5", None), ("٥", None)],
)
def test_a_whole_number_is_one_to_six_ascii_digits(value, number):
    form = WidgetOptionsForm(QueryDict(f"limit={value}"))
    assert form.options.limit == number
    assert bool(form.problems) == (number is None)


@pytest.mark.parametrize("value", ["0000005", "101", "0"])
def test_the_generator_and_the_widget_refuse_the_same_limits(demo_case, client, value):
    request = RequestFactory().get(f"/cases/{demo_case.slug}/?embed_limit={value}")
    filters = filter_events(request, demo_case.events.published()).applied
    assert embed_snippets(request, demo_case, filters).problems
    assert client.get(WIDGET, {"limit": value}).status_code == 400


def test_the_frame_size_follows_the_same_rule():
    assert FrameSizeForm(QueryDict("maxheight=250")).size(640, 600) == (640, 250)
    assert FrameSizeForm(QueryDict("maxwidth=000320")).size(640, 600) == (320, 600)
    assert not FrameSizeForm(QueryDict("maxwidth=0000320")).is_valid()


def test_the_show_all_link_keeps_only_what_the_widget_accepted(demo_case, client):
    response = client.get(WIDGET, {"utm_source": "x", "theme": "dark", "page": "1"})
    assert 'href="?theme=dark&amp;view=full"' in response.text


def test_the_show_all_link_keeps_the_order_the_loader_writes(demo_case, client):
    query = {"theme": "dark", "limit": "1", "order": "desc", "from": "2017"}
    response = client.get(WIDGET, query)
    assert 'href="?theme=dark&amp;order=desc&amp;from=2017&amp;view=full"' in response.text


def test_the_widget_links_its_case_page_without_a_refused_filter(demo_case, client):
    response = client.get(WIDGET, {"kind": "arrest", "from": "2019-13", "utm_source": "x"})
    case_link = re.search(r'href="(http://testserver/cases/serikzhan-bilash/[^"]*)"', response.text)
    assert unescape(case_link.group(1)) == f"{CASE_URL}?kind=arrest"


def test_oembed_embeds_only_the_filters_the_case_page_accepts(demo_case, client):
    url = f"{CASE_URL}?kind=arrest&from=2019-13&utm_source=x"
    answer = client.get("/oembed/", {"url": url}).json()
    src = unescape(re.search(r'src="([^"]+)"', answer["html"]).group(1))
    assert src == "http://testserver/embed/cases/serikzhan-bilash/?kind=arrest"
