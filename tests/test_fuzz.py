"""Random and hostile values in every public URL's parameters and path segments.

No combination may cause a 500, and nothing sent may come back unescaped. About 2,400
examples (over 8,000 requests) a run in CI, a tenth of them locally (the Hypothesis profiles in
tests/conftest.py).
"""

from urllib.parse import quote

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARKER = "<x-fuzz>"

hostile = st.sampled_from(
    [
        MARKER,
        f'"{MARKER}',
        f"'>{MARKER}<'",
        "' OR 1=1 --",
        "1; DROP TABLE cases_event",
        "%00",
        "\x00",
        "../../etc/passwd",
        "javascript:alert(1)",
        "-1",
        "0",
        "999999999999999999999999",
        "2019-13-45",
        "0000",
        "yesterday",
        "😀" * 50,
        "a" * 10_000,
        "",
        " ",
        "serikzhan-bilash",
        "2019-03",
        "arrest",
        "xml",
    ]
)
values = st.one_of(hostile, st.text(max_size=60), st.integers().map(str))
parameter_names = st.sampled_from(
    [
        "actor",
        "kind",
        "from",
        "to",
        "q",
        "place",
        "page",
        "case",
        "theme",
        "limit",
        "order",
        "format",
        "url",
        "maxwidth",
        "maxheight",
        "letter",
        "actor_search",
        "place_search",
        "case_search",
        "unknown",
    ]
)
queries = st.lists(st.tuples(parameter_names, values), max_size=6)


def fuzz(examples: int):
    """`examples` examples under the "ci" profile; under another, as large a share of them as
    its count of examples is of the "ci" one's ("dev": a tenth)."""
    share = settings.default.max_examples / settings.get_profile("ci").max_examples
    return settings(
        max_examples=max(1, round(examples * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def _public_paths() -> list[str]:
    """Every public page of the demo case that exists in this build."""
    names = [
        ("cases:home", []),
        ("cases:timeline", []),
        ("cases:case", ["serikzhan-bilash"]),
        ("cases:event", ["serikzhan-bilash", "bilash-arrested"]),
        ("actors:directory", []),
        ("actors:actor", ["serikzhan-bilash"]),
    ]
    paths = []
    for name, args in names:
        try:
            paths.append(reverse(name, args=args))
        except NoReverseMatch:
            continue
    extra = [
        "/embed/cases/serikzhan-bilash/",
        "/oembed/",
        "/cases/serikzhan-bilash/feed/",
        "/actors/serikzhan-bilash/feed/",
        "/cases/serikzhan-bilash/export.json",
        "/cases/serikzhan-bilash/export.csv",
        "/cases/serikzhan-bilash/timelinejs.json",
    ]
    return paths + extra


PATHS = _public_paths()


def assert_safe(response, sent: str) -> None:
    # oEmbed 1.0 answers an XML request it does not serve with 501; nothing else may be 5xx.
    allowed_501 = sent.startswith("/oembed/") and response.status_code == 501
    assert response.status_code < 500 or allowed_501, (response.status_code, sent)
    content_type = response.get("Content-Type", "")
    if "html" in content_type and not getattr(response, "streaming", False):
        assert MARKER not in response.content.decode(errors="replace"), sent


@pytest.mark.parametrize("path", PATHS)
@fuzz(150)
@given(query=queries)
def test_no_parameter_breaks_a_public_page(client, demo_case, path, query):
    querystring = "&".join(f"{quote(name)}={quote(value)}" for name, value in query)
    url = f"{path}?{querystring}"
    assert_safe(client.get(url), url)
    assert_safe(client.get(url, headers={"HX-Request": "true"}), url)


@fuzz(400)
@given(segment=values, second=values)
def test_no_path_segment_breaks_a_public_page(client, demo_case, segment, second):
    one, two = quote(segment, safe=""), quote(second, safe="")
    for url in [
        f"/cases/{one}/",
        f"/cases/{one}/events/{two}/",
        f"/cases/serikzhan-bilash/events/{one}/",
        f"/actors/{one}/",
        f"/embed/cases/{one}/",
        f"/cases/{one}/feed/",
        f"/cases/{one}/export.csv",
    ]:
        assert_safe(client.get(url), url)


@fuzz(40)
@given(repeated=st.integers(min_value=50, max_value=400), value=values)
def test_a_parameter_repeated_hundreds_of_times_is_answered(client, demo_case, repeated, value):
    querystring = "&".join(f"actor={quote(value)}" for _ in range(repeated))
    for path in PATHS[:4]:
        assert_safe(client.get(f"{path}?{querystring}"), path)
