"""A case as open data: the JSON document (`casefile-case/1`) and the CSV of its events.

Both are described field by field in docs/open-data.md; a change of meaning needs a new schema
version there and here. The CSV's cell formats are shared with `import_events`, which reads them
back: `encode_list`/`decode_list` for cells holding several items, `guard_formula` and
`unguard_formula` for cells a spreadsheet would run as a formula.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable

from django.utils import timezone

from caseapp.actors.models import Actor
from caseapp.cases.dates import iso_text
from caseapp.cases.models import Case, Event, Image, Place, Source

SCHEMA = "casefile-case/1"

# Turns a site path into an absolute address (`request.build_absolute_uri`).
Absolute = Callable[[str], str]

CSV_COLUMNS = [
    "slug",
    "title",
    "kind",
    "start",
    "start_precision",
    "start_qualifier",
    "end",
    "end_precision",
    "end_qualifier",
    "date_text",
    "milestone",
    "place",
    "place_name",
    "place_country",
    "summary",
    "actors",
    "actor_details",
    "sources",
    # `date_text` and `url` are for readers; the importer ignores them.
    "url",
]
# The fields of one item in the `sources` cell, in order: the source, then the citation.
SOURCE_FIELDS = [
    "url",
    "title",
    "publisher",
    "published_on",
    "kind",
    "language",
    "archived_url",
    "locator",
    "quote",
]
ACTOR_FIELDS = ["slug", "name", "kind"]


# ---------------------------------------------------------------- JSON


def case_document(case: Case, events: Iterable[Event], absolute: Absolute) -> dict:
    """The whole public record of a case: events, the published actors in them, their sources."""
    events = list(events)
    actors: dict[int, Actor] = {actor.pk: actor for actor in case.subjects.all()}
    sources: dict[int, Source] = {}
    for event in events:
        for participation in event.public_participations:
            actors.setdefault(participation.actor_id, participation.actor)
        for citation in event.citations.all():
            sources.setdefault(citation.source_id, citation.source)
    return {
        "schema": SCHEMA,
        "exported_at": _moment(timezone.now()),
        "case": _case_record(case, absolute),
        "events": [_event_record(event, absolute) for event in events],
        "actors": [
            _actor_record(actor, absolute) for actor in sorted(actors.values(), key=_by_slug)
        ],
        "sources": [_source_record(source) for source in sources.values()],
    }


def _by_slug(actor: Actor) -> str:
    return actor.slug


def _case_record(case: Case, absolute: Absolute) -> dict:
    return {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "url": absolute(case.get_absolute_url()),
        "subjects": sorted(actor.slug for actor in case.subjects.all()),
        "lead_image": _image_record(case.lead_image, absolute) if case.lead_image else None,
        "published_at": _moment(case.published_at),
        "updated_at": _moment(case.updated_at),
    }


def _event_record(event: Event, absolute: Absolute) -> dict:
    return {
        "slug": event.slug,
        "url": absolute(event.get_absolute_url()),
        "title": event.title,
        "kind": event.kind,
        "summary": event.summary,
        "start": _partial_date(event.start_date, event.start_precision, event.start_qualifier),
        "end": _partial_date(event.end_date, event.end_precision, event.end_qualifier)
        if event.end_date
        else None,
        "date_text": event.date_display,
        "approximate": event.is_approximate,
        "milestone": event.is_milestone,
        "place": _place_record(event.place) if event.place else None,
        "participants": [
            {"actor": item.actor.slug, "role": item.role, "note": item.note}
            for item in event.public_participations
        ],
        "citations": [
            {"source": item.source_id, "locator": item.locator, "quote": item.quote}
            for item in event.citations.all()
        ],
        "published_at": _moment(event.published_at),
        "updated_at": _moment(event.updated_at),
    }


def _partial_date(date: datetime.date, precision: str, qualifier: str) -> dict:
    return {"date": iso_text(date, precision), "precision": precision, "qualifier": qualifier}


def _place_record(place: Place) -> dict:
    return {"slug": place.slug, "name": place.name, "country": place.country.code or None}


def _actor_record(actor: Actor, absolute: Absolute) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country.code or None,
        "aliases": actor.alias_list,
        "bio": actor.bio,
        "links": actor.link_list,
        "url": absolute(actor.get_absolute_url()),
    }


def _source_record(source: Source) -> dict:
    # Editors' notes stay in the admin: they are not part of the public record.
    return {
        "id": source.pk,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "url": source.url,
        "archived_url": source.archived_url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "language": source.language,
    }


def _image_record(image: Image, absolute: Absolute) -> dict:
    return {
        "url": absolute(image.file.url) if image.file else None,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "caption_language": image.caption_language,
        "credit": image.credit,
        "licence": image.licence,
        "licence_url": image.licence_url,
        "source_url": image.source_url,
    }


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


# ---------------------------------------------------------------- CSV

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPES = {"%": "%25", ";": "%3B", "|": "%7C", "\n": "%0A", "\r": "%0D"}
_UNESCAPES = {code.lower(): char for char, code in _ESCAPES.items()}
_ESCAPE_CODE = re.compile(r"%(25|3b|7c|0a|0d)", re.IGNORECASE)
# `%` needs escaping only where it would otherwise read as one of our codes.
_NEEDS_ESCAPE = re.compile(r"[;|\n\r]|%(?=25|3b|7c|0a|0d)", re.IGNORECASE)


def guard_formula(value: str) -> str:
    """`=SUM(A1)` → `'=SUM(A1)`: the spreadsheet shows the text instead of running it.

    Values that already start with apostrophes before such a character get one more, so
    `unguard_formula` always gives back exactly what was written.
    """
    return f"'{value}" if _FORMULA_START.match(value) else value


def unguard_formula(value: str) -> str:
    return value[1:] if value.startswith("'") and _FORMULA_START.match(value) else value


def _escape(value: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda match: _ESCAPES[match.group(0)[0]], value)


def _unescape(value: str) -> str:
    return _ESCAPE_CODE.sub(lambda match: _UNESCAPES[match.group(0).lower()], value)


def encode_list(items: Iterable[Iterable[str]]) -> str:
    """Items separated by `; `, the fields of an item by ` | `; those characters (and line
    breaks) inside a value are written %3B, %7C, %0A."""
    return "; ".join(" | ".join(_escape(field) for field in item) for item in items)


def decode_list(cell: str) -> list[list[str]]:
    """The inverse of `encode_list`, forgiving about spaces around separators."""
    if not cell.strip():
        return []
    return [
        [_unescape(field.strip()) for field in item.split("|")]
        for item in cell.split(";")
        if item.strip()
    ]


def case_csv(events: Iterable[Event], absolute: Absolute) -> str:
    """One row per event, with a byte order mark so spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        row = _csv_row(event, absolute)
        writer.writerow({column: guard_formula(value) for column, value in row.items()})
    return buffer.getvalue()


