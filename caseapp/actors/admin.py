from django.contrib import admin

from caseapp.actors.models import Actor
from caseapp.cases.admin import PUBLICATION_FIELDSET, last_updated, publication
from caseapp.cases.workflow_admin import PublishableAdmin


@admin.register(Actor)
class ActorAdmin(PublishableAdmin):
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
