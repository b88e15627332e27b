"""Publication status shared by everything the public can see: cases, events and actors.

Each publishable model says why it cannot be published (`publish_problems`) or taken down
(`unpublish_problems`). Both take `along`: the records published or unpublished in the same
step, so a case and its first event, or an event and its actors, can go out together.
`caseapp.publishing.workflow` applies these rules for admin actions, forms and imports alike.
"""

from collections.abc import Collection

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public view starts here."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def in_review(self):
        """What waits for a publisher."""
        return self.filter(publication_status=PublicationStatus.REVIEW)


class Publishable(models.Model):
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Optimistic locking: every save counts up; a form saved against an older count is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            self.version += 1
        # Keep "published" and its stamp in step, whoever saves: admin, import or test.
        if not self.is_published:
            self.published_at = None
            self.published_by = None
        elif self.published_at is None:
            self.published_at = timezone.now()
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "version", "published_at", "published_by"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @classmethod
    def publish_permission(cls) -> str:
        """The permission that lets a user publish and unpublish records of this model."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def publish_problems(self, along: Collection["Publishable"] = ()) -> list[str]:
        """Why this record may not be published together with `along`; empty when it may."""
        return []

    def unpublish_problems(self, along: Collection["Publishable"] = ()) -> list[str]:
        """Why this record may not leave the public site together with `along`."""
        return []


def is_along(record: models.Model, along: Collection[models.Model]) -> bool:
    """True when `record` is one of `along` (compared by model and primary key)."""
    model = record._meta.concrete_model
    return any(other._meta.concrete_model is model and other.pk == record.pk for other in along)
