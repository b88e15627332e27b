"""History in admin: who changed what and when, a version compared with the record as it is
now, and the way back to it after a confirmation.

An event's versions carry its citations and participations (see `caseapp.cases.versions`):
the history lists what changed in them too, and reverting restores them with the event.
"""

import dataclasses

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from caseapp.cases import versions
from caseapp.publishing import workflow
from caseapp.publishing.models import Publishable


class ChangeDisplay(HistoricalRecordContextHelper):
    """A history entry's changes, without the fields every save touches."""

    noise = ("updated_at", "version")

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field not in self.noise]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class HistoryAdmin(SimpleHistoryAdmin):
    """Who changed what and when; each version opens as a comparison with the record as it is
    now, with a "Revert" for those who may change the record."""

    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_compare.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangeDisplay(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        if not records or self.model not in versions.PARTS:
            return
        # Each version's citations and participations against those of the version before.
        evidence = versions.Evidence(self.model, records[0].id)
        newer = versions.next_version(records[0])
        until = newer.history_date if newer else None
        pairs = []
        for record in records:
            pairs.append((evidence.at(record.history_date), evidence.at(until)))
            until = record.history_date
        for record, changes in zip(records, versions.compare_parts(self.model, pairs), strict=True):
            record.evidence_changes = changes

    def may_publish(self, request) -> bool:
        return not issubclass(self.model, Publishable) or workflow.can_publish(
            request.user, self.model
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version beside the record as it is now; confirmed, the record goes back to it."""
        request.current_app = self.admin_site.name
        record = self.get_object(request, unquote(object_id))
        if record is None or not str(version_id).isdigit():
            raise Http404(_("There is no such version."))
        historical = get_object_or_404(
            self.model.history.model, id=record.pk, history_id=int(version_id)
        )
        if not self.has_view_history_or_change_history_permission(request, record):
            raise PermissionDenied
        may_revert = not self.revert_disabled(request, record)
        refusal: list[str] | None = None
        if request.method == "POST":
            # The button is shown only to those who may change the record as it is now.
            if not may_revert:
                raise PermissionDenied
            try:
                reverted = versions.revert(
                    historical,
                    request.user,
                    opened=request.POST.get("opened", ""),
                    may_publish=self.may_publish(request),
                    reason=_("Reverted to the version of %(when)s")
                    % {"when": versions.describe_version(historical)},
                )
            except versions.RevertRefused as refused:
                refusal = refused.problems
                record = self.get_object(request, unquote(object_id))
            else:
                return self._reverted(request, reverted, historical)
        # Why the button would be refused, said before it is pressed.
        problems = (
            versions.revert_problems(historical, record, may_publish=self.may_publish(request))
            if may_revert
            else []
        )
        context = {
            "refused": refusal is not None,
            # Those not already listed as why the version cannot be restored.
            "refusal": [problem for problem in refusal or [] if problem not in problems],
            "problems": problems,
            **(extra_context or {}),
        }
        return self._comparison(request, record, historical, may_revert, context)

    def _reverted(self, request, record, historical) -> HttpResponseRedirect:
        when = versions.describe_version(historical)
        self.log_change(request, record, _("Reverted to the version of %(when)s.") % {"when": when})
        self.message_user(
            request,
            _("“%(record)s” is back to the version of %(when)s, saved as a new version.")
            % {"record": record, "when": when},
            messages.SUCCESS,
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        )

    def _comparison(self, request, record, historical, may_revert: bool, extra_context: dict):
        opts = self.model._meta
        comparison = versions.compare(
            versions.snapshot_of(historical), versions.snapshot_now(record)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Version of %(when)s") % {"when": versions.describe_version(historical)},
            "subtitle": str(record),
            "opts": opts,
            "app_label": opts.app_label,
            "original": record,
            "historical": historical,
            "comparison": comparison,
            "versioned_parts": self.model in versions.PARTS,
            "may_revert": may_revert and bool(comparison) and not extra_context["problems"],
            "opened": versions.state_token(record),
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
            ),
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk]
            ),
            **extra_context,
        }
        return TemplateResponse(request, self.object_history_form_template, context)


class PublishableHistoryAdmin(HistoryAdmin):
    """The history of a case, event or actor: with its publication status."""

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {"shows_status": True, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)
