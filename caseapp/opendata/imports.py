"""Reading events back from a CSV in the export's format (docs/open-data.md), all or nothing.

`read_rows` checks every row and returns either plans for all of them or every problem it
found, each with its row number (as a spreadsheet counts: the header is row 1) and column.
`EventImport.apply` then writes the plans. Events are matched by slug within the case, so a
second import of the same file changes nothing. Actors, sources and places that already
exist are used as they are; missing ones are created from the file's details.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.dates import Precision, Qualifier, parse_partial_date
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    EventKind,
    Participation,
    Place,
    Role,
    Source,
)
from caseapp.cases.publishing import PublicationStatus
from caseapp.opendata.exports import (
    ACTOR_FIELDS,
    CSV_COLUMNS,
    SOURCE_FIELDS,
    decode_list,
    unguard_formula,
)

REQUIRED_COLUMNS = ["slug", "title", "kind", "start"]
_TRUE = {"true", "yes", "1", "x"}
_FALSE = {"false", "no", "0", ""}
# Model fields whose errors belong to a CSV column of another name.
_FIELD_COLUMNS = {"start_date": "start", "end_date": "end", "is_milestone": "milestone"}


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


@dataclass
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
    place: tuple[str, str, str] | None  # slug, name, country
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


def read_table(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV text; a byte order mark is dropped."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    return header, list(reader)


class EventImport:
    """Events of one case from CSV rows; `check` finds every problem before anything is written."""

    def __init__(self, case: Case, *, publish: bool = False) -> None:
        self.case = case
        self.publish = publish
        self.problems: list[Problem] = []
        self.plans: list[RowPlan] = []
        self._actor_details: dict[str, tuple[int, str, str]] = {}
        self._sources: dict[tuple, tuple[int, SourcePlan]] = {}
        self._places: dict[str, tuple[int, tuple[str, str, str]]] = {}
        self._new_actors: dict[str, Actor] = {}
        self._new_places: dict[str, Place] = {}
        self._new_sources: dict[tuple, Source] = {}

    # ------------------------------------------------------------ checking

    def check(self, header: list[str], rows: list[dict[str, str]]) -> None:
        if not self._check_header(header):
            raise ImportRejected(self.problems)
        existing = {event.slug: event for event in self._existing_events()}
        seen_slugs: dict[str, int] = {}
        for number, raw in enumerate(rows, start=2):
            if None in raw:
                self._problem(number, "", "The row has more cells than the header has columns.")
                continue
            row = {name: unguard_formula((value or "").strip()) for name, value in raw.items()}
            plan = self._check_row(number, row, existing)
            if plan is None:
                continue
            if plan.slug in seen_slugs:
                self._problem(
                    number,
                    "slug",
                    f"“{plan.slug}” is also the slug of row {seen_slugs[plan.slug]}.",
                )
            seen_slugs.setdefault(plan.slug, number)
            self.plans.append(plan)
        self._check_actors(existing)
        self._check_new_records()
        if self.problems:
            # Stable: within a row, problems stay in the order of the columns checked.
            raise ImportRejected(sorted(self.problems, key=lambda problem: problem.row))

    def _existing_events(self) -> Iterable[Event]:
        if self.case.pk is None:
            return []
        return self.case.events.all()

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

    def _check_row(self, number: int, row: dict[str, str], existing: dict) -> RowPlan | None:
        before = len(self.problems)
        slug = row.get("slug", "")
        # Checked in the order of the columns, so problems read left to right.
        fields = {
            "title": row.get("title", ""),
            "kind": self._choice(number, row, "kind", EventKind.values),
            **self._dates(number, row),
            "is_milestone": self._flag(number, row, "milestone"),
            "summary": row.get("summary", ""),
        }
        place = self._place(number, row)
        roles = self._roles(number, row)
        self._collect_actor_details(number, row)
        citations = self._citations(number, row)
        if len(self.problems) > before:
            return None
        plan = RowPlan(number, slug, fields, place, roles, citations)
        self._check_event_rules(plan, existing.get(slug))
        return plan

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
            if qualifier not in Qualifier.values:
                self._problem(
                    number,
                    f"{end}_qualifier",
                    f"“{qualifier}” is not one of: {', '.join(Qualifier.values)}.",
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

    def _place(self, number: int, row: dict) -> tuple[str, str, str] | None:
        slug, name, country = (row.get(c, "") for c in ("place", "place_name", "place_country"))
        if not slug:
            if name or country:
                self._problem(number, "place", "A place name or country needs the place's slug.")
            return None
        details = (slug, name, country)
        earlier = self._places.setdefault(slug, (number, details))
        if name and earlier[1][1] and earlier[1] != details:
            self._problem(
                number, "place_name", f"Row {earlier[0]} describes the place “{slug}” differently."
            )
        elif name and not earlier[1][1]:
            self._places[slug] = (number, details)
        return details

    def _roles(self, number: int, row: dict) -> list[tuple[str, str]]:
        roles = []
        for item, *extra in decode_list(row.get("actors", "")):
            slug, colon, role = item.partition(":")
            slug, role = slug.strip(), role.strip()
            if extra or not colon or not slug:
                self._problem(number, "actors", f"“{item}” is not written slug:role.")
            elif role not in Role.values:
                self._problem(
                    number, "actors", f"“{role}” is not one of: {', '.join(Role.values)}."
                )
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
            if kind not in ActorKind.values:
                self._problem(
                    number,
                    "actor_details",
                    f"“{kind}” is not one of: {', '.join(ActorKind.values)}.",
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
        plan = SourcePlan(
            url=values["url"],
            title=values["title"],
            publisher=values["publisher"],
            published_on=published_on,
            kind=values["kind"],
            language=values["language"],
            archived_url=values["archived_url"],
        )
        for message in problems:
            self._problem(number, "sources", message)
        if problems:
            return None
        earlier = self._sources.setdefault(plan.key, (number, plan))
        if _described(plan) and _described(earlier[1]) and earlier[1] != plan:
            self._problem(number, "sources", f"Row {earlier[0]} describes this source differently.")
        elif _described(plan) and not _described(earlier[1]):
            self._sources[plan.key] = (number, plan)
        return plan

    def _check_event_rules(self, plan: RowPlan, event: Event | None) -> None:
        """The model's own rules (dates in order, lengths), and the publish rules for an event
        that is or will be public."""
        candidate = Event(case=self.case, slug=plan.slug, **plan.fields)
        try:
            candidate.full_clean(exclude=["case"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else _FIELD_COLUMNS.get(name, name)
                for message in messages:
                    self._problem(plan.row, column, message)
        will_be_public = self.publish or (event is not None and event.is_published)
        if will_be_public and not plan.citations:
            self._problem(plan.row, "sources", str(candidate.missing_citation_problem()))

    def _check_actors(self, existing: dict[str, Event]) -> None:
        known = {actor.slug: actor for actor in Actor.objects.filter(slug__in=self._actor_slugs())}
        for plan in self.plans:
            will_be_public = self.publish or (
                plan.slug in existing and existing[plan.slug].is_published
            )
            for slug, _role in plan.roles:
                actor = known.get(slug)
                if actor is None and slug not in self._actor_details:
                    self._problem(
                        plan.row,
                        "actors",
                        f"There is no actor “{slug}”: add it to actor_details as "
                        f"“{slug} | name | kind”, or create it first.",
                    )
                elif actor is not None and will_be_public and not actor.is_published:
                    self._problem(
                        plan.row,
                        "actors",
                        f"{actor} is not published, and a published event shows only "
                        "published actors: publish the actor first.",
                    )

    def _check_new_records(self) -> None:
        """Build the actors, places and sources the file names but the database lacks, and
        check them against their models' rules now, so writing cannot fail half-way."""
        status = PublicationStatus.PUBLISHED if self.publish else PublicationStatus.DRAFT
        known = set(
            Actor.objects.filter(slug__in=self._actor_slugs()).values_list("slug", flat=True)
        )
        for slug in sorted(self._actor_slugs() - known):
            if slug not in self._actor_details:
                continue  # reported with the row that names the actor
            number, name, kind = self._actor_details[slug]
            actor = Actor(slug=slug, name=name, kind=kind, publication_status=status)
            if self._valid(actor, number, "actor_details"):
                self._new_actors[slug] = actor
        known = set(Place.objects.filter(slug__in=self._places).values_list("slug", flat=True))
        for slug, (number, (_slug, name, country)) in self._places.items():
            if slug in known:
                continue
            place = Place(slug=slug, name=name, country=country)
            if self._valid(place, number, "place"):
                self._new_places[slug] = place
        for key, (number, plan) in self._sources.items():
            if self._find_source(plan) is not None:
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
                self._new_sources[key] = source

    def _valid(self, record, number: int, column: str) -> bool:
        try:
            record.full_clean()
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

    def apply(self, plans: Iterable[RowPlan]) -> Outcome:
        """Write checked plans in one transaction: everything or, on any error, nothing."""
        outcome = Outcome()
        with transaction.atomic():
            if self.case.pk is None:
                self.case.full_clean()
                self.case.save()
            for record in (*self._new_actors.values(), *self._new_places.values()):
                record.save()
            for record in self._new_sources.values():
                record.save()
            outcome.actors_created = len(self._new_actors)
            outcome.places_created = len(self._new_places)
            outcome.sources_created = len(self._new_sources)
            actors = {a.slug: a for a in Actor.objects.filter(slug__in=self._actor_slugs())}
            places = {p.slug: p for p in Place.objects.filter(slug__in=self._places)}
            for plan in plans:
                event, created, changed = self._save_event(plan, places)
                changed |= self._sync_roles(event, plan, actors)
                changed |= self._sync_citations(event, plan)
                if created:
                    outcome.created += 1
                elif changed:
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
        return outcome

    def _actor_slugs(self) -> set[str]:
        return {slug for plan in self.plans for slug, _role in plan.roles}

    def _save_event(self, plan: RowPlan, places: dict[str, Place]) -> tuple[Event, bool, bool]:
        """The row's event, created or brought up to date; saved only when something differs,
        so its version and history stay as they were after an import that changes nothing."""
        fields = {**plan.fields, "place": places[plan.place[0]] if plan.place else None}
        if self.publish:
            fields["publication_status"] = PublicationStatus.PUBLISHED
        event = self.case.events.filter(slug=plan.slug).first()
        if event is None:
            event = Event(case=self.case, slug=plan.slug, **fields)
            event.full_clean()
            event.save()
            return event, True, False
        changed = {name: value for name, value in fields.items() if getattr(event, name) != value}
        for name, value in changed.items():
            setattr(event, name, value)
        if changed:
            event.full_clean()
            event.save()
        return event, False, bool(changed)

    def _sync_roles(self, event: Event, plan: RowPlan, actors: dict[str, Actor]) -> bool:
        """Make the event's roles those of the row. Roles of unpublished actors were never
        exported, so an import leaves them as they are."""
        wanted = [(actors[slug].pk, role) for slug, role in plan.roles]
        current = {
            (item.actor_id, item.role): item
            for item in event.participations.filter(actor__in=Actor.objects.published())
        }
        stale = [item.pk for key, item in current.items() if key not in wanted]
        # In the row's order, which is the order the export lists them in.
        fresh = [
            Participation(event=event, actor_id=actor_id, role=role)
            for actor_id, role in wanted
            if (actor_id, role) not in current
        ]
        Participation.objects.filter(pk__in=stale).delete()
        Participation.objects.bulk_create(fresh)
        return bool(stale or fresh)

    def _sync_citations(self, event: Event, plan: RowPlan) -> bool:
        """Make the event's citations those of the row, in its order."""
        changed = False
        current = {(item.source_id, item.locator): item for item in event.citations.all()}
        kept = set()
        for position, wanted in enumerate(plan.citations, start=1):
            source = self._new_sources.get(wanted.source.key) or self._find_source(wanted.source)
            citation = current.get((source.pk, wanted.locator))
            if citation is None:
                Citation.objects.create(
                    event=event,
                    source=source,
                    locator=wanted.locator,
                    quote=wanted.quote,
                    position=position,
                )
                changed = True
                continue
            kept.add(citation.pk)
            if (citation.quote, citation.position) != (wanted.quote, position):
                citation.quote, citation.position = wanted.quote, position
                citation.save(update_fields=["quote", "position"])
                changed = True
        stale = [item.pk for item in current.values() if item.pk not in kept]
        if stale:
            Citation.objects.filter(pk__in=stale).delete()
            changed = True
        return changed

    def _find_source(self, plan: SourcePlan) -> Source | None:
        if plan.url:
            return Source.objects.filter(url=plan.url).order_by("pk").first()
        matches = Source.objects.filter(title=plan.title, publisher=plan.publisher)
        return matches.order_by("pk").first()


def _described(plan: SourcePlan) -> bool:
    """True when the file gives more than the source's address."""
    return bool(plan.title or plan.publisher or plan.kind or plan.language)
