"""The editors' admin site: two-factor sign-in where ADMIN_REQUIRE_2FA is on (production)."""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseapp.admin_saving import KeepsInputOnFailedSave


def _device_accepting(user, code: str) -> TOTPDevice | None:
    """The user's confirmed authenticator that accepts this code, if any.

    Locked rows, so one code cannot be used twice by simultaneous sign-ins; each device's own
    throttling (django-otp) slows guessing further after a wrong code.
    """
    if not code:
        return None
    with transaction.atomic():
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """Username, password and one-time code, checked in one submission.

    Whatever is wrong — password, code, or an account without a device — the answer is the same
    message, so the form never tells whether the password was right. A wrong code counts as a
    failed sign-in for login throttling, like a wrong password.
    """

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six-digit code from your authenticator app."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct username, password and code for a staff account. "
            "Note that the username and password may be case-sensitive."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        code = self.cleaned_data.get("otp_token", "")
        if username is None or not password:
            return self.cleaned_data
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise self.get_invalid_login_error()
        # Only a right password reaches the devices, so strangers cannot throttle them.
        device = _device_accepting(user, code.strip())
        if device is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": username}, request=self.request
            )
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(user)
        # django-otp marks the session verified when Django's login() sees this attribute.
        user.otp_device = device
        self.user_cache = user
        return self.cleaned_data


class CasefileAdminSite(OTPAdminSite):
    site_header = _("Casefile editors")
    site_title = _("Casefile")
    index_title = _("Cases, events and sources")
    # Ours (templates/admin/login.html), with the code field when the form has one.
    login_template = "admin/login.html"

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Every model's forms, ours and those of Django's apps, come back filled in when the
        database refuses a save (caseapp/admin_saving.py)."""
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, KeepsInputOnFailedSave):
            admin_class = type(
                admin_class.__name__,
                (KeepsInputOnFailedSave, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    # Read per request, so a test (or a settings change) can switch two-factor sign-in.
    @property
    def login_form(self):
        return (
            TwoFactorAuthenticationForm if settings.ADMIN_REQUIRE_2FA else AdminAuthenticationForm
        )

    def has_permission(self, request) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
