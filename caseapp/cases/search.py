"""Word search over events that scales and ignores case in every script, on both databases.

A visitor's `q` is split into words; an event matches when it matches every word. It matches
a word when

- its title or summary, in any of its languages (`SEARCHED_COLUMNS`), holds a word starting
  with it: PostgreSQL full-text search over `EVENT_DOCUMENT` with a GIN index, SQLite FTS5
  (`porter unicode61`) in the table `cases_event_fts`, kept up to date by triggers, so every
  way of writing an event (admin, import, bulk SQL) keeps it current; or
- one of its published actors has a name or alias containing it, in any language, or its
  place's name does (`search_text`, case-folded in Python on save; a trigram index serves it
  on PostgreSQL).

English, the language events are written in, is stemmed on both databases ("arrests" finds
"arrested"). The translations are indexed word for word on PostgreSQL (its `simple`
configuration), as SQLite's FTS5 reads them too: a German or Russian configuration would drop
that language's common words, so that a search holding "der" or "по" found nothing, and would
fold forms that SQLite keeps apart. The last word of a search matches as a prefix, so
"Verhaftung" finds "Verhaftungen" and "арест" finds "арестован".

Both databases fold case in every script: "серикжан" finds "Серикжан". Punctuation and the
commonest English words ("the", "of": `STOP_WORDS`) find nothing and restrict nothing.
The index structures are created by the migration `cases.0005_search_and_timeline_indexes`
and, over every language, `cases.0016_search_translations`.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Expression, F, Q
from django.db.models.expressions import RawSQL

from caseapp.publishing.models import PublicationStatus

FTS_TABLE = "cases_event_fts"
# Events are written in English and translated into the other languages (django-modeltranslation's
# columns `title_de`, `summary_ru`, …; caseapp/cases/translated.py). The original is read from
# the plain columns, which always hold it (and which 0005 indexed), not from their copies in
# `title_en` and `summary_en`. Adding a language needs a migration that builds the indexes anew,
# as `cases.0016_search_translations` does (a test compares these with the settings).
ORIGINAL_LANGUAGE = "en"
TRANSLATED_LANGUAGES = ("de", "ru", "kk", "ug")
SEARCHED_FIELDS = ("title", "summary")
ORIGINAL_COLUMNS = SEARCHED_FIELDS
TRANSLATED_COLUMNS = tuple(
    f"{field}_{language}" for language in TRANSLATED_LANGUAGES for field in SEARCHED_FIELDS
)
SEARCHED_COLUMNS = ORIGINAL_COLUMNS + TRANSLATED_COLUMNS


def _document(columns: dict[str, str]) -> str:
    """The text PostgreSQL indexes for an event, given how to name each of its columns: the
    English words stemmed, the translations' words as they are."""

    def text(names: tuple[str, ...]) -> str:
        return " || ' ' || ".join(f"COALESCE({columns[name]}, '')" for name in names)

    return (
        f"(to_tsvector('english'::regconfig, {text(ORIGINAL_COLUMNS)}) || "
        f"to_tsvector('simple'::regconfig, {text(TRANSLATED_COLUMNS)}))"
    )


# The migration's GIN index is on this expression, and a query must repeat it exactly (on its
# own name for the table) for the index to serve.
EVENT_DOCUMENT = _document({name: f'"{name}"' for name in SEARCHED_COLUMNS})
# What FTS5's unicode61 tokenizer and PostgreSQL's parser treat as parts of words: letters and
# digits of any script.
_TOKEN = re.compile(r"[^\W_]+")

# Words too common to find anything by, ignored on both databases alike: the Snowball list,
# which PostgreSQL's `english` configuration drops too (SQLite's FTS5 would keep them).
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with you your yours yourself
    yourselves""".split()  # noqa: SIM905
)

_PUBLISHED = PublicationStatus.PUBLISHED.value
# Characters LIKE reads as wildcards or as its escape (a backslash on both databases; PostgreSQL
# knows it without being told, SQLite must be told).
_LIKE_SPECIAL = re.compile(r"[\\%_]")


def is_searchable(word: str) -> bool:
    """True when `word` holds letters or digits that are not only a common English word."""
    return any(token.casefold() not in STOP_WORDS for token in _TOKEN.findall(word))


def word_condition(word: str) -> Q | None:
    """The events that match `word` (see the module), as a condition on `Event`, or None when
    the word holds nothing searchable and so restricts nothing."""
    if not is_searchable(word):
        return None
    tokens = _TOKEN.findall(word)
    pattern = "%" + _LIKE_SPECIAL.sub(r"\\\g<0>", word.casefold()) + "%"
    escape = "" if connection.vendor == "postgresql" else " ESCAPE '\\'"
    names = (
        "SELECT p.event_id FROM cases_participation p "
        "JOIN actors_actor a ON a.id = p.actor_id "
        f"WHERE a.publication_status = %s AND a.search_text LIKE %s{escape} "
        "UNION ALL SELECT e.id FROM cases_event e JOIN cases_place pl ON pl.id = e.place_id "
        f"WHERE pl.search_text LIKE %s{escape}"
    )
    names_params = [_PUBLISHED, pattern, pattern]
    if connection.vendor == "postgresql":
        query = " <-> ".join(_quoted_lexeme(token) for token in tokens) + ":*"
        return Q(_DocumentMatch(query, names, names_params))
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"*'
    ids = RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s UNION ALL {names}",
        [phrase, *names_params],
    )
    return Q(pk__in=ids)


class _DocumentMatch(Expression):
    """PostgreSQL: the event's document matches the query, or its key is among the events
    named by `names`. A condition on the row itself, not a set of keys, so the planner may
    either gather the matches from the GIN index (a rare word) or walk the timeline in order
    and test each event until a page is full (a common word)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, query: str, names: str, names_params: list) -> None:
        super().__init__()
        self.query, self.names, self.names_params = query, names, names_params
        # The translated columns by their own names, which modeltranslation's querysets leave
        # as they are (`F("title")` would become the page language's column).
        self.columns = [*(F(name) for name in SEARCHED_COLUMNS), F("pk")]

    def get_source_expressions(self) -> list:
        return self.columns

    def set_source_expressions(self, expressions: list) -> None:
        self.columns = expressions

    def as_sql(self, compiler, connection):
        compiled = [compiler.compile(column) for column in self.columns]
        *texts, (key, key_params) = compiled
        # The expression of the GIN index cases_event_document (EVENT_DOCUMENT), on this
        # query's own name for the events table.
        document = _document(
            {name: sql for name, (sql, _) in zip(SEARCHED_COLUMNS, texts, strict=True)}
        )
        params = [param for _sql, text_params in texts for param in text_params]
        sql = (
            f"({document} @@ (to_tsquery('english'::regconfig, %s) || "
            f"to_tsquery('simple'::regconfig, %s)) OR {key} = ANY(ARRAY({self.names})))"
        )
        return sql, [*params, self.query, self.query, *key_params, *self.names_params]


