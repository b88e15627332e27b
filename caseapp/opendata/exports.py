"""A case as open data: the JSON document (`casefile-case/1`) and the CSV of its events.

Both are described field by field in docs/open-data.md; a change of meaning needs a new schema
there and here, an addition a new `SCHEMA_VERSION` and an entry under "Changes".

Both carry every language. A record's own fields hold the original (English, the `_en`
columns, whatever language a page is read in); the JSON adds `translations`, the other
languages' texts where there are any, and the CSV a column per language and text.

The CSV's cell formats are shared with `import_events`, which reads them back:
`encode_list`/`decode_list` for cells holding several items, `guard_formula` and
`unguard_formula` for cells a spreadsheet would run as a formula.

Both are written as a stream of text pieces, event by event, so that the worker's memory stays
flat however large the case (`json_pieces`, `in_blocks`; TimelineJS uses them too).
"""

import csv
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from caseapp.actors.models import Actor
from caseapp.cases.dates import iso_text
from caseapp.cases.models import Case, Event, Image, Place, Source
from caseapp.cases.translated import ORIGINAL_LANGUAGE, TRANSLATION_LANGUAGES, localized
from caseapp.opendata.queries import CitedSource, actors_by_pk, chunked, sources_by_pk

SCHEMA = "casefile-case/1"
# Which additions to `SCHEMA` a file has: docs/open-data.md lists them under "Changes".
SCHEMA_VERSION = "1.4"

# Turns a site path into an absolute address (`request.build_absolute_uri`).
Absolute = Callable[[str], str]
# Turns a slug into the absolute address of its page (see `permalinks`).
Permalink = Callable[[str], str]

# What a streamed response sends at a time: large enough to keep writes few, small enough
# not to matter in memory.
BLOCK_SIZE = 64 * 1024

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
    # Every other language's title and summary, last, so the columns above keep their places.
    *(localized(field, lang) for lang in TRANSLATION_LANGUAGES for field in ("title", "summary")),
]
# The translated columns of the CSV; an import may leave them out.
TRANSLATED_CSV_COLUMNS = CSV_COLUMNS[CSV_COLUMNS.index("url") + 1 :]
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


def case_document(case: Case, events: Iterable[Event], absolute: Absolute) -> Iterator[str]:
    """The whole public record of a case: events, the published actors in them, their sources.

    Written piece by piece as the events come, so that a case of any size streams: the actors
    and sources come after the events, and only their keys are kept on the way. The text is
    exactly what `json.dumps(document, indent=2, ensure_ascii=False)` would give.
    """
    # Actors by primary key with their slug (the list is sorted by slug), sources in the order
    # they are first cited.
    actors: dict[int, str] = {actor.pk: actor.slug for actor in case.subjects.all()}
    cited: dict[int, None] = {}
    event_url = permalinks("cases:event", absolute, case.slug)

    def event_records() -> Iterator[dict]:
        for event in events:
            for role in event.public_roles:
                actors.setdefault(role.actor_id, role.actor_slug)
            for citation in event.cited:
                cited.setdefault(citation.source_id)
            yield _event_record(event, event_url)

    def actor_records() -> Iterator[dict]:
        actor_url = permalinks("actors:actor", absolute)
        by_slug = sorted(actors, key=actors.__getitem__)
        for keys in chunked(by_slug):
            found = actors_by_pk(keys)
            yield from (_actor_record(found[key], actor_url) for key in keys if key in found)

    def source_records() -> Iterator[dict]:
        source_page = permalinks("cases:source", absolute)
        for keys in chunked(list(cited)):
            found = sources_by_pk(keys)
            yield from (_source_record(found[key], source_page) for key in keys if key in found)

    return json_pieces(
        [
            ("schema", SCHEMA),
            ("schema_version", SCHEMA_VERSION),
            ("exported_at", _moment(timezone.now())),
            # The address of the licence the data is offered under (`DATA_LICENSE_URL`).
            ("license", settings.DATA_LICENSE_URL),
            ("case", _case_record(case, absolute)),
            ("events", event_records()),
            ("actors", actor_records()),
            ("sources", source_records()),
        ]
    )


def _case_record(case: Case, absolute: Absolute) -> dict:
    return {
        "slug": case.slug,
        "title": original(case, "title"),
        "summary": original(case, "summary"),
        "status": case.status,
        "status_as_of": case.status_as_of.isoformat() if case.status_as_of else None,
        "status_line": original(case, "status_line"),
        "url": absolute(case.get_absolute_url()),
        "subjects": sorted(actor.slug for actor in case.subjects.all()),
        "lead_image": _image_record(case.lead_image, absolute) if case.lead_image else None,
        "published_at": _moment(case.published_at),
        "updated_at": _moment(case.updated_at),
        "translations": translations(case, "title", "summary", "status_line"),
    }


