import io
import os

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from caseapp.cases.models import Case

# Hypothesis's full count of examples in CI (.ci/run sets HYPOTHESIS_PROFILE=ci), a tenth in a
# local run, where the fuzz tests (tests/test_fuzz.py) would otherwise take most of its time.
hypothesis_settings.register_profile("ci", max_examples=100)
hypothesis_settings.register_profile("dev", max_examples=10)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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


@pytest.fixture
def large_case(db) -> Case:
    """A published case of 200 events, each with three actors in roles and two citations."""
    import datetime

    from tests.factories import make_actor, make_case, make_event, make_place, make_source

    case = make_case(slug="large-case", title="A large case")
    actors = [make_actor() for _ in range(10)]
    sources = [make_source() for _ in range(5)]
    places = [make_place(country="KZ") for _ in range(4)]
    for n in range(200):
        make_event(
            case,
            start_date=datetime.date(2000 + n // 12, n % 12 + 1, 1),
            start_precision="month",
            place=places[n % 4],
            actors=[
                (actors[n % 10], "subject"),
                (actors[(n + 1) % 10], "authority"),
                (actors[(n + 2) % 10], "witness"),
            ],
            sources=[sources[n % 5], sources[(n + 1) % 5]],
        )
    return case


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts cached under a publication generation by one test are not another's: a rolled
    back test leaves the generation where it found it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
