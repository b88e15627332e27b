"""The workflow in admin: who may change what, the steps, and their confirmation page.

Editors edit drafts and records in review; a published record is theirs to read only. The
publish and unpublish steps need the model's `publish_<model>` permission (the Publishers
group), checked here for actions, in `PublishableAdminForm` for forms, and again in
`save_model` so no request gets around them.

A step is taken on records picked in the list (an action) or from a record's form (its
buttons): the form is saved first, then the step runs through the same code and confirmation
page. The status itself is not a field of the form, so no save changes it on the side.

Lists of publishable records show the `publication` and `last_updated` columns; their forms end
with `PUBLICATION_FIELDSET`.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy, pgettext_lazy

from caseapp.cases.history_admin import PublishableHistoryAdmin
from caseapp.publishing import workflow
from caseapp.publishing.forms import ONLY_PUBLISHERS, PublishableAdminForm
from caseapp.publishing.models import PublicationStatus, Publishable


@dataclass(frozen=True)
class Step:
    """One bulk workflow step, in the words its confirmation page and messages use."""

    name: str
    title: str
    button: str
    # Which selected records the step changes; the others are listed as left alone.
    applies_to: tuple[str, ...]
    # A plural message: `done % {"count": n, "name": kind}` picks the form for n.
    done: Any


# The "done" messages: %(count)d is how many records changed and %(name)s their kind, the
# model's singular name when count is 1 ("event") and its plural name otherwise ("events").
STEPS = {
    step.name: step
    for step in [
        Step(
            "submit_for_review",
            gettext_lazy("Submit for review"),
            gettext_lazy("Yes, submit them for review"),
            (PublicationStatus.DRAFT,),
            ngettext_lazy(
                # Translators: %(name)s is "event" when count is 1, otherwise "events" (or "cases"…)
                "%(count)d %(name)s submitted for review.",
                "%(count)d %(name)s submitted for review.",
                "count",
            ),
        ),
        Step(
            "return_to_draft",
            gettext_lazy("Return to draft"),
            gettext_lazy("Yes, return them to draft"),
            (PublicationStatus.REVIEW,),
            ngettext_lazy(
                # Translators: %(name)s is "event" when count is 1, otherwise "events" (or "cases"…)
                "%(count)d %(name)s returned to draft.",
                "%(count)d %(name)s returned to draft.",
                "count",
            ),
        ),
        Step(
            "publish",
            gettext_lazy("Publish"),
            gettext_lazy("Yes, publish them"),
            (PublicationStatus.DRAFT, PublicationStatus.REVIEW),
            ngettext_lazy(
                # Translators: %(name)s is "event" when count is 1, otherwise "events" (or "cases"…)
                "%(count)d %(name)s published.",
                "%(count)d %(name)s published.",
                "count",
            ),
        ),
        Step(
            "unpublish",
            gettext_lazy("Unpublish"),
            gettext_lazy("Yes, take them off the site"),
            (PublicationStatus.PUBLISHED,),
            ngettext_lazy(
                # Translators: %(name)s is "event" when count is 1, otherwise "events" (or "cases"…)
                "%(count)d %(name)s unpublished and back to draft.",
                "%(count)d %(name)s unpublished and back to draft.",
                "count",
            ),
        ),
    ]
}

# What the buttons of a record's form say, by step; a step is offered where it would change
# the record's status (`PublishableAdmin.form_steps`).
BUTTONS = {
    "submit_for_review": gettext_lazy("Submit for review"),
    "publish": gettext_lazy("Publish"),
    "return_to_draft": gettext_lazy("Return to draft"),
    "unpublish": gettext_lazy("Unpublish"),
}
# Steps that change what the public sees ask for a confirmation; the others are taken at once.
_CONFIRMED_FROM_FORM = {"publish", "unpublish"}
# The staff preview of a record that is not public, where there is one.
_PREVIEWS = {"cases.case": "preview:case", "cases.event": "preview:event"}

_RUN = {
    "submit_for_review": workflow.submit_for_review,
    "return_to_draft": workflow.return_to_draft,
    "publish": workflow.publish,
    "unpublish": workflow.unpublish,
}


def _key(record: Publishable) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


# The status and its stamps, last in the form of every publishable record.
PUBLICATION_FIELDSET = (
    pgettext_lazy("heading of the admin form's status section", "Publication"),
    {"fields": ["publication_status", ("published_at", "published_by"), "updated_at", "version"]},
)


@admin.display(description=gettext_lazy("status"), ordering="publication_status")
def publication(record: Publishable) -> str:
    """The record's place in the workflow, as a label the admin stylesheet colours."""
    return format_html(
        '<span class="publication publication--{}">{}</span>',
        record.publication_status,
        record.get_publication_status_display().capitalize(),
    )


