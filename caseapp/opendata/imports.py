"""Reading events back from a CSV in the export's format (docs/open-data.md), all or nothing.

The file is streamed twice and never held whole. `EventImport.check` reads it once and finds
every problem, each with its row number (as a spreadsheet counts: the header is row 1) and
column; what it keeps does not grow with the file: the actors, sources and places the file
names, and the slugs it has seen, in a scratch SQLite file. `EventImport.write` reads it
again and writes it in batches inside one transaction, refusing, and so writing nothing, if
the file changed since it was checked.

Events are matched by slug within the case, so a second import of the same file changes
nothing. The translated columns (`title_de`, `summary_de`, …) are optional: a file without
them, as exported before the site had translations, leaves an event's translations as they are.

Actors, sources and places that already exist are used as they are; missing ones are created
from the file's details. Existing records are looked up a batch of rows at a time, and new or
changed events, their roles, citations and history are written with one statement per batch,
so the number of queries grows with the number of batches, not of rows.
Such writes send no signals: the import counts the case's facets afresh, bumps the
publication generation and refreshes the planner's statistics itself.
"""

import csv
import datetime
import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import TextIO

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import connections, transaction
from django.db.models import Max, Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases import counters, generation, planner
from caseapp.cases.dates import Precision, Qualifier, parse_partial_date
from caseapp.cases.models import (
    PARTIAL_DATE_FIELDS,
    Case,
    Citation,
    Event,
    EventKind,
    Participation,
    Place,
    Role,
    Source,
    fill_source_slugs,
)
from caseapp.cases.synthetic import insert_rows
from caseapp.cases.translated import (
    blank_missing_translations,
    in_original_language,
    language_columns,
)
from caseapp.opendata.exports import (
    ACTOR_FIELDS,
    CSV_COLUMNS,
    SOURCE_FIELDS,
    TRANSLATED_CSV_COLUMNS,
    decode_list,
    unguard_formula,
)
from caseapp.publishing.models import PublicationStatus, Publishable

REQUIRED_COLUMNS = ["slug", "title", "kind", "start"]
# Rows checked or written together: one lookup per batch instead of one per row.
BATCH_SIZE = 500
# The longest cell read; a longer one (or a quote never closed) is a problem, not a crash.
MAX_CELL = 10_000_000
# Events written after which the query planner's statistics are taken anew, and again each
# time ten times as many are: planned for tables a fraction of their size, SQLite updates the
# events' full-text index at half speed and PostgreSQL looks events up by scanning the case.
STATISTICS_AFTER = 5_000
# Values per `IN (…)` list, well inside every database's limit on query parameters.
_LOOKUP_CHUNK = 500
# The choices' codes, read once: an enum computes `.values` anew on every use.
_EVENT_KINDS = EventKind.values
_QUALIFIERS = Qualifier.values
_ROLES = Role.values
_ACTOR_KINDS = ActorKind.values
_TRUE = {"true", "yes", "1", "x"}
_FALSE = {"false", "no", "0", ""}
# Model fields whose errors belong to a CSV column of another name.
_FIELD_COLUMNS = {"start_date": "start", "end_date": "end", "is_milestone": "milestone"}
# What updating an event writes: the fields a row sets and what saving derives from them,
# the texts in every language.
_UPDATED_EVENT_FIELDS = [
    "title",
    "kind",
    *PARTIAL_DATE_FIELDS,
    "is_milestone",
    "summary",
    "place",
    "publication_status",
    "range_start",
    "range_end",
    "sort_rank",
    "summary_html",
    *language_columns("title", "summary", "summary_html"),
    "version",
    "updated_at",
    "published_at",
    "published_by",
]

# Event fields a row does not give, left out of its check: defaults, derived, or the case's.
# (The original's own columns, `title_en` and `summary_en`, are checked as `title` and `summary`.)
_NOT_FROM_THE_ROW = [
    field.name
    for field in Event._meta.concrete_fields
    if field.name not in {"slug", "title", "kind", "summary", "is_milestone"}
    and field.name not in TRANSLATED_CSV_COLUMNS
    and not field.name.startswith(("start_", "end_"))
]

# Opens the file for one reading, as text (`newline=""`, as the csv module wants).
Opener = Callable[[], TextIO]
# Told how many rows were just checked or written, for a progress bar.
Progress = Callable[[int], object]


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f'row {self.row}, column "{self.column}"' if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class FileChanged(Exception):
    """The file read while writing is not the file that was checked; nothing was imported."""


@dataclass(frozen=True)
class SourcePlan:
    url: str
    title: str
    publisher: str
    published_on: datetime.date | None
    kind: str
    language: str
    archived_url: str

    @property
    def key(self) -> tuple:
        """Sources are the same document when their address is; without one, by title."""
        return ("url", self.url) if self.url else ("title", self.title, self.publisher)

    @property
    def is_described(self) -> bool:
        """True when the file gives more than the source's address."""
        return bool(self.title or self.publisher or self.kind or self.language)


@dataclass
class CitationPlan:
    source: SourcePlan
    locator: str
    quote: str


