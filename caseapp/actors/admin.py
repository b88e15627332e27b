from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from caseapp.actors.models import Actor
from caseapp.publishing.admin import (
    PUBLICATION_FIELDSET,
    PublishableAdmin,
    last_updated,
    publication,
)


@admin.register(Actor)
# TranslationAdmin: each translated field's languages together, the original first (see EventAdmin).
class ActorAdmin(PublishableAdmin, TranslationAdmin):
    list_display = ["name", publication, "kind", "country", last_updated]
    list_filter = ["publication_status", "kind", "country"]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "aliases", "country"]}),
        (None, {"fields": ["bio", "photo", "links"]}),
        PUBLICATION_FIELDSET,
    ]
