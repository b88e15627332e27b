"""The throughput part of `make bench` (issue 12): requests per second under concurrency for
the demo case, with the page cache on and off, in one run.

1. `prepare_demo_database`: `migrate` and `load_demo_case` in a database of its own (the
   synthetic bench database is not the demo), each a `manage.py` run with its DATABASE_URL.
2. Two servers one after the other, as `make serve` runs them (`WORKERS` gthread workers of
   `THREADS` threads, `DEBUG=False`): one with `PAGE_CACHE=true`, one with `PAGE_CACHE=false`.
3. In each: every address once (`check`), for its status, `X-Cache`, and whether asking again
   with its ETag in `If-None-Match` gets an empty 304; then `wrk -t2 -c16 -d<seconds>s` on each
   address in turn (`load_with_wrk`), or, without wrk, as many Python threads holding a
   keep-alive connection each (`load_with_python`). `/healthz` in the same server is the floor
   each page is compared with.
4. `render`: a table of requests per second, median latency, the ratio to `/healthz` and the
   answers that were not 2xx, against `TARGETS`.

Everything listens on 127.0.0.1 only, and every server stops at the end of its block.
"""

import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from caseapp.cases.bench import USER_AGENT, BenchError, Probe, ProductionServer, fetch

DEMO_SLUG = "serikzhan-bilash"
# As `make serve` runs gunicorn, with two workers.
WORKERS = 2
THREADS = 4
# wrk's threads and connections; the Python load generator opens as many connections.
LOAD_THREADS = 2
CONNECTIONS = 16
DEFAULT_SECONDS = 10
WARMUP_REQUESTS = 2 * WORKERS * THREADS
_MANAGE_TIMEOUT = 300


@dataclass(frozen=True)
class Address:
    key: str
    label: str
    probe: Probe
    # The least share of /healthz's requests per second it must reach, by page cache on/off.
    target_cached: float | None = None
    target_uncached: float | None = None


ADDRESSES = (
    Address("healthz", "/healthz", Probe("/healthz")),
    Address(
        "case", "case page", Probe(f"/cases/{DEMO_SLUG}/"), target_cached=0.5, target_uncached=0.1
    ),
    Address(
        "fragment",
        "htmx fragment",
        Probe(f"/cases/{DEMO_SLUG}/?kind=arrest", fragment=True),
        target_cached=0.5,
    ),
    Address("embed", "embed", Probe(f"/embed/cases/{DEMO_SLUG}/"), target_cached=0.5),
)


# ----------------------------------------------------------------------- the demo database


def default_demo_database_url() -> str:
    """Beside a SQLite bench database (`bench.sqlite3` gives `bench-demo.sqlite3`); for any
    other, `bench-demo.sqlite3` in the project directory."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and name and str(name) != ":memory:":
        bench_file = Path(str(name)).resolve()
        return f"sqlite:///{bench_file.with_name(f'{bench_file.stem}-demo.sqlite3')}"
    return f"sqlite:///{settings.BASE_DIR / 'bench-demo.sqlite3'}"


_OTHER_CASES = (
    "from caseapp.cases.models import Case; "
    f"print(Case.objects.exclude(slug={DEMO_SLUG!r}).count())"
)


def prepare_demo_database(url: str, *, say: Callable[[str], None]) -> None:
    """Migrate the database at `url` and load the demo case into it. A database holding any
    other case (the synthetic bench data, real records) is refused, never written to."""
    say(f"Preparing the demo case in {_shown(url)}...")
    _manage(url, "migrate", "--noinput", "--verbosity", "0")
    others = int(_manage(url, "shell", "--no-imports", "--command", _OTHER_CASES).strip())
    if others:
        raise BenchError(
            f"The demo database {_shown(url)} holds {others} case(s) besides the demo case. The "
            "throughput part loads the demo case into a database of its own; point "
            "--demo-database-url (make bench BENCH_DEMO_DATABASE_URL=...) at an empty one."
        )
    _manage(url, "load_demo_case")


def _manage(url: str, *arguments: str) -> str:
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]
    environment = {**os.environ, "DATABASE_URL": url}
    try:
        finished = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            command,
            env=environment,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=_MANAGE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"manage.py {arguments[0]} on {_shown(url)} took too long.") from None
    if finished.returncode:
        raise BenchError(
            f"manage.py {arguments[0]} failed on the demo database {_shown(url)}:\n"
            f"{finished.stdout}{finished.stderr}"
        )
    return finished.stdout


def _shown(url: str) -> str:
    """The URL without a password."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


