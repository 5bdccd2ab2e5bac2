# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true SECURE_COOKIES=false
# Tests run with DEBUG off, as in production, over plain http on localhost.
TESTENV := SECRET_KEY=alleen-voor-tests SECURE_COOKIES=false DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test install system-packages test-system-packages test-deps lint check staticfiles pytest-sqlite pytest-postgres \
	toegankelijkheid clean serve

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: system-packages $(VENV)/.installed

system-packages:
	@bash scripts/debian-packages.sh run

test-system-packages:
	@bash scripts/debian-packages.sh test

# axe-core and the Nu HTML Checker (vnu.jar) for the accessibility checks, as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	@bash scripts/debian-packages.sh test
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-deps: test-system-packages node_modules/.installed

run: install
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py vragenbank_laden
	$(DEV) $(PY) manage.py demodata
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

# Production mode: gunicorn, PostgreSQL (a cluster of its own in .postgres/ unless DATABASE_URL is set) and
# WhiteNoise, DEBUG off. See "Productie" in README.md.
serve: install
	bash scripts/serve.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV) $(PY) manage.py check

# DEBUG off serves hashed static files from a manifest, as in production.
staticfiles: $(VENV)/.installed
	$(TESTENV) $(PY) manage.py collectstatic --no-input --verbosity 0

pytest-sqlite: staticfiles node_modules/.installed
	$(TESTENV) $(PY) -m pytest $(PYTEST_ARGS)

pytest-postgres: staticfiles node_modules/.installed
	$(TESTENV) bash scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

test: install test-deps lint check pytest-sqlite pytest-postgres

# Only the accessibility checks of issue 6 (see "Toegankelijkheid" in README.md), on SQLite.
TOEGANKELIJKHEID := tests/browser/test_toegankelijkheid.py tests/samenwerking/test_html_geldig.py \
	tests/browser/test_toetsenbord.py tests/browser/test_kleine_schermen.py tests/gesprekken/test_rapport_toegankelijk.py
toegankelijkheid: staticfiles node_modules/.installed
	$(TESTENV) $(PY) -m pytest $(TOEGANKELIJKHEID) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache node_modules

# Speed at scale (issue 7): PostgreSQL, gunicorn with the production settings, 10,000 generated gesprekken.
# Prints the figures; the last line is one JSON object. Not part of `make test`: it measures, it does not check.
BENCHENV := SECRET_KEY=alleen-voor-de-bench DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60 DJANGO_SETTINGS_MODULE=bench.settings

.PHONY: bench
bench: install test-system-packages staticfiles
	$(BENCHENV) bash scripts/with-postgres.sh $(PY) -m bench.run
