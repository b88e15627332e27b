from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from caseapp.cases import counters, generation, planner
from caseapp.cases.models import Case


class Command(BaseCommand):
    help = (
        "Count the published events of each facet choice afresh (FacetCount), and refresh the "
        "query planner's statistics on SQLite. Saves keep the counts current; run this after "
        "writing events outside Django's save(), such as raw SQL, a bulk update or loading a "
        "dump, or after a SQLite database has grown a lot."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cases", nargs="*", metavar="CASE", help="Slugs (default: all).")

    def handle(self, *args, cases: list[str], **options) -> None:
        case_ids = None
        if cases:
            found = dict(Case.objects.filter(slug__in=cases).values_list("slug", "pk"))
            if missing := [slug for slug in cases if slug not in found]:
                raise CommandError(f"There is no case {', '.join(missing)}.")
            case_ids = list(found.values())
        with transaction.atomic():
            written = counters.rebuild(case_ids)
            generation.bump()
        planner.refresh_statistics()
        scope = f"{len(case_ids)} case(s)" if case_ids else "every case"
        self.stdout.write(f"Counted {scope} afresh: {written} counts.")