# ----------------------------------------------------------------------- loading one address


@dataclass
class Load:
    """What one load generator run on one address measured."""

    requests: int = 0
    seconds: float = 0.0
    requests_per_second: float = 0.0
    p50_ms: float | None = None
    # Answers outside 2xx (wrk: outside 2xx and 3xx), and requests that got no answer at all.
    non_2xx: int = 0
    errors: int = 0


def load_with_wrk(port: int, probe: Probe, *, seconds: int, timeout: float) -> Load:
    command = [
        _wrk(),
        *(f"-t{LOAD_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={timeout:g}s"),
        "--latency",
        *("-H", f"User-Agent: {USER_AGENT}"),
        *(item for name, value in probe.headers.items() for item in ("-H", f"{name}: {value}")),
        f"http://127.0.0.1:{port}{probe.path}",
    ]
    finished = subprocess.run(  # noqa: S603 (wrk from PATH, our own arguments)
        command, capture_output=True, text=True, timeout=seconds + timeout + 30, check=False
    )
    if finished.returncode:
        raise BenchError(f"wrk failed:\n{finished.stdout}{finished.stderr}")
    return parse_wrk(finished.stdout)


_WRK_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)\b", re.MULTILINE)
_WRK_RATE = re.compile(r"^Requests/sec:\s*([\d.]+)", re.MULTILINE)
_WRK_P50 = re.compile(r"^\s*50%\s+([\d.]+)(us|ms|s|m|h)\b", re.MULTILINE)
_WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s*(\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output: str) -> Load:
    total, rate, p50 = _WRK_TOTAL.search(output), _WRK_RATE.search(output), _WRK_P50.search(output)
    if not (total and rate and p50):
        raise BenchError(f"Could not read wrk's output:\n{output}")
    non_2xx = _WRK_NON_2XX.search(output)
    socket = _WRK_SOCKET.search(output)
    return Load(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * _TO_MS[total.group(3)] / 1000,
        requests_per_second=float(rate.group(1)),
        p50_ms=float(p50.group(1)) * _TO_MS[p50.group(2)],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=sum(int(count) for count in socket.groups()) if socket else 0,
    )


