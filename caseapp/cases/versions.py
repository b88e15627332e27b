"""A record's versions with the evidence kept beside it: what a version held, how it differs
from the record as it is now, and the way back to it.

An event's citations and participations have their own history (django-simple-history). An
event's version holds them as they stood until the event's next version: the admin saves the
event first and its inlines right after, so one save's citations belong to the version that
save made. A citation or participation with no history at all (written by an import or before
its history began) counts as unchanged in every version, so that going back never deletes
evidence nobody can see in the history.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import get_m2m_reverse_field_name

from caseapp.cases import dates
from caseapp.cases.models import PARTIAL_DATE_FIELDS, Case, Citation, Event, Participation
from caseapp.cases.translated import language_columns
from caseapp.publishing.forms import ONLY_PUBLISHERS
from caseapp.publishing.models import PublicationStatus, Publishable
from caseapp.publishing.workflow import stamp_publication

# Fields every save touches or that only count saves; never compared, never restored.
_NOISE = {"version"}


@dataclass(frozen=True)
class PartKind:
    """Records versioned with their owner: an event's citations or its participations."""

    model: type[models.Model]
    owner: str
    # Compared and restored, in the order a reader sees them.
    fields: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.model._meta.model_name

    def attnames(self) -> list[str]:
        return [self.model._meta.get_field(name).attname for name in self.fields]


PARTS: dict[type[models.Model], tuple[PartKind, ...]] = {
    Event: (
        PartKind(
            Citation,
            "event",
            ("source", "locator", "quote", *language_columns("quote_translation"), "position"),
        ),
        PartKind(Participation, "event", ("actor", "role", "note")),
    )
}


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of `model` a version restores: what an editor can change.

    A translated field counts by its language columns (`title_en`, `title_de`, …): its plain
    column only mirrors the original, and setting it would write the active language's.
    """
    history_model = model.history.model
    translated = _translated_fields(model)
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and f.name not in _NOISE
        and f.name not in translated
        and hasattr(history_model, f.attname)
    ]


def _translated_fields(model: type[models.Model]) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return set()


@dataclass
class Snapshot:
    """A record's fields and its parts (by primary key) as of one version, or as of now."""

    model: type[models.Model]
    fields: dict[str, Any]
    parts: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    # Many-to-many fields kept in the history (a case's subjects): the primary keys linked.
    links: dict[str, set] = field(default_factory=dict)


def linked_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    """The many-to-many fields of `model` whose links its history keeps."""
    return list(getattr(model.history.model, "_history_m2m_fields", ()))


def _linked_ids(historical, f: models.ManyToManyField) -> set:
    target = get_m2m_reverse_field_name(f)
    return set(getattr(historical, f.name).values_list(f"{target}_id", flat=True))


class Evidence:
    """The history of one record's parts, read once: its state at any moment."""

    def __init__(self, model: type[models.Model], pk) -> None:
        self.kinds = PARTS.get(model, ())
        self.rows: dict[str, dict[int, list]] = {}
        self.live: dict[str, dict[int, dict]] = {}
        for kind in self.kinds:
            history = kind.model.history
            # Every row that ever belonged to the record, with all its history (also where it
            # moved to another record since).
            owned = history.filter(**{f"{kind.owner}_id": pk}).values("id")
            by_id = defaultdict(list)
            for row in history.filter(id__in=owned).order_by("history_date", "history_id"):
                by_id[row.id].append(row)
            self.rows[kind.name] = by_id
            attnames = kind.attnames()
            self.live[kind.name] = {
                values.pop("pk"): values
                for values in kind.model._default_manager.filter(**{kind.owner: pk}).values(
                    "pk", *attnames
                )
            }
        self.pk = pk

    def at(self, until: datetime.datetime | None) -> dict[str, dict[int, dict]]:
        """The parts as they stood before `until` (None: now, as stored, whatever wrote them)."""
        if until is None:
            return {name: dict(parts) for name, parts in self.live.items()}
        state = {}
        for kind in self.kinds:
            attnames, owner = kind.attnames(), f"{kind.owner}_id"
            parts = {}
            for pk, rows in self.rows[kind.name].items():
                before = [row for row in rows if row.history_date < until]
                if before:
                    row = before[-1]
                elif rows[0].history_type != "+":
                    # It existed before its history began.
                    row = rows[0]
                else:
                    continue
                if row.history_type != "-" and getattr(row, owner) == self.pk:
                    parts[pk] = {name: getattr(row, name) for name in attnames}
            for pk, values in self.live[kind.name].items():
                if pk not in self.rows[kind.name]:
                    parts[pk] = values
            state[kind.name] = parts
        return state


