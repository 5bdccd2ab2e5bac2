# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true SECURE_COOKIES=false
# Tests run with DEBUG off, as in production, over plain http on localhost.
TESTENV := SECRET_KEY=alleen-voor-tests SECURE_COOKIES=false DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test install system-packages test-system-packages lint check staticfiles pytest-sqlite pytest-postgres clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: system-packages $(VENV)/.installed

system-packages:
	@bash scripts/debian-packages.sh run

test-system-packages:
	@bash scripts/debian-packages.sh test

run: install
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py vragenbank_laden
	$(DEV) $(PY) manage.py demodata
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV) $(PY) manage.py check

# DEBUG off serves hashed static files from a manifest, as in production.
staticfiles: $(VENV)/.installed
	$(TESTENV) $(PY) manage.py collectstatic --no-input --verbosity 0

pytest-sqlite: staticfiles
	$(TESTENV) $(PY) -m pytest $(PYTEST_ARGS)

pytest-postgres: staticfiles
	$(TESTENV) bash scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

test: install test-system-packages lint check pytest-sqlite pytest-postgres

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
