"""The data licence (`DATA_LICENSE_URL`) where people and programs meet the data: the case
page's line, the JSON export's `license`, and a `Link: rel="license"` header on downloads."""

import json

import pytest

from caseapp.opendata.exports import SCHEMA_VERSION
from tests.factories import make_case, make_event

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def case():
    case = make_case(slug="licensed")
    make_event(case)
    return case


def test_the_case_page_names_the_licence_beside_the_downloads(client, case):
    html = client.get(case.get_absolute_url()).content.decode()

    assert f'Data licence: <a rel="license" href="{CC_BY}">CC BY 4.0</a>' in html


def test_the_json_export_names_its_licence(client, case):
    response = client.get("/cases/licensed/export.json")
    document = json.loads(b"".join(response.streaming_content))

    assert document["license"] == CC_BY
    assert SCHEMA_VERSION == document["schema_version"] == "1.4"


@pytest.mark.parametrize("download", ["export.json", "export.csv", "timelinejs.json"])
def test_every_download_names_its_licence_in_a_link_header(client, case, download):
    response = client.get(f"/cases/licensed/{download}")

    assert response.status_code == 200
    assert response["Link"] == f'<{CC_BY}>; rel="license"'
    assert client.head(f"/cases/licensed/{download}")["Link"] == response["Link"]
