"""Names and numbers in the reader's language where the libraries stop short.

django-countries has no Kazakh or Uyghur country names and Django's language names are English
only (`global_settings.LANGUAGES`), so outside English both come from CLDR through Babel; English
keeps the names it has always shown. Counts are grouped as each language groups them ("1.234",
"1 234") wherever the interface shows a count, not globally: USE_THOUSAND_SEPARATOR would group
years and ids in attributes too.
"""

import functools

import babel
from django.conf import settings
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import get_language


@functools.cache
def _cldr(language: str) -> babel.Locale | None:
    try:
        return babel.Locale.parse(language.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError):
        return None


def _cldr_language() -> babel.Locale | None:
    # English keeps the names the libraries give (and the pages have always shown).
    language = get_language() or settings.LANGUAGE_CODE
    return None if language == settings.LANGUAGE_CODE else _cldr(language)


def country_name(code: str, original: str) -> str:
    """A country's name in the active language; `original` (django-countries' name) in English
    or where CLDR has none."""
    locale = _cldr_language()
    name = locale.territories.get(code) if locale else None
    return name or str(original)


def country_overrides() -> dict:
    """Every country of django-countries, named lazily in the language active when it is shown:
    for COUNTRIES_OVERRIDE, so fields, forms, the admin and `country.name` all follow."""
    from django_countries.data import COUNTRIES

    lazy_name = lazy(country_name, str)
    return {code: lazy_name(code, name) for code, name in COUNTRIES.items()}


def language_name(code: str, original: str) -> str:
    """A language's name in the active language, as in running text ("русский", "қазақ тілі");
    `original` (Django's English name) in English or where CLDR has none."""
    locale = _cldr_language()
    if locale is None:
        return str(original)
    tag = code.replace("-", "_")
    # Django's "zh-hans" and "en-au" are zh_Hans and en_AU in CLDR; a code CLDR lacks falls back
    # to its base language.
    base, _, rest = tag.partition("_")
    candidates = [tag, base]
    if rest:
        candidates.insert(0, f"{base}_{rest.upper() if len(rest) == 2 else rest.title()}")
    for candidate in candidates:
        if name := locale.languages.get(candidate):
            return name
    return str(original)


class Count(int):
    """A whole number that reads as the active language groups it ("1.234" in German), while it
    stays a number for plural choice and comparisons: `{% blocktranslate count counter=n|grouped
    %}` chooses "событий" by the number and shows "1 234"."""

    def __str__(self) -> str:
        if not _groups_counts(get_language() or settings.LANGUAGE_CODE):
            return int.__str__(self)
        return formats.number_format(int(self), force_grouping=True)


@functools.cache
def _groups_counts(language: str) -> bool:
    """False where the language's format module says COUNTS_GROUPED = False (English: its pages
    have always written "1234 events"), else True."""
    for module in formats.iter_format_modules(language, settings.FORMAT_MODULE_PATH):
        if hasattr(module, "COUNTS_GROUPED"):
            return module.COUNTS_GROUPED
    return True


def grouped(number: int | None) -> Count | None:
    """A count to show: grouped as the active language groups numbers."""
    return None if number is None else Count(number)
