"""The editors' admin site: two-factor sign-in where ADMIN_REQUIRE_2FA is on (production)."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class CasefileAdminSite(OTPAdminSite):
    site_header = _("Casefile editors")
    site_title = _("Casefile")
    index_title = _("Cases, events and sources")

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    # Read per request, so a test (or a settings change) can switch two-factor sign-in.
    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.ADMIN_REQUIRE_2FA else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
