from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseapp.cases import bench, bench_throughput


class Command(BaseCommand):
    help = (
        "Time every public page type on a synthetic dataset, served by gunicorn with one worker "
        "in production mode: distinct requests, then repeats, /healthz as the floor, and the SQL "
        "queries of each page type. Then the demo case under load (wrk, or Python threads), "
        "with the page cache on and off, two workers. Prints tables and writes them as JSON. "
        "Refuses a database that holds real data. `make bench` runs it on bench.sqlite3 or "
        "DATABASE_URL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=100_000, help="Events (100000).")
        parser.add_argument(
            "--actors", type=int, help="Actors (one for every 20 events, at least 20)."
        )
        parser.add_argument("--cases", type=int, default=1, help="Cases (1).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (1).")
        parser.add_argument(
            "--requests", type=int, default=20, help="Distinct requests per page type (20)."
        )
        parser.add_argument(
            "--repeats",
            type=int,
            default=bench.DEFAULT_REPEATS,
            help=f"Repeats of one address per page type ({bench.DEFAULT_REPEATS}).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=bench.DEFAULT_TIMEOUT,
            help=f"Seconds a request may take ({bench.DEFAULT_TIMEOUT:g}; exports "
            f"{bench.EXPORT_TIME_FACTOR} times as long).",
        )
        parser.add_argument("--port", type=int, default=0, help="Port (a free one).")
        parser.add_argument(
            "--output", default="bench-results.json", help="JSON file (bench-results.json)."
        )
        parser.add_argument(
            "--skip",
            default="",
            metavar="KEYS",
            help="Page types to leave out, comma-separated (e.g. export-json,export-csv).",
        )
        parser.add_argument(
            "--only",
            choices=bench.PARTS,
            help="Only the page types (pages) or only the demo case under load (throughput); "
            "both when left out.",
        )
        parser.add_argument(
            "--throughput-seconds",
            type=int,
            default=bench_throughput.DEFAULT_SECONDS,
            help=f"Seconds of load per address ({bench_throughput.DEFAULT_SECONDS}).",
        )
        parser.add_argument(
            "--demo-database-url",
            help="Database for the demo case (bench-demo.sqlite3 beside a SQLite bench "
            "database, else in the project directory).",
        )
        parser.add_argument(
            "--load-generator",
            choices=("auto", "wrk", "python"),
            default="auto",
            help="wrk, or Python threads; auto: wrk when it is on PATH.",
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Delete a different synthetic dataset found in the database and generate "
            "the one asked for. Real data is never deleted.",
        )

    def handle(self, *args, **options) -> None:
        if options["events"] < 1 or options["cases"] < 1 or options["requests"] < 1:
            raise CommandError("--events, --cases and --requests must be at least 1.")
        if options["repeats"] < 0 or options["timeout"] <= 0:
            raise CommandError("--repeats must be 0 or more and --timeout more than 0.")
        if options["throughput_seconds"] < 1:
            raise CommandError("--throughput-seconds must be at least 1.")
        actors = options["actors"] or bench.default_actors(options["events"])
        dataset = bench.Dataset(
            events=options["events"], actors=actors, cases=options["cases"], seed=options["seed"]
        )
        run_options = bench.Options(
            dataset=dataset,
            requests=options["requests"],
            repeats=options["repeats"],
            timeout=options["timeout"],
            port=options["port"],
            rebuild=options["rebuild"],
            skip=tuple(key.strip() for key in options["skip"].split(",") if key.strip()),
            parts=(options["only"],) if options["only"] else bench.PARTS,
            throughput_seconds=options["throughput_seconds"],
            demo_database_url=options["demo_database_url"],
            load_generator=options["load_generator"],
        )
        try:
            report = bench.run(run_options, say=self._say)
        except bench.BenchError as error:
            raise CommandError(str(error)) from None
        output = Path(options["output"])
        bench.write_report(report, output)
        self.stdout.write("")
        self.stdout.write(bench.render_table(report))
        self.stdout.write(f"\nWritten to {output}.")
        wrong = [failure for failure in report["failures"] if failure["error"] != "timeout"]
        if wrong:
            raise CommandError(
                f"{len(wrong)} request(s) did not get the answer expected (listed above): the "
                "bench asked for a wrong address or a page is broken. Their times are not counted."
            )

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
