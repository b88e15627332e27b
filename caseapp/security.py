"""Small pieces of the security baseline that settings alone cannot express."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address that signs in, for login throttling only.

    Behind our TLS proxy the last X-Forwarded-For entry is the one the proxy itself added;
    anything before it came from the client and can be forged.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