def _event_record(event: Event, event_url: Permalink) -> dict:
    return {
        "slug": event.slug,
        "url": event_url(event.slug),
        "title": original(event, "title"),
        "kind": event.kind,
        "summary": original(event, "summary"),
        "start": _partial_date(event.start_date, event.start_precision, event.start_qualifier),
        "end": _partial_date(event.end_date, event.end_precision, event.end_qualifier)
        if event.end_date
        else None,
        "date_text": event.date_display,
        "approximate": event.is_approximate,
        "milestone": event.is_milestone,
        "place": _place_record(event.place) if event.place else None,
        "participants": [
            {"actor": item.actor_slug, "role": item.role, "note": item.note}
            for item in event.public_roles
        ],
        "citations": [_citation_record(item) for item in event.cited],
        "published_at": _moment(event.published_at),
        "updated_at": _moment(event.updated_at),
        "translations": translations(event, "title", "summary"),
    }


def _citation_record(citation: CitedSource) -> dict:
    texts = citation.quote_translations
    return {
        "source": citation.source_id,
        "locator": citation.locator,
        "quote": citation.quote,
        "quote_translation": texts.get(ORIGINAL_LANGUAGE, ""),
        "translations": {
            lang: {"quote_translation": texts[lang]}
            for lang in TRANSLATION_LANGUAGES
            if lang in texts
        },
    }


def _partial_date(date: datetime.date, precision: str, qualifier: str) -> dict:
    return {"date": iso_text(date, precision), "precision": precision, "qualifier": qualifier}


def _place_record(place: Place) -> dict:
    return {
        "slug": place.slug,
        "name": original(place, "name"),
        "country": place.country.code or None,
        "translations": translations(place, "name"),
    }


def _actor_record(actor: Actor, actor_url: Permalink) -> dict:
    return {
        "slug": actor.slug,
        "name": original(actor, "name"),
        "kind": actor.kind,
        "country": actor.country.code or None,
        "aliases": _lines(original(actor, "aliases")),
        "bio": original(actor, "bio"),
        "links": actor.link_list,
        "url": actor_url(actor.slug),
        "translations": translations(actor, "name", "aliases", "bio", lists=("aliases",)),
    }


def _source_record(source: Source, source_page: Permalink) -> dict:
    # Editors' notes stay in the admin: they are not part of the public record.
    return {
        "id": source.pk,
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "url": source.url,
        "archived_url": source.archived_url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "language": source.language,
        "page": source_page(source.slug),
    }


def _image_record(image: Image, absolute: Absolute) -> dict:
    return {
        "url": absolute(image.file.url) if image.file else None,
        "alt_text": original(image, "alt_text"),
        "caption": original(image, "caption"),
        "caption_language": image.caption_language,
        "credit": image.credit,
        "licence": image.licence,
        "licence_url": image.licence_url,
        "source_url": image.source_url,
        "translations": translations(image, "alt_text", "caption"),
    }


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def original(record: object, field: str) -> str:
    """The text as it was written (its `_en` column), in whatever language the request is."""
    return getattr(record, localized(field, ORIGINAL_LANGUAGE)) or ""


def translations(record: object, *fields: str, lists: tuple[str, ...] = ()) -> dict[str, dict]:
    """`{"de": {"title": …}, …}`: the record's texts in each other language, only those that
    are translated, and only languages with one. Fields in `lists` hold one item a line."""
    found = {}
    for lang in TRANSLATION_LANGUAGES:
        texts = {}
        for field in fields:
            if text := getattr(record, localized(field, lang)):
                texts[field] = _lines(text) if field in lists else text
        if texts:
            found[lang] = texts
    return found


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- CSV

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"),
# also behind whitespace of any kind (a no-break space too) or an invisible character, and
# in their full-width and other compatibility forms (＝ ＋ － ＠, which NFKC makes = + - @).
_FORMULA_SIGNS = ("=", "+", "-", "@")
# Apostrophes are skipped too: they are what the guard adds, so guarding stays reversible.
_SKIPPED = re.compile(r"['\s\u200b-\u200d\u2060\ufeff]*")
_CONTROL_START = re.compile(r"'*[\t\r]")
_ESCAPES = {"%": "%25", ";": "%3B", "|": "%7C", "\n": "%0A", "\r": "%0D"}
_UNESCAPES = {code.lower(): char for char, code in _ESCAPES.items()}
_ESCAPE_CODE = re.compile(r"%(25|3b|7c|0a|0d)", re.IGNORECASE)
# `%` needs escaping only where it would otherwise read as one of our codes.
_NEEDS_ESCAPE = re.compile(r"[;|\n\r]|%(?=25|3b|7c|0a|0d)", re.IGNORECASE)


def _runs_as_formula(value: str) -> bool:
    if _CONTROL_START.match(value):
        return True
    start = _SKIPPED.match(value).end()
    # A few characters suffice: NFKC turns one character into at most a few.
    visible = unicodedata.normalize("NFKC", value[start : start + 4])
    return visible.startswith(_FORMULA_SIGNS)


def guard_formula(value: str) -> str:
    """`=SUM(A1)` → `'=SUM(A1)`, ` ＝1` → `' ＝1`: the spreadsheet shows the text instead of
    running it.

    Values that already start with apostrophes before such a character get one more, so
    `unguard_formula` always gives back exactly what was written.
    """
    return f"'{value}" if _runs_as_formula(value) else value


