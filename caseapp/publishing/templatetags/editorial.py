"""Admin template tags for the editorial workflow."""

from django import template
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Participation
from caseapp.publishing.models import PublicationStatus

register = template.Library()

_WAITING = 10
_REVIEW = PublicationStatus.REVIEW
# The words of `Case.publish_problems`, which would ask the database once per case.
_NO_PUBLISHED_EVENT = _("“%(case)s” has no published event yet: publish one of its events first.")
_CASE_NOT_PUBLIC = _("Appears on the site once its case “%(case)s” is published too.")


@register.inclusion_tag("admin/review_queue.html", takes_context=True)
def review_queue(context) -> dict:
    """What waits in review, longest waiting first: who submitted each record and when, and
    what still keeps it from being published. Drafts that hold up a record in review are
    listed with the actors, so the queue never says "nothing" while one does."""
    user = context["request"].user
    queues = []
    for model in (Case, Event, Actor):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        waiting = _with_submission(model.objects.in_review(), model)
        records = list(
            _with_blockers(waiting, model).order_by("submitted_at", "updated_at")[: _WAITING + 1]
        )
        count = len(records) if len(records) <= _WAITING else model.objects.in_review().count()
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queue = {
            "name": opts.verbose_name_plural,
            "count": count,
            "records": [(record, _blockers(record)) for record in records[:_WAITING]],
            "url": f"{changelist}?publication_status__exact={_REVIEW}",
            "app_label": opts.app_label,
            "model_name": opts.model_name,
        }
        if model is Actor:
            queue["holding_up"], queue["holding_up_count"] = _drafts_holding_up_review()
        queues.append(queue)
    return {"queues": queues, "can_publish": user.has_perm("cases.publish_event")}


def _with_submission(records: models.QuerySet, model) -> models.QuerySet:
    """Annotated with when each record last went into review and who sent it there: the first
    version of its history in review that no version out of review follows."""
    history = model.history.model.objects
    left_review_later = history.filter(
        id=OuterRef("id"), history_date__gt=OuterRef("history_date")
    ).exclude(publication_status=_REVIEW)
    submission = (
        history.filter(id=OuterRef("pk"), publication_status=_REVIEW)
        .exclude(Exists(left_review_later))
        .order_by("history_date", "history_id")
    )
    return records.annotate(
        submitted_at=Subquery(submission.values("history_date")[:1]),
        submitted_by=Subquery(submission.values("history_user__username")[:1]),
    )


def _with_blockers(records: models.QuerySet, model) -> models.QuerySet:
    """With what the publish rules need to say what keeps each record from going public."""
    unpublished_actors = Actor.objects.exclude(
        publication_status=PublicationStatus.PUBLISHED
    ).order_by("name")
    if model is Event:
        return (
            records.select_related("case")
            .annotate(has_citation=Exists(Citation.objects.filter(event=OuterRef("pk"))))
            .prefetch_related(
                Prefetch("actors", queryset=unpublished_actors, to_attr="unpublished_actors")
            )
        )
    if model is Case:
        return records.annotate(
            has_published_event=Exists(Event.objects.published_status().filter(case=OuterRef("pk")))
        ).prefetch_related(
            Prefetch("subjects", queryset=unpublished_actors, to_attr="unpublished_actors")
        )
    return records


def _blockers(record) -> dict:
    """What keeps `record` from being published, in the publish rules' own words, and the
    actors it shows that are not published yet (to publish first, or along with it)."""
    if isinstance(record, Event):
        problems = record.publish_problems(citation_count=int(record.has_citation), actors=[])
        notes = [] if record.case.is_published else [_CASE_NOT_PUBLIC % {"case": record.case}]
        return {"problems": problems, "actors": record.unpublished_actors, "notes": notes}
    if isinstance(record, Case):
        problems = [] if record.has_published_event else [_NO_PUBLISHED_EVENT % {"case": record}]
        return {"problems": problems, "actors": record.unpublished_actors, "notes": []}
    return {"problems": [], "actors": [], "notes": []}


def _drafts_holding_up_review() -> tuple[list[Actor], int]:
    """Draft actors shown on an event or case in review: that one cannot be published until
    they are (or along with them), so they belong in the queue though not in review."""
    drafts = Actor.objects.filter(publication_status=PublicationStatus.DRAFT).filter(
        Exists(
            Participation.objects.filter(actor=OuterRef("pk"), event__publication_status=_REVIEW)
        )
        | Exists(
            Case.subjects.through.objects.filter(
                actor=OuterRef("pk"), case__publication_status=_REVIEW
            )
        )
    )
    shown = list(
        drafts.order_by("name").prefetch_related(
            Prefetch(
                "events",
                queryset=Event.objects.in_review().select_related("case"),
                to_attr="events_in_review",
            ),
            Prefetch(
                "subject_of_cases", queryset=Case.objects.in_review(), to_attr="cases_in_review"
            ),
        )[: _WAITING + 1]
    )
    count = len(shown) if len(shown) <= _WAITING else drafts.count()
    return shown[:_WAITING], count
