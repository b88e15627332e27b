import pytest

from caseapp.cases.templatetags.casefile import excerpt, markdown
from tests.factories import make_actor, make_case, make_event

HOSTILE = """Plain **bold** and *emphasis*, [a real link](https://example.org/report).

<script>alert("summary")</script>

[click me](javascript:alert('link'))

<a href="javascript:alert('raw')" onclick="alert('click')">raw link</a>

<img src="https://tracker.example.com/pixel.gif" onerror="alert('img')">

<p style="color:red" onmouseover="alert('hover')">styled</p>

<iframe src="https://evil.example.com/"></iframe>
"""


def assert_inert(page: str) -> None:
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onclick" not in page
    assert "onerror" not in page
    assert "onmouseover" not in page
    assert "tracker.example.com" not in page
    assert "<iframe" not in page
    assert 'style="' not in page


def test_it_renders_markdown_emphasis_and_links():
    html = markdown("Plain **bold** and *emphasis*, [a real link](https://example.org/report).")
    assert "<strong>bold</strong>" in html
    assert "<em>emphasis</em>" in html
    assert (
        '<a href="https://example.org/report" rel="nofollow noopener noreferrer">a real link</a>'
        in html
    )


def test_it_makes_script_handlers_and_javascript_links_inert():
    html = markdown(HOSTILE)
    assert_inert(html)
    assert "<strong>bold</strong>" in html
    assert "click me" in html
    assert "raw link" in html
    assert "styled" in html


@pytest.mark.parametrize("text", ["", None])
def test_it_renders_nothing_for_an_empty_text(text):
    assert markdown(text) == ""


def test_it_keeps_headings_below_the_page_sections():
    assert "<h1>" not in markdown("# Big heading\n\n## Smaller")
    assert "<h3>Fine</h3>" in markdown("### Fine")


def test_an_excerpt_is_plain_text_cut_at_a_word():
    assert excerpt("**Bold** start & <b>tags</b>") == "Bold start & tags"
    assert excerpt("one two three four", 12) == "one two…"


def test_a_hostile_case_summary_is_inert_on_the_case_and_home_pages(db, visitor):
    case = make_case(summary=HOSTILE)
    for url in (case.get_absolute_url(), "/"):
        page = visitor.get(url).content.decode()
        assert_inert(page)
    assert "<strong>bold</strong>" in visitor.get(case.get_absolute_url()).content.decode()


def test_a_hostile_event_summary_is_inert_on_every_page_showing_it(db, visitor):
    actor = make_actor()
    event = make_event(summary=HOSTILE, actors=[actor])
    for url in (
        event.get_absolute_url(),
        event.case.get_absolute_url(),
        "/timeline/",
        actor.get_absolute_url(),
    ):
        page = visitor.get(url).content.decode()
        assert_inert(page)
        assert "<strong>bold</strong>" in page


def test_a_hostile_bio_is_inert_on_the_profile(db, visitor):
    actor = make_actor(bio=HOSTILE)
    page = visitor.get(actor.get_absolute_url()).content.decode()
    assert_inert(page)
    assert "<strong>bold</strong>" in page


def test_a_hostile_title_is_escaped(db, visitor):
    event = make_event(title='<script>alert("title")</script>')
    page = visitor.get(event.case.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
