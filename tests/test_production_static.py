"""In production static files are collected with hashed names; every page must find its own."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

PAGES = [
    "/",
    "/cases/serikzhan-bilash/",
    "/cases/serikzhan-bilash/events/bilash-arrested/",
    "/timeline/",
    "/actors/",
    "/actors/serikzhan-bilash/",
    "/embed/cases/serikzhan-bilash/",
    "/embed.js",
    "/admin/login/",
    "/no-such-page/",
]


@pytest.fixture
def hashed_static(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    storage = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": storage}):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        yield tmp_path


@pytest.mark.parametrize("path", PAGES)
def test_every_page_finds_its_hashed_static_files(demo_case, visitor, hashed_static, path):
    response = visitor.get(path)
    assert response.status_code in (200, 404)
    if "html" in response["Content-Type"]:
        page = response.content.decode()
        assert "/static/" in page
        assert "/static/css/casefile.css" not in page
