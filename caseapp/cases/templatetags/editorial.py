"""Admin template tags for the editorial workflow."""

from django import template
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event
from caseapp.cases.publishing import PublicationStatus

register = template.Library()

_WAITING = 10


@register.inclusion_tag("admin/review_queue.html", takes_context=True)
def review_queue(context) -> dict:
    """What waits in review, oldest first, with a link to each list filtered to it."""
    user = context["request"].user
    queues = []
    for model in (Case, Event, Actor):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        waiting = model.objects.in_review().order_by("updated_at")
        if model is Event:
            waiting = waiting.select_related("case")
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queues.append(
            {
                "name": opts.verbose_name_plural,
                "count": waiting.count(),
                "records": list(waiting[:_WAITING]),
                "url": f"{changelist}?publication_status__exact={PublicationStatus.REVIEW}",
                "app_label": opts.app_label,
                "model_name": opts.model_name,
            }
        )
    return {"queues": queues, "can_publish": user.has_perm("cases.publish_event")}