@dataclass
class RowPlan:
    row: int
    slug: str
    fields: dict
    place: str  # the place's slug, or ""
    roles: list[tuple[str, str]]  # actor slug, role
    citations: list[CitationPlan] = field(default_factory=list)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    actors_created: int = 0
    sources_created: int = 0
    places_created: int = 0


@dataclass(frozen=True)
class _KnownActor:
    pk: int
    name: str
    is_published: bool


class _Reading:
    """One reading of the file: its header, then its rows a batch at a time, with a
    fingerprint of the text read so far to tell two readings of the file apart."""

    def __init__(self, file: TextIO) -> None:
        self._digest = hashlib.blake2b()
        # Generous but bounded: a long summary is read, a quote never closed is a problem.
        csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
        self._reader = csv.reader(self._fingerprinted(file))
        self.problem: Problem | None = None
        self.header = [name.strip() for name in self._next_record(1) or []]

    def _fingerprinted(self, file: TextIO) -> Iterator[str]:
        for line in file:
            self._digest.update(line.encode())
            yield line

    @property
    def fingerprint(self) -> str:
        return self._digest.hexdigest()

    def _next_record(self, number: int) -> list[str] | None:
        """The cells of row `number`; None at the end, or where the file stops being CSV."""
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as error:
            # Where the reader stands after such an error is a guess: stop reading here.
            if "field larger than field limit" in str(error):
                message = (
                    f"A cell is longer than {MAX_CELL:,} characters, or a quote is never "
                    "closed; the rows after it were not checked."
                )
            else:
                message = f"This is not CSV ({error}); the rows after it were not checked."
            self.problem = Problem(number, "", message)
            return None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each row with its number, as a spreadsheet counts them (blank rows included)."""
        number = 2
        while (cells := self._next_record(number)) is not None:
            if cells:
                yield number, cells
            number += 1

    def batches(self) -> Iterator[list[tuple[int, list[str]]]]:
        rows = self.rows()
        while batch := list(islice(rows, BATCH_SIZE)):
            yield batch


class _SeenSlugs:
    """The slugs read so far, each with its row, kept in a scratch SQLite file that is deleted
    when closed: a dict would grow by about 130 bytes a row, 130 MB for a million rows."""

    def __enter__(self) -> "_SeenSlugs":
        # An empty name makes a private, temporary database on disk.
        self._rows = sqlite3.connect("")
        self._rows.execute("CREATE TABLE seen (slug TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID")
        return self

    def __exit__(self, *exception) -> None:
        self._rows.close()

    def add(self, slugs: list[tuple[str, int]]) -> dict[int, int]:
        """Remember (slug, row) pairs; the earlier row of each row whose slug came before."""
        earlier = {}
        for chunk in _chunks(slugs):
            names = {slug for slug, _row in chunk}
            # Only placeholders are formatted in; the slugs travel as parameters.
            marks = ", ".join("?" * len(names))
            sql = f"SELECT slug, row FROM seen WHERE slug IN ({marks})"  # noqa: S608
            known = dict(self._rows.execute(sql, [*names]))
            for slug, row in chunk:
                if slug in known:
                    earlier[row] = known[slug]
                else:
                    known[slug] = row
            self._rows.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", chunk)
        return earlier


class EventImport:
    """Events of one case from a CSV file: `check` finds every problem, then `write` writes.

    `open_file` opens the file anew for each reading. `write` writes only a file `check` accepted.
    """

    def __init__(
        self, case: Case, open_file: Opener, *, publish: bool = False, change_reason: str = ""
    ) -> None:
        self.case = case
        self.open_file = open_file
        self.publish = publish
        # The note each history record the import writes carries, e.g. the file's name.
        self.change_reason = change_reason[:100] or None
        self.problems: list[Problem] = []
        self.row_count = 0
        self._columns: list[str] = []
        # The event each row's values are checked on in turn: building one per row would cost
        # as much as checking it.
        self._candidate = Event(case=case)
        # The fingerprint of the text after each batch of the check, and after the last row.
        self._checked: list[str] = []
        self._batch_has_saved_events: list[bool] = []
        self._final_fingerprint: str | None = None
        self._actor_details: dict[str, tuple[int, str, str]] = {}
        self._actors: dict[str, _KnownActor | None] = {}
        # Rows naming an actor that neither exists nor has details yet; they may come later.
        self._undescribed_actors: list[tuple[int, str, bool]] = []
        self._sources: dict[tuple, tuple[int, SourcePlan]] = {}
        self._source_cells: dict[tuple[str, ...], SourcePlan] = {}
        self._source_pks: dict[tuple, int | None] = {}
        self._places: dict[str, tuple[int, tuple[str, str, str]]] = {}
        self._place_pks: dict[str, int | None] = {}
        self._new_actors: list[tuple[int, Actor]] = []
        self._new_places: list[tuple[int, Place]] = []
        self._new_sources: list[tuple[tuple, Source]] = []

    # ------------------------------------------------------------ checking

    def check(self, progress: Progress | None = None) -> int:
        """Read the whole file and find every problem; the number of rows, or ImportRejected."""
        # English active: an event's `title` is its original (`title_en`) as when it is saved.
        with in_original_language(), self.open_file() as file, _SeenSlugs() as slugs_seen:
            reading = _Reading(file)
            if not self._check_header(reading.header):
                raise ImportRejected([*self.problems, *filter(None, [reading.problem])])
            self._columns = reading.header
            for batch in reading.batches():
                plans = [plan for number, cells in batch if (plan := self._plan(number, cells))]
                self._check_batch(plans, slugs_seen)
                self.row_count += len(batch)
                self._checked.append(reading.fingerprint)
                if progress:
                    progress(len(batch))
            if reading.problem:
                self.problems.append(reading.problem)
            self._final_fingerprint = reading.fingerprint
        self._check_undescribed_actors()
        self._check_new_records()
        if self.problems:
            # Stable: within a row, problems stay in the order of the columns checked.
            raise ImportRejected(sorted(self.problems, key=lambda problem: problem.row))
        return self.row_count

    def _check_header(self, header: list[str]) -> bool:
        for name in REQUIRED_COLUMNS:
            if name not in header:
                self._problem(1, name, "This column is missing.")
        for name in header:
            if name not in CSV_COLUMNS:
                self._problem(1, name, "Unknown column; the columns are: " + ", ".join(CSV_COLUMNS))
        if len(set(header)) != len(header):
            self._problem(1, "", "A column name appears twice.")
        return not self.problems

    def _plan(self, number: int, cells: list[str], *, checking: bool = True) -> RowPlan | None:
        """The row read into what to write, or None when it has problems (recorded). Writing
        reads it again without what only checking needs."""
        if len(cells) > len(self._columns):
            self._problem(number, "", "The row has more cells than the header has columns.")
            return None
        before = len(self.problems)
        row = {}
        for name, value in zip(self._columns, cells, strict=False):
            if checking and "\x00" in value:
                self._problem(number, name, "The cell holds a NUL character, which text cannot.")
            row[name] = unguard_formula(value.strip())
        slug = row.get("slug", "")
        # Checked in the order of the columns, so problems read left to right.
        fields = {
            "title": row.get("title", ""),
            "kind": self._choice(number, row, "kind", _EVENT_KINDS),
            **self._dates(number, row),
            "is_milestone": self._flag(number, row, "milestone"),
            "summary": row.get("summary", ""),
            # Only the translated columns the file has; an empty one means "not translated".
            **{column: row.get(column, "") for column in self._translated_columns},
        }
        place = self._place(number, row)
        roles = self._roles(number, row)
        if checking:
            self._collect_actor_details(number, row)
        citations = self._citations(number, row)
        if len(self.problems) > before:
            return None
        return RowPlan(number, slug, fields, place, roles, citations)

    @property
    def _translated_columns(self) -> list[str]:
        return [column for column in self._columns if column in TRANSLATED_CSV_COLUMNS]

    def _choice(self, number: int, row: dict, column: str, allowed: list[str]) -> str:
        value = row.get(column, "")
        if value not in allowed:
            self._problem(number, column, f"“{value}” is not one of: {', '.join(allowed)}.")
        return value

    def _flag(self, number: int, row: dict, column: str) -> bool:
        value = row.get(column, "").lower()
        if value not in _TRUE | _FALSE:
            self._problem(number, column, f"“{value}” is neither true nor false.")
        return value in _TRUE

    def _dates(self, number: int, row: dict) -> dict:
        fields = {}
        for end in ("start", "end"):
            text = row.get(end, "")
            precision_text = row.get(f"{end}_precision", "")
            qualifier = row.get(f"{end}_qualifier", "") or Qualifier.EXACT
            if not text:
                if end == "start":
                    self._problem(number, end, "An event needs a start date.")
                elif precision_text or row.get("end_qualifier", ""):
                    self._problem(number, end, "There is a precision or qualifier but no date.")
                continue
            try:
                date, precision = parse_partial_date(text)
            except ValueError as error:
                self._problem(number, end, str(error))
                continue
            if precision_text and precision_text != precision:
                self._problem(
                    number,
                    f"{end}_precision",
                    f"“{precision_text}” does not match “{text}”, which is a {precision} date.",
                )
            if qualifier not in _QUALIFIERS:
                self._problem(
                    number,
                    f"{end}_qualifier",
                    f"“{qualifier}” is not one of: {', '.join(_QUALIFIERS)}.",
                )
            fields |= {
                f"{end}_date": date,
                f"{end}_precision": precision,
                f"{end}_qualifier": qualifier,
            }
        if "end_date" not in fields:
            fields |= {"end_date": None, "end_precision": Precision.DAY}
            fields["end_qualifier"] = Qualifier.EXACT
        return fields

    def _place(self, number: int, row: dict) -> str:
        slug, name, country = (row.get(c, "") for c in ("place", "place_name", "place_country"))
        if not slug:
            if name or country:
                self._problem(number, "place", "A place name or country needs the place's slug.")
            return ""
        details = (slug, name, country)
        earlier = self._places.setdefault(slug, (number, details))
        if name and earlier[1][1] and earlier[1] != details:
            self._problem(
                number, "place_name", f"Row {earlier[0]} describes the place “{slug}” differently."
            )
        elif name and not earlier[1][1]:
            self._places[slug] = (number, details)
        return slug

    def _roles(self, number: int, row: dict) -> list[tuple[str, str]]:
        roles = []
        for item, *extra in decode_list(row.get("actors", "")):
            slug, colon, role = item.partition(":")
            slug, role = slug.strip(), role.strip()
            if extra or not colon or not slug:
                self._problem(number, "actors", f"“{item}” is not written slug:role.")
            elif role not in _ROLES:
                self._problem(number, "actors", f"“{role}” is not one of: {', '.join(_ROLES)}.")
            elif (slug, role) in roles:
                self._problem(number, "actors", f"“{slug}:{role}” appears twice.")
            else:
                roles.append((slug, role))
        return roles

    def _collect_actor_details(self, number: int, row: dict) -> None:
        for fields in decode_list(row.get("actor_details", "")):
            if len(fields) != len(ACTOR_FIELDS) or not all(fields):
                self._problem(
                    number, "actor_details", f"“{' | '.join(fields)}” is not slug | name | kind."
                )
                continue
            slug, name, kind = fields
            if kind not in _ACTOR_KINDS:
                self._problem(
                    number,
                    "actor_details",
                    f"“{kind}” is not one of: {', '.join(_ACTOR_KINDS)}.",
                )
                continue
            earlier = self._actor_details.setdefault(slug, (number, name, kind))
            if earlier[1:] != (name, kind):
                self._problem(
                    number, "actor_details", f"Row {earlier[0]} describes “{slug}” differently."
                )

    def _citations(self, number: int, row: dict) -> list[CitationPlan]:
        citations = []
        for fields in decode_list(row.get("sources", "")):
            if len(fields) > len(SOURCE_FIELDS):
                self._problem(
                    number, "sources", f"A source has more than {len(SOURCE_FIELDS)} fields."
                )
                continue
            values = dict(zip(SOURCE_FIELDS, fields + [""] * len(SOURCE_FIELDS), strict=False))
            source = self._source(number, values)
            if source is not None:
                citations.append(CitationPlan(source, values["locator"], values["quote"]))
        return citations

    def _source(self, number: int, values: dict[str, str]) -> SourcePlan | None:
        # Most rows cite sources earlier rows described the same way: those were checked then.
        cells = tuple(values[name] for name in SOURCE_FIELDS[:7])
        if (plan := self._source_cells.get(cells)) is not None:
            return plan
        problems = []
        for name in ("url", "archived_url"):
            if values[name]:
                try:
                    URLValidator(schemes=["http", "https"])(values[name])
                except ValidationError:
                    problems.append(f"“{values[name]}” is not a web address.")
        published_on = None
        if values["published_on"]:
            try:
                published_on = datetime.date.fromisoformat(values["published_on"])
            except ValueError:
                problems.append(f"“{values['published_on']}” is not a date (YYYY-MM-DD).")
        if not values["url"] and not values["title"]:
            problems.append("A source needs an address or a title.")
        for message in problems:
            self._problem(number, "sources", message)
        if problems:
            return None
        plan = SourcePlan(
            url=values["url"],
            title=values["title"],
            publisher=values["publisher"],
            published_on=published_on,
            kind=values["kind"],
            language=values["language"],
            archived_url=values["archived_url"],
        )
        earlier = self._sources.setdefault(plan.key, (number, plan))
        if plan.is_described and earlier[1].is_described and earlier[1] != plan:
            self._problem(number, "sources", f"Row {earlier[0]} describes this source differently.")
            return plan
        if plan.is_described and not earlier[1].is_described:
            self._sources[plan.key] = (number, plan)
        self._source_cells[cells] = plan
        return plan

    def _check_batch(self, plans: list[RowPlan], slugs_seen: "_SeenSlugs") -> None:
        """The rules that need the database or other rows, for a batch of well-formed rows."""
        saved = self._saved_events(plans)
        # Writing looks events up again only in batches that had some when checked.
        self._batch_has_saved_events.append(bool(saved))
        published = {
            slug for slug, status in saved.items() if status == PublicationStatus.PUBLISHED
        }
        self._look_up_actors({slug for plan in plans for slug, _role in plan.roles})
        earlier = slugs_seen.add([(plan.slug, plan.row) for plan in plans])
        for plan in plans:
            if plan.row in earlier:
                self._problem(
                    plan.row, "slug", f"“{plan.slug}” is also the slug of row {earlier[plan.row]}."
                )
            will_be_public = self.publish or plan.slug in published
            self._check_event_rules(plan, will_be_public)
            self._check_roles(plan, will_be_public)

    def _saved_events(self, plans: list[RowPlan]) -> dict[str, str]:
        """The publication status of each of the batch's events that exists, by slug."""
        if self.case.pk is None:
            return {}
        # By slug alone, so the lookup walks the (case, slug) index, and the status is read.
        found = self.case.events.filter(slug__in=[plan.slug for plan in plans]).order_by()
        return dict(found.values_list("slug", "publication_status"))

    def _check_event_rules(self, plan: RowPlan, will_be_public: bool) -> None:
        """The model's own rules (dates in order, lengths, choices), and the publish rules for
        an event that is or will be public. The row's slug identifies the event to update, so
        uniqueness is the import's business, and checking it would cost a query per row."""
        candidate = self._candidate
        candidate.slug = plan.slug
        for name, value in plan.fields.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean(
                exclude=_NOT_FROM_THE_ROW, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else _FIELD_COLUMNS.get(name, name)
                for message in messages:
                    self._problem(plan.row, column, message)
        if will_be_public and not plan.citations:
            self._problem(plan.row, "sources", str(candidate.missing_citation_problem()))

    def _look_up_actors(self, slugs: set[str]) -> None:
        unknown = [slug for slug in slugs if slug not in self._actors]
        for chunk in _chunks(unknown):
            self._actors.update(dict.fromkeys(chunk))
            found = Actor.objects.filter(slug__in=chunk)
            for slug, pk, name, status in found.values_list(
                "slug", "pk", "name", "publication_status"
            ):
                self._actors[slug] = _KnownActor(pk, name, status == PublicationStatus.PUBLISHED)

    def _check_roles(self, plan: RowPlan, will_be_public: bool) -> None:
        for slug, _role in plan.roles:
            actor = self._actors[slug]
            if actor is None:
                if slug in self._actor_details:
                    self._check_new_actor_role(plan.row, slug, will_be_public)
                else:
                    self._undescribed_actors.append((plan.row, slug, will_be_public))
            elif will_be_public and not actor.is_published:
                self._problem(
                    plan.row,
                    "actors",
                    f"{actor.name} is not published, and a published event shows only "
                    "published actors: publish the actor first.",
                )

    def _check_new_actor_role(self, row: int, slug: str, will_be_public: bool) -> None:
        # Without --publish a new actor is a draft: it cannot appear on an event already public.
        if will_be_public and not self.publish:
            self._problem(
                row,
                "actors",
                f"“{slug}” would be created as a draft, and a published event shows only "
                "published actors: create and publish the actor first, or import with --publish.",
            )

    def _check_undescribed_actors(self) -> None:
        for row, slug, will_be_public in self._undescribed_actors:
            if slug in self._actor_details:
                self._check_new_actor_role(row, slug, will_be_public)
            else:
                self._problem(
                    row,
                    "actors",
                    f"There is no actor “{slug}”: add it to actor_details as "
                    f"“{slug} | name | kind”, or create it first.",
                )

    def _check_new_records(self) -> None:
        """Build the actors, places and sources the file names but the database lacks, and
        check them against their models' rules now, so writing cannot fail half-way."""
        status = PublicationStatus.PUBLISHED if self.publish else PublicationStatus.DRAFT
        named = {slug for slug, actor in self._actors.items() if actor is None}
        for slug in sorted(named & self._actor_details.keys()):
            number, name, kind = self._actor_details[slug]
            actor = Actor(slug=slug, name=name, kind=kind, publication_status=status)
            if self._valid(actor, number, "actor_details"):
                self._new_actors.append((number, actor))
        self._look_up_places(list(self._places))
        for slug, (number, (_slug, name, country)) in self._places.items():
            if self._place_pks[slug] is not None:
                continue
            place = Place(slug=slug, name=name, country=country)
            if self._valid(place, number, "place"):
                self._new_places.append((number, place))
        self._look_up_sources([plan for _number, plan in self._sources.values()])
        for key, (number, plan) in self._sources.items():
            if self._source_pks[key] is not None:
                continue
            source = Source(
                url=plan.url,
                title=plan.title,
                publisher=plan.publisher,
                published_on=plan.published_on,
                kind=plan.kind,
                language=plan.language,
                archived_url=plan.archived_url,
            )
            if self._valid(source, number, "sources"):
                self._new_sources.append((key, source))

    def _look_up_places(self, slugs: list[str]) -> None:
        for chunk in _chunks(slugs):
            self._place_pks.update(dict.fromkeys(chunk))
            self._place_pks.update(Place.objects.filter(slug__in=chunk).values_list("slug", "pk"))

    def _look_up_sources(self, plans: list[SourcePlan]) -> None:
        """The first source (by id) with each plan's address, or without one its title and
        publisher; None for those the database lacks."""
        self._source_pks.update(dict.fromkeys(plan.key for plan in plans))
        urls = [plan.url for plan in plans if plan.url]
        for chunk in _chunks(urls):
            found = Source.objects.filter(url__in=chunk).order_by("-pk")
            # Descending, so the first source with an address is the one kept.
            self._source_pks.update(
                (("url", url), pk) for url, pk in found.values_list("url", "pk")
            )
        titles = sorted({plan.title for plan in plans if not plan.url})
        for chunk in _chunks(titles):
            found = Source.objects.filter(title__in=chunk).order_by("-pk")
            for title, publisher, pk in found.values_list("title", "publisher", "pk"):
                if ("title", title, publisher) in self._source_pks:
                    self._source_pks[("title", title, publisher)] = pk

    def _valid(self, record: Model, number: int, column: str) -> bool:
        """The record passes its model's rules. Its slug was looked up and is free, and
        checking uniqueness again would cost a query per record."""
        try:
            record.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            what = f"{record._meta.verbose_name} “{record}”"
            for name, messages in error.message_dict.items():
                label = (
                    record._meta.get_field(name).verbose_name if name != NON_FIELD_ERRORS else ""
                )
                for message in messages:
                    self._problem(number, column, f"New {what}: {label}: {message}")
            return False
        return True

    def _problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, str(message)))

    # ------------------------------------------------------------ writing

    def write(self, progress: Progress | None = None) -> Outcome:
        """Read the checked file again and write it in one transaction: everything or, on any
        error (the file changed since it was checked, too), nothing."""
        if self._final_fingerprint is None or self.problems:
            raise RuntimeError("Only a file checked without problems can be written.")
        outcome = Outcome()
        self._now = timezone.now()
        with (
            _sqlite_set_for_bulk_writes(),
            transaction.atomic(),
            generation.writing_in_bulk(),
            in_original_language(),
        ):
            if self.case.pk is None:
                self.case.save()
            self._create_new_records(outcome)
            self._last_event_pk = Event.objects.aggregate(last=Max("pk"))["last"] or 0
            statistics_due = STATISTICS_AFTER
            with self.open_file() as file:
                reading = _Reading(file)
                self._columns = reading.header
                for index, batch in enumerate(reading.batches()):
                    if index >= len(self._checked) or reading.fingerprint != self._checked[index]:
                        raise FileChanged
                    if outcome.created + outcome.updated >= statistics_due:
                        _refresh_statistics()
                        statistics_due *= 10
                    self._write_batch(
                        [self._plan(number, cells, checking=False) for number, cells in batch],
                        outcome,
                        has_saved_events=self._batch_has_saved_events[index],
                    )
                    if progress:
                        progress(len(batch))
                if reading.fingerprint != self._final_fingerprint:
                    raise FileChanged
            if outcome != Outcome(unchanged=outcome.unchanged):
                # Bulk writes send no signals: count the case's facets afresh, and refresh
                # SQLite's statistics as every bulk write does.
                counters.rebuild([self.case.pk])
                planner.refresh_statistics(Event.objects.db)
            # PostgreSQL's autovacuum sees the new rows only after the import commits.
            if outcome.created + outcome.updated >= STATISTICS_AFTER:
                _analyze_postgresql()
        return outcome

    def _create_new_records(self, outcome: Outcome) -> None:
        actors = [actor for _number, actor in self._new_actors]
        for actor in actors:
            actor.fill_derived_fields()
            _stamp_as_saved(actor, self._now)
        self._bulk_create(Actor, actors)
        self._actors.update(
            {actor.slug: _KnownActor(actor.pk, actor.name, actor.is_published) for actor in actors}
        )
        places = [place for _number, place in self._new_places]
        for place in places:
            place.fill_derived_fields()
        Place.objects.bulk_create(places)
        self._place_pks.update({place.slug: place.pk for place in places})
        sources = [source for _key, source in self._new_sources]
        fill_source_slugs(sources)
        self._bulk_create(Source, sources)
        self._source_pks.update({key: source.pk for key, source in self._new_sources})
        outcome.actors_created = len(actors)
        outcome.places_created = len(places)
        outcome.sources_created = len(sources)

    def _bulk_create(self, model: type[Model], records: list[Model]) -> None:
        """INSERT the records with their edit history, as saving them one by one would."""
        if records:
            bulk_create_with_history(
                records,
                model,
                default_date=self._now,
                default_change_reason=self.change_reason,
            )

    def _write_batch(
        self, plans: list[RowPlan | None], outcome: Outcome, *, has_saved_events: bool
    ) -> None:
        if None in plans:
            raise FileChanged  # the file was checked without problems
        existing = self._existing_events(plans) if has_saved_events else {}
        changed = [
            event
            for plan in plans
            if (event := existing.get(plan.slug)) and self._bring_up_to_date(event, plan)
        ]
        self._update_events(changed)
        created = self._insert_events([plan for plan in plans if plan.slug not in existing])
        pks = {**created, **{slug: event.pk for slug, event in existing.items()}}
        existing_pks = {event.pk for event in existing.values()}
        touched = self._sync_roles(plans, pks, existing_pks)
        touched |= self._sync_citations(plans, pks, existing_pks)
        outcome.created += len(created)
        updated = {event.pk for event in changed} | touched
        outcome.updated += len(updated)
        outcome.unchanged += len(existing) - len(updated)

    def _insert_events(self, plans: list[RowPlan]) -> dict[str, int]:
        """INSERT the rows' new events, then their history ("created"), each in one statement
        (`bulk_create` builds its SQL anew for every few dozen rows); their keys by slug."""
        if not plans:
            return {}
        database = connections[Event.objects.db]
        fields = [field for field in Event._meta.concrete_fields if not field.primary_key]
        # One event takes each row's values in turn, as `save` would have them: building a
        # model instance per row would cost more than all the rest.
        event = Event(case=self.case)
        rows = []
        for plan in plans:
            event.slug, event.published_at = plan.slug, None
            for name, value in self._event_fields(plan).items():
                setattr(event, name, value)
            # Translations the file does not give are "", as a save would store them.
            blank_missing_translations(event)
            _stamp_as_saved(event, self._now)
            event.fill_derived_fields()
            rows.append(
                {
                    field.attname: field.get_db_prep_save(field.pre_save(event, True), database)
                    for field in fields
                }
            )
        _insert(Event, [field.attname for field in fields], [[*row.values()] for row in rows])
        # Read the keys back along the primary key, past the last one seen: a lookup that
        # needs no statistics, which PostgreSQL has not gathered yet for rows this new.
        found = Event.objects.filter(pk__gt=self._last_event_pk).order_by()
        keys = {
            slug: pk
            for pk, case_pk, slug in found.values_list("pk", "case_id", "slug")
            if case_pk == self.case.pk
        }
        self._last_event_pk = max(keys.values())
        for row in rows:
            row["id"] = keys[row["slug"]]
        self._write_history(rows, "+")
        return keys

    def _update_events(self, events: list[Event]) -> None:
        """UPDATE events the rows changed in one statement, then record their history
        ("changed"): `bulk_update` builds a CASE for every field and event, at some 7 ms an
        event."""
        if not events:
            return
        database = connections[Event.objects.db]
        rows = [
            {
                field.attname: field.get_db_prep_save(getattr(event, field.attname), database)
                for field in Event._meta.concrete_fields
            }
            for event in events
        ]
        fields = [Event._meta.get_field(name) for name in _UPDATED_EVENT_FIELDS]
        quote = database.ops.quote_name
        settings = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        # Names come from the model's own metadata; values travel as parameters.
        key = quote(Event._meta.pk.column)
        sql = f"UPDATE {quote(Event._meta.db_table)} SET {settings} WHERE {key} = %s"  # noqa: S608
        values = [[*(row[field.attname] for field in fields), row["id"]] for row in rows]
        with database.cursor() as cursor:
            cursor.executemany(sql, values)
        self._write_history(rows, "~")

    def _write_history(self, rows: list[dict], history_type: str) -> None:
        """Events' history records, holding the very values the events were written with."""
        database = connections[Event.objects.db]
        historical = Event.history.model
        tracked = [field.attname for field in historical.tracked_fields]
        moment = historical._meta.get_field("history_date").get_db_prep_save(self._now, database)
        stamp = {
            "history_date": moment,
            "history_change_reason": self.change_reason,
            "history_type": history_type,
            "history_user_id": None,
        }
        history = [[*(row[name] for name in tracked), *stamp.values()] for row in rows]
        _insert(historical, [*tracked, *stamp], history)

    def _existing_events(self, plans: list[RowPlan]) -> dict[str, Event]:
        found = self.case.events.filter(slug__in=[plan.slug for plan in plans]).order_by()
        # The HTML is written anew when an event changes and never compared.
        return {event.slug: event for event in found.defer("summary_html")}

    def _event_fields(self, plan: RowPlan) -> dict:
        fields = {**plan.fields, "place_id": self._place_pks[plan.place] if plan.place else None}
        if self.publish:
            fields["publication_status"] = PublicationStatus.PUBLISHED
        return fields

    def _bring_up_to_date(self, event: Event, plan: RowPlan) -> bool:
        """Set the row's values on the event; False when it had them all already, so that its
        version and history stay as they were after an import that changes nothing."""
        changed = {
            name: value
            for name, value in self._event_fields(plan).items()
            if _stored(getattr(event, name), name) != value
        }
        for name, value in changed.items():
            setattr(event, name, value)
        if changed:
            _stamp_as_saved(event, self._now)
            event.fill_derived_fields()
            # After the HTML is rendered: its columns, deferred, are set then and not read.
            blank_missing_translations(event)
        return bool(changed)

    def _sync_roles(
        self, plans: list[RowPlan], pks: dict[str, int], existing_pks: set[int]
    ) -> set[int]:
        """Make each event's roles those of its row; the events whose roles changed. Roles of
        unpublished actors were never exported, so an import leaves them as they are."""
        current: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
        if existing_pks:
            # By event alone, with the actor's status read, so the lookup walks the event's
            # index rather than every published actor's.
            roles = Participation.objects.filter(event__in=existing_pks).order_by("pk")
            for pk, event_pk, actor_pk, role, status in roles.values_list(
                "pk", "event_id", "actor_id", "role", "actor__publication_status"
            ):
                if status == PublicationStatus.PUBLISHED:
                    current[event_pk][(actor_pk, role)] = pk
        stale, fresh, touched = [], [], set()
        for plan in plans:
            event_pk = pks[plan.slug]
            wanted = [(self._actors[slug].pk, role) for slug, role in plan.roles]
            have = current.get(event_pk, {})
            gone = [pk for key, pk in have.items() if key not in wanted]
            # In the row's order, which is the order the export lists them in.
            new = [
                [event_pk, actor_pk, role, ""]
                for actor_pk, role in wanted
                if (actor_pk, role) not in have
            ]
            if gone or new:
                touched.add(event_pk)
            stale += gone
            fresh += new
        _delete(Participation, stale)
        _insert(Participation, ["event_id", "actor_id", "role", "note"], fresh)
        return touched & existing_pks

    def _sync_citations(
        self, plans: list[RowPlan], pks: dict[str, int], existing_pks: set[int]
    ) -> set[int]:
        """Make each event's citations those of its row, in its order; the events whose
        citations changed."""
        # Per event: (source, locator) → (citation, quote, position).
        current: dict[int, dict[tuple[int, str], tuple[int, str, int]]] = defaultdict(dict)
        if existing_pks:
            cited = Citation.objects.filter(event__in=existing_pks).order_by("pk")
            for pk, event_pk, source_pk, locator, quote, position in cited.values_list(
                "pk", "event_id", "source_id", "locator", "quote", "position"
            ):
                current[event_pk][(source_pk, locator)] = (pk, quote, position)
        fresh, moved, stale, touched = [], [], [], set()
        # The CSV carries no translations of quotes (the JSON export does): a new citation has
        # none (""), and an existing one keeps its own.
        translations = ["quote_translation", *language_columns("quote_translation")]
        untranslated = [""] * len(translations)
        for plan in plans:
            event_pk = pks[plan.slug]
            have = current.get(event_pk, {})
            kept = set()
            for position, wanted in enumerate(plan.citations, start=1):
                source_pk = self._source_pks[wanted.source.key]
                citation = have.get((source_pk, wanted.locator))
                if citation is None:
                    fresh.append(
                        [event_pk, source_pk, wanted.quote, *untranslated, wanted.locator, position]
                    )
                    touched.add(event_pk)
                    continue
                kept.add(citation[0])
                if citation[1:] != (wanted.quote, position):
                    moved.append(Citation(pk=citation[0], quote=wanted.quote, position=position))
                    touched.add(event_pk)
            gone = [pk for pk, _quote, _position in have.values() if pk not in kept]
            if gone:
                stale += gone
                touched.add(event_pk)
        _delete(Citation, stale)
        columns = ["event_id", "source_id", "quote", *translations, "locator", "position"]
        _insert(Citation, columns, fresh)
        if moved:
            Citation.objects.bulk_update(moved, ["quote", "position"])
        return touched & existing_pks


