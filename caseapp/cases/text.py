"""Text that editors write and visitors read: Markdown made safe, and text made searchable.

Markdown is rendered when a record is saved (`Event.summary_html`, `Case.summary_html`,
`Actor.bio_html`), not on every request; `render_markdown` is the one place that does it.
"""

import html
import threading

import markdown as markdown_lib
import nh3
from django.utils.html import strip_tags

# What editors may use in summaries and bios: text structure and links, no images (they would
# load from another host), no tables or style. Headings start at h3 inside a page section.
_ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "cite",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "strong",
    "sub",
    "sup",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"*": {"lang"}, "a": {"href", "title"}, "abbr": {"title"}}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# A Markdown parser costs more to build than to run; each thread keeps its own.
_parsers = threading.local()


def render_markdown(text: str) -> str:
    """Markdown to HTML sanitised by nh3: script, raw HTML and `javascript:` links made inert."""
    if not text:
        return ""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = markdown_lib.Markdown(output_format="html")
    rendered = parser.reset().convert(text)
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


def plain_excerpt(rendered_html: str, length: int = 200) -> str:
    """Rendered HTML as one line of plain text, cut at a word boundary after `length` chars."""
    plain = " ".join(html.unescape(strip_tags(rendered_html)).split())
    if len(plain) <= length:
        return plain
    return plain[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def folded(*texts: str) -> str:
    """Texts joined on lines and case-folded in every script, for `contains` searches that
    ignore case where the database's own LIKE only folds ASCII (SQLite)."""
    return "\n".join(text for text in texts if text).casefold()
