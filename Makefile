# Casefile: `make run` serves the app with the demo case, `make test` runs every check.
# Both honour PORT and DATABASE_URL.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
WEB_CONCURRENCY ?= 3
# Threads per worker: a long download (a large case's export streams for a while) neither
# blocks the other requests nor trips the sync worker's 30-second timeout.
WEB_THREADS ?= 4
# Test processes (pytest-xdist), each with its own test database: one per core by default;
# TEST_WORKERS=0 runs the suite in this one process (for a debugger, or `pytest --pdb`).
TEST_WORKERS ?= auto

.PHONY: run serve test lint migrations-check install install-dev clean bench loadtest messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Test-only tools from npm (axe-core for the accessibility checks, vnu-jar for the HTML check);
# skipped without npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility checks will skip"; fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: set up, migrate, load the demo case and serve on 127.0.0.1:$(PORT) (development)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_case
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## serve: the production way: DEBUG=False, hashed and compressed static files, gunicorn
serve: install
	DEBUG=False $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=False $(BIN)/python manage.py migrate --noinput
	DEBUG=False $(BIN)/gunicorn caseapp.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) --worker-class gthread --threads $(WEB_THREADS) \
		--max-requests 1000 --max-requests-jitter 100

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

migrations-check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

## test: lint, check migrations, run the whole suite (browser tests included when Chromium is there)
test: lint migrations-check node_modules/.installed
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS)

# The languages besides English (caseapp/settings.py LANGUAGES); docs/translations.md.
LOCALES ?= de ru kk ug

## messages: gather the strings into locale/<language>/LC_MESSAGES/django.po, then compile each (needs GNU gettext; the .mo files are committed, so run and test do not)
messages: install
	$(BIN)/python manage.py makemessages $(foreach locale,$(LOCALES),-l $(locale)) \
		--ignore=.venv --ignore=node_modules --ignore=tests --ignore=staticfiles --ignore=media
	@for locale in $(LOCALES); do \
		msgfmt --check --output-file=locale/$$locale/LC_MESSAGES/django.mo \
			locale/$$locale/LC_MESSAGES/django.po || exit 1; \
	done

# `make bench`: without DATABASE_URL it works on its own SQLite file, never on db.sqlite3.
BENCH_EVENTS ?= 100000
BENCH_ACTORS ?=
BENCH_CASES ?= 1
BENCH_SEED ?= 1
BENCH_REQUESTS ?= 20
BENCH_REPEATS ?= 5
BENCH_TIMEOUT ?= 60
BENCH_OUTPUT ?= bench-results.json
BENCH_REBUILD ?= $(if $(DATABASE_URL),,yes)
BENCH_SKIP ?=
# pages or throughput: only that part; both when empty.
BENCH_ONLY ?=
BENCH_THROUGHPUT_SECONDS ?= 10
# The demo case's own database; empty: bench-demo.sqlite3 beside bench.sqlite3.
BENCH_DEMO_DATABASE_URL ?=

## bench: every public page type on synthetic data (one worker), then the demo case's throughput (two workers, page cache on and off); not part of test
bench: install
	DATABASE_URL="$(or $(DATABASE_URL),sqlite:///$(CURDIR)/bench.sqlite3)" \
	$(BIN)/python manage.py bench --events $(BENCH_EVENTS) --cases $(BENCH_CASES) \
		$(if $(BENCH_ACTORS),--actors $(BENCH_ACTORS)) --seed $(BENCH_SEED) \
		--requests $(BENCH_REQUESTS) --repeats $(BENCH_REPEATS) --timeout $(BENCH_TIMEOUT) \
		--output $(BENCH_OUTPUT) $(if $(BENCH_REBUILD),--rebuild) $(if $(BENCH_SKIP),--skip $(BENCH_SKIP)) \
		$(if $(BENCH_ONLY),--only $(BENCH_ONLY)) --throughput-seconds $(BENCH_THROUGHPUT_SECONDS) \
		$(if $(BENCH_DEMO_DATABASE_URL),--demo-database-url "$(BENCH_DEMO_DATABASE_URL)")

LOADTEST_SECONDS ?= 60

## loadtest: 4 editors saving 5 times a second through the admin of a production server on its own SQLite file while visitors read, for $(LOADTEST_SECONDS) s: no save may fail or be lost (make test runs it for 10 s)
loadtest: install-dev
	CONCURRENT_EDITORS_SECONDS=$(LOADTEST_SECONDS) $(BIN)/python -m pytest tests/test_concurrent_editors.py -p no:randomly -q -rP

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
