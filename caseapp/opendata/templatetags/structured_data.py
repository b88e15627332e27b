"""schema.org JSON-LD for every public page, so search engines can read what the page is about.

    {% load structured_data %}
    {% website_jsonld %}                    home: the site, published by the organisation
    {% collection_page_jsonld _("Actors") %}  a list page (directory, timeline): a CollectionPage
    {% case_jsonld case %}                  a case page: the case as a Dataset with its downloads
    {% case_sources_jsonld case %}          a case's sources page: a CollectionPage about it
    {% event_jsonld event %}                an event page: the event, its dates, place, people
    {% source_jsonld source %}              a source page: the document, a CreativeWork
    {% actor_jsonld actor %}                an actor profile: a ProfilePage about a Person or
                                            an Organization
    {% data_licence as licence %}           the data licence's `url` and `name`, for people

A thing has one `@id` on every page, its page's absolute address (a case, an event, an actor,
a source); list pages are themselves the thing. So a reader joining blocks across pages meets
one node per thing, and a block names each thing once. Every block is as small as its record:
nothing in it grows with the number of events; a list is referred to by its address.

Each tag writes one `<script type="application/ld+json">` data block (CSP lets it be: it is not
script) with `<`, `>` and `&` escaped as `\\u003C` and so on, as `json_script` does, so no text an
editor types can close the element. A record that is not public gives nothing.
"""

import json
from collections.abc import Callable, Iterable

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

# `Case` is a case of the record here; SQL's CASE is `Choose`.
from django.db.models import Case as Choose
from django.db.models import F, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases import generation
from caseapp.cases.dates import iso_text
from caseapp.cases.models import Case, Citation, Event, Place, Source
from caseapp.cases.queries import case_facts, public_participations
from caseapp.cases.text import plain_excerpt
from caseapp.opendata.licence import data_licence

register = template.Library()

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_PERSON_KINDS = {ActorKind.PERSON}
# Descriptions are cut here: a summary is a paragraph or two, not the whole record.
_DESCRIPTION_LENGTH = 5000

Absolute = Callable[[str], str]


# `{% data_licence as licence %}`: `licence.url` and `licence.name` for the case page's line.
register.simple_tag(data_licence, name="data_licence")


@register.simple_tag(takes_context=True)
def website_jsonld(context: template.Context) -> SafeString:
    absolute = _absolute(context)
    return _script(
        {
            "@type": "WebSite",
            **_website_ref(absolute),
            "url": absolute(reverse("cases:home")),
            "name": _("Casefile"),
            "inLanguage": translation.get_language(),
            "publisher": _organization(absolute),
        }
    )


@register.simple_tag(takes_context=True)
def collection_page_jsonld(context: template.Context, name: str) -> SafeString:
    """A list page (the directory, the timeline of all cases): its address without the
    filters or the page number, which choose within the same collection."""
    absolute = _absolute(context)
    return _script(_collection_page(absolute, context["request"].path, str(name)))


@register.simple_tag(takes_context=True)
def case_sources_jsonld(context: template.Context, case: Case) -> SafeString:
    if not case.is_published:
        return mark_safe("")
    absolute = _absolute(context)
    page = reverse("cases:case-sources", args=[case.slug])
    data = _collection_page(absolute, page, f"{_('Sources')} · {case.title}")
    data["about"] = {"@id": absolute(case.get_absolute_url())}
    return _script(data)


@register.simple_tag(takes_context=True)
def case_jsonld(context: template.Context, case: Case) -> SafeString:
    if not case.is_published:
        return mark_safe("")
    absolute = _absolute(context)
    facts = case_facts(case)
    organization = _organization(absolute)
    data = {
        **_dataset_ref(case, absolute),
        "description": plain_excerpt(case.summary_html, _DESCRIPTION_LENGTH) or case.title,
        "dateModified": case.updated_at,
        "license": settings.DATA_LICENSE_URL,
        "isAccessibleForFree": True,
        "creator": organization,
        "publisher": {"@id": organization["@id"]},
        "isPartOf": _website_ref(absolute),
        "about": [_actor(actor, absolute) for actor in case.subjects.all() if actor.is_published],
        "spatialCoverage": [_place(place) for place in facts["places"]],
        "distribution": [
            _download(
                absolute(reverse("opendata:case-json", args=[case.slug])), "application/json"
            ),
            _download(absolute(reverse("opendata:case-csv", args=[case.slug])), "text/csv"),
        ],
    }
    if coverage := _temporal_coverage(case, facts["span"]):
        data["temporalCoverage"] = coverage
    return _script(data)


