from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from caseapp.cases.publishing import Publishable, PublishableQuerySet


class ActorKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    GOVERNMENT = "government", _("government body")
    COURT = "court", _("court")
    GROUP = "group", _("group")
    OTHER = "other", _("other")


class ActorQuerySet(PublishableQuerySet):
    pass


class Actor(Publishable):
    """A person, organisation, government body, court or group that takes part in events."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    aliases = models.TextField(
        _("aliases and transliterations"),
        blank=True,
        help_text=_("One per line, e.g. Serikjan Bilash. Searches find the actor by any of them."),
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("short bio"), blank=True, help_text=_("Markdown."))
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:actor", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def clean(self) -> None:
        validate = URLValidator(schemes=["http", "https"])
        for line in self.link_list:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    {"links": _("%(line)s is not a web address (http or https).") % {"line": line}}
                ) from None
