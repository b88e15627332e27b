"""Login throttling: which address signs in, and when an account stops accepting attempts.

django-axes keeps the failed attempts. Two limits apply (README, "Editors' accounts"):

- one account from one address: AXES_FAILURE_LIMIT failures lock that pair for
  AXES_COOLOFF_TIME, as django-axes does on its own;
- one account from every address together: AXES_ACCOUNT_FAILURE_LIMIT failures within
  AXES_ACCOUNT_COOLOFF_MINUTES throttle the account everywhere until they age past that
  window, so it lifts at most that long after the last failure. Attempts refused by a lock
  are not counted, and one address adds at most AXES_FAILURE_LIMIT failures an hour, so
  keeping an account throttled takes a fresh set of addresses every window.
"""

import ipaddress
import logging
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str | None:
    """The address that signs in, for login throttling only.

    Each of the TRUSTED_PROXY_HOPS proxies in front of the app appends the address it received
    the request from to X-Forwarded-For, so the client's address is the hops-th entry from the
    right; anything further left came from the client and can be forged. A header with fewer
    entries (or a malformed one) did not come the configured way: then REMOTE_ADDR, which no
    client can set, even though it is a proxy's and so shared.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops == 0:
        return remote_addr
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        logger.warning(
            "X-Forwarded-For has %d entries but TRUSTED_PROXY_HOPS is %d; "
            "throttling sign-ins by REMOTE_ADDR",
            len(forwarded),
            hops,
        )
        return remote_addr
    address = forwarded[-hops]
    try:
        ipaddress.ip_address(address)
    except ValueError:
        logger.warning("X-Forwarded-For entry %r is not an address; using REMOTE_ADDR", address)
        return remote_addr
    return address


class AccountThrottlingHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second limit, on the account from all addresses."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # django-axes compares this with AXES_FAILURE_LIMIT: a throttled account counts as full.
        failures = super().get_failures(request, credentials)
        if self.account_failures(request, credentials) >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def account_failures(request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures for this username from every address that failed in the account's window.

        django-axes keeps one count per address and the time of its latest failure, so an
        address's earlier failures within the hour count along with its latest.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        now: datetime = getattr(request, "axes_attempt_time", None) or timezone.now()
        recent = AccessAttempt.objects.filter(
            username=username,
            attempt_time__gte=now - timedelta(minutes=settings.AXES_ACCOUNT_COOLOFF_MINUTES),
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
