"""Scale-out, exercised: two app servers on one PostgreSQL and one Redis. A publish through
one is seen through the other on the very next request; the cache and ETags are shared.

Runs on PostgreSQL (the CI's second pass) with Redis at CASEFILE_TEST_REDIS_URL (default
redis://127.0.0.1:6379/15, a database this test empties). Elsewhere it skips with the reason;
where CI or CASEFILE_REQUIRE_SERVICES is set (.ci/run), a PostgreSQL run without Redis
fails instead.
"""

import datetime
import http.client
import os
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from caseapp.cases.bench import ProductionServer
from caseapp.cases.models import Source
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_event
from tests.prerequisites import missing

REDIS_URL = os.environ.get("CASEFILE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CASE = "/cases/serikzhan-bilash/"
PASSWORD = "a long and unguessable password"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        missing(f"Redis does not answer at {REDIS_URL}: {error}", "CASEFILE_REQUIRE_SERVICES")
    return REDIS_URL


@pytest.fixture
def database_url():
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share PostgreSQL: run with DATABASE_URL=postgres://…")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class Browser:
    """A visitor or an editor talking to one server: cookies kept by hand, since production
    cookies are `Secure` and these servers speak plain HTTP on 127.0.0.1."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, data: dict | None = None, headers=None):
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        response.text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        client.close()
        return response

    def get(self, path: str, **headers):
        return self.request("GET", path, headers=headers)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def sign_in(self, username: str) -> None:
        token = self.csrf_token("/admin/login/")
        answer = self.request(
            "POST",
            "/admin/login/?next=/admin/",
            data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        assert answer.status == 302, answer.text[:2000]
        assert "sessionid" in self.cookies

    def publish_event(self, pk: int) -> None:
        token = self.csrf_token("/admin/cases/event/")
        answer = self.request(
            "POST",
            "/admin/cases/event/",
            data={
                "csrfmiddlewaretoken": token,
                "action": "publish",
                "_selected_action": [str(pk)],
                "post": "yes",
            },
        )
        assert answer.status == 302, answer.text[-3000:]


def test_a_publish_through_one_server_shows_through_the_other(demo_case, database_url, redis_url):
    draft = make_event(
        demo_case,
        title="A hearing published through the first server",
        start_date=datetime.date(2019, 6, 1),
        publication_status=PublicationStatus.DRAFT,
        sources=[Source.objects.first()],
    )
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    environment = {
        "DATABASE_URL": database_url,
        "CACHE_URL": redis_url,
        "PAGE_CACHE": "true",
        "ADMIN_REQUIRE_2FA": "false",
        # Closed after each request: the test database is dropped when the session ends.
        "CONN_MAX_AGE": "0",
    }
    with (
        ProductionServer(timeout=30, environment=environment) as one,
        ProductionServer(timeout=30, environment=environment) as other,
    ):
        visitor, editor, reader = Browser(other.port), Browser(one.port), Browser(one.port)
        before = visitor.get(CASE)
        assert before.status == 200
        assert draft.title not in before.text
        assert visitor.get(CASE).getheader("X-Cache") == "hit"
        # The servers share Redis: what one rendered, the other serves, with the same ETag.
        same = reader.get(CASE)
        assert same.getheader("X-Cache") == "hit"
        assert same.getheader("ETag") == before.getheader("ETag")
        assert reader.get(CASE, **{"If-None-Match": before.getheader("ETag")}).status == 304

        editor.sign_in("admin")
        editor.publish_event(draft.pk)

        after = visitor.get(CASE, **{"If-None-Match": before.getheader("ETag")})
        assert after.status == 200
        assert after.getheader("X-Cache") == "miss"
        assert draft.title in after.text
        # And the first server serves the new page the second just kept.
        again = reader.get(CASE)
        assert again.getheader("X-Cache") == "hit"
        assert draft.title in again.text
        event_page = reader.get(draft.get_absolute_url())
        assert event_page.status == 200
        # The editor's own requests are never kept nor served from the cache.
        assert editor.get(CASE).getheader("X-Cache") is None
