from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from caseapp.actors.models import Actor
from caseapp.cases import quotes
from caseapp.cases.forms import CaseAdminForm, CitationFormSet, EventAdminForm, EventPartAdminForm
from caseapp.cases.history_admin import HistoryAdmin
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    Image,
    Participation,
    Place,
    Source,
    SourceText,
)
from caseapp.publishing import workflow
from caseapp.publishing.admin import (
    PUBLICATION_FIELDSET,
    PublishableAdmin,
    last_updated,
    publication,
)
from caseapp.publishing.models import PublicationStatus

# Editors paste addresses without a scheme; read them as https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PublicFilter(admin.SimpleListFilter):
    title = gettext_lazy("visibility")
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [
            ("yes", gettext_lazy("Public: used by a published event")),
            ("no", gettext_lazy("Not public: no published event uses it")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_public=self.value() == "yes")
        return queryset


class UsedByEventsColumns:
    """The columns of a list of sources or places: public or not, and the events using each.

    Sources and places are not published themselves: they are public while a published event
    of a published case uses them. The list counts the events in its one query.
    """

    def public_users(self) -> models.QuerySet:
        """The published events of published cases using the record at `OuterRef("pk")`."""
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        # Only the list shows the counts: forms and autocomplete stay a plain lookup.
        if not (match and match.url_name and match.url_name.endswith("_changelist")):
            return queryset
        published = Q(events__publication_status=PublicationStatus.PUBLISHED)
        return queryset.annotate(
            is_public=Exists(self.public_users()),
            published_events=Count("events", filter=published, distinct=True),
            unpublished_events=Count("events", filter=~published, distinct=True),
        )

    @admin.display(description=gettext_lazy("public"), boolean=True, ordering="is_public")
    def public(self, record) -> bool:
        return record.is_public

    @admin.display(description=gettext_lazy("used by events"), ordering="published_events")
    def used_by(self, record) -> str:
        return _("%(published)d published, %(unpublished)d in draft or review") % {
            "published": record.published_events,
            "unpublished": record.unpublished_events,
        }


def _unpublished_actors(events) -> list[Actor]:
    return list(
        Actor.objects.filter(participations__event__in=events)
        .exclude(publication_status=PublicationStatus.PUBLISHED)
        .distinct()
    )


def warn_about_unfound_quotes(request, citations) -> None:
    """A warning for each citation whose quote is not in its source's stored full text. Only a
    warning: the quote may be a translation, or the stored text incomplete."""
    for citation in quotes.unfound_quotes(citations):
        messages.warning(
            request,
            _(
                "The quote “%(quote)s” cited for “%(event)s” does not occur in the full text "
                "stored for %(source)s. It was saved as typed: check it against the source."
            )
            % {
                "quote": Truncator(citation.quote).chars(80),
                "event": citation.event.title,
                "source": citation.source,
            },
        )


# The date fields of an event's form, typed dates beside their qualifiers.
DATE_ROWS = [("start_date", "start_qualifier"), ("end_date", "end_qualifier")]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["actor"]


class CitationInline(TranslationStackedInline):
    # The quote as the source words it; its translations, one per language, below it.
    model = Citation
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "position"), "quote", "quote_translation"]


class SourceTextInline(admin.StackedInline):
    model = SourceText
    fields = ["text"]
    can_delete = False
    max_num = 1


@admin.register(Event)
# TranslationAdmin: each translated field's languages together, the original first, labelled with
# the language's name. Last, as its get_readonly_fields does not call on.
class EventAdmin(PublishableAdmin, TranslationAdmin):
    form = EventAdminForm
    # Status beside the title, in sight on a laptop screen (widths: casefile-admin.css);
    # milestones are a filter, not a column, to leave the title its room.
    list_display = ["title", publication, "date_display", "kind", "case", last_updated]
    list_display_links = ["title"]
    list_filter = ["publication_status", "case", "kind", "is_milestone"]
    list_select_related = ["case"]
    search_fields = ["title", "summary", "slug", "participations__actor__name"]
    date_hierarchy = "range_start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["case", "place"]
    inlines = [ParticipationInline, CitationInline]
    readonly_fields = ["date_on_site"]
    fieldsets = [
        (None, {"fields": ["case", "title", "slug", "kind"]}),
        (
            gettext_lazy("When"),
            {
                # Each date's qualifier sits beside it; its precision is how it is typed.
                "fields": DATE_ROWS,
                "description": gettext_lazy(
                    "Type a date as precisely as the source gives it: 9 March 2019 as "
                    "2019-03-09, March 2019 as 2019-03, 2019 as 2019. Beside it, say how sure "
                    "it is. “Since” is for something still going on, without an end: “since "
                    "April 2017” is 2017-04 with “Since”. For something that happened once at a "
                    "time known only to lie between two dates, enter both, with “After” beside "
                    "the start and “Before” beside the end: the site writes “between 11 March "
                    "and May 2019”."
                ),
            },
        ),
        (None, {"fields": ["place", "summary", "is_milestone"]}),
        PUBLICATION_FIELDSET,
    ]

    @admin.display(description=gettext_lazy("date"), ordering="range_start")
    def date_display(self, event: Event) -> str:
        return event.date_display

    @admin.display(description=gettext_lazy("Written on the site as"))
    def date_on_site(self, event: Event) -> str:
        return event.date_display

    def get_fieldsets(self, request, obj=None):
        """Once saved, the dates as the site writes them, below the dates as typed; for those
        who may only read the event, instead of them (the stored first day of a month or year
        would read as a day)."""
        if obj is None:
            return super().get_fieldsets(request, obj)
        rows = ["date_on_site"]
        if self.has_change_permission(request, obj):
            rows = [*DATE_ROWS, *rows]
        return [
            # Compared by value: the translation admin hands back copies of the field lists.
            (name, {**options, "fields": rows} if options["fields"] == DATE_ROWS else options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Citation:
            warn_about_unfound_quotes(
                request, form.instance.citations.select_related("source", "event")
            )

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
    fields = ["title", "kind", "date", "publication_status"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("date"))
    def date(self, event: Event) -> str:
        return event.date_display


@admin.register(Case)
class CaseAdmin(PublishableAdmin, TranslationAdmin):
    form = CaseAdminForm
    list_display = ["title", publication, "status", "status_as_of", last_updated]
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
class SourceAdmin(UsedByEventsColumns, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "title",
        "public",
        "publisher",
        "kind",
        "published_on",
        "used_by",
    ]
    list_filter = [PublicFilter, "kind", "language"]
    search_fields = ["title", "publisher", "url", "slug"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SourceTextInline]

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is SourceText and formset.has_changed():
            warn_about_unfound_quotes(
                request, form.instance.citations.select_related("source", "event")
            )

    def public_users(self) -> models.QuerySet:
        return Event.objects.published().filter(citations__source=OuterRef("pk"))


@admin.register(Place)
class PlaceAdmin(UsedByEventsColumns, TranslationAdmin):
    list_display = ["name", "country", "public", "used_by"]
    list_filter = [PublicFilter, "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def public_users(self) -> models.QuerySet:
        return Event.objects.published().filter(place=OuterRef("pk"))


@admin.register(Image)
class ImageAdmin(TranslationAdmin):
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

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        warn_about_unfound_quotes(request, [obj])

    def has_delete_permission(self, request, obj=None) -> bool:
        # A published event keeps at least one source.
        if obj is not None and obj.event.is_published and obj.event.citations.count() <= 1:
            return False
        return super().has_delete_permission(request, obj)