@register.simple_tag(takes_context=True)
def event_jsonld(context: template.Context, event: Event) -> SafeString:
    if not (event.is_published and event.case.is_published):
        return mark_safe("")
    absolute = _absolute(context)
    participations = public_participations().filter(event=event)
    # In the order the page cites them (Citation.Meta.ordering: by position).
    citations = Citation.objects.filter(event=event).select_related("source")
    data = {
        "@type": "Event",
        "@id": absolute(event.get_absolute_url()),
        "url": absolute(event.get_absolute_url()),
        "name": event.title,
        "description": plain_excerpt(event.summary_html, _DESCRIPTION_LENGTH) or event.title,
        "startDate": event.start_iso,
        "attendee": [_role(item.actor, item.role, absolute) for item in participations],
        "subjectOf": [
            _dataset_ref(event.case, absolute),
            *(_creative_work(source, absolute) for source in _each_once(citations)),
        ],
    }
    if event.end_date:
        data["endDate"] = event.end_iso
    if event.place:
        data["location"] = _place(event.place)
    return _script(data)


@register.simple_tag(takes_context=True)
def source_jsonld(context: template.Context, source: Source) -> SafeString:
    """A source's page is about the document: a CreativeWork (its view checked it is public)."""
    absolute = _absolute(context)
    data = _creative_work(source, absolute)
    data["mainEntityOfPage"] = data["@id"]
    if source.archived_url:
        data["archivedAt"] = source.archived_url
    return _script(data)


@register.simple_tag(takes_context=True)
def actor_jsonld(context: template.Context, actor: Actor) -> SafeString:
    """An actor's profile: a ProfilePage whose main entity is the actor, under the same `@id`
    the case and event blocks give them."""
    if not actor.is_published:
        return mark_safe("")
    absolute = _absolute(context)
    person = _actor(actor, absolute)
    if actor.alias_list:
        person["alternateName"] = actor.alias_list
    if actor.bio_html:
        person["description"] = plain_excerpt(actor.bio_html, _DESCRIPTION_LENGTH)
    if actor.country:
        person.update(_country(actor))
    if actor.link_list:
        person["sameAs"] = actor.link_list
    return _script(
        {
            "@type": "ProfilePage",
            "url": person["url"],
            "name": actor.name,
            "inLanguage": translation.get_language(),
            "isPartOf": _website_ref(absolute),
            "mainEntity": person,
        }
    )


def _absolute(context: template.Context) -> Absolute:
    request = context.get("request")
    return request.build_absolute_uri if request is not None else str


def _organization(absolute: Absolute) -> dict:
    """Who publishes the record (`SITE_ORGANIZATION_NAME`/`_URL`); the site's root stands for
    them when they have no address of their own."""
    url = settings.SITE_ORGANIZATION_URL or absolute("/")
    return {
        "@type": "Organization",
        "@id": f"{url}#organization",
        "name": settings.SITE_ORGANIZATION_NAME,
        "url": url,
    }


def _website_ref(absolute: Absolute) -> dict:
    # The root, not the language's home page: the site is one in every language.
    return {"@id": f"{absolute('/')}#website"}


def _collection_page(absolute: Absolute, path: str, name: str) -> dict:
    return {
        "@type": "CollectionPage",
        "@id": absolute(path),
        "url": absolute(path),
        "name": name,
        "inLanguage": translation.get_language(),
        "isPartOf": _website_ref(absolute),
    }


