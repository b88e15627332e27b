import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from caseapp.actors.models import Actor
from caseapp.cases.dates import Qualifier, parse_partial_date
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    Image,
    Participation,
    Place,
    Source,
    SourceText,
)
from caseapp.cases.translated import CONTENT_LANGUAGES, ORIGINAL_LANGUAGE, localized
from caseapp.publishing.models import PublicationStatus

DEMO_FILE = settings.BASE_DIR / "caseapp" / "fixtures" / "demo_case.json"


class Command(BaseCommand):
    help = (
        "Load the demo case (or another case file of the same shape). Records that already "
        "exist are left as editors made them, unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEMO_FILE), help="Case file (JSON).")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite existing records with the file's values.",
        )

    def handle(self, *args, path: str, reset: bool, **options) -> None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        loader = CaseFileLoader(reset=reset, folder=Path(path).parent)
        try:
            with transaction.atomic():
                case = loader.load(data)
        except ValidationError as error:
            raise CommandError(f"{path}: {loader.current}: {error}") from None
        except (KeyError, ValueError) as error:
            raise CommandError(f"{path}: {loader.current}: bad value {error}") from None
        except OSError as error:
            raise CommandError(f"{path}: {loader.current}: {error}") from None
        self.stdout.write(
            f"{case}: {loader.created} records created, {loader.kept} already there"
            f"{' and reset' if reset else ''}."
        )


class CaseFileLoader:
    """Creates a case file's records, matched by slug so a second load adds nothing.

    A record's `translations`, {"de": {"title": …}}, fill its columns in other languages; the
    record's own values are the original (English).

    A source's `text_file`, a path beside the case file, is stored as its full text, against
    which the admin checks the quotes."""

    def __init__(self, *, reset: bool, folder: Path = DEMO_FILE.parent) -> None:
        self.reset = reset
        self.folder = folder
        self.created = 0
        self.kept = 0
        self.current = "the file"

    def save(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        self.current = f"{model._meta.verbose_name} {next(iter(lookup.values()))}"
        instance = model.objects.filter(**lookup).first()
        if instance is not None and not self.reset:
            self.kept += 1
            return instance
        if instance is None:
            instance = model(**lookup)
            self.created += 1
        translations = values.pop("translations", {})
        for name, value in values.items():
            setattr(instance, name, value)
        # {"de": {"title": …}}: each language's column beside the original (`title_de`).
        for language, fields in translations.items():
            if language not in CONTENT_LANGUAGES or language == ORIGINAL_LANGUAGE:
                raise ValueError(f"translations: {language!r}")
            for name, value in fields.items():
                if isinstance(value, list):
                    value = "\n".join(value)
                setattr(instance, localized(name, language), value)
        instance.full_clean()
        instance.save()
        return instance

    def save_text(self, source: Source, path: Path) -> None:
        """The file's text as the source's full text: added where there is none, replaced
        only on reset."""
        text = path.read_text(encoding="utf-8")
        if self.reset:
            _text, created = SourceText.objects.update_or_create(
                source=source, defaults={"text": text}
            )
        else:
            _text, created = SourceText.objects.get_or_create(
                source=source, defaults={"text": text}
            )
        self.created += created

    def load(self, data: dict) -> Case:
        published = PublicationStatus.PUBLISHED
        sources = {}
        for item in data["sources"]:
            key, text_file = item.pop("key"), item.pop("text_file", None)
            sources[key] = self.save(Source, {"url": item.pop("url")}, item)
            if text_file:
                self.save_text(sources[key], self.folder / text_file)
        images = {
            item.pop("key"): self.save(
                Image, {"credit": item.pop("credit"), "caption": item.pop("caption")}, item
            )
            for item in data.get("images", [])
        }
        places = {}
        for item in data.get("places", []):
            slug = item.pop("slug")
            places[slug] = self.save(Place, {"slug": slug}, item)
        actors = {}
        for item in data["actors"]:
            slug = item.pop("slug")
            item["aliases"] = "\n".join(item.get("aliases", []))
            item.setdefault("publication_status", published)
            actors[slug] = self.save(Actor, {"slug": slug}, item)

        fields = data["case"]
        subjects = [actors[slug] for slug in fields.pop("subjects", [])]
        if "lead_image" in fields:
            fields["lead_image"] = images[fields["lead_image"]]
        fields.setdefault("publication_status", published)
        case = self.save(Case, {"slug": fields.pop("slug")}, fields)
        case.subjects.add(*subjects)

        for item in data["events"]:
            participants = item.pop("participants", [])
            citations = item.pop("citations", [])
            event = self.save(
                Event, {"case": case, "slug": item.pop("slug")}, self._event_fields(item, places)
            )
            for slug, role in participants:
                Participation.objects.get_or_create(event=event, actor=actors[slug], role=role)
            for position, citation in enumerate(citations, start=1):
                Citation.objects.get_or_create(
                    event=event,
                    source=sources[citation["source"]],
                    locator=citation.get("locator", ""),
                    defaults={"quote": citation.get("quote", ""), "position": position},
                )
        return case

    def _event_fields(self, item: dict, places: dict) -> dict:
        start_date, start_precision = parse_partial_date(item.pop("start"))
        fields = {
            "start_date": start_date,
            "start_precision": start_precision,
            "start_qualifier": item.pop("start_qualifier", Qualifier.EXACT),
            "is_milestone": item.pop("milestone", False),
            "publication_status": item.pop("publication_status", PublicationStatus.PUBLISHED),
        }
        if "end" in item:
            fields["end_date"], fields["end_precision"] = parse_partial_date(item.pop("end"))
            fields["end_qualifier"] = item.pop("end_qualifier", Qualifier.EXACT)
        if "place" in item:
            fields["place"] = places[item.pop("place")]
        return {**item, **fields}
