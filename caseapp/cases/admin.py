from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseapp.actors.models import Actor
from caseapp.cases import workflow
from caseapp.cases.forms import CaseAdminForm, CitationFormSet, EventAdminForm, EventPartAdminForm
from caseapp.cases.models import Case, Citation, Event, Image, Participation, Place, Source
from caseapp.cases.publishing import PublicationStatus
from caseapp.cases.workflow_admin import HistoryAdmin, PublishableAdmin

# Editors paste addresses without a scheme; read them as https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

PUBLICATION_FIELDSET = (
    gettext_lazy("Publication"),
    {"fields": ["publication_status", ("published_at", "published_by"), "updated_at", "version"]},
)


def _unpublished_actors(events) -> list[Actor]:
    return list(
        Actor.objects.filter(participations__event__in=events)
        .exclude(publication_status=PublicationStatus.PUBLISHED)
        .distinct()
    )


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["actor"]


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "position"), "quote"]


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "date_display",
        "kind",
        "case",
        "is_milestone",
        "publication_status",
        "updated_at",
    ]
    list_display_links = ["title"]
    list_filter = ["publication_status", "case", "kind", "is_milestone"]
    list_select_related = ["case"]
    search_fields = ["title", "summary", "slug", "participations__actor__name"]
    date_hierarchy = "range_start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["case", "place"]
    inlines = [ParticipationInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["case", "title", "slug", "kind"]}),
        (
            gettext_lazy("When"),
            {
                # Each date's qualifier sits beside it; its precision is how it is typed.
                "fields": [("start_date", "start_qualifier"), ("end_date", "end_qualifier")],
                "description": gettext_lazy(
                    "Type “January 2019” as 2019-01 and “2018” as 2018. “Since” marks something "
                    "still going on: “since April 2017” is 2017-04 with “since”."
                ),
            },
        ),
        (None, {"fields": ["place", "summary", "is_milestone"]}),
        PUBLICATION_FIELDSET,
    ]

    @admin.display(description=gettext_lazy("date"), ordering="range_start")
    def date_display(self, event: Event) -> str:
        return event.date_display

    def publish_along_candidates(self, request, records):
        if not workflow.can_publish(request.user, Actor):
            return []
        return _unpublished_actors(records)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother_in_case" in request.POST:
            return self._add_another_in_case(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_addanother_in_case" in request.POST:
            return self._add_another_in_case(request, obj)
        return super().response_change(request, obj)

    def _add_another_in_case(self, request, event: Event):
        self.message_user(
            request,
            format_html(
                _("The event “{event}” was saved. Add the next event of “{case}” below."),
                event=event.title,
                case=event.case,
            ),
            messages.SUCCESS,
        )
        query = urlencode({"case": event.case_id})
        return HttpResponseRedirect(f"{reverse('admin:cases_event_add')}?{query}")


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
class CaseAdmin(PublishableAdmin):
    form = CaseAdminForm
    list_display = ["title", "status", "status_as_of", "publication_status", "updated_at"]
    list_filter = ["publication_status", "status"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["subjects", "lead_image"]
    inlines = [EventInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "subjects", "lead_image"]}),
        (
            gettext_lazy("Where the case stands"),
            {
                "fields": ["status", "status_as_of", "status_line"],
                "description": gettext_lazy(
                    "Shown at the top of the case page. Update the date each time you check the "
                    "status against the sources, even if nothing changed."
                ),
            },
        ),
        PUBLICATION_FIELDSET,
    ]

    def publish_along_candidates(self, request, records):
        """Events waiting in review go out with their case, and so do their actors."""
        candidates = []
        if workflow.can_publish(request.user, Event):
            candidates += Event.objects.filter(case__in=records).in_review().select_related("case")
        if workflow.can_publish(request.user, Actor):
            subjects = Actor.objects.filter(subject_of_cases__in=records).exclude(
                publication_status=PublicationStatus.PUBLISHED
            )
            shown = {
                *subjects,
                *_unpublished_actors([*candidates, *self._published_events(records)]),
            }
            candidates += sorted(shown, key=str)
        return candidates

    def _published_events(self, cases):
        return Event.objects.filter(case__in=cases).published_status()


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "publisher", "kind", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "url", "slug"]
    date_hierarchy = "published_on"


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "credit", "licence"]
    search_fields = ["caption", "alt_text", "credit"]


class EventPartAdmin(admin.ModelAdmin):
    """A citation or participation on its own page: a published event's change via publishers."""

    form = EventPartAdminForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def _locked(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.event.is_published
            and not workflow.can_publish(request.user, Event)
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk deletion would skip the per-record checks above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Participation)
class ParticipationAdmin(EventPartAdmin):
    list_display = ["actor", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["actor", "event__case"]
    search_fields = ["actor__name", "event__title"]
    autocomplete_fields = ["actor", "event"]


@admin.register(Citation)
class CitationAdmin(EventPartAdmin):
    list_display = ["event", "source", "locator"]
    list_select_related = ["event__case", "source"]
    search_fields = ["event__title", "source__title", "quote"]
    autocomplete_fields = ["event", "source"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # A published event keeps at least one source.
        if obj is not None and obj.event.is_published and obj.event.citations.count() <= 1:
            return False
        return super().has_delete_permission(request, obj)
