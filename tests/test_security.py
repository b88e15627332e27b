"""The security baseline: headers, login throttling and two-factor sign-in for editors."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("editor", "e@example.org", PASSWORD)


def sign_in(client, password=PASSWORD, **extra):
    data = {"username": "editor", "password": password, "next": "/admin/", **extra}
    return client.post("/admin/login/", data, REMOTE_ADDR="198.51.100.7")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cases/serikzhan-bilash/",
        "/cases/serikzhan-bilash/events/bilash-arrested/",
        "/actors/serikzhan-bilash/",
        "/cases/serikzhan-bilash/feed/",
        "/admin/login/",
        "/no-such-page/",
    ],
)
def test_every_response_carries_the_security_headers(client, demo_case, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_only_the_embed_may_be_framed_and_it_keeps_the_rest_of_the_policy(client, demo_case):
    response = client.get("/embed/cases/serikzhan-bilash/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors *" in csp
    assert "X-Frame-Options" not in response
    for directive in ["script-src 'self'", "object-src 'none'", "base-uri 'none'"]:
        assert directive in csp
    assert "unsafe-inline" not in csp


def test_it_locks_an_account_after_five_wrong_passwords(client, staff):
    for _ in range(4):
        assert sign_in(client, password="wrong").status_code == 200
    assert sign_in(client, password="wrong").status_code == 429
    # Even the right password is refused while the lock lasts.
    response = sign_in(client)
    assert response.status_code == 429
    assert not client.get("/admin/").context or "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_signs_in(client, staff):
    for _ in range(3):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_two_factor_required_a_password_alone_is_not_enough(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = sign_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_with_two_factor_required_the_code_signs_in(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = sign_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_two_factor_required_a_wrong_code_is_refused(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, otp_token=wrong)
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_in_development_two_factor_is_optional(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = False
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_add_totp_device_prints_a_code_to_scan(staff):
    out = io.StringIO()
    call_command("add_totp_device", "editor", stdout=out)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert device.config_url in out.getvalue()
    assert re.search(r"secret=[A-Z2-7]+", out.getvalue())
    assert device.verify_token(current_code(device))
