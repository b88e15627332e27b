"""Every public page type's JSON-LD, read as a JSON-LD processor reads it.

PyLD expands each block against a schema.org context built from the schema.org vocabulary
that rdflib ships on PyPI (`rdflib.namespace.SDO`, generated from schema.org's
`schemaorg-current-https.jsonld`): every class and property is a term, and there is no
`@vocab`, so expansion drops any word schema.org does not have and the tests see it. Nothing is
fetched: the tests run without a network.
"""

import datetime
import io
import json
import re

import pytest
import rdflib.namespace
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from pyld import jsonld

from caseapp.cases.dates import Precision
from caseapp.opendata.licence import licence_name
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
VOCABULARY = frozenset(rdflib.namespace.SDO.__annotations__)
CONTEXT = {"@context": {"schema": SCHEMA, **{term: f"schema:{term}" for term in VOCABULARY}}}
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)

CASE = "/cases/serikzhan-bilash/"
PAGES = {
    "home": "/",
    "timeline": "/timeline/",
    "case": CASE,
    "case sources": f"{CASE}sources/",
    "event": f"{CASE}events/bilash-arrested/",
    "source": "/sources/stp-press-release-2019-03-19/",
    "actor directory": "/actors/?kind=person&page=1",
    "actor profile": "/actors/serikzhan-bilash/",
    "organisation profile": "/actors/atajurt/",
}


def schema_org_context(url: str, options=None) -> dict:
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def blocks_of(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, path
    return [json.loads(text) for text in BLOCK.findall(response.content.decode())]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> dict[str, dict[str, list[dict]]]:
    """Every page type's blocks on the demo case, then again with drafts beside it: read once
    for the module (loading the demo case is the slow part), and rolled back."""
    client = Client()
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
        published = {name: blocks_of(client, path) for name, path in PAGES.items()}
        _add_drafts()
        cache.clear()
        with_drafts = {name: blocks_of(client, path) for name, path in PAGES.items()}
        transaction.set_rollback(True)
    cache.clear()
    return {"published": published, "with drafts": with_drafts}


@pytest.fixture
def pages(rendered) -> dict[str, list[dict]]:
    return rendered["published"]


DRAFT_WORDS = ("Secret draft hearing", "Secret Draft Witness", "Secret draft memo", "Secret case")


def _add_drafts() -> None:
    """A draft event in the demo case citing a source no public event cites, with a draft
    actor who is also named a subject of the case, and a draft case."""
    from caseapp.cases.models import Case

    demo_case = Case.objects.get(slug="serikzhan-bilash")
    actor = make_actor(name="Secret Draft Witness", publication_status=PublicationStatus.DRAFT)
    make_event(
        demo_case,
        title="Secret draft hearing",
        publication_status=PublicationStatus.DRAFT,
        actors=[actor],
        sources=[make_source(title="Secret draft memo")],
        start_date=datetime.date(2010, 1, 1),
    )
    demo_case.subjects.add(actor)
    make_event(make_case(title="Secret case", publication_status=PublicationStatus.DRAFT))


def expanded(block: dict) -> list[dict]:
    return jsonld.expand(block, {"documentLoader": schema_org_context})


def values_in(document) -> int:
    """How many property values a document holds, in nested nodes too, whatever its form."""
    if isinstance(document, list):
        return sum(values_in(item) for item in document)
    if not isinstance(document, dict) or "@value" in document:
        return 0
    count = 0
    for key, value in document.items():
        if key.startswith("@"):
            continue
        count += len(value) if isinstance(value, list) else 1
        count += values_in(value)
    return count


def types_in(document) -> list[str]:
    if isinstance(document, list):
        return [found for item in document for found in types_in(item)]
    if not isinstance(document, dict):
        return []
    own = document.get("@type", [])
    return [*(own if isinstance(own, list) else [own]), *types_in(list(document.values()))]


def nodes_in(document) -> list[dict]:
    """Every node of a compact block that names itself with `@id`."""
    if isinstance(document, list):
        return [found for item in document for found in nodes_in(item)]
    if not isinstance(document, dict):
        return []
    own = [document] if "@id" in document else []
    return [*own, *nodes_in(list(document.values()))]


def test_every_public_page_type_says_what_it_is_in_schema_org_terms_only(pages):
    for name, blocks in pages.items():
        assert len(blocks) == 1, name
        block = blocks[0]
        result = expanded(block)

        # Expansion keeps every value of a term schema.org has, and drops any other.
        assert values_in(result) == values_in(block), name
        assert all(found.startswith(SCHEMA) for found in types_in(result)), name
    assert [pages[name][0]["@type"] for name in PAGES] == [
        "WebSite",
        "CollectionPage",
        "Dataset",
        "CollectionPage",
        "Event",
        "CreativeWork",
        "CollectionPage",
        "ProfilePage",
        "ProfilePage",
    ]


def test_a_thing_has_one_id_and_one_description_on_every_page(pages):
    seen: dict[str, dict] = {}
    for name, blocks in pages.items():
        for node in nodes_in(blocks):
            known = seen.setdefault(node["@id"], node)
            for key in ("@type", "name", "url"):
                if key in node and key in known:
                    assert node[key] == known[key], (name, node["@id"], key)

    bilash = "http://testserver/actors/serikzhan-bilash/"
    assert seen[bilash]["@type"] == "Person"
    assert pages["actor profile"][0]["mainEntity"]["@id"] == bilash
    assert "http://testserver/cases/serikzhan-bilash/" in seen


def test_an_event_names_a_source_it_cites_twice_once(pages):
    (event,) = pages["event"]
    sources = [item for item in event["subjectOf"] if item["@type"] == "CreativeWork"]

    assert [source["@id"] for source in sources] == [
        "http://testserver/sources/stp-press-release-2019-03-19/"
    ]
    (source_page,) = pages["source"]
    assert source_page["@id"] == sources[0]["@id"]
    assert {key: source_page[key] for key in sources[0]} == sources[0]


def test_the_case_dataset_names_its_licence_creator_and_publisher(pages):
    (dataset,) = pages["case"]

    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["isAccessibleForFree"] is True
    assert dataset["creator"] == {
        "@type": "Organization",
        "@id": "http://testserver/#organization",
        "name": "Casefile",
        "url": "http://testserver/",
    }
    assert dataset["publisher"] == {"@id": "http://testserver/#organization"}
    (website,) = pages["home"]
    assert website["publisher"] == dataset["creator"]
    assert website["@id"] == dataset["isPartOf"]["@id"] == "http://testserver/#website"


def test_dates_keep_the_precision_the_sources_give(pages):
    (dataset,) = pages["case"]
    # The first event is only known to the month: no first of April is made up.
    assert dataset["temporalCoverage"] == "2017-04/.."

    case = make_case()
    make_event(case, start_date=datetime.date(2016, 1, 1), start_precision=Precision.YEAR)
    make_event(
        case,
        start_date=datetime.date(2017, 3, 1),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2018, 1, 1),
        end_precision=Precision.YEAR,
    )
    (closed,) = blocks_of(Client(), case.get_absolute_url())
    assert closed["temporalCoverage"] == "2016/2018"