def next_version(historical):
    """The version saved right after `historical`, or None for the latest."""
    later = models.Q(history_date__gt=historical.history_date) | models.Q(
        history_date=historical.history_date, history_id__gt=historical.history_id
    )
    return (
        type(historical)
        .objects.filter(id=historical.id)
        .filter(later)
        .order_by("history_date", "history_id")
        .first()
    )


def snapshot_of(historical, evidence: Evidence | None = None, until="next") -> Snapshot:
    """The record as `historical` saved it, with its parts until its next version."""
    model = historical.instance_type
    if until == "next":
        following = next_version(historical)
        until = following.history_date if following else None
    evidence = evidence or Evidence(model, historical.id)
    fields = {f.attname: getattr(historical, f.attname) for f in tracked_fields(model)}
    links = {f.name: _linked_ids(historical, f) for f in linked_fields(model)}
    return Snapshot(model, fields, evidence.at(until), links)


def snapshot_now(record: models.Model, evidence: Evidence | None = None) -> Snapshot:
    model = type(record)
    evidence = evidence or Evidence(model, record.pk)
    fields = {f.attname: getattr(record, f.attname) for f in tracked_fields(model)}
    links = {
        f.name: set(getattr(record, f.name).values_list("pk", flat=True))
        for f in linked_fields(model)
    }
    return Snapshot(model, fields, evidence.at(None), links)


# Comparing


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class PartChange:
    """One citation or participation added, removed or changed between two snapshots."""

    kind: str
    what: str
    # The part in words (as it is in the newer snapshot, or the older if it is gone).
    description: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    fields: list[FieldChange]
    parts: list[PartChange]

    def __bool__(self) -> bool:
        return bool(self.fields or self.parts)


# What happened to a part, as the templates test it.
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


class _Names:
    """The words for the records that values point to, read in one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[type[models.Model], dict] = {}

    def want(self, model, pk) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def __call__(self, model, pk) -> str:
        if model not in self.found:
            self.found[model] = model._default_manager.in_bulk(self.wanted[model])
        record = self.found[model].get(pk)
        if record is None:
            return _("a deleted %(model)s (no. %(pk)s)") % {
                "model": model._meta.verbose_name,
                "pk": pk,
            }
        return str(record)


def _text(model_field: models.Field, value, names: _Names) -> str:
    if value is None or value == "":
        return _("(empty)")
    if model_field.is_relation:
        return names(model_field.related_model, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _date_text(values: dict) -> str:
    return str(dates.range_parts(*(values[name] for name in PARTIAL_DATE_FIELDS)))


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """What changed from `old` to `new`, in words: the record's fields, then its parts."""
    names = _Names()
    model = old.model
    fields = tracked_fields(model)
    for f in fields:
        if f.is_relation:
            names.want(f.related_model, old.fields[f.attname])
            names.want(f.related_model, new.fields[f.attname])
    _want_part_names(model, [old.parts, new.parts], names)
    for f in linked_fields(model):
        for pk in old.links[f.name] | new.links[f.name]:
            names.want(f.related_model, pk)

    changes = []
    # An event's date reads as one, as the site writes it, not as six fields.
    dated = model is Event
    if dated and any(old.fields[name] != new.fields[name] for name in PARTIAL_DATE_FIELDS):
        changes.append(FieldChange(_("Date"), _date_text(old.fields), _date_text(new.fields)))
    for f in fields:
        if dated and f.attname in PARTIAL_DATE_FIELDS:
            continue
        before, after = old.fields[f.attname], new.fields[f.attname]
        if before != after:
            changes.append(
                FieldChange(
                    capfirst(str(f.verbose_name)),
                    _text(f, before, names),
                    _text(f, after, names),
                )
            )

    for f in linked_fields(model):
        before, after = old.links[f.name], new.links[f.name]
        if before != after:
            changes.append(
                FieldChange(
                    capfirst(str(f.verbose_name)),
                    _list_text(f, before, names),
                    _list_text(f, after, names),
                )
            )
    return Comparison(changes, _part_changes(model, old.parts, new.parts, names))


def _list_text(f: models.ManyToManyField, pks: set, names: _Names) -> str:
    if not pks:
        return _("(none)")
    return ", ".join(sorted(names(f.related_model, pk) for pk in pks))


