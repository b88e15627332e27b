from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Substr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from caseapp.cases.addresses import slug_url
from caseapp.cases.text import folded
from caseapp.cases.translated import (
    CONTENT_LANGUAGES,
    OriginalColumnsQuerySet,
    in_original_language,
    language_columns,
    localized,
    render_each_language,
)
from caseapp.publishing.models import PublicationStatus, Publishable, PublishableQuerySet, is_along


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    GOVERNMENT = "government", _("Government body")
    COURT = "court", _("Court")
    GROUP = "group", _("Group")
    OTHER = "other", pgettext_lazy("kind of actor", "Other")


# Django's own `get_kind_display()` flattens every choice on each call.
_KIND_LABELS = dict(ActorKind.choices)


BIO_HTML_COLUMNS = language_columns("bio_html")


class ActorQuerySet(OriginalColumnsQuerySet, PublishableQuerySet):
    pass


class Actor(Publishable):
    """A person, organisation, government body, court or group that takes part in events."""

    name = models.CharField(pgettext_lazy("name of an actor", "name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Its address on the site, filled in from the name as you type."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    aliases = models.TextField(
        _("aliases and transliterations"),
        blank=True,
        help_text=_("One per line, e.g. Serikjan Bilash. Searches find the actor by any of them."),
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("short bio"), blank=True, help_text=_("Markdown."))
    # `bio` as sanitised HTML, rendered on save.
    bio_html = models.TextField(editable=False, default="")
    # The name and aliases in every language case-folded, one per line, the original name first,
    # for searches that ignore case in every script ("серикжан" finds "Серикжан" on SQLite too).
    search_text = models.TextField(editable=False, default="")
    photo = models.ForeignKey(
        "cases.Image",
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))

    objects = ActorQuerySet.as_manager()
    # `Actor.history` is registered in translation.py, after the language columns exist.

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        # The directory reads each kind's slice of a page, or of a letter's page, along these.
        indexes = [
            models.Index(
                fields=["publication_status", "kind", "name", "id"], name="actor_directory"
            ),
            models.Index(
                F("publication_status"),
                F("kind"),
                Substr("search_text", 1, 1),
                F("name"),
                F("id"),
                name="actor_directory_letter",
            ),
        ]
        permissions = [("publish_actor", _("Can publish and unpublish actors"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("actors:actor", self.slug)

    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)

    @property
    def bio_rendered(self) -> SafeString:
        # Sanitised by nh3 when it was saved.
        return mark_safe(self.bio_html)

    def fill_derived_fields(self) -> None:
        """Set what is computed from the editable fields; `save` calls it, bulk writes must."""
        render_each_language(self, "bio", "bio_html")
        names = []
        for lang in CONTENT_LANGUAGES:
            names.append(getattr(self, localized("name", lang)) or "")
            names += _lines(getattr(self, localized("aliases", lang)) or "")
        # The original name first: the directory's letters read the first character.
        unique = list(dict.fromkeys(name for name in names if name))
        self.search_text = folded(*unique)

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {
                *update_fields,
                "bio_html",
                *BIO_HTML_COLUMNS,
                "search_text",
            }
        with in_original_language(self):
            super().save(*args, **kwargs)

    @property
    def alias_list(self) -> list[str]:
        """The aliases in the active language (or the original's where it has none)."""
        return _lines(self.aliases)

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def unpublish_problems(self, along: Collection[Publishable] = ()) -> list[str]:
        """An actor shown on a published event or case stays public while they are."""
        published = PublicationStatus.PUBLISHED
        shown_on = [
            *self.events.filter(publication_status=published),
            *self.subject_of_cases.filter(publication_status=published),
        ]
        remaining = sorted(str(getattr(r, "title", r)) for r in shown_on if not is_along(r, along))
        if not remaining:
            return []
        return [
            _(
                "%(actor)s appears on published records (%(records)s): unpublish those along "
                "with the actor, or remove the actor from them first."
            )
            % {"actor": self, "records": ", ".join(f"“{title}”" for title in remaining)}
        ]

    def clean(self) -> None:
        validate = URLValidator(schemes=["http", "https"])
        for line in self.link_list:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    {"links": _("%(line)s is not a web address (http or https).") % {"line": line}}
                ) from None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