def _stored(value: object, name: str) -> object:
    """A field's value as a row gives it: no translation is "", also where a record written
    before that rule holds NULL."""
    return (value or "") if name in TRANSLATED_CSV_COLUMNS else value


def _insert(model: type[Model], names: list[str], rows: list[list]) -> None:
    """`insert_rows`, its errors Django's own: PostgreSQL's COPY reports a broken constraint
    with the driver's exception, which Django's wrapper would otherwise not translate."""
    with connections[model.objects.db].wrap_database_errors:
        insert_rows(model, names, rows)


@contextmanager
def _sqlite_set_for_bulk_writes() -> Iterator[None]:
    """On SQLite, while the import writes: a page cache of 16 MiB instead of 2, so the pages of
    the events' indexes that each batch touches stay in memory, and the journal each INSERT
    keeps for its foreign keys in memory too, where a temporary file costs some twenty page
    writes a row. Together they take a sixth off a large import. SQLite refuses the second
    inside a transaction, so a caller's own transaction keeps the settings it has."""
    connection = connections[Event.objects.db]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    settings = {"cache_size": -16 * 1024, "temp_store": 2}  # KiB when negative; 2 is MEMORY
    with connection.cursor() as cursor:
        before = {}
        for name, value in settings.items():
            cursor.execute(f"PRAGMA {name}")
            (before[name],) = cursor.fetchone()
            cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in before.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")


