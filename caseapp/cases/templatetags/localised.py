"""`{% load localised %}`: counts grouped as the page's language groups numbers."""

from django import template

from caseapp import localised

register = template.Library()


@register.filter
def grouped(number: int | None) -> localised.Count | None:
    """A count for a sentence, still a number for `{% blocktranslate count %}`: `{%
    blocktranslate count counter=total|grouped %}` shows "1.234" in German, "1 234" in Russian."""
    return localised.grouped(number)
