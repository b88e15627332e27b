import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from caseapp.cases.models import Case
from caseapp.cases.publishing import PublicationStatus
from caseapp.opendata.imports import EventImport, ImportRejected, read_table


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
            help="Show a progress bar even when standard error is not a terminal.",
        )

    def handle(self, *args, case: str, path: str, create_case: str | None, **options) -> None:
        text = self._read(path)
        importer = EventImport(
            self._case(case, create_case, options["publish"]), publish=options["publish"]
        )
        header, rows = read_table(text)
        try:
            importer.check(header, rows)
        except ImportRejected as rejection:
            lines = [f"{path}: {problem}" for problem in rejection.problems]
            raise CommandError(
                "\n".join([*lines, f"Nothing was imported: {len(lines)} problem(s)."])
            ) from None
        if options["dry_run"]:
            self.stdout.write(f"{path}: {len(importer.plans)} events checked, no problems.")
            return
        stream = self._progress_stream()
        plans = tqdm(
            importer.plans,
            desc="Importing events",
            unit="event",
            file=stream,
            disable=not (options["progress"] or stream.isatty()),
        )
        outcome = importer.apply(plans)
        self.stdout.write(
            f"{importer.case}: {outcome.created} events created, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged; {outcome.actors_created} actors, "
            f"{outcome.sources_created} sources and {outcome.places_created} places created."
        )

    def _read(self, path: str) -> str:
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text. Save the file as CSV UTF-8.") from None
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

    def _progress_stream(self):
        # tqdm redraws its line with carriage returns, which Django's OutputWrapper would end
        # with a newline each: write to the stream underneath.
        return getattr(self.stderr, "_out", sys.stderr)