def _delete(model: type[Model], pks: list[int]) -> None:
    """DELETE rows by key without a signal per row (`QuerySet.delete` sends them, and the
    facet counters answer each with queries): the import counts the case afresh at its end."""
    database = connections[model.objects.db]
    quote = database.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    with database.cursor() as cursor:
        for chunk in _chunks(pks):
            marks = ", ".join(["%s"] * len(chunk))
            # Names come from the model's own metadata; keys travel as parameters.
            cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", chunk)  # noqa: S608


def _refresh_statistics() -> None:
    """Take the planner's statistics anew in the middle of an import, inside its transaction,
    whose own new rows both databases count."""
    planner.refresh_statistics(Event.objects.db)
    _analyze_postgresql()


def _analyze_postgresql() -> None:
    """PostgreSQL's statistics of the tables an import grows (SQLite's are the planner's)."""
    connection = connections[Event.objects.db]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Event, Event.history.model, Participation, Citation):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _stamp_as_saved(record: Publishable, now: datetime.datetime) -> None:
    """What `Publishable.save` does on the way to the database, for bulk writes that skip it:
    count the version up on a change, keep "published" and its stamp in step."""
    if not record._state.adding:
        record.version += 1
        record.updated_at = now
    if not record.is_published:
        record.published_at = None
        record.published_by = None
    elif record.published_at is None:
        record.published_at = now


def _chunks(values: Iterable) -> Iterator[list]:
    values = iter(values)
    while chunk := list(islice(values, _LOOKUP_CHUNK)):
        yield chunk
