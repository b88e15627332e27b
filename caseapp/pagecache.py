"""Whole public answers: compressed, kept under the publication generation, and answered with
`304 Not Modified` when the visitor (or a CDN) already holds them.

A view takes part when its URL pattern wraps it:

    path("cases/<slug:slug>/", public_page(views.case_detail), name="case"),
    path("embed/cases/<slug:slug>/", public_embed(views.case_widget), name="case"),

`public_page` is for HTML pages people read here (`PAGE_MAX_AGE`); `public_embed` for what
other sites and readers pull: the widget, feeds, exports, sitemaps (`EMBED_MAX_AGE`, longer).

`PageCacheMiddleware` keeps each 200 answer to a visitor who is not signed in, keyed by the
release, the publication generation (`caseapp.cases.generation`), the date, the scheme, the
validated host, the path and query (each language's page, /de/… or /…, is its own entry: the
language is in the path and nowhere else, caseapp/i18n.py), the htmx headers the views vary
on, and the content encoding. Every change to public data bumps the generation in its own
transaction, so the next request after a publish misses the old entries: nothing is ever
stale and nothing waits for a timeout. The ETag is that key's digest, so it is the same on
every app server and changes with the generation. Anyone with a session cookie (editors, staff
previews) gets a fresh, uncached answer.

`CompressionMiddleware` compresses those answers (Brotli or gzip, as the client asks). Public
pages carry no secrets — no CSRF token, no session — so compression cannot leak one (BREACH);
the admin is never compressed.
"""

import gzip
import hashlib
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import brotli
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)

from caseapp.cases import generation
from caseapp.cases.timeline import VARY_HEADERS
from caseapp.i18n import codes

# The request headers public views vary on (htmx asks for fragments with them); an answer that
# varies on any other is not kept.
KEY_HEADERS = VARY_HEADERS
_MAX_AGE_SETTING = "casefile_max_age_setting"
_TIMEOUT = 60 * 60 * 24
# Answers smaller than this are sent as they are: compressing would not pay.
_MIN_COMPRESS = 200
_COMPRESSIBLE = {
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "text/css",
    "text/csv",
    "text/html",
    "text/javascript",
    "text/plain",
    "text/xml",
}


def public_page(view: Callable) -> Callable:
    """A page people read on this site: cached, compressed, `max-age=PAGE_MAX_AGE`."""
    setattr(view, _MAX_AGE_SETTING, "PAGE_MAX_AGE")
    return view


def public_embed(view: Callable) -> Callable:
    """What other sites and readers pull (widget, feeds, exports): kept longer by browsers
    and CDNs, `max-age=EMBED_MAX_AGE`."""
    setattr(view, _MAX_AGE_SETTING, "EMBED_MAX_AGE")
    return view


def _max_age(request: HttpRequest) -> int | None:
    """How long browsers and CDNs may keep this request's answer; None when its view is not
    public. Resolved once per request."""
    if not hasattr(request, "_casefile_max_age"):
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            view = None
        setting = getattr(view, _MAX_AGE_SETTING, None)
        request._casefile_max_age = getattr(settings, setting) if setting else None
    return request._casefile_max_age


def _signed_in(request: HttpRequest) -> bool:
    # A session is the only thing that can make a public page differ between visitors.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def negotiated_encoding(request: HttpRequest) -> str:
    """ "br", "gzip" or "" (none), from the client's Accept-Encoding."""
    accepted = set()
    for part in request.headers.get("Accept-Encoding", "").lower().split(","):
        name, _, params = part.partition(";")
        quality = params.strip().removeprefix("q=")
        try:
            refused = params.strip().startswith("q=") and float(quality) == 0
        except ValueError:
            refused = True
        if not refused:
            accepted.add(name.strip())
    for encoding in ("br", "gzip"):
        if encoding in accepted:
            return encoding
    return ""


@lru_cache(maxsize=1)
def release() -> str:
    """What the deployed code is: `RELEASE`, or a digest of our code, templates and static
    files and of the settings that shape answers. The same on every server running the same
    code, different after any deploy that could change a page."""
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    # The compiled catalogues too: a deploy that only changes a translation changes pages.
    for folder in ("caseapp", "templates", "static", "locale"):
        root = Path(settings.BASE_DIR) / folder
        for path in sorted(root.rglob("*")):
            if (
                path.suffix in {".py", ".html", ".css", ".js", ".txt", ".svg", ".mo"}
                and path.is_file()
            ):
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    shaping = [settings.EMBED_ALLOWED_ORIGINS, settings.PAGE_MAX_AGE, settings.EMBED_MAX_AGE]
    shaping += [settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.STATIC_URL]
    shaping += [codes()]
    digest.update(repr(shaping).encode())
    return digest.hexdigest()[:16]


