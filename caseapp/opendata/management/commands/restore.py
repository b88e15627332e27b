from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseapp.opendata import backups


class Command(BaseCommand):
    help = (
        "Put the site in an archive written by `manage.py backup` in place of this one. Every "
        "checksum, the migrations and that the site is empty are checked first; the rows go "
        "in in one transaction and the media are swapped in after it: all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The archive `manage.py backup` wrote.")
        parser.add_argument(
            "--replace-existing",
            action="store_true",
            help="Delete every record and media file this site holds and put the archive's "
            "in their place (without it, a site that holds anything is refused).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive and that this site can take it; change nothing.",
        )

    def handle(self, *args, path: str, replace_existing: bool, check: bool, **options) -> None:
        archive = Path(path)
        if not archive.is_file():
            raise CommandError(f"There is no file {archive}.")
        try:
            manifest = backups.restore(archive, replace_existing=replace_existing, check_only=check)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"])
        done = "Checked, nothing changed:" if check else "Restored"
        self.stdout.write(
            f"{done} {rows} rows in {len(manifest['tables'])} tables and "
            f"{manifest['media']['files']} media files from {archive}, written "
            f"{manifest['created_at']} by release {manifest['casefile']['release']}."
        )
