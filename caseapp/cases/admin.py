from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from caseapp.cases.models import Case, Citation, Event, Image, Participation, Place, Source


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["actor"]


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "position"), "quote"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date_display", "kind", "case", "is_milestone", "publication_status"]
    list_display_links = ["title"]
    list_filter = ["publication_status", "case", "kind", "is_milestone"]
    list_select_related = ["case"]
    search_fields = ["title", "summary", "slug", "participations__actor__name"]
    date_hierarchy = "range_start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["case", "place"]
    inlines = [ParticipationInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["case", "title", "slug", "kind", "publication_status"]}),
        (
            _("When"),
            {
                # Precision and qualifier sit beside their date so they cannot be misread.
                "fields": [
                    ("start_date", "start_precision", "start_qualifier"),
                    ("end_date", "end_precision", "end_qualifier"),
                ],
                "description": _(
                    "For “January 2019” enter 2019-01-01 with precision month; for “2018”, "
                    "2018-01-01 with precision year. “Since” marks something still going on."
                ),
            },
        ),
        (None, {"fields": ["place", "summary", "is_milestone"]}),
    ]

    @admin.display(description=_("date"), ordering="range_start")
    def date_display(self, event: Event) -> str:
        return event.date_display


class EventInline(admin.TabularInline):
    model = Event
    fields = ["title", "kind", "start_date", "start_precision", "publication_status"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "publication_status", "updated_at"]
    list_filter = ["publication_status", "status"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["subjects", "lead_image"]
    inlines = [EventInline]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "licence"]
    search_fields = ["caption", "alt_text", "credit"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["actor", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["actor", "event__case"]
    search_fields = ["actor__name", "event__title"]
    autocomplete_fields = ["actor", "event"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["event", "source", "locator"]
    list_select_related = ["event__case", "source"]
    search_fields = ["event__title", "source__title", "quote"]
    autocomplete_fields = ["event", "source"]
