import io

import pytest
from django.core.management import call_command

from caseapp.cases.models import Case


@pytest.fixture
def demo_case(db) -> Case:
    """The Bilash case as `make run` loads it."""
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
    return Case.objects.get(slug="serikzhan-bilash")


@pytest.fixture
def visitor(client):
    """An anonymous reader of the public site."""
    return client


def _signed_in_as(username: str, role: str):
    """A browser session of a new staff user holding `role`, granted as the README says."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_user(username, f"{username}@example.org")
    call_command("grant_role", username, role, stdout=io.StringIO())
    session = Client()
    session.force_login(user)
    session.user = user
    return session


@pytest.fixture
def editor(db):
    """An NGO editor signed in to admin: writes drafts and submits them for review."""
    return _signed_in_as("erin", "editor")


@pytest.fixture
def publisher(db):
    """A publisher signed in to admin: also publishes and unpublishes."""
    return _signed_in_as("pat", "publisher")