def compare_parts(model: type[models.Model], pairs: list[tuple[dict, dict]]) -> list:
    """For each (old, new) pair of parts (as `Evidence.at` gives them), what changed in them;
    the names of what they point to are read once for all pairs."""
    names = _Names()
    _want_part_names(model, [state for pair in pairs for state in pair], names)
    return [_part_changes(model, old, new, names) for old, new in pairs]


def _want_part_names(model, states: list[dict], names: _Names) -> None:
    for kind in PARTS.get(model, ()):
        for state in states:
            for values in state[kind.name].values():
                for name in kind.fields:
                    f = kind.model._meta.get_field(name)
                    if f.is_relation:
                        names.want(f.related_model, values[f.attname])


def _part_changes(model, old: dict, new: dict, names: _Names) -> list[PartChange]:
    part_changes = []
    for kind in PARTS.get(model, ()):
        label = capfirst(str(kind.model._meta.verbose_name))
        was, now = old[kind.name], new[kind.name]
        for pk in sorted(was.keys() | now.keys(), key=lambda pk: (pk not in was, pk)):
            values = now.get(pk, was.get(pk))
            description = _describe(kind, values, names)
            if pk not in now:
                part_changes.append(PartChange(label, REMOVED, description))
            elif pk not in was:
                part_changes.append(PartChange(label, ADDED, description))
            elif was[pk] != now[pk]:
                part_changes.append(
                    PartChange(
                        label,
                        CHANGED,
                        description,
                        [
                            FieldChange(
                                capfirst(str(f.verbose_name)),
                                _text(f, was[pk][f.attname], names),
                                _text(f, now[pk][f.attname], names),
                            )
                            for f in (kind.model._meta.get_field(name) for name in kind.fields)
                            if was[pk][f.attname] != now[pk][f.attname]
                        ],
                    )
                )
    return part_changes


def _describe(kind: PartKind, values: dict, names: _Names) -> str:
    if kind.model is Citation:
        source = names(Citation._meta.get_field("source").related_model, values["source_id"])
        locator = values["locator"]
        return f"{source}, {locator}" if locator else source
    actor = names(Participation._meta.get_field("actor").related_model, values["actor_id"])
    return f"{actor} ({Participation(role=values['role']).get_role_display()})"


# Going back


class RevertRefused(Exception):
    """The version cannot be restored now; `problems` say why, in the editor's words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class RevertConflict(RevertRefused):
    """The record changed after the editor opened the comparison."""


def state_token(record: models.Model) -> str:
    """The record as stored now, with its parts and links, in a short fingerprint: it changes
    with any write, whoever made it, so the comparison an editor confirms is the one they saw."""
    now = snapshot_now(record)
    state = (
        getattr(record, "version", None),
        sorted(now.fields.items()),
        sorted((name, sorted(parts.items())) for name, parts in now.parts.items()),
        sorted((name, sorted(pks)) for name, pks in now.links.items()),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def revert(historical, user, *, opened: str | None, may_publish: bool, reason: str) -> models.Model:
    """Bring the record of `historical` back to that version, with its parts, in one
    transaction, recorded in history as `user`'s with `reason`. Raises `RevertRefused` with
    the reasons when the version cannot be restored as things stand now."""
    model = historical.instance_type
    try:
        with transaction.atomic():
            current = model._default_manager.select_for_update().get(pk=historical.id)
            if opened is not None and opened != state_token(current):
                raise RevertConflict([_conflict_message(current)])
            target = snapshot_of(historical)
            _restore(current, target, user, may_publish=may_publish, reason=reason)
    except IntegrityError:
        raise RevertRefused(
            [_("This version cannot be restored: it clashes with records saved since.")]
        ) from None
    return current


def revert_problems(historical, current, *, may_publish: bool) -> list[str]:
    """Why reverting to `historical` would be refused now, checked without writing."""
    target = snapshot_of(historical)
    # A fresh copy: the checks put the version's fields on it.
    record = type(current)._default_manager.get(pk=current.pk)
    try:
        _check(record, target, may_publish=may_publish)
    except RevertRefused as refused:
        return refused.problems
    return []


def _apply_fields(record: models.Model, target: Snapshot) -> None:
    for name, value in target.fields.items():
        setattr(record, name, value)


def _check(record: models.Model, target: Snapshot, *, may_publish: bool) -> None:
    """Put the target's fields on `record` (not saved) and raise if it may not be saved so."""
    previous_status = getattr(record, "publication_status", None)
    _apply_fields(record, target)
    problems = []
    if isinstance(record, Publishable):
        was_published = previous_status == PublicationStatus.PUBLISHED
        if record.is_published != was_published and not may_publish:
            raise RevertRefused([str(ONLY_PUBLISHERS)])
    try:
        record.full_clean(exclude=["version"])
    except ValidationError as error:
        problems += [str(message) for message in error.messages]
    problems += _missing_part_targets(target)
    for f in linked_fields(target.model):
        wanted = target.links[f.name]
        existing = set(
            f.related_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
        )
        problems += [
            _("This version names a %(model)s (no. %(pk)s) that has been deleted since.")
            % {"model": f.related_model._meta.verbose_name, "pk": pk}
            for pk in sorted(wanted - existing)
        ]
    if isinstance(record, Publishable):
        if record.is_published:
            problems += _publish_problems(record, target)
        elif previous_status == PublicationStatus.PUBLISHED:
            problems += record.unpublish_problems()
    if problems:
        raise RevertRefused(problems)


