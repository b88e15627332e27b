"""Synthetic published cases for benchmarks and tests at size (`manage.py generate_events`).

The same seed gives the same records on an empty database: names, dates, roles, citations and
words are drawn from one `random.Random(seed)`. The mix is meant to look like a documentation
project's data, because that is what the pages must survive:

- dates at day, month and year precision, some hedged (circa, before, after, since) and some
  ranges (a detention from one day to another);
- one to five actors per event (three on average) in roles, and a few busy actors (a
  government, a court, a prosecutor's office) that appear in a large share of all events;
- one to three citations per event from a shared pool of sources;
- a place for most events; milestones; summaries in Markdown, some with Cyrillic text;
- a rare word (`RARE_WORD`) in about one event in a thousand, and aliases in Cyrillic for
  many people, so that search can be measured on a rare word, a common one and another script.

Every record is written with `bulk_create` (no history, no signals): 100,000 events take well
under a minute on SQLite. Records are marked as synthetic (`SLUG_PREFIX` on slugs, `SOURCE_NOTE`
on sources) so that a real database can be told apart.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases import counters, generation, planner
from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.models import (
    Case,
    CaseStatus,
    Citation,
    Event,
    EventKind,
    Participation,
    Place,
    Role,
    Source,
    SourceKind,
)
from caseapp.cases.text import render_markdown
from caseapp.publishing.models import PublicationStatus

SLUG_PREFIX = "synthetic-"
SOURCE_NOTE = "Synthetic source written by manage.py generate_events."
RARE_WORD = "samizdat"
# One event in this many mentions `RARE_WORD`.
RARE_EVERY = 1000
BATCH_SIZE = 2000
BUSY_ACTORS = 5

FIRST_DATE = datetime.date(1995, 1, 1)
LAST_DATE = datetime.date(2026, 10, 31)

# Latin spelling and the Cyrillic one, so aliases can be searched in either script.
_GIVEN_NAMES = [
    ("Serikzhan", "Серикжан"),
    ("Aigerim", "Айгерим"),
    ("Nurlan", "Нурлан"),
    ("Gulnara", "Гульнара"),
    ("Yerlan", "Ерлан"),
    ("Dinara", "Динара"),
    ("Askar", "Аскар"),
    ("Saule", "Сауле"),
    ("Bakhytzhan", "Бахытжан"),
    ("Zhanar", "Жанар"),
    ("Murat", "Мурат"),
    ("Aliya", "Алия"),
    ("Timur", "Тимур"),
    ("Madina", "Мадина"),
    ("Rustam", "Рустам"),
    ("Kamila", "Камила"),
    ("Abdulla", "Абдулла"),
    ("Mihrigul", "Михригуль"),
    ("Ilham", "Ильхам"),
    ("Rahile", "Рахиле"),
]
_FAMILY_NAMES = [
    ("Bilash", "Билаш"),
    ("Umarova", "Умарова"),
    ("Tursun", "Турсун"),
    ("Akhmetov", "Ахметов"),
    ("Nurpeisova", "Нурпеисова"),
    ("Dzhaksybekov", "Джаксыбеков"),
    ("Sadykova", "Садыкова"),
    ("Kassymov", "Касымов"),
    ("Tokhtiev", "Тохтиев"),
    ("Abilova", "Абилова"),
    ("Mamyrov", "Мамыров"),
    ("Seitkali", "Сейткали"),
    ("Zhumabaev", "Жумабаев"),
    ("Iskakova", "Искакова"),
    ("Rakhimov", "Рахимов"),
    ("Yusupova", "Юсупова"),
]
_ORGANISATION_WORDS = [
    "Atajurt",
    "Civic",
    "Steppe",
    "Justice",
    "Memory",
    "Open",
    "Voice",
    "Horizon",
    "Ak Zhol",
    "Human Rights",
]
_ORGANISATION_TYPES = ["Initiative", "Foundation", "Bureau", "Network", "Society", "Centre"]
_CITIES = [
    ("Astana", "KZ"),
    ("Almaty", "KZ"),
    ("Shymkent", "KZ"),
    ("Karaganda", "KZ"),
    ("Aktobe", "KZ"),
    ("Urumqi", "CN"),
    ("Kashgar", "CN"),
    ("Ghulja", "CN"),
    ("Hotan", "CN"),
    ("Bishkek", "KG"),
    ("Osh", "KG"),
    ("Tashkent", "UZ"),
    ("Berlin", "DE"),
    ("Göttingen", "DE"),
    ("Geneva", "CH"),
    ("Brussels", "BE"),
]
_DISTRICTS = ["Central", "North", "South", "East", "West", "Old Town", "Airport", "Riverside"]
_PUBLISHERS = [
    "Society for Threatened Peoples",
    "Radio Azattyq",
    "Eurasianet",
    "Human Rights Watch",
    "Kazakhstan International Bureau for Human Rights",
    "The Diplomat",
    "Deutsche Welle",
    "Amnesty International",
]
_KIND_WEIGHTS = {
    EventKind.ARREST: 8,
    EventKind.DETENTION: 10,
    EventKind.HOUSE_ARREST: 3,
    EventKind.RELEASE: 4,
    EventKind.CHARGE: 7,
    EventKind.HEARING: 14,
    EventKind.VERDICT: 4,
    EventKind.APPEAL: 3,
    EventKind.STATEMENT: 16,
    EventKind.PUBLICATION: 8,
    EventKind.PROTEST: 5,
    EventKind.CLOSURE: 2,
    EventKind.RAID: 3,
    EventKind.INTIMIDATION: 6,
    EventKind.MEETING: 5,
    EventKind.OTHER: 2,
}
_TITLES = {
    EventKind.ARREST: "{subject} arrested in {place}",
    EventKind.DETENTION: "{subject} held in detention",
    EventKind.HOUSE_ARREST: "{subject} placed under house arrest",
    EventKind.RELEASE: "{subject} released from custody",
    EventKind.CHARGE: "{subject} charged under the criminal code",
    EventKind.HEARING: "Court hearing in the case of {subject}",
    EventKind.VERDICT: "Verdict against {subject}",
    EventKind.APPEAL: "{subject} appeals the verdict",
    EventKind.STATEMENT: "{other} issues a statement on {subject}",
    EventKind.PUBLICATION: "{other} publishes a report on {subject}",
    EventKind.PROTEST: "Protest in support of {subject} in {place}",
    EventKind.CLOSURE: "Office of {other} closed by the authorities",
    EventKind.RAID: "Police search the home of {subject}",
    EventKind.INTIMIDATION: "{subject} threatened by security officials",
    EventKind.MEETING: "{other} meets officials about {subject}",
    EventKind.OTHER: "Further developments concerning {subject}",
}
_SENTENCES = [
    "According to relatives, the authorities gave no reason.",
    "Lawyers were denied access for several days.",
    "The family learned of it only **weeks later**.",
    "Observers from several embassies attended.",
    "The prosecutor asked for a sentence of *seven years*.",
    "Supporters gathered outside the building despite police warnings.",
    "The statement calls for targeted sanctions and travel bans.",
    "Documents and computers were confiscated.",
    "The hearing was closed to the public and the press.",
    "Witnesses describe arrests of people who had spoken to foreign media.",
    "The decision can be appealed within fifteen days.",
    "Суд отклонил ходатайство защиты.",
    "Родственники не получили никаких объяснений.",
]
_ROLE_WEIGHTS = {
    Role.AUTHORITY: 10,
    Role.WITNESS: 4,
    Role.ADVOCATE: 6,
    Role.LAWYER: 4,
    Role.ACCUSER: 3,
    Role.VICTIM: 3,
    Role.AUTHOR: 3,
    Role.PARTICIPANT: 5,
    Role.ADDRESSEE: 2,
    Role.OTHER: 1,
}


class SyntheticDataExists(Exception):
    """Records of this seed are already in the database."""


@dataclass(frozen=True)
class Outcome:
    cases: int
    events: int
    actors: int
    participations: int
    citations: int
    sources: int
    places: int


def holds_real_data() -> bool:
    """True when the database holds records `generate_events` did not write."""
    return (
        Case.objects.exclude(slug__startswith=SLUG_PREFIX).exists()
        or Actor.objects.exclude(slug__startswith=SLUG_PREFIX).exists()
        or Place.objects.exclude(slug__startswith=SLUG_PREFIX).exists()
        or Source.objects.exclude(notes=SOURCE_NOTE).exists()
    )


class Generator:
    """Builds `events` published events in `cases` cases, shared by `actors` actors."""

    def __init__(
        self,
        *,
        events: int,
        actors: int,
        cases: int = 1,
        seed: int = 1,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        if events < 0 or actors < 1 or cases < 1:
            raise ValueError("Ask for at least one case and one actor, and no negative events.")
        self.event_count = events
        self.actor_count = actors
        self.case_count = cases
        self.seed = seed
        self.random = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.prefix = f"{SLUG_PREFIX}{seed}-"
        self.progress = progress or (lambda message: None)
        self.now = timezone.now()
        self.written = {"events": 0, "participations": 0, "citations": 0}
        # Summaries repeat; their Markdown is rendered once each.
        self.rendered: dict[str, str] = {}

    def run(self) -> Outcome:
        if Case.objects.filter(slug__startswith=self.prefix).exists():
            raise SyntheticDataExists(
                f"Synthetic cases of seed {self.seed} are already here; choose another --seed."
            )
        with transaction.atomic(), generation.writing_in_bulk():
            places = self._places()
            actors = self._actors()
            sources = self._sources()
            cases = self._cases(actors)
            self._events(cases, actors, places, sources)
            # Written without signals: count the new cases.
            counters.rebuild([case.pk for case in cases])
        planner.refresh_statistics()
        return Outcome(
            cases=len(cases),
            actors=len(actors),
            **self.written,
            sources=len(sources),
            places=len(places),
        )

    # ------------------------------------------------------------ the pools

    def _places(self) -> list[Place]:
        places = []
        for city, country in _CITIES:
            places.append(Place(name=city, slug=f"{self.prefix}{slugify(city)}", country=country))
            for district in _DISTRICTS:
                name = f"{city}, {district} district"
                places.append(
                    Place(name=name, slug=f"{self.prefix}{slugify(name)}", country=country)
                )
        for place in places:
            place.fill_derived_fields()
        return Place.objects.bulk_create(places, batch_size=BATCH_SIZE)

    def _actors(self) -> list[Actor]:
        busy = [
            ("Government of Kazakhstan", ActorKind.GOVERNMENT, "KZ", ""),
            ("Specialised Inter-District Court", ActorKind.COURT, "KZ", ""),
            ("Office of the Prosecutor General", ActorKind.GOVERNMENT, "KZ", ""),
            ("National Security Committee", ActorKind.GOVERNMENT, "KZ", "KNB\nКНБ"),
            ("Atajurt Kazakh Human Rights", ActorKind.ORGANISATION, "KZ", "Атажурт"),
        ]
        actors = []
        for number in range(self.actor_count):
            if number < len(busy):
                name, kind, country, aliases = busy[number]
            else:
                name, kind, country, aliases = self._actor_identity()
            actors.append(
                Actor(
                    name=name,
                    slug=f"{self.prefix}{number}-{slugify(name)}"[:200],
                    kind=kind,
                    country=country,
                    aliases=aliases,
                    bio=f"{name} appears in the synthetic record. *Generated.*",
                    publication_status=PublicationStatus.PUBLISHED,
                    published_at=self.now,
                )
            )
        for actor in actors:
            actor.fill_derived_fields()
        return Actor.objects.bulk_create(actors, batch_size=BATCH_SIZE)

    def _actor_identity(self) -> tuple[str, str, str, str]:
        rng = self.random
        roll = rng.random()
        if roll < 0.7:
            (given, given_cyrillic), (family, family_cyrillic) = (
                rng.choice(_GIVEN_NAMES),
                rng.choice(_FAMILY_NAMES),
            )
            aliases = f"{given_cyrillic} {family_cyrillic}" if rng.random() < 0.6 else ""
            return f"{given} {family}", ActorKind.PERSON, "KZ", aliases
        if roll < 0.88:
            name = f"{rng.choice(_ORGANISATION_WORDS)} {rng.choice(_ORGANISATION_TYPES)}"
            return name, ActorKind.ORGANISATION, rng.choice(["KZ", "DE", "CH", ""]), ""
        if roll < 0.95:
            city, country = rng.choice(_CITIES)
            return f"Police department of {city}", ActorKind.GOVERNMENT, country, ""
        if roll < 0.98:
            city, country = rng.choice(_CITIES)
            return f"District court of {city}", ActorKind.COURT, country, ""
        return f"Families of {rng.choice(_CITIES)[0]}", ActorKind.GROUP, "", ""

    def _sources(self) -> list[Source]:
        rng = self.random
        count = max(10, self.event_count // 50)
        sources = []
        for number in range(count):
            published_on = _random_day(rng)
            publisher = rng.choice(_PUBLISHERS)
            sources.append(
                Source(
                    title=f"Report no. {number + 1} on the situation of defenders",
                    slug=f"{self.prefix}report-{number + 1}",
                    publisher=publisher,
                    kind=rng.choice(SourceKind.values),
                    url=f"https://example.org/synthetic/{self.seed}/{number + 1}",
                    archived_url=f"https://web.archive.org/web/2019/example.org/{number + 1}"
                    if rng.random() < 0.3
                    else "",
                    published_on=published_on,
                    language=rng.choice(["en", "en", "en", "de", "ru", "kk"]),
                    notes=SOURCE_NOTE,
                )
            )
        return Source.objects.bulk_create(sources, batch_size=BATCH_SIZE)

    def _cases(self, actors: list[Actor]) -> list[Case]:
        cases = [
            Case(
                title=f"Synthetic case {number + 1} (seed {self.seed})",
                slug=f"{self.prefix}case-{number + 1}",
                summary="A **generated** case for measuring Casefile at size.",
                status=CaseStatus.ONGOING,
                publication_status=PublicationStatus.PUBLISHED,
                published_at=self.now,
            )
            for number in range(self.case_count)
        ]
        for case in cases:
            case.fill_derived_fields()
        cases = Case.objects.bulk_create(cases)
        Case.subjects.through.objects.bulk_create(
            Case.subjects.through(case_id=case.pk, actor_id=actors[-1 - number].pk)
            for number, case in enumerate(cases)
        )
        return cases

    # ------------------------------------------------------------ the events

    def _case_shares(self) -> list[int]:
        """Events per case: the first case is the largest, as in a real project."""
        weights = [1 / (number + 1) for number in range(self.case_count)]
        total = sum(weights)
        shares = [int(self.event_count * weight / total) for weight in weights]
        shares[0] += self.event_count - sum(shares)
        return shares

    def _events(self, cases, actors, places, sources) -> None:
        rng = self.random
        kinds, kind_weights = zip(*_KIND_WEIGHTS.items(), strict=True)
        roles, role_weights = zip(*_ROLE_WEIGHTS.items(), strict=True)
        people = [actor for actor in actors if actor.kind == ActorKind.PERSON] or actors
        number = 0
        for case, share in zip(cases, self._case_shares(), strict=True):
            for start in range(0, share, BATCH_SIZE):
                batch = []
                details = []
                for _ in range(min(BATCH_SIZE, share - start)):
                    number += 1
                    kind = rng.choices(kinds, kind_weights)[0]
                    subject = rng.choice(people)
                    others = self._others(actors, subject, rng.randint(0, 3))
                    place = rng.choice(places) if rng.random() < 0.8 else None
                    title = _TITLES[kind].format(
                        subject=subject.name,
                        other=others[0].name if others else "Atajurt",
                        place=place.name if place else "Astana",
                    )
                    event = Event(
                        case=case,
                        title=title[:300],
                        slug=f"{kind.replace('_', '-')}-{number}",
                        kind=kind,
                        summary=self._summary(number),
                        place=place,
                        is_milestone=rng.random() < 0.02,
                        publication_status=PublicationStatus.PUBLISHED,
                        published_at=self.now - datetime.timedelta(minutes=number),
                        **self._dates(kind),
                    )
                    event.range_start, event.range_end, event.sort_rank = event._sort_fields()
                    if event.summary not in self.rendered:
                        self.rendered[event.summary] = render_markdown(event.summary)
                    event.summary_html = self.rendered[event.summary]
                    batch.append(event)
                    cast = [(subject, Role.SUBJECT)] + [
                        (other, rng.choices(roles, role_weights)[0]) for other in others
                    ]
                    cited = rng.sample(sources, k=min(len(sources), rng.choice([1, 2, 2, 3])))
                    details.append((cast, cited))
                self._write_batch(batch, details)
                self.progress(f"{number} of {self.event_count} events")

    def _write_batch(self, batch: list[Event], details: list) -> None:
        insert_records(Event, batch)
        # Read the new events' keys back to write their roles and citations.
        keys = dict(
            Event.objects.filter(
                case=batch[0].case_id, slug__in=[event.slug for event in batch]
            ).values_list("slug", "pk")
        )
        participations = [
            [keys[event.slug], actor.pk, role, ""]
            for event, (cast, _cited) in zip(batch, details, strict=True)
            for actor, role in cast
        ]
        citations = [
            [keys[event.slug], source.pk, "", "", f"para. {position}", position]
            for event, (_cast, cited) in zip(batch, details, strict=True)
            for position, source in enumerate(cited, start=1)
        ]
        insert_rows(Participation, ["event_id", "actor_id", "role", "note"], participations)
        # No quote, and so no translation of one (a column that takes no NULL).
        columns = ["event_id", "source_id", "quote", "quote_translation", "locator", "position"]
        insert_rows(Citation, columns, citations)
        self.written["events"] += len(batch)
        self.written["participations"] += len(participations)
        self.written["citations"] += len(citations)

    def _others(self, actors: list[Actor], subject: Actor, count: int) -> list[Actor]:
        """`count` other actors; each busy actor joins about one event in eight."""
        rng = self.random
        chosen = [actor for actor in actors[:BUSY_ACTORS] if rng.random() < 0.12]
        wanted = len(chosen) + count
        for _ in range(count * 4):
            if len(chosen) >= wanted:
                break
            # Skewed towards the front of the list: some actors are far busier than others.
            index = int(rng.paretovariate(1.2)) * 7 + rng.randrange(7)
            actor = actors[min(index, len(actors) - 1)]
            if actor not in chosen:
                chosen.append(actor)
        return [actor for actor in chosen if actor.pk != subject.pk]

    def _summary(self, number: int) -> str:
        rng = self.random
        sentences = rng.sample(_SENTENCES, k=rng.randint(1, 3))
        if number % RARE_EVERY == 1:
            sentences.append(f"A {RARE_WORD} copy of the appeal circulated among supporters.")
        return " ".join(sentences)

    def _dates(self, kind: str) -> dict:
        rng = self.random
        start = _random_day(rng)
        roll = rng.random()
        precision = (
            Precision.DAY if roll < 0.72 else Precision.MONTH if roll < 0.92 else Precision.YEAR
        )
        if precision == Precision.MONTH:
            start = start.replace(day=1)
        elif precision == Precision.YEAR:
            start = start.replace(month=1, day=1)
        fields = {
            "start_date": start,
            "start_precision": precision,
            "start_qualifier": Qualifier.EXACT,
            "end_date": None,
            "end_precision": Precision.DAY,
            "end_qualifier": Qualifier.EXACT,
        }
        lasting = kind in (EventKind.DETENTION, EventKind.HOUSE_ARREST, EventKind.PROTEST)
        qualifier_roll = rng.random()
        if lasting and qualifier_roll < 0.08:
            fields["start_qualifier"] = Qualifier.SINCE
        elif lasting and qualifier_roll < 0.7:
            end = min(start + datetime.timedelta(days=rng.randint(1, 900)), LAST_DATE)
            fields["end_date"] = end
            if precision != Precision.DAY:
                fields["end_date"] = end.replace(day=1)
                fields["end_precision"] = Precision.MONTH
        elif qualifier_roll < 0.1:
            fields["start_qualifier"] = rng.choice(
                [Qualifier.CIRCA, Qualifier.BEFORE, Qualifier.AFTER]
            )
        return fields


def insert_records(model: type[models.Model], records: list[models.Model]) -> None:
    """INSERT unsaved `records`, their fields filled in as on save (defaults, `auto_now`)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = [
        [field.get_db_prep_save(field.pre_save(record, True), connection) for field in fields]
        for record in records
    ]
    insert_rows(model, [field.attname for field in fields], rows)


def insert_rows(model: type[models.Model], names: list[str], rows: list[list]) -> None:
    """INSERT `rows` of values for the fields `names` in one statement, or COPY on PostgreSQL:
    several times faster than `bulk_create`, which builds SQL for every batch. Keys are not read
    back, and no signal is sent."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Names come from the model's own metadata; values travel in COPY's own format.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(names))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, rows)


def _random_day(rng: random.Random) -> datetime.date:
    return FIRST_DATE + datetime.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days))
