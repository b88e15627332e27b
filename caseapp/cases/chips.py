"""The chips above a filtered timeline, and the addresses that take filters off it.

A chip names one active filter ("Actor: Serikzhan Bilash") and links to the same timeline
without it; "Clear all" links to it without any. Each address keeps the request's other
parameters that have a value (an embed's theme, the other filters), in the order sent, and
never a facet's search text; removing a filter also leaves out the page, which it would move.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, pgettext_lazy

from caseapp.cases.facets import FACET_SEARCH_SUFFIX
from caseapp.cases.translated import localized_value, original_attributes

CHIP_NAMES = {
    "case": gettext_lazy("Case"),
    "actor": gettext_lazy("Actor"),
    "kind": gettext_lazy("Kind"),
    "place": gettext_lazy("Place"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "q": gettext_lazy("Words"),
}

# A chip in running text, as the embed's header lists the filters after "Filtered:"; a whole
# phrase per filter, so that a language can inflect the name, drop it, or put it after.
CHIP_PHRASES = {
    # Translators: a filter in a list after "Filtered:"; %(value)s is what it is set to.
    "case": pgettext_lazy("filter in running text", "case %(value)s"),
    "actor": pgettext_lazy("filter in running text", "actor %(value)s"),
    "kind": pgettext_lazy("filter in running text", "kind %(value)s"),
    "place": pgettext_lazy("filter in running text", "place %(value)s"),
    # Translators: %(value)s is a date as the visitor gave it: "2019", "April 2017", "9 March 2019".
    "from": pgettext_lazy("filter in running text", "from %(value)s"),
    "to": pgettext_lazy("filter in running text", "to %(value)s"),
    # Translators: %(value)s is the words searched for, in quotation marks.
    "q": pgettext_lazy("filter in running text", "words %(value)s"),
}


@dataclass(frozen=True)
class Chip:
    """An active filter, with the address of the same timeline without it, and the form field
    (`param`, and `param_value` for a choice) that removing it clears."""

    name: str
    value: str
    remove_url: str
    param: str = ""
    param_value: str = ""

    @property
    def in_text(self) -> SafeString:
        """The chip as a phrase in running text: "actor Serikzhan Bilash" (HTML: the value may
        be an untranslated name inside an element saying its language)."""
        phrase = conditional_escape(str(CHIP_PHRASES[self.param]))
        return mark_safe(phrase % {"value": conditional_escape(self.value)})


def chip(request: HttpRequest, param: str, words: str, param_value: str = "") -> Chip:
    """The chip of `param` (one of its values, `param_value`, for a choice) that says `words`.

    A record's name (`filters.Named`, with its translations) is shown in the page's language,
    or as the original inside `<span lang="en">`."""
    without = address_without(request, {param}, param_value or None, page=False)
    names = getattr(words, "names", None)
    if names is not None:
        text, lang = localized_value(names, str(words))
        words = format_html("<span{}>{}</span>", original_attributes(lang), text) if lang else text
    return Chip(str(CHIP_NAMES[param]), words, without, param, param_value)


def address_without(
    request: HttpRequest,
    left_out: Iterable[str],
    value: str | None = None,
    *,
    page: bool = True,
) -> str:
    """The request's address less the parameters `left_out` (or only their `value`), less the
    page unless `page`, and less every empty parameter and facet search."""
    left_out = set(left_out)
    query = QueryDict(mutable=True)
    for name, items in request.GET.lists():
        if name.endswith(FACET_SEARCH_SUFFIX) or (name == "page" and not page):
            continue
        for item in items:
            if item.strip() and not (name in left_out and (value is None or item.strip() == value)):
                query.appendlist(name, item)
    return f"{request.path}?{query.urlencode()}" if query else request.path