def _missing_part_targets(target: Snapshot) -> list[str]:
    problems = []
    for kind in PARTS.get(target.model, ()):
        for name in kind.fields:
            f = kind.model._meta.get_field(name)
            if not f.is_relation:
                continue
            wanted = {values[f.attname] for values in target.parts[kind.name].values()}
            existing = set(
                f.related_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
            )
            for pk in sorted(wanted - existing):
                problems.append(
                    _(
                        "A %(part)s of this version names a %(model)s (no. %(pk)s) that has "
                        "been deleted since."
                    )
                    % {
                        "part": kind.model._meta.verbose_name,
                        "model": f.related_model._meta.verbose_name,
                        "pk": pk,
                    }
                )
    return problems


def _publish_problems(record: models.Model, target: Snapshot) -> list[str]:
    if isinstance(record, Case):
        subjects = Case._meta.get_field("subjects").related_model._default_manager
        return record.publish_problems(subjects=subjects.filter(pk__in=target.links["subjects"]))
    if not isinstance(record, Event):
        return record.publish_problems()
    actor_model = Participation._meta.get_field("actor").related_model
    actor_ids = {values["actor_id"] for values in target.parts["participation"].values()}
    return record.publish_problems(
        citation_count=len(target.parts["citation"]),
        actors=actor_model._default_manager.filter(pk__in=actor_ids),
    )


def _restore(record, target: Snapshot, user, *, may_publish: bool, reason: str) -> None:
    previous_status = getattr(record, "publication_status", None)
    _check(record, target, may_publish=may_publish)
    if isinstance(record, Publishable):
        stamp_publication(record, previous_status, user)
    _save(record, user, reason)
    for f in linked_fields(target.model):
        links = getattr(record, f.name)
        if set(links.values_list("pk", flat=True)) != target.links[f.name]:
            links.set(target.links[f.name])
    for kind in PARTS.get(target.model, ()):
        wanted = target.parts[kind.name]
        present = {
            part.pk: part for part in kind.model._default_manager.filter(**{kind.owner: record})
        }
        # Removed first, so that one brought back may take the place it left.
        for pk in present.keys() - wanted.keys():
            part = present.pop(pk)
            _mark(part, user, reason)
            part.delete()
        for pk, values in wanted.items():
            part = present.get(pk)
            if part is None:
                part = kind.model(pk=pk, **{f"{kind.owner}_id": record.pk}, **values)
                _save(part, user, reason, force_insert=True)
            elif any(getattr(part, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(part, name, value)
                _save(part, user, reason)


def _mark(record: models.Model, user, reason: str) -> None:
    # Read by django-simple-history for the history entry this write makes.
    record._history_user = user
    record._change_reason = reason


def _save(record: models.Model, user, reason: str, **kwargs) -> None:
    _mark(record, user, reason)
    record.save(**kwargs)


def _conflict_message(current: models.Model) -> str:
    latest = current.history.first()
    who = latest.history_user if latest and latest.history_user else _("someone else")
    return _(
        "%(who)s changed this %(model)s after you opened this comparison. The comparison "
        "below now shows the %(model)s as it is: revert again if you still want to."
    ) % {"who": who, "model": current._meta.verbose_name}


def describe_version(historical) -> str:
    return date_format(localtime(historical.history_date), "DATETIME_FORMAT")
