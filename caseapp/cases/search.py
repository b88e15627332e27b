"""Word search over events that scales and ignores case in every script, on both databases.

A visitor's `q` is split into words; an event matches when it matches every word. It matches
a word when

- its title or summary holds a word starting with it, stemmed where the database can
  ("arrests" finds "arrested"): PostgreSQL full-text search over `EVENT_DOCUMENT` with a GIN
  index, SQLite FTS5 (`porter unicode61`) in the table `cases_event_fts`, kept up to date by
  triggers, so every way of writing an event (admin, import, bulk SQL) keeps it current; or
- one of its published actors has a name or alias containing it, or its place's name does
  (`search_text`, case-folded in Python on save; a trigram index serves it on PostgreSQL).

Both databases fold case in every script: "серикжан" finds "Серикжан". Punctuation and the
commonest English words ("the", "of": `STOP_WORDS`) find nothing and restrict nothing.
The index structures are created by the migration `cases.0005_search`.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Expression, F, Q
from django.db.models.expressions import RawSQL

from caseapp.publishing.models import PublicationStatus

FTS_TABLE = "cases_event_fts"
# The text PostgreSQL indexes for an event; the migration's GIN index is on this expression,
# and a query must repeat it exactly for the index to serve.
EVENT_DOCUMENT = (
    "to_tsvector('english'::regconfig, COALESCE(\"cases_event\".\"title\", '') || ' ' || "
    'COALESCE("cases_event"."summary", \'\'))'
)
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
        self.columns = [F("title"), F("summary"), F("pk")]

    def get_source_expressions(self) -> list:
        return self.columns

    def set_source_expressions(self, expressions: list) -> None:
        self.columns = expressions

    def as_sql(self, compiler, connection):
        compiled = [compiler.compile(column) for column in self.columns]
        (title, _), (summary, _), (key, _) = compiled
        params = [params for _sql, params in compiled]
        # The expression of the GIN index cases_event_document (EVENT_DOCUMENT), on this
        # query's own name for the events table.
        document = (
            f"to_tsvector('english'::regconfig, COALESCE({title}, '') || ' ' || "
            f"COALESCE({summary}, ''))"
        )
        sql = (
            f"({document} @@ to_tsquery('english'::regconfig, %s) "
            f"OR {key} = ANY(ARRAY({self.names})))"
        )
        return sql, [*params[0], *params[1], self.query, *params[2], *self.names_params]


def _quoted_lexeme(token: str) -> str:
    """A token as a quoted tsquery lexeme: nothing in it is read as an operator."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# ---------------------------------------------------------------- the migration's SQL

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, summary, content='cases_event', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER cases_event_fts_insert AFTER INSERT ON cases_event BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
    "END",
    f"CREATE TRIGGER cases_event_fts_delete AFTER DELETE ON cases_event BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); END",
    f"CREATE TRIGGER cases_event_fts_update AFTER UPDATE OF title, summary ON cases_event BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
    "END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cases_event_fts_insert",
    "DROP TRIGGER IF EXISTS cases_event_fts_delete",
    "DROP TRIGGER IF EXISTS cases_event_fts_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS cases_event_document ON cases_event USING gin ("
    + EVENT_DOCUMENT.replace('"cases_event".', "")
    + ")",
    "CREATE INDEX IF NOT EXISTS cases_place_search_trgm ON cases_place "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS actors_actor_search_trgm ON actors_actor "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS cases_event_document",
    "DROP INDEX IF EXISTS cases_place_search_trgm",
    "DROP INDEX IF EXISTS actors_actor_search_trgm",
]


def create_search_structures(apps, schema_editor) -> None:
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_search_structures(apps, schema_editor) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)
