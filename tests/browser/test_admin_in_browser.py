import pytest
from django.contrib.auth import get_user_model
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
