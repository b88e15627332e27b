"""Translated content on public pages: `{% load content_i18n %}`.

`{% tr record "title" %}` writes the field in the page's language. Where it has no translation
yet, it writes the original inside `<span lang="en">` followed by one short "not yet translated"
marker, so that screen readers switch voice for the original and say once that it is not
translated. On an English page, and wherever the translation exists, it writes exactly what
`{{ record.title }}` writes. It reads only the loaded row: no queries.

- `{% tr record "summary_html" block=True %}`: rendered Markdown; the original goes in a
  `<div lang="en">`, the marker in a paragraph after it.
- `{% tr actor "name" mark=False %}`: names get the `lang` but no marker.
- `{% quote_translation citation source %}`: a quote's translation into the page's language,
  beside the quote (which keeps the source's language).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, pgettext

from caseapp.cases.translated import (
    ORIGINAL_LANGUAGE,
    localized,
    original_attributes,
    page_language,
)

register = template.Library()

# A rendered field is translated when its source is.
_SOURCE_OF = {"summary_html": "summary", "bio_html": "bio"}


def is_translated(record, field: str, language: str | None = None) -> bool:
    """True when `record` has `field` in `language` (the page's), or that is the original."""
    language = language or page_language()
    if language == ORIGINAL_LANGUAGE:
        return True
    return bool(getattr(record, localized(_SOURCE_OF.get(field, field), language), None))


def _marker() -> SafeString:
    # Translators: after a text shown in its original language (English) on a page in another
    # language, because no one has translated it yet. Keep it short.
    text = pgettext("content", "not yet translated")
    return format_html('<small class="untranslated">({})</small>', text)


@register.simple_tag
def tr(record, field: str, block: bool = False, mark: bool = True) -> SafeString:
    """`record.field` in the page's language, or the original marked as such."""
    if record is None:
        return mark_safe("")
    value = getattr(record, field)
    if is_translated(record, field):
        # Rendered Markdown was sanitised by nh3 when it was saved.
        return mark_safe(value or "") if block else conditional_escape(value)
    original = getattr(record, localized(field, ORIGINAL_LANGUAGE), None) or value or ""
    if block:
        shown = format_html("<div{}>{}</div>", original_attributes(), mark_safe(original))
        return (
            format_html('{}<p class="untranslated-note">{}</p>', shown, _marker())
            if mark
            else shown
        )
    shown = format_html("<span{}>{}</span>", original_attributes(), original)
    return format_html("{} {}", shown, _marker()) if mark else shown


@register.simple_tag
def original_lang(record, field: str) -> SafeString:
    """` lang="en"` (and `dir` on a right-to-left page) for an element showing `record.field`
    in a form `{% tr %}` cannot wrap, such as an excerpt, when it is the untranslated original;
    nothing otherwise: `<p{% original_lang case "summary" %}>…</p>`."""
    if record is None or is_translated(record, field):
        return mark_safe("")
    return original_attributes()


@register.filter
def translated_in_page_language(record, field: str) -> bool:
    """`{% if case|translated_in_page_language:"title" %}`."""
    return is_translated(record, field)


@register.simple_tag
def quote_translation(citation, source) -> SafeString:
    """The quote's translation beside it, in the page's language (or, failing that, the
    original language's, marked). Nothing when the quote already is in the page's language."""
    language = page_language()
    quote_language = (getattr(source, "language", "") or "").split("-")[0]
    if not citation.quote or quote_language == language:
        return mark_safe("")
    text = getattr(citation, localized("quote_translation", language), None)
    if text:
        return format_html(
            '<p class="citation__translation"><span class="visually-hidden">{}</span>{}</p>',
            # Translators: read by screen readers before the translation of a quote.
            pgettext("content", "Translation: "),
            text,
        )
    original = getattr(citation, localized("quote_translation", ORIGINAL_LANGUAGE), None)
    if original and quote_language != ORIGINAL_LANGUAGE and language != ORIGINAL_LANGUAGE:
        return format_html(
            '<p class="citation__translation"><span class="visually-hidden">{}</span>'
            "<span{}>{}</span> {}</p>",
            pgettext("content", "Translation: "),
            original_attributes(),
            original,
            _marker(),
        )
    return mark_safe("")


@register.simple_tag
def figure_caption(image) -> SafeString:
    """An image's caption in the page's language. The original caption (`caption_en`) may be in
    another language, kept as the source wrote it: `caption_language` says which."""
    original_language = image.caption_language or ORIGINAL_LANGUAGE
    language = page_language()
    translation = "" if language == ORIGINAL_LANGUAGE else image_text(image, language)
    if translation:
        return format_html('<span class="figure__text">{}</span>', translation)
    original = image_text(image, ORIGINAL_LANGUAGE)
    if not original:
        return mark_safe("")
    lang = format_html(' lang="{}"', image.caption_language) if image.caption_language else ""
    if lang and get_language_bidi():
        # A caption in its source's language, which may itself be written right to left.
        lang = format_html('{} dir="auto"', lang)
    shown = format_html('<span class="figure__text"{}>{}</span>', lang, original)
    if language == ORIGINAL_LANGUAGE or original_language.split("-")[0] == language:
        return shown
    if not image.caption_language:
        shown = format_html(
            '<span class="figure__text"{}>{}</span>', original_attributes(), original
        )
    return format_html("{} {}", shown, _marker())


def image_text(image, language: str) -> str:
    return getattr(image, localized("caption", language), None) or ""


@register.simple_tag
def quote_direction() -> SafeString:
    """` dir="auto"` on a right-to-left page, after a quote's `lang`: the quote keeps its
    source's language, which may read either way (English left to right on a Uyghur page,
    Uyghur right to left). Nothing on a left-to-right page."""
    return mark_safe(' dir="auto"') if get_language_bidi() else mark_safe("")
