# The few targets people need. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Environment for local use and for tests; production sets its own (see .env.example).
RUN_ENV := DJANGO_DEBUG=true
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-key DJANGO_PRODUCTION=false DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1

.PHONY: install run test lint format messages audit bench clean

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_reference
	$(RUN_ENV) $(PY) manage.py load_demo_data
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(TEST_ENV) $(PY) -m mypy vagenin
	$(PY) -m djhtml --check $$(find vagenin -name '*.html')
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(PY) -m djhtml $$(find vagenin -name '*.html')

# Swedish is the source language; English is kept in vagenin/*/locale/en. Needs gettext.
messages: install
	for app in vagenin/*/; do [ -d $$app/locale ] && (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l en --no-obsolete >/dev/null) ; done; true
	$(TEST_ENV) $(PY) manage.py compilemessages --ignore=.venv

audit: install
	$(PY) -m pip_audit --requirement requirements/base.txt --requirement requirements/dev.txt --disable-pip --no-deps \
	  || { echo "pip-audit could not finish: either a vulnerability was found above, or no advisory service (PyPI or OSV) was reachable from this machine."; exit 1; }

bench: install
	$(TEST_ENV) $(PY) -m bench

clean:
	rm -rf $(VENV) var