def _csv_row(event: Event, absolute: Absolute) -> dict[str, str]:
    participations = event.public_participations
    actors = {item.actor.slug: item.actor for item in participations}
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "start": event.start_iso,
        "start_precision": event.start_precision,
        "start_qualifier": event.start_qualifier,
        "end": event.end_iso,
        "end_precision": event.end_precision if event.end_date else "",
        "end_qualifier": event.end_qualifier if event.end_date else "",
        "date_text": event.date_display,
        "milestone": "true" if event.is_milestone else "false",
        "place": event.place.slug if event.place else "",
        "place_name": event.place.name if event.place else "",
        "place_country": event.place.country.code if event.place else "",
        "summary": event.summary,
        "actors": "; ".join(f"{item.actor.slug}:{item.role}" for item in participations),
        "actor_details": encode_list(
            [actor.slug, actor.name, actor.kind] for actor in actors.values()
        ),
        "sources": encode_list(_citation_fields(citation) for citation in event.citations.all()),
        "url": absolute(event.get_absolute_url()),
    }


def _citation_fields(citation) -> list[str]:
    source = citation.source
    published_on = source.published_on.isoformat() if source.published_on else ""
    return [
        source.url,
        source.title,
        source.publisher,
        published_on,
        source.kind,
        source.language,
        source.archived_url,
        citation.locator,
        citation.quote,
    ]
