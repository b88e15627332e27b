import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from tqdm import tqdm

from caseapp.cases.models import Case
from caseapp.opendata.imports import EventImport, FileChanged, ImportRejected
from caseapp.publishing.models import PublicationStatus


class Command(BaseCommand):
    help = (
        "Import the events of a case from a CSV in the format of /cases/<case>/export.csv "
        "(see docs/open-data.md). Every row is checked first; a file with any problem imports "
        "nothing. Events are matched by slug, so importing a file twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case", help="Slug of the case the events belong to.")
        parser.add_argument("path", help="The CSV file (UTF-8, with or without a BOM).")
        parser.add_argument(
            "--create-case",
            metavar="TITLE",
            help="Create the case with this title when there is none with the slug.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported events (and actors and case the import creates). "
            "Without it new records are drafts and existing events keep their status.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show progress bars even when standard error is not a terminal.",
        )

    def handle(self, *args, case: str, path: str, create_case: str | None, **options) -> None:
        importer = EventImport(
            self._case(case, create_case, options["publish"]),
            lambda: self._open(path),
            publish=options["publish"],
            change_reason=f"import_events {Path(path).name}",
        )
        # The file is read twice, row by row: once to check every row, once to write.
        try:
            with self._progress("Checking rows", "row", options["progress"]) as progress:
                rows = importer.check(progress)
        except ImportRejected as rejection:
            lines = [f"{path}: {problem}" for problem in rejection.problems]
            raise CommandError(
                "\n".join([*lines, f"Nothing was imported: {len(lines)} problem(s)."])
            ) from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text. Save the file as CSV UTF-8.") from None
        if options["dry_run"]:
            self.stdout.write(f"{path}: {rows} events checked, no problems.")
            return
        try:
            with self._progress("Importing events", "event", options["progress"], rows) as progress:
                outcome = importer.write(progress)
        except (FileChanged, UnicodeDecodeError):
            raise CommandError(
                f"{path} changed while it was being imported. Nothing was imported; "
                "import it again."
            ) from None
        except IntegrityError as error:
            # Someone saved an event with one of the file's slugs after it was checked.
            raise CommandError(
                f"{path}: the database refused a row ({error}), perhaps saved meanwhile in "
                "the admin. Nothing was imported; import it again."
            ) from None
        self.stdout.write(
            f"{importer.case}: {outcome.created} events created, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged; {outcome.actors_created} actors, "
            f"{outcome.sources_created} sources and {outcome.places_created} places created."
        )

    def _open(self, path: str) -> TextIO:
        try:
            # `newline=""`: line breaks inside quoted cells are the csv module's to read.
            return Path(path).open(encoding="utf-8-sig", newline="")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None

    def _case(self, slug: str, create_title: str | None, publish: bool) -> Case:
        case = Case.objects.filter(slug=slug).first()
        if case is not None:
            return case
        if not create_title:
            raise CommandError(
                f"There is no case “{slug}”. Create it in the admin, or pass "
                "--create-case TITLE to create it with the import."
            )
        status = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
        case = Case(slug=slug, title=create_title, publication_status=status)
        try:
            case.full_clean()
        except ValidationError as error:
            raise CommandError(f"Cannot create the case “{slug}”: {error}") from None
        return case

    @contextmanager
    def _progress(self, description: str, unit: str, always: bool, total: int | None = None):
        # tqdm redraws its line with carriage returns, which Django's OutputWrapper would end
        # with a newline each: write to the stream underneath.
        stream = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(
            desc=description,
            unit=unit,
            total=total,
            file=stream,
            disable=not (always or stream.isatty()),
        ) as bar:
            yield bar.update
