import re

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# `*`, `'self'` or a CSP host source such as `https://ngo.example.org` or `https://*.example.org`.
_FRAME_ANCESTOR = re.compile(
    r"\*|'self'|(https?://)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?"
)


def check_frame_ancestors(origins: list[str]) -> None:
    """Refuse a value that is not an origin: it goes into a header, where `;` would add a rule."""
    if not origins:
        raise ImproperlyConfigured(
            "EMBED_ALLOWED_ORIGINS is empty: no site could embed a timeline. "
            "Use * for any site, or list origins such as https://ngo.example.org"
        )
    for origin in origins:
        if not _FRAME_ANCESTOR.fullmatch(origin.lower()):
            raise ImproperlyConfigured(
                f"EMBED_ALLOWED_ORIGINS: {origin!r} is not an origin such as "
                "https://ngo.example.org, https://*.example.org or *"
            )


class EmbedConfig(AppConfig):
    name = "caseapp.embed"
    label = "embed"
    verbose_name = _("Embedding")

    def ready(self) -> None:
        check_frame_ancestors(settings.EMBED_ALLOWED_ORIGINS)
