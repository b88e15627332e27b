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
