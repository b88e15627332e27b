"""Publication status shared by everything the public can see: cases, events and actors.

Each publishable model says why it cannot be published (`publish_problems`) or taken down
(`unpublish_problems`). Both take `along`: the records published or unpublished in the same
step, so a case and its first event, or an event and its actors, can go out together.
`caseapp.publishing.workflow` applies these rules for admin actions, forms and imports alike.
"""

import datetime
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
    # Its id in the Atom feeds (RFC 4151), given when first published and kept for good.
    tag_uri = models.CharField(_("feed id"), max_length=320, blank=True, editable=False)
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
        minting = self.is_published and not self.tag_uri
        if minting and self.pk is not None:
            self.tag_uri = tag_uri_for(self)
        if update_fields := kwargs.get("update_fields"):
            stamps = {"version", "published_at", "published_by", *(["tag_uri"] if minting else [])}
            kwargs["update_fields"] = {*update_fields, *stamps}
        super().save(*args, **kwargs)
        if minting and not self.tag_uri:
            # Saved published as it was created (an import, the demo case): its key is known now.
            self.tag_uri = tag_uri_for(self)
            type(self)._base_manager.filter(pk=self.pk).update(tag_uri=self.tag_uri)

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


def tag_uri_for(record: Publishable, authority: str | None = None) -> str:
    """A record's permanent id in feeds, an RFC 4151 `tag:` URI such as
    `tag:casefile.example.org,2026-03-01:event:12`: FEED_TAG_AUTHORITY (or `authority`), the
    day it was created or first published, whichever is earlier (UTC), and its kind and key.

    Neither the host the site answers on, its scheme, nor a slug or title enters it, so a move to
    HTTPS or to another domain, or a renamed event, leaves every feed entry as readers know it.
    `Publishable.save` stores it at first publication; feeds fall back to this for a published
    row written around `save` (a bulk load), which then gets the same id stored at its next save.
    """
    authority = authority or settings.FEED_TAG_AUTHORITY
    stamps = [stamp for stamp in (record.created_at, record.published_at) if stamp is not None]
    day = min(stamps, default=timezone.now()).astimezone(datetime.UTC).date()
    return f"tag:{authority},{day.isoformat()}:{record._meta.model_name}:{record.pk}"


def is_along(record: models.Model, along: Collection[models.Model]) -> bool:
    """True when `record` is one of `along` (compared by model and primary key)."""
    model = record._meta.concrete_model
    return any(other._meta.concrete_model is model and other.pk == record.pk for other in along)
