from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caseapp.actors.models import Actor


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "publication_status", "updated_at"]
    list_filter = ["publication_status", "kind", "country"]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "aliases", "country", "publication_status"]}),
        (None, {"fields": ["bio", "photo", "links"]}),
    ]
