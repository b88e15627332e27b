"""Editors never lose what they typed: a save the database refuses, or a form too large for
the server, is answered with words saying nothing was saved, why, and what to do.

- `KeepsInputOnFailedSave` is mixed into every ModelAdmin of the editors' site (by
  `CasefileAdminSite.register`, so no admin can forget it). When the database refuses a save
  (read-only, disk full, locked for too long), the whole save is rolled back and the form is
  shown again with the editor's input and a message instead of the 500 page.
- `request_too_large` is the project's `handler400`: Django reads a POST body before any view
  runs, so a form over DATA_UPLOAD_MAX_MEMORY_SIZE or DATA_UPLOAD_MAX_NUMBER_FIELDS never
  reaches the admin. It answers 413 with the limit and what to do; any other 400 stays Django's.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

# What a database error's text says, and how an editor should read it.
_REASONS = [
    ("readonly", "the database is read-only at the moment"),
    ("disk is full", "the server's disk is full"),
    ("disk i/o error", "the server could not write to its disk"),
    ("locked", "the database was busy with other saves for too long"),
    ("busy", "the database was busy with other saves for too long"),
]


def why_not_saved(error: OperationalError) -> str:
    """The database's refusal in plain words, for the message to the editor."""
    text = f"{error} {error.__cause__ or ''}".lower().replace("read-only", "readonly")
    for words, reason in _REASONS:
        if words in text:
            return _(reason)
    return _("the database could not be written to")


class KeepsInputOnFailedSave:
    """A ModelAdmin whose add and change forms come back filled in when the save fails."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OperationalError as error:
            # Reading failed too, or this is the second attempt: nothing here can help.
            if request.method != "POST" or hasattr(request, "casefile_unsaved_because"):
                raise
            # The editor is told in plain words; the operator needs the error itself.
            logger.exception("A save in the admin failed: %s", error)
            request.casefile_unsaved_because = why_not_saved(error)
        # The same view again, in a new transaction, with the form refusing to be saved:
        # the admin then shows it as it shows any invalid form, filled in with the input.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        reason = getattr(request, "casefile_unsaved_because", None)
        if reason is None:
            return form
        message = _(
            "Nothing was saved: {reason}. Your changes are still in the form below. Save "
            "again in a few minutes; if it keeps failing, copy your text somewhere safe and "
            "tell the site's administrator."
        ).format(reason=reason)

        class UnsavedForm(form):
            def full_clean(self) -> None:
                super().full_clean()
                if self.is_bound:
                    self.add_error(None, ValidationError(message, code="not_saved"))

        return UnsavedForm


def _limit_message(exception: Exception) -> tuple[str, str]:
    """The headline and the advice for a request over one of Django's size limits."""
    if isinstance(exception, TooManyFieldsSent):
        return (
            _("This form has too many fields"),
            _(
                "The server accepts at most {limit} fields in one form. Nothing was saved. Go "
                "back (your input is still in the form there), save it with fewer rows of "
                "roles or citations, and add the others in a second save."
            ).format(limit=f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"),
        )
    if isinstance(exception, TooManyFilesSent):
        return (
            _("This form has too many files"),
            _(
                "The server accepts at most {limit} files in one form. Nothing was saved. Go "
                "back (your input is still in the form there) and upload fewer files at once."
            ).format(limit=f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}"),
        )
    return (
        _("This form is too large"),
        _(
            "The server accepts at most {limit} of text in one form (uploaded files do not "
            "count). Nothing was saved. Go back (your input is still in the form there), "
            "shorten the longest text, for example by citing a source instead of quoting it "
            "whole, and save again."
        ).format(limit=filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)),
    )


def request_too_large(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a 413 page saying which limit a form went over; any other 400 as Django's."""
    if not isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return defaults.bad_request(request, exception)
    headline, advice = _limit_message(exception)
    page = loader.render_to_string(
        "admin/request_too_large.html", {"headline": headline, "advice": advice}
    )
    return HttpResponse(page, status=413)
