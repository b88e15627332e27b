"""Which language a request is answered in, and the same page's address in every language.

The language is in the address and nowhere else: English at today's addresses (`/cases/…`),
the others under their code (`/de/cases/…`, `/ug/cases/…`; `i18n_patterns` in caseapp/urls.py,
without a prefix for English). No cookie is read or written and public pages never vary on
`Accept-Language`, so the page cache keys each language by its path alone. Django's
LocaleMiddleware would add `Vary: Accept-Language` to every unprefixed page, and fall back to a
cookie; `LanguageMiddleware` replaces it.

The admin and staff previews are the editor's: in the first language of the browser's
`Accept-Language` that the site has, English otherwise.

Templates: `{% load languages %}{% language_versions as versions %}` gives the switcher's links
and the `hreflang` alternates (base.html).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

register = template.Library()

# No filter takes a value longer than this (`q` is the longest, at 200 characters): the switcher
# leaves out longer ones, so a page refusing a huge value does not repeat it in five links.
LONGEST_ACCEPTED_VALUE = 200

# Each language's name in itself, as the switcher shows it (Django's own LANG_INFO says "Қазақ").
NATIVE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "ru": "Русский",
    "kk": "Қазақша",
    "ug": "ئۇيغۇرچە",
}


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def prefixed_language(path: str) -> str | None:
    """The language whose prefix `path` starts with (`/de/…` or `/de`), or None. English has
    none: `/en/…` is no language's address (and so a 404)."""
    segment = path.lstrip("/").partition("/")[0]
    if segment != settings.LANGUAGE_CODE and segment in codes():
        return segment
    return None


def unprefixed(path: str) -> str:
    """`path` as English has it: `/de/cases/x/` → `/cases/x/`."""
    language = prefixed_language(path)
    if language is None:
        return path
    return path[len(language) + 1 :] or "/"


def path_in(language: str, path: str) -> str:
    """The same page's path in `language`: `path_in("ru", "/de/cases/x/")` → `/ru/cases/x/`."""
    path = unprefixed(path)
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def url_in(language: str, url: str) -> str:
    """An address (absolute or not, query kept) of a public page, in `language`."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=path_in(language, parts.path)))


def editors_language(request: HttpRequest) -> str:
    """The first language of the browser's `Accept-Language` the site has, else the default."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


@lru_cache(maxsize=1)
def _editors_paths() -> tuple[str, ...]:
    return (reverse("admin:index"), "/preview/")


class LanguageMiddleware:
    """Activates the request's language for the rest of the request, then restores the one
    before (so a test client's next `reverse()` is not in the last page's language)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = prefixed_language(request.path_info)
        editors = language is None and request.path_info.startswith(_editors_paths())
        if editors:
            language = editors_language(request)
        language = language or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        if editors:
            # Never cached (signed in), but a proxy must not hand one editor's page to another.
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of the page being shown."""

    code: str
    # The language's name in itself: "Deutsch".
    name: str
    # The switcher's link: this very address in that language, its query kept (but for values
    # too long for any filter).
    url: str
    # The hreflang alternate: the page's canonical address in that language, absolute.
    alternate: str
    current: bool
    bidi: bool
    # English: also the `x-default` alternate, for readers of any other language.
    is_default: bool


@register.simple_tag(takes_context=True)
def language_versions(context: template.Context) -> list[LanguageVersion]:
    """This page in every language; none for a page rendered without a request (500, 503) or
    for a staff preview.

    The alternates follow the page's `canonical_url` (a later page of a timeline keeps its
    number, filters are left out), or its path when it has none (a 404)."""
    request = context.get("request")
    # A preview is the editor's, at an address no other language has.
    if request is None or request.path_info.startswith(_editors_paths()):
        return []
    canonical = context.get("canonical_url") or request.build_absolute_uri(request.path)
    current = translation.get_language()
    query = [
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if len(name) <= LONGEST_ACCEPTED_VALUE and len(value) <= LONGEST_ACCEPTED_VALUE
    ]
    asked = request.path + (f"?{urlencode(query)}" if query else "")
    return [
        LanguageVersion(
            code=code,
            name=NATIVE_NAMES.get(code, code),
            url=url_in(code, asked),
            alternate=url_in(code, canonical),
            current=code == current,
            bidi=translation.get_language_info(code)["bidi"],
            is_default=code == settings.LANGUAGE_CODE,
        )
        for code in codes()
    ]