def unguard_formula(value: str) -> str:
    return value[1:] if value.startswith("'") and _runs_as_formula(value) else value


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


class _Line:
    """Where the CSV writer writes: it hands each row back instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def case_csv(case: Case, events: Iterable[Event], absolute: Absolute) -> Iterator[str]:
    """One row per event, row by row, with a byte order mark so spreadsheets read it as UTF-8."""
    writer = csv.DictWriter(_Line(), fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    yield "\ufeff" + writer.writeheader()
    event_url = permalinks("cases:event", absolute, case.slug)
    for event in events:
        row = _csv_row(event, event_url)
        yield writer.writerow({column: guard_formula(value) for column, value in row.items()})


def _csv_row(event: Event, event_url: Permalink) -> dict[str, str]:
    roles = event.public_roles
    actors = {role.actor_slug: role for role in roles}
    return {
        "slug": event.slug,
        "title": original(event, "title"),
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
        "place_name": original(event.place, "name") if event.place else "",
        "place_country": event.place.country.code if event.place else "",
        "summary": original(event, "summary"),
        "actors": "; ".join(f"{role.actor_slug}:{role.role}" for role in roles),
        "actor_details": encode_list(
            [role.actor_slug, role.actor_name, role.actor_kind] for role in actors.values()
        ),
        "sources": encode_list(_citation_fields(citation) for citation in event.cited),
        "url": event_url(event.slug),
        **{column: getattr(event, column) or "" for column in TRANSLATED_CSV_COLUMNS},
    }


def _citation_fields(citation: CitedSource) -> list[str]:
    published_on = citation.published_on.isoformat() if citation.published_on else ""
    return [
        citation.url,
        citation.title,
        citation.publisher,
        published_on,
        citation.kind,
        citation.language,
        citation.archived_url,
        citation.locator,
        citation.quote,
    ]


# ---------------------------------------------------------------- streaming


def permalinks(view: str, absolute: Absolute, *args: str) -> Permalink:
    """`slug → absolute(reverse(view, args=[*args, slug]))` at the cost of one `reverse()`,
    which takes about 0.1 ms: seconds for the events of a large case."""
    marker = "slug-of-the-record"
    start, end = absolute(reverse(view, args=[*args, marker])).rsplit(marker, 1)
    return lambda slug: f"{start}{slug}{end}"


def json_pieces(members: Iterable[tuple[str, object]]) -> Iterator[str]:
    """A JSON object as `json.dumps(..., indent=2, ensure_ascii=False)` writes it, piece by
    piece. A member whose value is an iterator becomes an array written item by item, so
    neither the items nor the text need to be in memory at once; what comes before it is one
    piece, ready before the first item is asked for."""
    text = []
    separator = "{\n  "
    for key, value in members:
        text.append(f"{separator}{encode_basestring(key)}: ")
        if isinstance(value, Iterator):
            yield "".join(text)
            text = []
            yield from _array_pieces(value, "  ")
        else:
            text.append(_indented(value, "  "))
        separator = ",\n  "
    text.append("{}" if separator.startswith("{") else "\n}")
    yield "".join(text)


def _array_pieces(items: Iterator, indent: str) -> Iterator[str]:
    inner = indent + "  "
    separator = "[\n" + inner
    for item in items:
        yield separator + _indented(item, inner)
        separator = ",\n" + inner
    yield "[]" if separator.startswith("[") else f"\n{indent}]"


_LITERALS = {None: "null", True: "true", False: "false"}
_encode_other = DjangoJSONEncoder(ensure_ascii=False).encode
# The text of an object around its values, by indentation and keys: records of one kind share it.
_OBJECT_LAYOUTS: dict[tuple[str, ...], str] = {}


def _indented(value: object, indent: str) -> str:
    # Python's own encoder is written in Python when it indents, and slower than this.
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        layout_key = (indent, *value)
        if (layout := _OBJECT_LAYOUTS.get(layout_key)) is None:
            members = [encode_basestring(key).replace("%", "%%") + ": %s" for key in value]
            layout = "{\n" + inner + (",\n" + inner).join(members) + "\n" + indent + "}"
            _OBJECT_LAYOUTS[layout_key] = layout
        return layout % tuple([_indented(item, inner) for item in value.values()])
    if kind is list:
        if not value:
            return "[]"
        items = [_indented(item, inner) for item in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    if value is None or kind is bool:
        return _LITERALS[value]
    if isinstance(value, str):
        return encode_basestring(value)
    return _encode_other(value)


def in_blocks(pieces: Iterable[str]) -> Iterator[str]:
    """Small pieces of text gathered into blocks of about `BLOCK_SIZE` characters. The first
    piece goes out at once, so a download starts before the first query for its events."""
    pieces = iter(pieces)
    for piece in pieces:
        yield piece
        break
    block: list[str] = []
    size = 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= BLOCK_SIZE:
            yield "".join(block)
            block, size = [], 0
    if block:
        yield "".join(block)
