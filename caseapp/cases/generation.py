"""The publication generation: one number that every change to public data bumps, in the same
transaction as the change, so that whatever is cached under it is never stale.

Saves and deletes of cases, events, actors, roles, citations, sources, places and images
bump it through signals (`connect_signals`, called when the app is ready). Writes that bypass
signals — `bulk_create`, `QuerySet.update`, raw SQL in `generate_events` or `import_events` —
must call `bump()` themselves, inside their transaction.

    counts = cached("case-counts", case.pk, compute=lambda: ...)
"""

import hashlib
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, signals

T = TypeVar("T")

# The generation read for the request being answered (`GenerationMiddleware`).
_request_memo: ContextVar[dict | None] = ContextVar("publication_generation", default=None)

# How long a cached value may live at most; a bump makes it unreachable long before.
_TIMEOUT = 60 * 60 * 24
# Models whose changes can alter public pages, feeds, exports or the embed.
_PUBLIC_MODELS = [
    ("cases", "Case"),
    ("cases", "Event"),
    ("cases", "Participation"),
    ("cases", "Citation"),
    ("cases", "Source"),
    ("cases", "Place"),
    ("cases", "Image"),
    ("actors", "Actor"),
]


def _model():
    return apps.get_model("cases", "PublicationGeneration")


def current() -> str:
    """The generation as a key: the row's token and value (one small query, once a request)."""
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    row = _model().objects.values_list("token", "value").first()
    if row is None:
        row = _create()
    value = f"{row[0]}:{row[1]}"
    if memo is not None:
        memo["generation"] = value
    return value


class GenerationMiddleware:
    """Reads the generation at most once per request: a page's cached parts then also agree
    on one generation."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def bump() -> None:
    """Count one more change. Inside the caller's transaction: a rollback undoes it too."""
    if not _model().objects.filter(pk=1).update(value=F("value") + 1):
        _create(value=1)


def _create(value: int = 0) -> tuple[str, int]:
    with transaction.atomic():
        row, _created = _model().objects.get_or_create(
            pk=1, defaults={"token": secrets.token_hex(8), "value": value}
        )
    return row.token, row.value


def cached(*key: object, compute: Callable[[], T]) -> T:
    """`compute()`, or its value cached under this key and the current generation."""
    # Hashed: keys hold visitors' filters, of any length and in any script.
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).hexdigest()
    full_key = f"casefile:{current()}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, _TIMEOUT)
    return value


def _bump_on_change(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the restore that follows brings its own generation
    bump()


def connect_signals() -> None:
    for label, name in _PUBLIC_MODELS:
        model = apps.get_model(label, name)
        signals.post_save.connect(_bump_on_change, sender=model, dispatch_uid=f"gen-{name}")
        signals.post_delete.connect(_bump_on_change, sender=model, dispatch_uid=f"gen-d-{name}")
    subjects = apps.get_model("cases", "Case").subjects.through
    signals.m2m_changed.connect(_bump_on_change, sender=subjects, dispatch_uid="gen-subjects")
