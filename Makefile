# Everything a newcomer needs: `make run` and `make test`. Each target works from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py

.PHONY: help install compilemessages migrate demo run run-production worker test lint format check messages bench bench-search bench-newsletter bench-lighthouse bench-offline bench-readpath clean

help:
	@echo "make run     - install, migrate, load demo content, start web server and worker"
	@echo "make test    - install and run every test (SQLite, PostgreSQL, browser)"
	@echo "make run-production - the deploy/ layout on http://127.0.0.1:8080/ (nginx, gunicorn, worker)"
	@echo "make worker  - run the background task worker alone"
	@echo "make lint    - ruff check and format check"
	@echo "make format  - ruff format and fixes"
	@echo "make bench   - run the benchmarks (results in docs/benchmarks.md)"
	@echo "make bench-search [QUICK=1] - search benchmark, SQLite and PostgreSQL (long; QUICK is minutes)"
	@echo "make messages - update the Lao and Thai catalogues from the code (needs GNU gettext)"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP) compilemessages

# The .po catalogues are compiled with polib (a Python dependency): no GNU gettext needed.
compilemessages: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

var:
	mkdir -p var

migrate: install var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) devserver

# The production layout of deploy/ (nginx from the system in front of gunicorn and the worker,
# production settings, the mirror built) on the database `make run` prepared. Ctrl-C stops it.
run-production: demo
	$(BIN)/python scripts/run_production.py --port $(or $(PORT),8080)

worker: migrate
	$(MANAGE) worker

test: install
	$(BIN)/python scripts/run_tests.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Every bench-* target; each writes or documents its own section of docs/benchmarks.md.
bench: bench-search bench-newsletter bench-offline bench-lighthouse bench-readpath

# Read path on the layout of run-production (wrk on loopback): mirror vs plain nginx, the
# gunicorn miss path, 200 concurrent clients for 60 s.
bench-readpath: demo
	$(BIN)/python -m bench.readpath

bench-search: install
	$(BIN)/python -m bench.search
# Extract the interface strings into portal/locale/*/LC_MESSAGES/django.po (keeps translations).
# Django's makemessages reads Django templates correctly but calls GNU gettext's xgettext.
messages: install
	@command -v xgettext >/dev/null || { echo "GNU gettext is needed: apt-get install gettext"; exit 1; }
	cd portal && ../$(BIN)/python ../manage.py makemessages $(foreach lang,$(MESSAGE_LANGUAGES),-l $(lang)) --no-location --no-obsolete
	$(BIN)/python scripts/compile_messages.py

MESSAGE_LANGUAGES ?= lo th

# Offline export: time and size for the demo site and a synthetic 5,000-page site.
bench-offline: install
	$(BIN)/python -m bench.offline --pages $(or $(PAGES),5000)

# Lighthouse 12 (npm, installed under tools/, not committed) against a production-like server
# (gunicorn, production settings, collected and compressed static files) on the budget pages.
bench-lighthouse: install
	@command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)"; exit 1; }
	test -x tools/lighthouse/node_modules/.bin/lighthouse || npm install --prefix tools/lighthouse --no-save --no-audit --no-fund lighthouse@12
	$(BIN)/python -m bench.lighthouse

# Newsletter: 20,000 synthetic subscribers in a scratch database, through a local aiosmtpd sink.
bench-newsletter: install
	$(BIN)/python -m bench.newsletter --subscribers 20000 --rounds 3

clean:
	rm -rf $(VENV) var

# The newest versions within pyproject.toml's ranges: pip-compile (pip-tools, in the test extra)
# rewrites constraints.txt, then they are installed and the whole suite runs. Commit the new
# constraints.txt only when the suite passes (README: "Upgrades").
.PHONY: upgrade
upgrade: install
	$(BIN)/pip-compile --quiet --upgrade --no-header --no-annotate --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra test --output-file constraints.txt \
		pyproject.toml
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)
	$(BIN)/python scripts/run_tests.py