def test_an_actor_profile_is_a_profile_page_about_the_actor(pages):
    (profile,) = pages["actor profile"]
    person = profile["mainEntity"]

    assert profile["url"] == person["@id"] == person["url"]
    assert profile["inLanguage"] == "en"
    assert person["@type"] == "Person"
    assert person["name"] == "Serikzhan Bilash"
    assert "Serikjan Bilash" in person["alternateName"]
    assert person["nationality"] == {"@type": "Country", "name": "Kazakhstan"}
    assert "<" not in person["description"]

    (organisation,) = pages["organisation profile"]
    atajurt = organisation["mainEntity"]
    assert atajurt["@type"] == "Organization"
    assert atajurt["address"] == {"@type": "PostalAddress", "addressCountry": "KZ"}
    assert "nationality" not in atajurt


def test_an_actor_profile_lists_their_links_as_same_as(client):
    actor = make_actor(links="https://example.org/a\nhttps://example.org/b", country="")

    (profile,) = blocks_of(client, actor.get_absolute_url())

    assert profile["mainEntity"]["sameAs"] == ["https://example.org/a", "https://example.org/b"]
    assert "nationality" not in profile["mainEntity"]


def test_an_unpublished_actor_has_no_profile_to_describe(client):
    draft = make_actor(publication_status=PublicationStatus.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_nothing_unpublished_enters_any_block(rendered):
    for name, blocks in rendered["with drafts"].items():
        text = json.dumps(blocks, ensure_ascii=False)
        for word in DRAFT_WORDS:
            assert word not in text, (name, word)
    # The draft's early date does not stretch the case's period either.
    assert rendered["with drafts"]["case"] == rendered["published"]["case"]


def test_a_list_page_is_named_by_its_address_without_filters(pages):
    (directory,) = pages["actor directory"]

    assert directory["@id"] == directory["url"] == "http://testserver/actors/"
    assert directory["isPartOf"] == {"@id": "http://testserver/#website"}
    (sources,) = pages["case sources"]
    assert sources["about"] == {"@id": "http://testserver/cases/serikzhan-bilash/"}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"),
        ("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
        ("https://example.org/our-terms", "https://example.org/our-terms"),
    ],
)
def test_a_licence_is_named_for_people(url, name):
    assert licence_name(url) == name


@override_settings(
    DATA_LICENSE_URL="https://example.org/terms",
    SITE_ORGANIZATION_NAME="Rights Watch",
    SITE_ORGANIZATION_URL="https://rights.example.org/",
)
def test_the_licence_and_organisation_come_from_the_settings(client):
    case = make_case()
    make_event(case)

    (dataset,) = blocks_of(client, case.get_absolute_url())

    assert dataset["license"] == "https://example.org/terms"
    assert dataset["creator"]["name"] == "Rights Watch"
    assert dataset["creator"]["@id"] == "https://rights.example.org/#organization"
