"""The whole site in one file, and back: `manage.py backup PATH`, `manage.py restore PATH`.

An archive is a zip file:

    manifest.json               format, when, Casefile's version and release, Django's version,
                                the database, its applied migrations, every table with its
                                number of rows, and the size and SHA-256 of every member
    data/<app>.<model>.jsonl    one table's rows in Django's JSON Lines serialization, primary
                                keys as they are; the tables in dependency order
    media/<path>                every file under MEDIA_ROOT (the uploaded images)

Why our own and not django-dbbackup: dbbackup dumps with the database's own tools (pg_dump, a
copy of the SQLite file) and writes media to a second file. Such a dump restores only into the
same kind of database, needs the client tools of the server's version on the machine, and is
not checked before it overwrites anything. Rows serialized through the models restore into
either database (a SQLite site moves to PostgreSQL by backup and restore), are read and
written a chunk at a time (memory stays flat at any size), and one zip lets `restore` check
every member against the manifest before it touches anything. `unzip -p ARCHIVE manifest.json`
shows what an archive holds.

Every table of every app is in it — cases, events, actors, sources, places, images, their
history (django-simple-history), users, groups and their permissions, content types, 2FA
devices, the admin log — except

- what a restore computes afresh: the facet counts (`counters.rebuild`), the publication
  generation (a new token, so nothing cached before a restore is served after it), SQLite's
  full-text index (its triggers fill it as the events go in) and SQLite's planner statistics;
- short-lived security state: sign-in sessions (a restore signs everyone out) and
  django-axes' records of failed sign-ins (visitors' addresses, kept for an hour).

`restore` reads the manifest, checks every member's SHA-256, that this database has the
archive's migrations applied and that it is empty (unless told to replace what is there), all
before it changes anything. Then it deletes and inserts every row in one transaction, writes
the media beside MEDIA_ROOT's contents and swaps them in only once the transaction has
committed. A failure at any point before that leaves the database and the media as they were.

The checksums find a damaged or truncated archive, not a forged one: whoever can write the
archive can write its manifest. The archive holds password hashes and 2FA secrets; it is
written readable by its owner only.
"""

import hashlib
import io
import itertools
import json
import logging
import os
import secrets
import shutil
import tempfile
import time
import tomllib
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from caseapp.cases import counters, generation, planner
from caseapp.pagecache import release

logger = logging.getLogger(__name__)

FORMAT = "casefile-backup/1"
MANIFEST = "manifest.json"
_CHUNK = 1024 * 1024
_ROWS_PER_INSERT = 500
# Left out, see the module's docstring: short-lived security state, and data restore derives.
_LEFT_OUT_APPS = {"sessions", "axes"}
_DERIVED = {"cases.facetcount", "cases.publicationgeneration"}
# What `migrate` itself writes into a new database: rows there do not make it "not empty".
_WRITTEN_BY_MIGRATE = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
}
# Folders a restore works in, inside MEDIA_ROOT; never part of the media.
_STAGING_PREFIXES = (".restoring-", ".replaced-")


class BackupError(Exception):
    """Why an archive cannot be written or restored; the message says what to do."""


# ---------------------------------------------------------------- backup


def write_backup(path: Path) -> dict:
    """Write the whole site to `path`, replacing a file there only once the archive is
    complete; returns the archive's manifest."""
    members: dict[str, dict] = {}
    tables = []
    # Readable by its owner only (mkstemp's 0600), and invisible under its final name until
    # it is whole.
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "w+b") as file:
            with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
                with _snapshot():
                    for model in _site_models():
                        member = f"data/{model._meta.label_lower}.jsonl"
                        with _member(archive, member, members) as stream:
                            rows = _write_rows(model, stream)
                        tables.append(
                            {
                                "model": model._meta.label_lower,
                                "table": model._meta.db_table,
                                "member": member,
                                "rows": rows,
                            }
                        )
                    migrations = _applied_migrations()
                media = _write_media(archive, members)
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "casefile": {"version": _version(), "release": release()},
                    "django": django.get_version(),
                    "database": {
                        "vendor": connection.vendor,
                        "version": ".".join(map(str, connection.get_database_version())),
                    },
                    "migrations": migrations,
                    "tables": tables,
                    "media": media,
                    "members": members,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return manifest


