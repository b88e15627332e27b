"""Deploy checks (`manage.py check --deploy`) for sign-in settings a production site needs."""

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

# DEBUG left on is Django's own deploy check (security.W018); not repeated here.


@register(Tags.security, deploy=True)
def check_two_factor_sign_in(app_configs, **kwargs) -> list[CheckMessage]:
    if settings.ADMIN_REQUIRE_2FA:
        return []
    return [
        Warning(
            "ADMIN_REQUIRE_2FA is off: editors sign in with a password alone.",
            hint="Unset ADMIN_REQUIRE_2FA (it is on whenever DEBUG is off) or set it to true, "
            "and give every editor a device with manage.py add_totp_device.",
            id="casefile.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_login_throttling(app_configs, **kwargs) -> list[CheckMessage]:
    warnings = []
    limit = settings.AXES_FAILURE_LIMIT
    if not 1 <= limit <= 100:
        warnings.append(
            Warning(
                f"AXES_FAILURE_LIMIT is {limit}: "
                + ("nobody can sign in." if limit < 1 else "password guessing is barely slowed."),
                hint="Allow between 1 and 100 failures per account and address; 5 is the default.",
                id="casefile.W002",
            )
        )
    account_limit = settings.AXES_ACCOUNT_FAILURE_LIMIT
    if not max(limit, 1) <= account_limit <= 1000:
        warnings.append(
            Warning(
                f"AXES_ACCOUNT_FAILURE_LIMIT is {account_limit}: it should be at least "
                f"AXES_FAILURE_LIMIT ({limit}) and at most 1000.",
                hint="20 is the default: four addresses' worth of failures.",
                id="casefile.W003",
            )
        )
    return warnings


@register(Tags.security, deploy=True)
def check_proxy_hops(app_configs, **kwargs) -> list[CheckMessage]:
    if not settings.BEHIND_TLS_PROXY or settings.TRUSTED_PROXY_HOPS > 0:
        return []
    return [
        Warning(
            "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_HOPS is 0: every visitor signs in from "
            "the proxy's address, so anyone can lock an editor out.",
            hint="Set TRUSTED_PROXY_HOPS to the number of proxies that append to "
            "X-Forwarded-For (1 for one nginx with $proxy_add_x_forwarded_for, or Caddy).",
            id="casefile.W004",
        )
    ]
