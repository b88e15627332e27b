import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseapp.cases.synthetic import Generator, SyntheticDataExists, holds_real_data


class Command(BaseCommand):
    help = (
        "Write synthetic published cases, events, actors, sources and places for benchmarks "
        "and tests at size. The same --seed gives the same data. Existing records are never "
        "changed; a database that holds real data needs --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=1000, help="Events in all (1000).")
        parser.add_argument("--actors", type=int, default=500, help="Actors to share (500).")
        parser.add_argument(
            "--cases", type=int, default=1, help="Cases; the first gets the most events (1)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (1).")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Add synthetic published records even where real records exist.",
        )

    def handle(self, *args, events: int, actors: int, cases: int, seed: int, yes: bool, **options):
        if events < 0 or actors < 1 or cases < 1:
            raise CommandError("--events must be 0 or more, --actors and --cases at least 1.")
        if not yes and holds_real_data():
            raise CommandError(
                "This database holds records that generate_events did not write. Synthetic "
                "events would be published beside them. Pass --yes if that is what you want, "
                "or point DATABASE_URL at another database."
            )
        verbose = options["verbosity"] > 1
        generator = Generator(
            events=events,
            actors=actors,
            cases=cases,
            seed=seed,
            progress=self.stdout.write if verbose else None,
        )
        started = time.perf_counter()
        try:
            outcome = generator.run()
        except SyntheticDataExists as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {outcome.events} events in {outcome.cases} case(s), {outcome.actors} actors, "
            f"{outcome.participations} roles, {outcome.citations} citations, "
            f"{outcome.sources} sources and {outcome.places} places in {seconds:.1f} s "
            f"(seed {seed})."
        )