def _site_models() -> list[type[Model]]:
    """The models whose rows a backup holds, each after the models its foreign keys name."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in _LEFT_OUT_APPS
        and model._meta.label_lower not in _DERIVED
    ]
    return _in_dependency_order(models)


def _in_dependency_order(models: list[type[Model]]) -> list[type[Model]]:
    """Models before those whose foreign keys name them. A cycle, which the databases'
    deferred constraints allow within one transaction, is broken in name order."""
    remaining = sorted(models, key=lambda model: model._meta.label_lower)
    ordered: list[type[Model]] = []
    while remaining:
        waiting = set(remaining)
        ready = [model for model in remaining if not (_named_by(model) & waiting) - {model}]
        for model in ready or remaining[:1]:
            ordered.append(model)
            remaining.remove(model)
    return ordered


def _named_by(model: type[Model]) -> set[type[Model]]:
    return {
        field.remote_field.model
        for field in model._meta.local_concrete_fields
        if field.is_relation and field.remote_field
    }


@contextmanager
def _snapshot() -> Iterator[None]:
    """Every table read as of one moment, while editors go on saving."""
    if connection.in_atomic_block:
        # The caller's transaction is the snapshot.
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # A deferred transaction reads one snapshot of the WAL without taking the write lock,
        # which atomic() would take here (transaction_mode IMMEDIATE) and keep from every
        # editor's save for as long as the backup runs.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        yield


class _HashingWriter(io.RawIOBase):
    """Passes bytes on to an archive's member, counting and hashing them on the way."""

    def __init__(self, target) -> None:
        self.target, self.sha256, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


@contextmanager
def _member(archive: zipfile.ZipFile, info: str | zipfile.ZipInfo, members: dict):
    """A member to write, whose size and SHA-256 go into `members` once it is written."""
    if isinstance(info, str):
        info = zipfile.ZipInfo(info, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as target:
        writer = _HashingWriter(target)
        yield writer
    members[info.filename] = {"size": writer.size, "sha256": writer.sha256.hexdigest()}


def _write_rows(model: type[Model], stream: _HashingWriter) -> int:
    """Serialize every row of `model`'s table in key order; returns how many."""
    rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
    written = 0

    def counted() -> Iterator[Model]:
        nonlocal written
        for row in rows:
            written += 1
            yield row

    # The table's own columns only: a many-to-many table is a model of its own here.
    fields = [field.name for field in model._meta.local_fields]
    with io.TextIOWrapper(io.BufferedWriter(stream, _CHUNK), encoding="utf-8") as text:
        serializers.serialize("jsonl", counted(), stream=text, fields=fields)
    return written


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and not path.relative_to(root).parts[0].startswith(_STAGING_PREFIXES)
    )


def _write_media(archive: zipfile.ZipFile, members: dict) -> dict:
    root = Path(settings.MEDIA_ROOT)
    files = _media_files()
    for path in files:
        info = zipfile.ZipInfo.from_file(path, f"media/{path.relative_to(root).as_posix()}")
        # Stored as they are: images are compressed already.
        info.compress_type = zipfile.ZIP_STORED
        with path.open("rb") as source, _member(archive, info, members) as target:
            shutil.copyfileobj(source, target, _CHUNK)
    size = sum(members[f"media/{path.relative_to(root).as_posix()}"]["size"] for path in files)
    return {"files": len(files), "bytes": size}


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if not pyproject.exists():
        return ""
    return tomllib.loads(pyproject.read_text())["project"]["version"]


# ---------------------------------------------------------------- restore