def load_with_python(port: int, probe: Probe, *, seconds: int, timeout: float) -> Load:
    """`CONNECTIONS` threads, each asking again and again on its own keep-alive connection
    until `seconds` have passed. Slower than wrk: at a few thousand requests per second it is
    the load generator, not the server, that sets the pace."""
    headers = {"User-Agent": USER_AGENT, **probe.headers}
    latencies: list[list[float]] = [[] for _ in range(CONNECTIONS)]
    non_2xx = [0] * CONNECTIONS
    errors = [0] * CONNECTIONS
    deadline = time.monotonic() + seconds

    def ask_until_deadline(index: int) -> None:
        client = None
        while time.monotonic() < deadline:
            if client is None:
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            started = time.perf_counter()
            try:
                client.request("GET", probe.path, headers=headers)
                response = client.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                client.close()
                client = None
                # A server that refuses connections is not asked in a tight loop.
                time.sleep(0.01)
                continue
            latencies[index].append((time.perf_counter() - started) * 1000)
            if not 200 <= response.status < 300:
                non_2xx[index] += 1
            if response.will_close:
                client.close()
                client = None
        if client is not None:
            client.close()

    started = time.monotonic()
    threads = [
        threading.Thread(target=ask_until_deadline, args=(index,), daemon=True)
        for index in range(CONNECTIONS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = [ms for per_connection in latencies for ms in per_connection]
    return Load(
        requests=len(every),
        seconds=elapsed,
        requests_per_second=len(every) / elapsed if elapsed else 0.0,
        p50_ms=statistics.median(every) if every else None,
        non_2xx=sum(non_2xx),
        errors=sum(errors),
    )


LOADERS: dict[str, Callable[..., Load]] = {"wrk": load_with_wrk, "python": load_with_python}


def _wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk is not on PATH; install it (apt-get install wrk) or use python.")
    return found


def choose_generator(wanted: str) -> str:
    """`auto` is wrk when it is on PATH, else the Python load generator."""
    if wanted == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if wanted == "wrk":
        _wrk()
    return wanted


# ------------------------------------------------------------------------------ one server


@dataclass
class Check:
    """One request to an address before the load, and one again with its ETag."""

    status: int | None
    x_cache: str
    etag: str
    # The status and body size of the request with If-None-Match: 304 and 0 are right.
    revalidated_status: int | None = None
    revalidated_bytes: int | None = None
    error: str = ""

    @property
    def not_modified(self) -> bool | None:
        if not self.etag:
            return None
        return self.revalidated_status == 304 and self.revalidated_bytes == 0


def check(port: int, probe: Probe, *, timeout: float) -> Check:
    first = _get(port, probe, {}, timeout=timeout)
    if isinstance(first, str):
        return Check(status=None, x_cache="", etag="", error=first)
    status, headers, _ = first
    found = Check(status=status, x_cache=headers.get("x-cache", ""), etag=headers.get("etag", ""))
    if status != 200:
        found.error = f"status {status}, 200 expected"
    if found.etag:
        again = _get(port, probe, {"If-None-Match": found.etag}, timeout=timeout)
        if isinstance(again, str):
            found.error = found.error or f"with If-None-Match: {again}"
        else:
            found.revalidated_status, _, found.revalidated_bytes = again
    return found


def _get(
    port: int, probe: Probe, extra: dict[str, str], *, timeout: float
) -> tuple[int, dict[str, str], int] | str:
    """Status, headers (lower-case names) and body size, or what went wrong."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request(
            "GET", probe.path, headers={"User-Agent": USER_AGENT, **probe.headers, **extra}
        )
        response = client.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as problem:
        return f"{type(problem).__name__}: {problem}"
    finally:
        client.close()
    return (
        response.status,
        {name.lower(): value for name, value in response.getheaders()},
        len(body),
    )


def serve_and_load(
    url: str,
    *,
    page_cache: bool,
    generator: str,
    seconds: int,
    timeout: float,
    say: Callable[[str], None],
) -> dict:
    """One server with the page cache on or off: check, then load, every address."""
    environment = {"DATABASE_URL": url, "PAGE_CACHE": "true" if page_cache else "false"}
    server = ProductionServer(
        timeout=timeout,
        workers=WORKERS,
        threads=THREADS,
        environment=environment,
    )
    rows = []
    with server:
        for address in ADDRESSES:
            # Each worker builds its first answers (and, with the cache on, keeps them).
            for _ in range(WARMUP_REQUESTS):
                fetch(server.port, address.probe, timeout=timeout)
            checked = check(server.port, address.probe, timeout=timeout)
            row = {
                "key": address.key,
                "label": address.label,
                "path": address.probe.path,
                "fragment": address.probe.fragment,
                "check": {**asdict(checked), "not_modified": checked.not_modified},
                "target_ratio": address.target_cached if page_cache else address.target_uncached,
            }
            if checked.error:
                server.keep_log = True
                say(f"  {address.probe.path}: {checked.error}; not loaded.")
                rows.append({**row, "load": None})
                continue
            load = LOADERS[generator](server.port, address.probe, seconds=seconds, timeout=timeout)
            say(
                f"  page cache {'on ' if page_cache else 'off'} {address.label:<14}"
                f"{load.requests_per_second:>9.0f} req/s, p50 {_ms(load.p50_ms)} ms"
            )
            rows.append({**row, "load": asdict(load)})
    floor = next(row["load"] for row in rows if row["key"] == "healthz")
    for row in rows:
        ratio = None
        if row["load"] and floor and floor["requests_per_second"]:
            ratio = row["load"]["requests_per_second"] / floor["requests_per_second"]
        row["ratio_to_healthz"] = round(ratio, 3) if ratio is not None else None
        row["meets_target"] = _verdict(row)
    return {
        "page_cache": page_cache,
        "server_log": server.log.name if server.keep_log else None,
        "rows": rows,
    }


def _verdict(row: dict) -> bool | None:
    if row["target_ratio"] is None:
        return None
    load = row["load"]
    return bool(
        load
        and row["ratio_to_healthz"] is not None
        and row["ratio_to_healthz"] >= row["target_ratio"]
        and load["non_2xx"] == 0
        and load["errors"] == 0
        and row["check"]["not_modified"] is not False
    )


# ---------------------------------------------------------------------------------- the run


def run(
    demo_database_url: str,
    *,
    seconds: int,
    timeout: float,
    generator: str,
    say: Callable[[str], None],
) -> dict:
    """Both servers, cached first; the report's `throughput` section."""
    tool = choose_generator(generator)
    prepare_demo_database(demo_database_url, say=say)
    say(
        f"Throughput: {tool}, {CONNECTIONS} connections for {seconds} s per address, gunicorn "
        f"{WORKERS} workers x {THREADS} threads (gthread), DEBUG=False:"
    )
    runs = [
        serve_and_load(
            demo_database_url,
            page_cache=page_cache,
            generator=tool,
            seconds=seconds,
            timeout=timeout,
            say=say,
        )
        for page_cache in (True, False)
    ]
    return {
        "tool": _tool_version(tool),
        "generator": tool,
        "seconds": seconds,
        "load_threads": LOAD_THREADS if tool == "wrk" else CONNECTIONS,
        "connections": CONNECTIONS,
        "workers": WORKERS,
        "threads": THREADS,
        "demo_database": _shown(demo_database_url),
        "runs": runs,
    }


def _tool_version(tool: str) -> str:
    if tool == "python":
        return f"Python {sys.version.split()[0]} threads (http.client, keep-alive)"
    finished = subprocess.run(  # noqa: S603 (wrk from PATH)
        [_wrk(), "--version"], capture_output=True, text=True, check=False
    )
    return (finished.stdout or finished.stderr).splitlines()[0].split(" Copyright")[0].strip()


def failures(section: dict) -> list[dict]:
    """Addresses whose check went wrong: a wrong address or a broken page, as in the page
    types' failures."""
    return [
        {
            "page_type": f"throughput-{row['key']}",
            "path": row["path"],
            "page_cache": run["page_cache"],
            "error": row["check"]["error"],
        }
        for run in section["runs"]
        for row in run["rows"]
        if row["check"]["error"]
    ]


# ------------------------------------------------------------------------------- the table


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _revalidation(checked: dict) -> str:
    if checked["not_modified"] is None:
        return "no ETag"
    if checked["not_modified"]:
        return "304"
    return f"{checked['revalidated_status']}, {checked['revalidated_bytes']} B"


def render(section: dict) -> str:
    generator = (
        f"wrk -t{section['load_threads']} -c{section['connections']} -d{section['seconds']}s"
        if section["generator"] == "wrk"
        else f"{section['connections']} Python threads, {section['seconds']} s"
    )
    lines = [
        f"Throughput of the demo case ({section['demo_database']}): gunicorn, "
        f"{section['workers']} workers x {section['threads']} threads (gthread), DEBUG=False; "
        f"{generator} per address, one after another, with {section['tool']}.",
    ]
    header = (
        f"{'address':<16}{'cache':>6}{'req/s':>9}{'p50 ms':>8}{'x healthz':>11}{'non-2xx':>9}"
        f"{'errors':>8}{'X-Cache':>9}{'If-None-Match':>15}  target"
    )
    lines += ["", header, "-" * len(header)]
    for run in section["runs"]:
        for row in run["rows"]:
            load, checked = row["load"], row["check"]
            cache = "on" if run["page_cache"] else "off"
            if load is None:
                lines.append(f"{row['label']:<16}{cache:>6}  {checked['error']}")
                continue
            ratio = "-" if row["ratio_to_healthz"] is None else f"{row['ratio_to_healthz']:.2f}"
            target = ""
            if row["target_ratio"] is not None:
                verdict = "yes" if row["meets_target"] else "NO"
                target = f"{verdict} (>= {row['target_ratio']:g})"
            lines.append(
                f"{row['label']:<16}{cache:>6}{load['requests_per_second']:>9.0f}"
                f"{_ms(load['p50_ms']):>8}{ratio:>11}{load['non_2xx']:>9}{load['errors']:>8}"
                f"{checked['x_cache'] or '-':>9}{_revalidation(checked):>15}  {target}"
            )
    lines.append("")
    lines.append(
        "x healthz: requests per second as a share of /healthz's on the same server. "
        "X-Cache: of one request after the warm-up. If-None-Match: that request again with "
        "its ETag (an empty 304 is right). The load generator shares the machine's CPUs with "
        "the server; answers are not compressed (no Accept-Encoding)."
    )
    if section["generator"] == "wrk":
        lines.append("wrk counts 3xx answers as successes; each address answered 200 before.")
    for run in section["runs"]:
        if run["server_log"]:
            lines.append(f"The server's log, with any traceback: {run['server_log']}")
    return "\n".join(lines)
