"""Signing in to admin: whose address is throttled, how long, and what a failure reveals."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseapp.security import client_ip
from tests.test_settings import PRODUCTION, manage

PASSWORD = "correct horse battery staple 7"
PROXY = "10.0.0.1"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("editor", "e@example.org", PASSWORD)


@pytest.fixture
def two_factor(settings, staff) -> TOTPDevice:
    """Two-factor sign-in on, and the editor's authenticator."""
    settings.ADMIN_REQUIRE_2FA = True
    return TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)


def sign_in(client, password=PASSWORD, address="198.51.100.7", otp_token=None, **headers):
    data = {"username": "editor", "password": password, "next": "/admin/"}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return client.post("/admin/login/", data, REMOTE_ADDR=address, **headers)


def behind_one_proxy(client, password=PASSWORD, *, client_address, forged=None, **extra):
    """A request through one proxy that appends the address it saw to X-Forwarded-For."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return sign_in(client, password, address=PROXY, HTTP_X_FORWARDED_FOR=forwarded, **extra)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


def page_without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


# The client's address


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "2001:db8::7", "2001:db8::7"),
        # Fewer entries than proxies: the request did not come the configured way.
        (2, "203.0.113.9", PROXY),
        (1, "", PROXY),
        (1, "6.6.6.6, not-an-address", PROXY),
    ],
)
def test_it_takes_the_address_the_trusted_proxies_saw(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR=PROXY)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(request) == expected


def test_rotating_x_forwarded_for_does_not_escape_the_lock(client, staff, settings):
    """The measured bypass: BEHIND_TLS_PROXY on, a new forged address for every guess."""
    settings.BEHIND_TLS_PROXY = True
    statuses = [
        sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(1, 9)
    ]
    assert statuses == [200] * 4 + [429] * 4


def test_behind_a_proxy_forged_entries_do_not_escape_the_lock(client, staff, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    statuses = [
        behind_one_proxy(
            client, "wrong", client_address="203.0.113.9", forged=f"10.0.0.{n}"
        ).status_code
        for n in range(1, 9)
    ]
    assert statuses == [200] * 4 + [429] * 4


def test_behind_a_proxy_one_visitor_cannot_lock_out_an_editor(client, staff, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _ in range(5):
        behind_one_proxy(client, "wrong", client_address="203.0.113.9")
    assert behind_one_proxy(client, client_address="203.0.113.9").status_code == 429
    assert behind_one_proxy(client, client_address="198.51.100.20").status_code == 302


@pytest.mark.parametrize("value", ["-1", "11", "two"])
def test_a_malformed_proxy_count_is_a_clear_error(value):
    result = manage("check", TRUSTED_PROXY_HOPS=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TRUSTED_PROXY_HOPS" in result.stderr


# The account-wide throttle


def test_guessing_from_many_addresses_throttles_the_account(client, staff):
    statuses = [
        sign_in(client, "wrong", address=f"203.0.113.{n}").status_code
        for n in range(5)
        for _ in range(4)
    ]
    # Four guesses from each of five addresses: the twentieth throttles the account.
    assert statuses == [200] * 19 + [429]
    # Even the right password from a new address waits.
    assert sign_in(client, address="198.51.100.20").status_code == 429


def test_the_account_throttle_lifts_after_fifteen_minutes(client, staff):
    for n in range(5):
        for _ in range(4):
            sign_in(client, "wrong", address=f"203.0.113.{n}")
    sixteen_minutes_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=sixteen_minutes_ago)
    assert sign_in(client, address="198.51.100.20").status_code == 302


def test_one_address_alone_cannot_throttle_the_account(client, staff):
    statuses = [sign_in(client, "wrong", address="203.0.113.9").status_code for _ in range(30)]
    assert statuses == [200] * 4 + [429] * 26
    # Attempts refused by the lock are not counted: the account as a whole is not throttled.
    assert sign_in(client, address="198.51.100.20").status_code == 302


# What a failure says


def test_the_sign_in_form_asks_for_the_code_with_the_password(client, two_factor):
    page = client.get("/admin/login/").content.decode()
    assert 'name="password"' in page
    assert 'name="otp_token"' in page
    assert 'autocomplete="one-time-code"' in page
    assert "otp_device" not in page


def test_a_right_password_with_a_valid_code_signs_in_at_once(client, staff, two_factor):
    response = sign_in(client, otp_token=current_code(two_factor))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_and_a_wrong_code_read_the_same(client, staff, two_factor):
    code = wrong_code(two_factor)
    wrong_password = sign_in(client, "wrong", otp_token=code)
    right_password = sign_in(client, otp_token=code)
    no_code = sign_in(client)
    assert page_without_csrf_token(wrong_password) == page_without_csrf_token(right_password)
    assert "Please enter the correct username, password and code" in right_password.text
    assert "select a device" not in right_password.text
    assert "_auth_user_id" not in client.session
    assert "Please enter the correct username, password and code" in no_code.text


def test_an_account_without_a_device_reads_the_same_as_a_wrong_password(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = True
    wrong_password = sign_in(client, "wrong", otp_token="123456")
    right_password = sign_in(client, otp_token="123456")
    assert page_without_csrf_token(wrong_password) == page_without_csrf_token(right_password)


def test_the_password_never_comes_back_in_the_page(client, staff, two_factor):
    response = sign_in(client, otp_token=wrong_code(two_factor))
    assert PASSWORD not in response.text


def test_wrong_codes_count_towards_the_lock(client, staff, two_factor):
    code = wrong_code(two_factor)
    statuses = [sign_in(client, otp_token=code).status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]


def test_a_code_signs_in_only_once(client, staff, two_factor):
    code = current_code(two_factor)
    assert sign_in(client, otp_token=code).status_code == 302
    client.post("/admin/logout/")
    assert sign_in(client, otp_token=code).status_code == 200


# Deploy checks


def test_check_deploy_warns_about_unsafe_sign_in_settings():
    result = manage(
        "check",
        "--deploy",
        **{
            **PRODUCTION,
            "DEBUG": "True",
            "ADMIN_REQUIRE_2FA": "false",
            "AXES_FAILURE_LIMIT": "0",
            "BEHIND_TLS_PROXY": "true",
            "TRUSTED_PROXY_HOPS": "0",
        },
    )
    output = result.stdout + result.stderr
    for check in ["security.W018", "casefile.W001", "casefile.W002", "casefile.W004"]:
        assert check in output


@pytest.mark.parametrize(
    ("setting", "value", "checks"),
    [
        ("AXES_FAILURE_LIMIT", 0, ["casefile.W002"]),
        # More per address than per account: the account limit is wrong too.
        ("AXES_FAILURE_LIMIT", 101, ["casefile.W002", "casefile.W003"]),
        ("AXES_ACCOUNT_FAILURE_LIMIT", 3, ["casefile.W003"]),
        ("AXES_ACCOUNT_FAILURE_LIMIT", 5000, ["casefile.W003"]),
    ],
)
def test_check_deploy_warns_about_absurd_limits(settings, setting, value, checks):
    from caseapp.checks import check_login_throttling

    assert check_login_throttling(None) == []
    setattr(settings, setting, value)
    assert [message.id for message in check_login_throttling(None)] == checks


def test_check_deploy_is_quiet_with_two_factor_on_and_the_proxy_counted(settings):
    from caseapp.checks import check_proxy_hops, check_two_factor_sign_in

    settings.ADMIN_REQUIRE_2FA = True
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_HOPS = 1
    assert check_two_factor_sign_in(None) == []
    assert check_proxy_hops(None) == []
