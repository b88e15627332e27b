"""Addresses of the pages that take slugs only, built at a fraction of `reverse()`'s cost.

A timeline page links every event, actor and case it names — a hundred links — and
`reverse()` resolves the pattern anew for each. `slug_url` reverses each view once (per URL
configuration, script prefix and language, so that it stays right under any of them) with
placeholders, and fills the slugs in: slugs hold only letters, digits, `-` and `_`, which an
address carries as they are.
"""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def slug_url(view_name: str, *slugs: str) -> str:
    """`reverse(view_name, args=slugs)` for views whose arguments are all slugs."""
    address = _pattern(view_name, len(slugs), get_urlconf(), get_script_prefix(), get_language())
    for number, slug in enumerate(slugs):
        address = address.replace(f"slug{number}placeholder", slug, 1)
    return address


@functools.lru_cache(maxsize=256)
def _pattern(view_name: str, count: int, urlconf, script_prefix: str, language) -> str:
    return reverse(view_name, args=[f"slug{number}placeholder" for number in range(count)])