def _quoted_lexeme(token: str) -> str:
    """A token as a quoted tsquery lexeme: nothing in it is read as an operator."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# ---------------------------------------------------------------- the migrations' SQL

# What `cases.0005_search_and_timeline_indexes` built, kept as it was so that the migration
# builds it the same on a new database: the original title and summary alone.
_DOCUMENT_0005 = (
    "to_tsvector('english'::regconfig, COALESCE(\"title\", '') || ' ' || COALESCE(\"summary\", ''))"
)
_TRIGGERS = ("cases_event_fts_insert", "cases_event_fts_delete", "cases_event_fts_update")


def _sqlite_create(columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table over `columns` of the events, its triggers, and its contents."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{name}" for name in columns)
    old = ", ".join(f"old.{name}" for name in columns)
    insert = f"INSERT INTO {FTS_TABLE}(rowid, {names}) VALUES (new.id, {new}); "
    delete = (
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {names}) VALUES ('delete', old.id, {old}); "
    )
    return [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({names}, content='cases_event', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER cases_event_fts_insert AFTER INSERT ON cases_event BEGIN {insert}END",
        f"CREATE TRIGGER cases_event_fts_delete AFTER DELETE ON cases_event BEGIN {delete}END",
        f"CREATE TRIGGER cases_event_fts_update AFTER UPDATE OF {names} ON cases_event "
        f"BEGIN {delete}{insert}END",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]


SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
# Since 0016: every language's title and summary.
SQLITE_CREATE = _sqlite_create(SEARCHED_COLUMNS)
POSTGRESQL_CREATE = [
    f"CREATE INDEX cases_event_document ON cases_event USING gin ({EVENT_DOCUMENT})"
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS cases_event_document"]

_SQLITE_CREATE_0005 = _sqlite_create(("title", "summary"))
_POSTGRESQL_DOCUMENT_0005 = (
    f"CREATE INDEX IF NOT EXISTS cases_event_document ON cases_event USING gin ({_DOCUMENT_0005})"
)
_POSTGRESQL_CREATE_0005 = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    _POSTGRESQL_DOCUMENT_0005,
    "CREATE INDEX IF NOT EXISTS cases_place_search_trgm ON cases_place "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS actors_actor_search_trgm ON actors_actor "
    "USING gin (search_text gin_trgm_ops)",
]
_POSTGRESQL_DROP_0005 = [
    *POSTGRESQL_DROP,
    "DROP INDEX IF EXISTS cases_place_search_trgm",
    "DROP INDEX IF EXISTS actors_actor_search_trgm",
]


def _execute(schema_editor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_search_structures(apps, schema_editor) -> None:
    """`cases.0005_search_and_timeline_indexes`: the original title and summary."""
    _execute(schema_editor, {"sqlite": _SQLITE_CREATE_0005, "postgresql": _POSTGRESQL_CREATE_0005})


def drop_search_structures(apps, schema_editor) -> None:
    _execute(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": _POSTGRESQL_DROP_0005})


def search_every_language(apps, schema_editor) -> None:
    """`cases.0016_search_translations`: the title and summary in every language, indexed
    anew from the events' columns."""
    _execute(
        schema_editor,
        {
            "sqlite": [*SQLITE_DROP, *SQLITE_CREATE],
            "postgresql": [*POSTGRESQL_DROP, *POSTGRESQL_CREATE],
        },
    )


def search_the_original_alone(apps, schema_editor) -> None:
    """Undo `search_every_language`: the index of 0005 again."""
    _execute(
        schema_editor,
        {
            "sqlite": [*SQLITE_DROP, *_SQLITE_CREATE_0005],
            "postgresql": [*POSTGRESQL_DROP, _POSTGRESQL_DOCUMENT_0005],
        },
    )
