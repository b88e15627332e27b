"""`manage.py create_editor`: a new staff account with a role, its password asked twice."""

import getpass
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "a long pass phrase 42"


class Terminal(list):
    """What the person at the terminal types at each password prompt, in order; `prompts` are
    the prompts they saw. Past the last answer they press Ctrl-D."""

    def __init__(self) -> None:
        super().__init__()
        self.prompts: list[str] = []

    def getpass(self, prompt: str = "Password: ", stream=None) -> str:
        self.prompts.append(prompt)
        if not self:
            raise EOFError
        return self.pop(0)


@pytest.fixture
def typed(monkeypatch) -> Terminal:
    terminal = Terminal()
    monkeypatch.setattr(getpass, "getpass", terminal.getpass)
    return terminal


def create(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_editor", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_creates_an_editor_who_can_sign_in(typed, client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    typed += [PASSWORD, PASSWORD]

    output, _ = create("alice", "--role", "editor", "--email", "alice@example.org")

    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert alice.email == "alice@example.org"
    assert alice.has_perm("cases.add_event") and not alice.has_perm("cases.publish_event")
    assert typed.prompts == ["Password: ", "Password (again): "]
    assert "Created alice, an editor." in output
    signed_in = client.post(
        "/admin/login/", {"username": "alice", "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_creates_a_publisher(typed):
    typed += [PASSWORD, PASSWORD]

    output, _ = create("pat", "--role", "Publisher")

    assert get_user_model().objects.get(username="pat").has_perm("cases.publish_event")
    assert "Created pat, a publisher." in output


def test_it_prints_the_next_steps_with_the_two_factor_device(typed, settings):
    settings.ADMIN_REQUIRE_2FA = True
    typed += [PASSWORD, PASSWORD]

    output, _ = create("alice", "--role", "editor")

    assert "manage.py add_totp_device alice" in output
    assert "signs in at /admin/" in output
    assert "Two-factor sign-in is off" not in output


def test_it_says_when_two_factor_sign_in_is_off_here(typed, settings):
    settings.ADMIN_REQUIRE_2FA = False
    typed += [PASSWORD, PASSWORD]

    output, _ = create("alice", "--role", "editor")

    assert "Two-factor sign-in is off on this server" in output


def test_it_asks_again_when_the_passwords_differ_or_are_weak(typed):
    typed += [PASSWORD, "a long pass phrase 43", "password", "password", PASSWORD, PASSWORD]

    _, errors = create("alice", "--role", "editor")

    assert "The two passwords did not match" in errors
    assert "This password is too short" in errors
    assert "This password is too common" in errors
    assert get_user_model().objects.get(username="alice").check_password(PASSWORD)


def test_it_gives_up_after_three_bad_passwords_and_creates_nothing(typed):
    typed += ["alice", "alice"] * 3

    with pytest.raises(CommandError, match="No acceptable password after 3 attempts"):
        create("alice", "--role", "editor")

    assert not get_user_model().objects.filter(username="alice").exists()


def test_it_creates_nothing_when_cancelled(typed):
    with pytest.raises(CommandError, match="Cancelled: no account was created"):
        create("alice", "--role", "editor")

    assert not get_user_model().objects.exists()


def test_it_refuses_an_existing_username(typed):
    existing = get_user_model().objects.create_user("alice", password=PASSWORD)

    with pytest.raises(CommandError, match=r"There is already a user 'alice'.*grant_role alice"):
        create("Alice", "--role", "publisher")

    existing.refresh_from_db()
    assert existing.check_password(PASSWORD) and not existing.is_staff
    assert get_user_model().objects.count() == 1
    assert typed.prompts == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alice", "--role", "admin"], "Unknown role 'admin': choose one of editor, publisher"),
        (["alice smith", "--role", "editor"], "Enter a valid username"),
        (["alice", "--role", "editor", "--email", "alice@"], "Enter a valid email address"),
    ],
    ids=["unknown role", "bad username", "bad email"],
)
def test_it_refuses_bad_input_before_asking_for_a_password(typed, args, message):
    with pytest.raises(CommandError, match=message):
        create(*args)

    assert typed.prompts == []
    assert not get_user_model().objects.exists()


def test_without_input_it_reads_the_password_from_the_environment(monkeypatch, typed):
    monkeypatch.setenv("CASEFILE_NEW_PASSWORD", PASSWORD)

    create("alice", "--role", "editor", "--no-input")

    assert get_user_model().objects.get(username="alice").check_password(PASSWORD)
    assert typed.prompts == []


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "CASEFILE_NEW_PASSWORD"), ("short", "This password is too short")],
    ids=["missing", "weak"],
)
def test_without_input_it_refuses_a_missing_or_weak_password(monkeypatch, password, message):
    monkeypatch.setenv("CASEFILE_NEW_PASSWORD", password)

    with pytest.raises(CommandError, match=message):
        create("alice", "--role", "editor", "--no-input")

    assert not get_user_model().objects.exists()
