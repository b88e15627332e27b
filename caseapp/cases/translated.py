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

from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from caseapp.cases.text import render_markdown

ORIGINAL_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)


def localized(field: str, language: str) -> str:
    """`title`, `de` → `title_de` (modeltranslation's column name)."""
    return f"{field}_{language.replace('-', '_')}"


def language_columns(*fields: str) -> list[str]:
    """Every language's column of each of `fields`."""
    return [localized(f, lang) for f in fields for lang in CONTENT_LANGUAGES]


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
