"""History in admin: who changed what and when, and the way back to an earlier version."""

import dataclasses

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class ChangeDisplay(HistoricalRecordContextHelper):
    """A history entry's changes, without the fields every save touches."""

    noise = ("updated_at", "version")

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field not in self.noise]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class HistoryAdmin(SimpleHistoryAdmin):
    """Who changed what and when, with a "Revert" for those who may change the record."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangeDisplay(self.model, historical_record)


class PublishableHistoryAdmin(HistoryAdmin):
    """The history of a case, event or actor: with its publication status, reverted only by
    those who may change the record as it is now."""

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {"shows_status": True, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None) -> bool:
        # On the revert page `obj` is the past version; whether one may change the record
        # depends on the record as it is now.
        if obj is not None and obj.pk is not None:
            obj = self.model._default_manager.filter(pk=obj.pk).first() or obj
        return super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history hides "Revert" from those who may not change the record, but
        # its view saves whatever is posted; check the current record before it does.
        current = self.get_object(request, unquote(object_id))
        if request.method == "POST" and (
            current is None or not self.has_change_permission(request, current)
        ):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)
