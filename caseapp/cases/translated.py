"""Content translations: what the models share (django-modeltranslation does the columns).

Each translated field `title` has a column per language, `title_en`, `title_de`, … (registered
in each app's `translation.py`). English is the original: `title_en` is what an editor writes
first, and what a page in another language shows where no translation exists.

Two rules keep the earlier performance work intact:

- The plain column (`title`) always holds the original. Saves run with English active, so
  modeltranslation's descriptor writes `title_en` into it; every existing filter, order and
  index keeps reading it.
- Querysets do not rewrite lookups into the active language's column (`filter(title=…)`,
  `order_by("name")` and the models' default ordering stay on the plain column, with the same
  plans in every language). `only()` and `defer()` still widen a translated field to all its
  language columns, so the active one and the fallback are always loaded with the row.
"""

from collections.abc import Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_bidi, get_language_info
from django.utils.translation import gettext as _

from caseapp.cases.text import render_markdown

ORIGINAL_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
# The languages a text may be translated into, in this order in exports and loaded rows.
TRANSLATION_LANGUAGES = tuple(lang for lang in CONTENT_LANGUAGES if lang != ORIGINAL_LANGUAGE)


def localized(field: str, language: str) -> str:
    """`title`, `de` → `title_de` (modeltranslation's column name)."""
    return f"{field}_{language.replace('-', '_')}"


def language_columns(*fields: str) -> list[str]:
    """Every language's column of each of `fields`."""
    return [localized(f, lang) for f in fields for lang in CONTENT_LANGUAGES]


def translation_columns(field: str) -> list[str]:
    """`name` → `name_de`, `name_ru`, …: read beside the original in the same query, so that
    what is kept serves a page in every language."""
    return [localized(field, lang) for lang in TRANSLATION_LANGUAGES]


def translated_names(values: Sequence) -> tuple[tuple[str, str], ...]:
    """The `translation_columns` values of a row as (language, text) pairs, the empty left out."""
    return tuple(
        (lang, text) for lang, text in zip(TRANSLATION_LANGUAGES, values, strict=True) if text
    )


def page_language() -> str:
    """The active language, where it is one of the content's; else the original's."""
    language = (get_language() or ORIGINAL_LANGUAGE).split("-")[0]
    return language if language in CONTENT_LANGUAGES else ORIGINAL_LANGUAGE


def localized_value(names, original: str, language: str | None = None) -> tuple[str, str]:
    """(text, lang) of a name loaded in every language: `names` maps a language to its value
    (missing or "" when untranslated), `original` is the plain column's. `lang` is "" where the
    page's language is shown, else the original's language."""
    language = language or page_language()
    if language == ORIGINAL_LANGUAGE:
        return original, ""
    value = dict(names).get(language)
    return (value, "") if value else (original, ORIGINAL_LANGUAGE)


def original_attributes(language: str = ORIGINAL_LANGUAGE) -> SafeString:
    """` lang="en"` for an original shown on a page in another language, with ` dir="ltr"` on a
    right-to-left page (Uyghur), so that the English reads left to right there."""
    if get_language_bidi():
        return format_html(' lang="{}" dir="ltr"', language)
    return format_html(' lang="{}"', language)


def values_in_every_language(record: models.Model, field: str) -> list[str]:
    """The field's non-empty values, the original first, each language once."""
    values = []
    for lang in CONTENT_LANGUAGES:
        value = getattr(record, localized(field, lang), None)
        if value and value not in values:
            values.append(value)
    return values


def field_label(verbose_name, language: str) -> str:
    """A language column's label: the original's is the field's own, the others name the
    language, "title (German)"."""
    if language == ORIGINAL_LANGUAGE:
        return str(verbose_name)
    # Translators: the label of a translation of a field in the admin, e.g. "title (German)".
    return _("%(field)s (%(language)s)") % {
        "field": verbose_name,
        "language": get_language_info(language)["name_translated"],
    }


@contextmanager
def in_original_language(record: models.Model | None = None):
    """Active while saving, so the plain column gets the original, not the reader's language.

    With `record`, its missing translations are stored as "" first, as the admin's forms store
    an empty one: a version's comparison then lists only the translations someone changed."""
    if record is not None:
        blank_missing_translations(record)
    with translation.override(ORIGINAL_LANGUAGE):
        yield


def blank_missing_translations(record: models.Model) -> None:
    from modeltranslation.translator import NotRegistered, translator

    try:
        columns = translator.get_options_for_model(type(record)).all_fields
    except NotRegistered:
        return
    for translated in columns.values():
        for column in translated:
            if getattr(record, column.attname, None) is None and not column.translated_field.null:
                setattr(record, column.attname, "")


class OriginalColumnsQuerySet(models.QuerySet):
    """Mixed in before modeltranslation's MultilingualQuerySet: lookups are not rewritten.

    modeltranslation builds `class Multilingual<X>(X, MultilingualQuerySet)`, so this
    `_post_init` replaces its own, which would turn off rewriting only after it had put the
    model's ordering in the active language's column.
    """

    def _post_init(self) -> None:
        self._rewrite = False
        self._populate = None


def render_each_language(record: models.Model, source: str, target: str) -> None:
    """Render every language's Markdown of `source` into the same language's `target` column."""
    for lang in CONTENT_LANGUAGES:
        text = getattr(record, localized(source, lang), None)
        setattr(record, localized(target, lang), render_markdown(text) if text else "")


# Django's own `get_FOO_display()` flattens and hashes every choice on each call; the models
# below define theirs from a dictionary instead, as a timeline calls them a hundred times.
# Choice labels are capitalised, as the admin lists them; a word the site writes inside a
# sentence, "Bilash (subject)", comes from a second dictionary of the lowercase words.