def _variant_digest(request: HttpRequest) -> str:
    """The digest of everything an answer depends on. `get_host()` validates the host first
    (an unknown one is a 400), so a forged Host header cannot plant a page for others."""
    parts = [
        release(),
        generation.current(),
        # Pages say how long ago things happened ("today", days in custody): a new day, new pages.
        timezone.localdate().isoformat(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        *(request.headers.get(name, "") for name in KEY_HEADERS),
        negotiated_encoding(request),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class PageCacheMiddleware:
    """Serves public answers from the cache, stores new ones, and answers conditional GETs."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        max_age = _max_age(request)
        if max_age is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if _signed_in(request):
            response = self.get_response(request)
            # What a signed-in editor sees is theirs alone: no shared cache may keep it.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        digest = _variant_digest(request)
        etag = f'"{digest[:32]}"'
        key = f"page:{digest}"
        entry = generation.cache_get(key) if settings.PAGE_CACHE else None
        if entry is not None:
            response = _restore(entry)
            response.headers["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _storable(response):
                return response
            response.headers["ETag"] = etag
            # A view may ask for less (or, like /embed.js, more) than its kind's default.
            max_age = get_max_age(response) if get_max_age(response) is not None else max_age
            patch_cache_control(
                response,
                public=True,
                max_age=max_age,
                stale_while_revalidate=max_age * 10,
                stale_if_error=_TIMEOUT,
            )
            if settings.PAGE_CACHE:
                _store(key, response)
                response.headers["X-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, response=response)


def _storable(response: HttpResponseBase) -> bool:
    """A 200 that sets no cookie, is not private, and varies on nothing beyond the key."""
    if response.status_code != 200 or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    keyed = {name.lower() for name in (*KEY_HEADERS, "Accept-Encoding")}
    varies = {name.lower() for name in cc_delim_re.split(response.get("Vary", "")) if name}
    return varies <= keyed


def _store(key: str, response: HttpResponseBase) -> None:
    headers = [item for item in response.items() if item[0] != "X-Cache"]
    if not response.streaming:
        if len(response.content) <= settings.PAGE_CACHE_MAX_BYTES:
            generation.cache_set(key, (response.status_code, headers, response.content))
        return
    response.streaming_content = _kept_while_sent(
        response.streaming_content, key, (response.status_code, headers)
    )


def _kept_while_sent(chunks: Iterator[bytes], key: str, head: tuple) -> Iterator[bytes]:
    """Sends a streamed answer on and keeps a copy, stored once complete if it is small."""
    kept: list[bytes] | None = []
    size = 0
    for chunk in chunks:
        yield chunk
        if kept is not None:
            size += len(chunk)
            if size <= settings.PAGE_CACHE_MAX_BYTES:
                kept.append(chunk)
            else:
                kept = None
    if kept is not None:
        status, headers = head
        generation.cache_set(key, (status, headers, b"".join(kept)))


def _restore(entry: tuple) -> HttpResponse:
    status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class CompressionMiddleware:
    """Brotli or gzip for public answers whose type compresses (HTML, JSON, CSV, XML, text)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if _max_age(request) is None:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = negotiated_encoding(request)
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        compressible = content_type in _COMPRESSIBLE or content_type.endswith(("+xml", "+json"))
        if not encoding or not compressible or response.has_header("Content-Encoding"):
            return response
        if response.streaming:
            response.streaming_content = _compressed_stream(response.streaming_content, encoding)
            del response.headers["Content-Length"]
        else:
            if len(response.content) < _MIN_COMPRESS:
                return response
            compressed = _compressed(response.content, encoding)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = encoding
        return response


def _compressed(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        # Quality 5: most of Brotli's gain for a few milliseconds on a large page.
        return brotli.compress(content, quality=5)
    # mtime=0: the same page compresses to the same bytes, so its ETag stays strong.
    return gzip.compress(content, compresslevel=6, mtime=0)


def _compressed_stream(chunks: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    if encoding == "br":
        compressor = brotli.Compressor(quality=5)
        for chunk in chunks:
            if data := compressor.process(chunk):
                yield data
        yield compressor.finish()
        return
    # One gzip member, written as the chunks come: the download starts before the end is known.
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        if data := compressor.compress(chunk):
            yield data
    yield compressor.flush()
