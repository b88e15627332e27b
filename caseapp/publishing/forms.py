"""The admin form of a publishable record: who may publish, the publish rules, and edit
conflicts.
"""

from django import forms
from django.db import connection
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from caseapp.publishing.models import PublicationStatus
from caseapp.publishing.workflow import can_publish

ONLY_PUBLISHERS = _(
    "Only publishers can publish or unpublish. Choose “in review” to ask a publisher to publish it."
)


class PublishableAdminForm(forms.ModelForm):
    """The admin form of a case, event or actor.

    The admin sets `user` (who is saving) on a subclass per request; see
    `PublishableAdmin.get_form`. Reverting from the history does not use this form: see
    `caseapp.cases.versions`, which checks the same rules and the same version counter.
    """

    user = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The status in the database when the form was checked; None while adding.
        self.stored_status: str | None = None
        model = self._meta.model
        if version := self.fields.get("version"):
            version.widget = forms.HiddenInput()
            # Missing is treated as a conflict below, with a message the editor can see.
            version.required = False
        status = self.fields.get("publication_status")
        if status and self.user and not can_publish(self.user, model):
            if not self.instance.is_published:
                status.choices = [
                    choice for choice in status.choices if choice[0] != PublicationStatus.PUBLISHED
                ]
            status.error_messages["invalid_choice"] = ONLY_PUBLISHERS
            status.help_text = _("Publishers publish; choose “in review” to ask one.")

    def clean(self):
        cleaned_data = super().clean()
        stored = self._stored_row()
        if stored is not None:
            self.stored_status = stored["publication_status"]
            self._check_version(stored["version"])
        status = cleaned_data.get("publication_status")
        if status is None:
            return cleaned_data
        was_published = self.stored_status == PublicationStatus.PUBLISHED
        publishing = status == PublicationStatus.PUBLISHED
        if (
            publishing != was_published
            and self.user
            and not can_publish(self.user, self._meta.model)
        ):
            self.add_error("publication_status", ONLY_PUBLISHERS)
        elif publishing:
            for problem in self.publish_problems(cleaned_data):
                self.add_error(None, problem)
        elif was_published:
            for problem in self.instance.unpublish_problems():
                self.add_error(None, problem)
        return cleaned_data

    def publish_problems(self, cleaned_data: dict) -> list[str]:
        """Why the record as entered may not be published; a model form may look at its fields."""
        return self.instance.publish_problems()

    def _stored_row(self) -> dict | None:
        if self.instance.pk is None or self.instance._state.adding:
            return None
        rows = self._meta.model._default_manager.filter(pk=self.instance.pk)
        # Inside the admin's transaction, hold the row until this save is done.
        if connection.in_atomic_block:
            rows = rows.select_for_update()
        return rows.values("version", "publication_status").first()

    def _check_version(self, current: int) -> None:
        opened = self.cleaned_data.get("version")
        if opened == current:
            return
        self.add_error(None, self._conflict_message(opened))
        # Keep the editor's input; a second save now knowingly replaces the other version.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current

    def _conflict_message(self, opened: int | None) -> str:
        opts = self._meta.model._meta
        history = self.instance.history.all()
        latest = history.first()
        base = history.filter(version=opened).first() if opened is not None else None
        who = latest.history_user if latest and latest.history_user else _("someone else")
        when = date_format(localtime(latest.history_date), "DATETIME_FORMAT") if latest else ""
        changed = ""
        if latest and base and latest.pk != base.pk:
            delta = latest.diff_against(base, excluded_fields=["updated_at", "version"])
            names = delta.changed_fields
            # Once each: a translated field's original-language column has the field's name.
            labels = dict.fromkeys(str(opts.get_field(name).verbose_name) for name in names)
            changed = get_text_list(list(labels), _("and"))
        if changed:
            message = _(
                # Translators: %(who)s is a user name or "someone else", %(model)s the kind of
                # record ("event"), %(when)s a date and time, %(fields)s the changed fields.
                "%(who)s saved this %(model)s at %(when)s, after you opened it (changed: "
                "%(fields)s). Nothing was saved. Your input is still in the form below: open "
                "the %(model)s in another tab to see their version, then save again here to "
                "replace it with yours."
            )
        else:
            message = _(
                # Translators: %(who)s is a user name or "someone else", %(model)s the kind of
                # record ("event"), %(when)s a date and time.
                "%(who)s saved this %(model)s at %(when)s, after you opened it. "
                "Nothing was saved. Your input is still in the form below: open the %(model)s in "
                "another tab to see their version, then save again here to replace it with yours."
            )
        return message % {"who": who, "model": opts.verbose_name, "when": when, "fields": changed}