def restore(path: Path, *, replace_existing: bool = False, check_only: bool = False) -> dict:
    """Put the site in the archive at `path` in place of this one (see the module); returns
    the archive's manifest. With `check_only`, verify everything and change nothing."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _read_manifest(archive)
            _verify_members(archive, manifest)
            models = _archive_models(manifest)
            _check_migrations(manifest)
            if not replace_existing:
                _refuse_if_not_empty(models)
            if check_only:
                return manifest
            staging = _stage_media(archive, manifest)
            try:
                with transaction.atomic():
                    _load(archive, manifest, models)
            except BaseException:
                shutil.rmtree(staging)
                raise
            finally:
                # Content types are cached by key in each process; the restored keys may differ.
                ContentType.objects.clear_cache()
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BackupError(f"{path} is damaged ({error}). Nothing was restored.") from error
    _swap_media(staging)
    _after_restore()
    return manifest


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This is not a Casefile backup: it has no manifest.json.") from None
    except ValueError as error:
        raise BackupError(f"The archive's manifest.json is damaged ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"The archive's format is {manifest.get('format')!r}; this Casefile restores "
            f"{FORMAT!r} only."
        )
    return manifest


def _verify_members(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every member listed, present once, where it belongs, and with its recorded SHA-256."""
    listed = manifest["members"]
    names = [name for name in archive.namelist() if name != MANIFEST]
    if len(names) != len(set(names)) or set(names) != set(listed):
        unlisted = sorted(set(names) - set(listed))
        missing = sorted(set(listed) - set(names))
        raise BackupError(
            "The archive's members do not match its manifest (missing: "
            f"{', '.join(missing) or 'none'}; not listed or twice: "
            f"{', '.join(unlisted) or ', '.join(names)}). Nothing was restored."
        )
    for name, expected in listed.items():
        parts = PurePosixPath(name).parts
        outside = not parts or parts[0] not in {"data", "media"} or ".." in parts
        if outside or name.startswith("/") or "\\" in name:
            raise BackupError(f"The archive holds a member outside its folders: {name!r}.")
        digest = hashlib.sha256()
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
            raise BackupError(
                f"{name} does not match its SHA-256 in the manifest: the archive is damaged or "
                "was changed after it was written. Nothing was restored."
            )


def _archive_models(manifest: dict) -> list[type[Model]]:
    models = []
    for table in manifest["tables"]:
        try:
            models.append(apps.get_model(table["model"]))
        except LookupError:
            raise BackupError(
                f"The archive holds {table['model']}, which this site lacks."
            ) from None
        if table["member"] not in manifest["members"]:
            raise BackupError(f"The manifest lists no checksum for {table['member']}.")
    return models


def _check_migrations(manifest: dict) -> None:
    here = _applied_migrations()
    if manifest["migrations"] == here:
        return
    differing = sorted(
        app
        for app in set(here) | set(manifest["migrations"])
        if here.get(app) != manifest["migrations"].get(app)
    )
    theirs = ", ".join(
        f"{app} {(manifest['migrations'].get(app) or ['none'])[-1]}" for app in differing
    )
    ours = ", ".join(f"{app} {(here.get(app) or ['none'])[-1]}" for app in differing)
    raise BackupError(
        f"The archive was written at other migrations than this database has ({theirs} there; "
        f"{ours} here). Restore with the release that wrote it "
        f"({manifest['casefile']['release']}), into a database `manage.py migrate` brought to "
        "the same migrations; migrate after the restore."
    )


def _refuse_if_not_empty(models: list[type[Model]]) -> None:
    holding = [
        model._meta.label
        for model in models
        if model._meta.label_lower not in _WRITTEN_BY_MIGRATE and model._base_manager.exists()
    ]
    files = len(_media_files())
    if not holding and not files:
        return
    found = []
    if holding:
        more = f" and {len(holding) - 4} more tables" if len(holding) > 4 else ""
        found.append(f"rows in {', '.join(holding[:4])}{more}")
    if files:
        found.append(f"{files} file(s) in MEDIA_ROOT ({settings.MEDIA_ROOT})")
    raise BackupError(
        f"This site is not empty: it holds {' and '.join(found)}. Restore into a new database (run "
        "`manage.py migrate` on an empty one), or pass --replace-existing to delete all of it "
        "and put the archive's contents in its place."
    )


