from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """The editorial workflow shared by cases, events and actors. Its one model is abstract:
    the app has no tables and no migrations of its own."""

    name = "caseapp.publishing"
    verbose_name = _("Publishing")
