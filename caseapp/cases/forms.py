"""The admin forms of cases and events, and of their citations and participations: dates as
precise as the source, and a published event's evidence changed only by publishers.

What every publishable record's form guards (who may publish, edit conflicts) is in
`caseapp.publishing.forms`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseapp.cases.dates import iso_text, parse_partial_date
from caseapp.cases.models import Event
from caseapp.publishing.forms import PublishableAdminForm
from caseapp.publishing.workflow import can_publish


class CaseAdminForm(PublishableAdminForm):
    def publish_problems(self, cleaned_data: dict) -> list[str]:
        return self.instance.publish_problems(subjects=cleaned_data.get("subjects", []))


class EventDateField(forms.Field):
    """An event's start or end, as precisely as the source gives it: `2019-03-09`, `2019-03`
    or `2019`.

    Cleans to a (first day, precision) pair, so the precision cannot disagree with the date.
    (A timeline's `from`/`to` filter is another field: `caseapp.cases.filters.DateBoundField`.)
    """

    # Wide enough for its placeholder: `vPartialDateField` (named like the admin's own
    # `vDateField`) in static/admin/casefile-admin.css.
    widget = forms.TextInput(
        attrs={"class": "vPartialDateField", "placeholder": "2019-03-09, 2019-03, 2019"}
    )

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        try:
            return parse_partial_date(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return iso_text(*value)
        return value


class EventAdminForm(PublishableAdminForm):
    start_date = EventDateField(
        label=_("Start"),
        help_text=_(
            "As precisely as the source gives it: a day (2019-03-09), a month (2019-03) or a "
            "year (2019)."
        ),
    )
    end_date = EventDateField(
        label=_("End"),
        required=False,
        help_text=_(
            "Only for something that lasted, or with “After” and “Before” for something that "
            "happened once between two dates. Empty for a single day, month or year."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for end in ("start", "end"):
            day = getattr(self.instance, f"{end}_date", None)
            if day is not None and f"{end}_date" in self.fields:
                self.initial[f"{end}_date"] = (day, getattr(self.instance, f"{end}_precision"))

    def clean_start_date(self):
        return self._partial_date("start")

    def clean_end_date(self):
        return self._partial_date("end")

    def _partial_date(self, end: str):
        value = self.cleaned_data.get(f"{end}_date")
        if value is None:
            return None
        day, precision = value
        # The precision is not a field of this form; the date's text decides it.
        setattr(self.instance, f"{end}_precision", precision)
        return day

    def publish_problems(self, cleaned_data: dict) -> list[str]:
        # The citation and participation formsets check what is entered, not what is saved.
        return []


class CitationFormSet(forms.BaseInlineFormSet):
    """The citations of an event: a published event keeps at least one."""

    def clean(self) -> None:
        super().clean()
        event = self.instance
        if not event.is_published or any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("source")
            and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(event.missing_citation_problem())


class EventPartAdminForm(forms.ModelForm):
    """A citation or participation edited on its own: a published event changes via publishers."""

    user = None

    def clean(self):
        cleaned_data = super().clean()
        event = cleaned_data.get("event")
        stored_event = self.instance.event if self.instance.event_id else None
        for touched in {event, stored_event} - {None}:
            if touched.is_published and self.user and not can_publish(self.user, Event):
                self.add_error(
                    "event",
                    _(
                        "“%(event)s” is published: only publishers can change its sources "
                        "and actors."
                    )
                    % {"event": touched.title},
                )
        return cleaned_data
