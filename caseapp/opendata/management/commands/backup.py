from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from caseapp.opendata import backups


class Command(BaseCommand):
    help = (
        "Write the whole site to one archive: every table with its history, the accounts, "
        "roles and 2FA devices, and the uploaded media, with a manifest of versions, row "
        "counts and SHA-256 checksums. `manage.py restore` puts it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            help="The archive to write (a file there is replaced once the new one is whole), "
            "or a folder to write casefile-<date>-<time>.zip into.",
        )

    def handle(self, *args, path: str, **options) -> None:
        target = Path(path)
        if target.is_dir():
            target = target / f"casefile-{timezone.now():%Y%m%d-%H%M%S}.zip"
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write the archive into.")
        manifest = backups.write_backup(target)
        rows = sum(table["rows"] for table in manifest["tables"])
        self.stdout.write(
            f"Wrote {target}: {rows} rows in {len(manifest['tables'])} tables and "
            f"{manifest['media']['files']} media files, {target.stat().st_size} bytes."
        )
