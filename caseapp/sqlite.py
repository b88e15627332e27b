"""SQLite's LIKE, made case-insensitive beyond ASCII.

SQLite folds case only for A–Z, so on the default database a search for "серикжан" would
miss "Серикжан Билаш". PostgreSQL (production) folds every script; this brings SQLite level
with it by giving SQLite a LIKE that compares casefolded text.
"""

import functools
import re

from django.db.backends.signals import connection_created


@functools.lru_cache(maxsize=512)
def _pattern(like: str, escape: str | None) -> re.Pattern:
    parts, characters = [], iter(like.casefold())
    for character in characters:
        if escape and character == escape:
            parts.append(re.escape(next(characters, "")))
        elif character == "%":
            parts.append(".*")
        elif character == "_":
            parts.append(".")
        else:
            parts.append(re.escape(character))
    return re.compile("".join(parts), re.DOTALL)


def like(pattern: str | None, value: str | None, escape: str | None = None) -> bool | None:
    """`value LIKE pattern [ESCAPE escape]`, as SQLite calls it: like(pattern, value, escape)."""
    if pattern is None or value is None:
        return None
    return _pattern(pattern, escape).fullmatch(str(value).casefold()) is not None


def _unicode_like(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)


def install() -> None:
    connection_created.connect(_unicode_like, dispatch_uid="casefile-unicode-like")