@admin.display(description=gettext_lazy("last updated"), ordering="updated_at")
def last_updated(record: Publishable) -> str:
    """When the record was last saved, short enough for a narrow column: `27 Nov 2026, 12:29`."""
    return date_format(localtime(record.updated_at), "SHORT_DATETIME_FORMAT")


class PublishableAdmin(PublishableHistoryAdmin):
    """Admin for a case, event or actor: the workflow steps, history, and edit-conflict guard."""

    form = PublishableAdminForm
    actions = ["submit_for_review", "return_to_draft", "publish", "unpublish", "delete_selected"]
    workflow_readonly_fields = ["published_at", "published_by", "updated_at"]

    # Permissions

    def has_publish_permission(self, request, obj=None) -> bool:
        return workflow.can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None) -> bool:
        # What the public sees changes only through a publisher.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    # Forms

    def get_readonly_fields(self, request, obj=None):
        # The status changes through the form's buttons, which confirm what goes public.
        return [
            *super().get_readonly_fields(request, obj),
            "publication_status",
            *self.workflow_readonly_fields,
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change) -> None:
        previous = getattr(form, "stored_status", None)
        if previous is not None and "publication_status" not in form.fields:
            # A form without the status (a past version's, say) saves the record as it stands.
            obj.publication_status = previous
        was_published = previous == PublicationStatus.PUBLISHED
        # The form refuses this with a message; a request that got past it is refused here.
        if obj.is_published != was_published and not self.has_publish_permission(request):
            raise PermissionDenied(ONLY_PUBLISHERS)
        workflow.stamp_publication(obj, previous, request.user)
        super().save_model(request, obj, form, change)

    # The form's buttons and "View on site"

    def form_steps(self, request, obj=None) -> list[tuple[str, str]]:
        """The steps a record's form offers this user, as (step name, button label)."""
        if IS_POPUP_VAR in request.GET or IS_POPUP_VAR in request.POST:
            return []
        status = obj.publication_status if obj is not None else PublicationStatus.DRAFT
        if obj is None:
            may_change = self.has_add_permission(request)
        else:
            may_change = self.has_change_permission(request, obj)
        may_publish = may_change and self.has_publish_permission(request)
        offered = {
            "submit_for_review": may_change and status == PublicationStatus.DRAFT,
            "publish": may_publish and status != PublicationStatus.PUBLISHED,
            "return_to_draft": may_change and status == PublicationStatus.REVIEW,
            "unpublish": may_publish and status == PublicationStatus.PUBLISHED,
        }
        return [(name, label) for name, label in BUTTONS.items() if offered[name]]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context = {
            **context,
            "workflow_buttons": self.form_steps(request, obj),
            "site_link_is_preview": obj is not None and not self._is_public(obj),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.pk is None or self._is_public(obj):
            return super().get_view_on_site_url(obj)
        # A record that is not public has no page yet: its preview, if it has one.
        preview = _PREVIEWS.get(obj._meta.label_lower)
        return reverse(preview, args=[obj.pk]) if preview else None

    def _is_public(self, obj) -> bool:
        return self.model._default_manager.published().filter(pk=obj.pk).exists()

    def response_add(self, request, obj, post_url_continue=None):
        if step := self._requested_step(request):
            return self._take_step_from_form(request, obj, step)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if step := self._requested_step(request):
            return self._take_step_from_form(request, obj, step)
        return super().response_change(request, obj)

    def _requested_step(self, request) -> Step | None:
        if IS_POPUP_VAR in request.POST:
            return None
        return STEPS.get(request.POST.get("_workflow", ""))

    def _take_step_from_form(self, request, obj, step: Step):
        """After the form is saved: the step at once, or its confirmation page."""
        self.message_user(
            request,
            format_html(
                _("The {name} “{record}” was saved."), name=obj._meta.verbose_name, record=obj
            ),
            messages.SUCCESS,
        )
        if step.name in _CONFIRMED_FROM_FORM:
            return HttpResponseRedirect(self._step_url(obj, step))
        rows = self.model._default_manager.filter(pk=obj.pk)
        response = self.run_step(
            request, rows, step, back_url=self._change_url(obj), confirmed=True
        )
        return response or HttpResponseRedirect(self._change_url(obj))

    def get_urls(self):
        opts = self.model._meta
        step = path(
            "<path:object_id>/step/<str:step_name>/",
            self.admin_site.admin_view(self.step_view),
            name=f"{opts.app_label}_{opts.model_name}_step",
        )
        # Before Django's own, whose last pattern takes any address below a record's.
        return [step, *super().get_urls()]

    def step_view(self, request, object_id: str, step_name: str):
        """One record's step: its confirmation page, then (posted back) the step itself."""
        step = STEPS.get(step_name)
        record = self.get_object(request, unquote(object_id))
        if step is None or record is None:
            raise Http404(_("There is nothing at this address."))
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        back = self._change_url(record)
        if step.name in ("publish", "unpublish") and not self.has_publish_permission(request):
            self.message_user(request, ONLY_PUBLISHERS, messages.ERROR)
            return HttpResponseRedirect(back)
        rows = self.model._default_manager.filter(pk=record.pk)
        return self.run_step(request, rows, step, back_url=back) or HttpResponseRedirect(back)

    def _change_url(self, obj) -> str:
        opts = obj._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    def _step_url(self, obj, step: Step) -> str:
        opts = obj._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_step",
            args=[obj.pk, step.name],
            current_app=self.admin_site.name,
        )

    # Deleting: the same rules as unpublishing, since a deleted record leaves the site too.

    def deletion_problems(self, request, records: list[Publishable]) -> list[str]:
        published = [record for record in records if record.is_published]
        if published and not self.has_publish_permission(request):
            return [
                _("Only publishers can delete published %(name)s: %(records)s.")
                % {
                    "name": self.model._meta.verbose_name_plural,
                    "records": get_text_list([str(record) for record in published], _("and")),
                }
            ]
        return [p for record in published for p in record.unpublish_problems(along=records)]

    @admin.action(
        permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s")
    )
    def delete_selected(self, request, queryset):
        if problems := self.deletion_problems(request, list(queryset)):
            for problem in problems:
                self.message_user(request, problem, messages.ERROR)
            return None
        return django_delete_selected(self, request, queryset)

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is not None and (problems := self.deletion_problems(request, [record])):
            for problem in problems:
                self.message_user(request, problem, messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    # Bulk steps

    def response_action(self, request, queryset):
        # A publish step the user is not offered arrives only from a crafted request; say why
        # it did nothing instead of Django's "No action selected".
        if request.POST.get("action") in (
            "publish",
            "unpublish",
        ) and not self.has_publish_permission(request):
            self.message_user(request, ONLY_PUBLISHERS, messages.ERROR)
            return None
        return super().response_action(request, queryset)

    @admin.action(
        permissions=["change"],
        description=gettext_lazy("Submit selected %(verbose_name_plural)s for review"),
    )
    def submit_for_review(self, request, queryset):
        return self.run_step(request, queryset, STEPS["submit_for_review"])

    @admin.action(
        permissions=["change"],
        description=gettext_lazy("Return selected %(verbose_name_plural)s to draft"),
    )
    def return_to_draft(self, request, queryset):
        return self.run_step(request, queryset, STEPS["return_to_draft"])

    @admin.action(
        permissions=["publish"],
        description=gettext_lazy("Publish selected %(verbose_name_plural)s"),
    )
    def publish(self, request, queryset):
        return self.run_step(request, queryset, STEPS["publish"])

    @admin.action(
        permissions=["publish"],
        description=gettext_lazy("Unpublish selected %(verbose_name_plural)s"),
    )
    def unpublish(self, request, queryset):
        return self.run_step(request, queryset, STEPS["unpublish"])

    def publish_along_candidates(self, request, records: list[Publishable]) -> list[Publishable]:
        """Records that may be published in the same step, offered ticked on the confirmation."""
        return []

    def run_step(self, request, queryset, step: Step, *, back_url: str = "", confirmed=None):
        """Take `step` on the records of `queryset` once confirmed (`post=yes`, or `confirmed`);
        until then, the confirmation page. `back_url` is where "No" leads: the list by default.
        None once the step is taken, for the caller to redirect."""
        if confirmed is None:
            confirmed = request.POST.get("post") == "yes"
        rows = self.model._default_manager.filter(
            pk__in=list(queryset.values_list("pk", flat=True))
        )
        with transaction.atomic():
            # Confirmed, the rows stay locked from reading to saving: no save lands in between.
            records = list(rows.select_for_update() if confirmed else rows)
            return self._run_step(request, step, records, confirmed, back_url)

    def _run_step(
        self, request, step: Step, records: list[Publishable], confirmed: bool, back_url: str
    ):
        changing = [record for record in records if record.publication_status in step.applies_to]
        candidates = (
            self.publish_along_candidates(request, changing) if step.name == "publish" else []
        )
        if confirmed:
            ticked = set(request.POST.getlist("along"))
            along = [record for record in candidates if _key(record) in ticked]
        else:
            along = candidates
        problems = self._step_problems(step, changing, along)
        if confirmed and not problems:
            try:
                _RUN[step.name](changing + along, request.user)
            except workflow.PublishRuleError as error:
                problems = error.problems
            except PermissionDenied as error:
                self.message_user(request, str(error) or ONLY_PUBLISHERS, messages.ERROR)
                return None
            else:
                self._report(request, step, changing, along, len(records) - len(changing))
                return None
        if confirmed:
            self.message_user(
                request, _("Nothing was changed: fix the problems listed below."), messages.ERROR
            )
        return self._confirmation(
            request, step, records, changing, candidates, along, problems, back_url
        )

    def _step_problems(self, step: Step, changing, along) -> list[str]:
        group = changing + along
        if step.name == "publish":
            return [p for record in group for p in record.publish_problems(along=group)]
        if step.name == "unpublish":
            return [p for record in group for p in record.unpublish_problems(along=group)]
        return []

    def _report(self, request, step: Step, changing, along, unchanged: int) -> None:
        opts = self.model._meta
        name = opts.verbose_name if len(changing) == 1 else opts.verbose_name_plural
        text = step.done % {"count": len(changing), "name": name}
        if along:
            text += " " + _("Published along: %(records)s.") % {
                "records": get_text_list([str(record) for record in along], _("and"))
            }
        if unchanged:
            text += " " + ngettext(
                "%(count)d selected was left as it was.",
                "%(count)d selected were left as they were.",
                unchanged,
            ) % {"count": unchanged}
        level = messages.SUCCESS if changing else messages.WARNING
        self.message_user(request, text, level)

    def _confirmation(
        self, request, step, records, changing, candidates, along, problems, back_url
    ):
        opts = self.model._meta
        ticked = {_key(record) for record in along}
        newly_public = workflow.newly_public(changing + along) if step.name == "publish" else []
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": _("%(step)s: are you sure?") % {"step": step.title},
            "step": step,
            "opts": opts,
            "app_label": opts.app_label,
            "records": [(record, record in changing) for record in records],
            "changing_count": len(changing),
            "candidates": [
                (_key(record), record, _key(record) in ticked, record._meta.verbose_name)
                for record in candidates
            ],
            "problems": problems,
            "newly_public": [(record, record._meta.verbose_name) for record in newly_public],
            # From a record's form: "No" leads back to it, saved as it was.
            "back_url": back_url,
            "original": records[0] if back_url and len(records) == 1 else None,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workflow_confirmation.html", context)
