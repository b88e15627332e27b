"""The editorial workflow: draft → in review → published, and back to draft.

Editors write drafts and submit them for review; publishers also publish and unpublish.
Each step takes a group of records and changes all of them or none: the publish rules of
every record are checked first, with the rest of the group published (or unpublished) along.
Admin actions, admin forms, commands and tests all go through here.
"""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caseapp.cases.models import Case, Event, Place, Source
from caseapp.publishing.models import PublicationStatus, Publishable

# The groups created by migration cases/0003_editorial_roles, by the role names people use.
ROLES = {"editor": "Editors", "publisher": "Publishers"}
_CONTENT = {
    "cases": [
        "case",
        "event",
        "source",
        "sourcetext",
        "place",
        "image",
        "participation",
        "citation",
    ],
    "actors": ["actor"],
}
_EDITING = [
    (label, f"{action}_{model}")
    for label, models in _CONTENT.items()
    for model in models
    for action in ("view", "add", "change", "delete")
]
_PUBLISHING = [("cases", "publish_case"), ("cases", "publish_event"), ("actors", "publish_actor")]
ROLE_PERMISSIONS = {"Editors": _EDITING, "Publishers": _EDITING + _PUBLISHING}


class PublishRuleError(Exception):
    """A step would break a publish rule; `problems` says which, in words for the editor."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def role_group(role: str) -> Group:
    """The group behind a role name (`editor`, `publisher`); KeyError for an unknown role.

    Migration cases/0003 creates the groups; a database flush empties them, so a missing
    one is made again here with the role's permissions.
    """
    name = ROLES[role]
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=label, codename=codename)
                for label, codename in ROLE_PERMISSIONS[name]
            ]
        )
    return group


def can_publish(user, model: type[Publishable]) -> bool:
    return user.has_perm(model.publish_permission())


def publish(records: Iterable[Publishable], user) -> int:
    """Publish `records` together, or none of them; returns how many changed status."""
    records = list(records)
    _require_publish_permission(records, user)
    with transaction.atomic():
        problems = [
            problem
            for record in records
            if not record.is_published
            for problem in record.publish_problems(along=records)
        ]
        if problems:
            raise PublishRuleError(problems)
        return _set_status(records, PublicationStatus.PUBLISHED, user, _("Published"))


def unpublish(records: Iterable[Publishable], user) -> int:
    """Take `records` off the public site (back to draft), or none of them."""
    records = list(records)
    _require_publish_permission(records, user)
    with transaction.atomic():
        problems = [
            problem
            for record in records
            if record.is_published
            for problem in record.unpublish_problems(along=records)
        ]
        if problems:
            raise PublishRuleError(problems)
        return _set_status(records, PublicationStatus.DRAFT, user, _("Unpublished"))


def submit_for_review(records: Iterable[Publishable], user) -> int:
    """Ask a publisher to look at drafts; records in review or published stay as they are."""
    drafts = [record for record in records if record.publication_status == PublicationStatus.DRAFT]
    with transaction.atomic():
        return _set_status(drafts, PublicationStatus.REVIEW, user, _("Submitted for review"))


def return_to_draft(records: Iterable[Publishable], user) -> int:
    """Send records in review back to their authors; drafts and published records stay."""
    waiting = [
        record for record in records if record.publication_status == PublicationStatus.REVIEW
    ]
    with transaction.atomic():
        return _set_status(waiting, PublicationStatus.DRAFT, user, _("Returned to draft"))


def newly_public(records: Iterable[Publishable]) -> list[models.Model]:
    """The sources and places that publishing `records` together would show for the first time.

    They have no status of their own: a source or place is public once a published event of a
    published case cites it or happens there. The confirmation of a publish step lists them, so
    the publisher sees everything that goes out.
    """
    records = list(records)
    event_pks = [record.pk for record in records if isinstance(record, Event)]
    case_pks = [record.pk for record in records if isinstance(record, Case)]
    published = PublicationStatus.PUBLISHED
    # The events public after the step: those published along with a case that is public or
    # goes public with them, and the published events of a case that waited for it.
    showing = models.Q(pk__in=event_pks, case__publication_status=published) | models.Q(
        models.Q(publication_status=published) | models.Q(pk__in=event_pks),
        case__in=case_pks,
    )
    events = Event.objects.filter(showing)
    public_events = Event.objects.published()
    sources = (
        Source.objects.filter(citations__event__in=events)
        .exclude(citations__event__in=public_events)
        .distinct()
        .order_by("title", "pk")
    )
    places = (
        Place.objects.filter(events__in=events)
        .exclude(events__in=public_events)
        .distinct()
        .order_by("name", "pk")
    )
    return [*sources, *places]


def stamp_publication(record: Publishable, previous_status: str | None, user) -> None:
    """Record who published `record` and when, if this save publishes it."""
    if record.is_published and previous_status != PublicationStatus.PUBLISHED:
        record.published_at = timezone.now()
        record.published_by = user


def _require_publish_permission(records: list[Publishable], user) -> None:
    for model in {type(record) for record in records}:
        if not can_publish(user, model):
            raise PermissionDenied(
                _("Only publishers can publish or unpublish %(records)s.")
                % {"records": model._meta.verbose_name_plural}
            )


def _set_status(records: list[Publishable], status: str, user, reason: str) -> int:
    changed = 0
    for record in records:
        if record.publication_status == status:
            continue
        previous = record.publication_status
        record.publication_status = status
        stamp_publication(record, previous, user)
        # Read by django-simple-history: the history shows who took the step, and which.
        record._history_user = user
        record._change_reason = reason
        record.save()
        changed += 1
    return changed
