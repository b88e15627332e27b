"""Which fields of an actor are translated (django-modeltranslation reads this module).

The history is registered here, after the language columns exist (see caseapp/cases/translation.py).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from caseapp.actors.models import Actor
from caseapp.cases.translated import ORIGINAL_LANGUAGE, language_columns


class ActorTranslation(TranslationOptions):
    fields = ("name", "aliases", "bio", "bio_html")
    required_languages = {ORIGINAL_LANGUAGE: ("name",)}


translator.register(Actor, ActorTranslation)
# modeltranslation copies each index on a translated field once per language column; the
# directory reads the plain column (the original, see caseapp/cases/translated.py), so the
# copies would only slow down writes.
Actor._meta.indexes = [index for index in Actor._meta.indexes if "-" not in index.name]

simple_history.register(
    Actor, excluded_fields=["bio_html", *language_columns("bio_html"), "search_text"]
)
