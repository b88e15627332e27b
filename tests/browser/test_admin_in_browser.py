import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_can_sign_in_to_admin_under_the_strict_policy(live_server, page, csp_violations):
    get_user_model().objects.create_superuser("root", "root@example.org", "a long pass phrase 42")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a long pass phrase 42")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Events").first.click()
    expect(page.get_by_role("heading", name="Select event to change")).to_be_visible()
    assert csp_violations == []


def test_with_two_factor_an_editor_signs_in_with_one_form(
    live_server, page, csp_violations, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    user = get_user_model().objects.create_superuser(
        "root", "root@example.org", "a long pass phrase 42"
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a long pass phrase 42")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Events").first.click()
    expect(page.get_by_role("heading", name="Select event to change")).to_be_visible()
    assert csp_violations == []
