# The few targets people need. `make run` and `make test` do all set-up on a fresh machine
# that has only Python 3.11 and pip. See docs/development.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The port `make run` serves on (`make run PORT=8101`); links in the e-mails it prints point there unless SITE_URL is set.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
# Environment for local use; production sets its own (see .env.example and docs/configuration.md).
# Debug sends e-mail to the console backend: invitations and password links are printed where `make run` runs.
RUN_ENV = DJANGO_DEBUG=true SITE_URL=$(SITE_URL)
# Environment for tests and tooling. Whatever the caller has exported, tests use no broker and no shared
# cache (tasks run in-process; the Celery worker tests skip), so `make test` never needs Redis.
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-key DJANGO_PRODUCTION=false DJANGO_DEBUG= \
  DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
  CELERY_BROKER_URL= CELERY_RESULT_BACKEND= REDIS_URL= REQUIRE_CELERY_WORKER=
# Parallel test processes (pytest-xdist); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: install run test lint format messages audit bench clean

$(STAMP): requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
	  || { echo "Python 3.11 is needed (found: $$($(PYTHON) --version 2>&1)); run e.g. make PYTHON=python3.11 ..."; exit 1; }
	@# Without Debian's python3-venv there is no ensurepip: make the venv bare and let the system pip fill it.
	test -x $(PY) || $(PYTHON) -m venv $(VENV) \
	  || { rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) && $(PYTHON) -m pip --python $(PY) install --quiet pip; }
	$(PY) -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_reference
	$(RUN_ENV) $(PY) manage.py load_demo_data
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# pytest exits 5 when it collects no tests; make passes that on as a failure, as it should. Coverage is measured on
# every run and must reach the floor in pyproject.toml ([tool.coverage.report] fail_under), which may only rise.
test: install
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) --cov --cov-report= $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(TEST_ENV) $(PY) -m mypy vagenin scripts testsupport
	$(TEST_ENV) $(VENV)/bin/lint-imports --no-cache
	$(PY) -m djhtml --check $$(find vagenin -name '*.html')
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(PY) -m djhtml $$(find vagenin -name '*.html')

# Swedish is the source language; English lives in vagenin/<app>/locale/en. Needs GNU gettext.
# Updates every app's catalogue from the code (creating missing ones) and compiles it; lists what to translate.
# `$(PY) -m scripts.check_messages` is the check CI runs.
messages: install
	$(TEST_ENV) $(PY) -m scripts.update_messages

# scripts/audit.py says which: no known vulnerabilities (exit 0), vulnerabilities found (1), or no advisory
# service reachable (2); make reports the last two as "Error 1" and "Error 2".
audit: install
	$(PY) -m scripts.audit

# The whole benchmark as production runs (bench/all.py): PostgreSQL when BENCH_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/vagenin_bench) answers, else SQLite; Redis when 127.0.0.1:6379 answers; then
# the pages (page cache on and off), the jobs, gc.freeze() on and off, and the growth to 50,000 initiatives, each
# part timed. One part: `make bench BENCH_ARGS="--parts gc"`; a trial: `make bench BENCH_ARGS=--quick`.
BENCH_ARGS ?=
bench: install
	$(TEST_ENV) $(PY) -m bench.all $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
