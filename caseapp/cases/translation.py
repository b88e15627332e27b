"""Which fields of the cases app are translated (django-modeltranslation reads this module).

Each field gets a column per language (`title_en`, `title_de`, …; see caseapp/cases/translated.py).
The histories are registered here rather than on the models, after the language columns exist,
so that a version keeps every translation and a revert brings them back.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from caseapp.cases.models import Case, Citation, Event, Image, Place
from caseapp.cases.translated import ORIGINAL_LANGUAGE, language_columns


class ImageTranslation(TranslationOptions):
    fields = ("caption", "alt_text")


class PlaceTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {ORIGINAL_LANGUAGE: ("name",)}


class CaseTranslation(TranslationOptions):
    fields = ("title", "summary", "summary_html", "status_line")
    required_languages = {ORIGINAL_LANGUAGE: ("title",)}


class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "summary_html")
    required_languages = {ORIGINAL_LANGUAGE: ("title",)}


class CitationTranslation(TranslationOptions):
    # The quote stays as the source words it; only its translation has languages.
    fields = ("quote_translation",)


translator.register(Image, ImageTranslation)
translator.register(Place, PlaceTranslation)
translator.register(Case, CaseTranslation)
translator.register(Event, EventTranslation)
translator.register(Citation, CitationTranslation)

# The rendered summaries are derived on save: not versioned, in any language.
_DERIVED = ["summary_html", *language_columns("summary_html")]
simple_history.register(
    Case, m2m_fields=[Case._meta.get_field("subjects")], excluded_fields=_DERIVED
)
simple_history.register(Event, excluded_fields=_DERIVED)
# Versioned with its event, like `Participation.history`.
simple_history.register(Citation)
