"""The workflow in admin: who may change what, the bulk steps, and their confirmation page.

Editors edit drafts and records in review; a published record is theirs to read only. The
publish and unpublish steps need the model's `publish_<model>` permission (the Publishers
group), checked here for actions, in `PublishableAdminForm` for forms, and again in
`save_model` so no request gets around them.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from caseapp.cases import workflow
from caseapp.cases.forms import ONLY_PUBLISHERS, PublishableAdminForm
from caseapp.cases.history_admin import HistoryAdmin as HistoryAdmin
from caseapp.cases.history_admin import PublishableHistoryAdmin
from caseapp.cases.publishing import PublicationStatus, Publishable


@dataclass(frozen=True)
class Step:
    """One bulk workflow step, in the words its confirmation page and messages use."""

    name: str
    title: str
    button: str
    # Which selected records the step changes; the others are listed as left alone.
    applies_to: tuple[str, ...]
    done: str


STEPS = {
    step.name: step
    for step in [
        Step(
            "submit_for_review",
            gettext_lazy("Submit for review"),
            gettext_lazy("Yes, submit them for review"),
            (PublicationStatus.DRAFT,),
            gettext_lazy("%(count)d %(name)s submitted for review."),
        ),
        Step(
            "return_to_draft",
            gettext_lazy("Return to draft"),
            gettext_lazy("Yes, return them to draft"),
            (PublicationStatus.REVIEW,),
            gettext_lazy("%(count)d %(name)s returned to draft."),
        ),
        Step(
            "publish",
            gettext_lazy("Publish"),
            gettext_lazy("Yes, publish them"),
            (PublicationStatus.DRAFT, PublicationStatus.REVIEW),
            gettext_lazy("%(count)d %(name)s published."),
        ),
        Step(
            "unpublish",
            gettext_lazy("Unpublish"),
            gettext_lazy("Yes, take them off the site"),
            (PublicationStatus.PUBLISHED,),
            gettext_lazy("%(count)d %(name)s unpublished and back to draft."),
        ),
    ]
}

_RUN = {
    "submit_for_review": workflow.submit_for_review,
    "return_to_draft": workflow.return_to_draft,
    "publish": workflow.publish,
    "unpublish": workflow.unpublish,
}


def _key(record: Publishable) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def _is_revert(request) -> bool:
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_simple_history"))


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
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(
            form.__name__, (form,), {"user": request.user, "reverting": _is_revert(request)}
        )

    def save_model(self, request, obj, form, change) -> None:
        previous = getattr(form, "stored_status", None)
        was_published = previous == PublicationStatus.PUBLISHED
        # The form refuses this with a message; a request that got past it is refused here.
        if obj.is_published != was_published and not self.has_publish_permission(request):
            raise PermissionDenied(ONLY_PUBLISHERS)
        workflow.stamp_publication(obj, previous, request.user)
        if getattr(form, "reverting", False):
            obj._change_reason = _("Reverted to an earlier version")
        super().save_model(request, obj, form, change)

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

    def run_step(self, request, queryset, step: Step):
        confirmed = request.POST.get("post") == "yes"
        rows = self.model._default_manager.filter(
            pk__in=list(queryset.values_list("pk", flat=True))
        )
        with transaction.atomic():
            # Confirmed, the rows stay locked from reading to saving: no save lands in between.
            records = list(rows.select_for_update() if confirmed else rows)
            return self._run_step(request, step, records, confirmed)

    def _run_step(self, request, step: Step, records: list[Publishable], confirmed: bool):
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
        return self._confirmation(request, step, records, changing, candidates, along, problems)

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
        text = str(step.done) % {"count": len(changing), "name": name}
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

    def _confirmation(self, request, step, records, changing, candidates, along, problems):
        opts = self.model._meta
        ticked = {_key(record) for record in along}
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
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workflow_confirmation.html", context)