def _dataset_ref(case: Case, absolute: Absolute) -> dict:
    """How every block names a case: what the case page's own block says first."""
    return {
        "@type": "Dataset",
        "@id": absolute(case.get_absolute_url()),
        "url": absolute(case.get_absolute_url()),
        "name": case.title,
    }


def _actor(actor: Actor, absolute: Absolute) -> dict:
    return {
        "@type": "Person" if actor.kind in _PERSON_KINDS else "Organization",
        "@id": absolute(actor.get_absolute_url()),
        "name": actor.name,
        "url": absolute(actor.get_absolute_url()),
    }


def _country(actor: Actor) -> dict:
    """A person's nationality; an organisation's country, as schema.org says it: an address."""
    if actor.kind in _PERSON_KINDS:
        return {"nationality": {"@type": "Country", "name": str(actor.country.name)}}
    return {"address": {"@type": "PostalAddress", "addressCountry": actor.country.code}}


def _role(actor: Actor, role: str, absolute: Absolute) -> dict:
    """schema.org's Role pattern: the actor, with what they did in the event."""
    return {"@type": "Role", "roleName": role, "attendee": _actor(actor, absolute)}


def _place(place: Place) -> dict:
    data = {"@type": "Place", "name": place.name}
    if place.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": place.country.code}
    return data


def _download(url: str, encoding_format: str) -> dict:
    return {
        "@type": "DataDownload",
        "contentUrl": url,
        "encodingFormat": encoding_format,
        "license": settings.DATA_LICENSE_URL,
    }


def _each_once(citations: Iterable[Citation]) -> list[Source]:
    """The cited sources in the order first cited: an event citing one source at two places
    (two locators) names it once."""
    return list({citation.source_id: citation.source for citation in citations}.values())


def _creative_work(source: Source, absolute: Absolute) -> dict:
    """A source, named by its page on the site; `url` is the document itself."""
    data = {
        "@type": "CreativeWork",
        "@id": absolute(source.get_absolute_url()),
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "inLanguage": source.language,
    }
    if source.url:
        data["url"] = source.url
    if source.published_on:
        data["datePublished"] = source.published_on
    return data


def _temporal_coverage(case: Case, span: dict) -> str:
    """The case's period as an ISO 8601 interval at the precision of its dates ("2017-04/..":
    from April 2017, still going on), counted once per publication generation."""
    if not span["first"]:
        return ""
    start, end = generation.cached("case-coverage", case.pk, compute=lambda: _period_ends(case))
    # An event still going on leaves the end open ("..", ISO 8601-2 intervals).
    return f"{start}/{'..' if span['ongoing'] else end}"


def _period_ends(case: Case) -> tuple[str, str]:
    """The earliest start and the latest end of the case's published events, each as the
    sources give it: a year stays `2017`, a month `2017-04`, never a day made up. One query:
    the two events are found by the indexes on `range_start` and `range_end`."""
    events = Event.objects.published().filter(case=OuterRef("pk")).order_by()
    first = events.order_by("range_start", "pk")
    last = events.filter(range_end__isnull=False).order_by("-range_end", "pk")
    # The last event's end, or its start when it has no end date of its own.
    last_end = Coalesce("end_date", "start_date")
    last_precision = Choose(
        When(end_date__isnull=False, then=F("end_precision")), default=F("start_precision")
    )
    ends = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            first_date=Subquery(first.values("start_date")[:1]),
            first_precision=Subquery(first.values("start_precision")[:1]),
            last_date=Subquery(last.annotate(on=last_end).values("on")[:1]),
            last_precision=Subquery(last.annotate(at=last_precision).values("at")[:1]),
        )
        .values("first_date", "first_precision", "last_date", "last_precision")
        .get()
    )
    if ends["first_date"] is None:
        return "", ""
    start = iso_text(ends["first_date"], ends["first_precision"])
    if ends["last_date"] is None:
        return start, ""
    return start, iso_text(ends["last_date"], ends["last_precision"])


def _script(data: dict) -> SafeString:
    data = {"@context": "https://schema.org", **data}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe: the three characters that could end the element or start markup are escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
