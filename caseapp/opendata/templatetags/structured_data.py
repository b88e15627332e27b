"""schema.org JSON-LD for case and event pages, so search engines can read what the page is about.

    {% load structured_data %}
    {% case_jsonld case %}     on a case page: the case as a Dataset with its downloads
    {% event_jsonld event %}   on an event page: the event with its dates, place and participants

Each tag writes one `<script type="application/ld+json">` data block (CSP lets it be: it is not
script) with `<`, `>` and `&` escaped as `\\u003C` and so on, as `json_script` does, so no text an
editor types can close the element. A record that is not public gives nothing.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.models import Case, Citation, Event, Place, Source
from caseapp.cases.queries import case_facts, public_participations
from caseapp.cases.text import plain_excerpt

register = template.Library()

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_PERSON_KINDS = {ActorKind.PERSON}


@register.simple_tag(takes_context=True)
def case_jsonld(context: template.Context, case: Case) -> SafeString:
    if not case.is_published:
        return mark_safe("")
    absolute = _absolute(context)
    facts = case_facts(case)
    span, places = facts["span"], facts["places"]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": absolute(case.get_absolute_url()),
        "url": absolute(case.get_absolute_url()),
        "name": case.title,
        "description": plain_excerpt(case.summary_html, 5000) or case.title,
        "dateModified": case.updated_at,
        "about": [_actor(actor, absolute) for actor in case.subjects.all() if actor.is_published],
        "spatialCoverage": [_place(place) for place in places],
        "distribution": [
            _download(
                absolute(reverse("opendata:case-json", args=[case.slug])), "application/json"
            ),
            _download(absolute(reverse("opendata:case-csv", args=[case.slug])), "text/csv"),
        ],
    }
    if span["first"]:
        # An event still going on leaves the end open ("..", ISO 8601 intervals).
        end = ".." if span["ongoing"] else span["last"].isoformat()
        data["temporalCoverage"] = f"{span['first'].isoformat()}/{end}"
    return _script(data)


@register.simple_tag(takes_context=True)
def event_jsonld(context: template.Context, event: Event) -> SafeString:
    if not (event.is_published and event.case.is_published):
        return mark_safe("")
    absolute = _absolute(context)
    participations = public_participations().filter(event=event)
    citations = Citation.objects.filter(event=event).select_related("source")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": absolute(event.get_absolute_url()),
        "url": absolute(event.get_absolute_url()),
        "name": event.title,
        "description": plain_excerpt(event.summary_html, 5000) or event.title,
        "startDate": event.start_iso,
        "attendee": [_role(item.actor, item.role, absolute) for item in participations],
        "subjectOf": [
            {
                "@type": "Dataset",
                "name": event.case.title,
                "url": absolute(event.case.get_absolute_url()),
            },
            *(_source(citation) for citation in citations),
        ],
    }
    if event.end_date:
        data["endDate"] = event.end_iso
    if event.place:
        data["location"] = _place(event.place)
    return _script(data)


def _absolute(context: template.Context):
    request = context.get("request")
    return request.build_absolute_uri if request is not None else str


def _actor(actor: Actor, absolute) -> dict:
    return {
        "@type": "Person" if actor.kind in _PERSON_KINDS else "Organization",
        "name": actor.name,
        "url": absolute(actor.get_absolute_url()),
    }


def _role(actor: Actor, role: str, absolute) -> dict:
    """schema.org's Role pattern: the actor, with what they did in the event."""
    return {"@type": "Role", "roleName": role, "attendee": _actor(actor, absolute)}


def _place(place: Place) -> dict:
    data = {"@type": "Place", "name": place.name}
    if place.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": place.country.code}
    return data


def _download(url: str, encoding_format: str) -> dict:
    return {"@type": "DataDownload", "contentUrl": url, "encodingFormat": encoding_format}


@register.simple_tag(takes_context=True)
def source_jsonld(context: template.Context, source: Source) -> SafeString:
    """A source's page is about the document: a CreativeWork (its view checked it is public)."""
    page = _absolute(context)(source.get_absolute_url())
    data = {"@context": "https://schema.org", **_creative_work(source), "@id": page}
    data["mainEntityOfPage"] = page
    if source.archived_url:
        data["archivedAt"] = source.archived_url
    return _script(data)


def _source(citation: Citation) -> dict:
    return _creative_work(citation.source)


def _creative_work(source: Source) -> dict:
    data = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "inLanguage": source.language,
    }
    if source.url:
        data["url"] = source.url
    if source.published_on:
        data["datePublished"] = source.published_on
    return data


def _script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe: the three characters that could end the element or start markup are escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