def _stage_media(archive: zipfile.ZipFile, manifest: dict) -> Path:
    """The archive's media, written into a folder inside MEDIA_ROOT: on the same filesystem, so
    `_swap_media` only renames (also when MEDIA_ROOT is a mount point)."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIXES[0], dir=root))
    try:
        for name in manifest["members"]:
            if not name.startswith("media/"):
                continue
            target = staging / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as source, target.open("wb") as file:
                shutil.copyfileobj(source, file, _CHUNK)
    except BaseException:
        shutil.rmtree(staging)
        raise
    return staging


def _load(archive: zipfile.ZipFile, manifest: dict, models: list[type[Model]]) -> None:
    """Inside the restore's transaction: every row out, the archive's in, then what derives."""
    derived = [apps.get_model(label) for label in (*_DERIVED, "sessions.session")]
    tables = [model._meta.db_table for model in [*reversed(models), *derived]]
    with connection.cursor() as cursor:
        # What `manage.py flush` runs: DELETE on SQLite, one TRUNCATE on PostgreSQL.
        for statement in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(statement)
    for model, table in zip(models, manifest["tables"], strict=True):
        rows = _insert_rows(model, archive.open(table["member"]))
        if rows != table["rows"]:
            raise BackupError(
                f"{table['member']} holds {rows} rows, its manifest says {table['rows']}."
            )
    with connection.cursor() as cursor:
        # Keys go on after the largest restored one (PostgreSQL's sequences; SQLite follows).
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    counters.rebuild()
    # A new token: nothing cached for the site before the restore is read for this one.
    apps.get_model("cases", "PublicationGeneration").objects.create(
        pk=1, token=secrets.token_hex(8), value=0
    )


def _insert_rows(model: type[Model], member) -> int:
    fields = model._meta.local_concrete_fields
    per_insert = min(_ROWS_PER_INSERT, connection.ops.bulk_batch_size(fields, [None] * 10_000))
    objects = _deserialized(model, io.TextIOWrapper(member, encoding="utf-8"))
    inserted = 0
    for batch in _batches(objects, per_insert):
        # raw: the values as they were saved, without `auto_now` stamping a new time.
        model._base_manager._insert(batch, fields=fields, raw=True)
        inserted += len(batch)
    return inserted


def _deserialized(model: type[Model], text: Iterable[str]) -> Iterator[Model]:
    for item in serializers.deserialize("jsonl", text):
        if type(item.object) is not model:
            raise BackupError(f"{model._meta.label}'s rows hold a {item.object._meta.label}.")
        yield item.object


def _batches(objects: Iterator[Model], size: int) -> Iterator[list[Model]]:
    while batch := list(itertools.islice(objects, size)):
        yield batch


def _swap_media(staging: Path) -> None:
    """Move MEDIA_ROOT's present contents aside and the restored ones in, then delete the old."""
    root = staging.parent
    replaced = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIXES[1], dir=root))
    for entry in root.iterdir():
        if entry not in (staging, replaced):
            entry.rename(replaced / entry.name)
    for entry in staging.iterdir():
        entry.rename(root / entry.name)
    staging.rmdir()
    shutil.rmtree(replaced)


def _after_restore() -> None:
    # Outside the restore's transaction: PostgreSQL alters no table with constraint checks
    # pending. The triggers are there already, unless the database lost them.
    generation.install_triggers()
    try:
        cache.clear()
    except Exception:  # Each backend raises its own errors; the new generation covers it.
        logger.warning("The cache does not answer; not cleared after the restore", exc_info=True)
    planner.refresh_statistics()
