# 成果转化协作平台 — set-up, run and test. `make run` and `make test` do everything on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/chengguo
REDIS ?= redis://127.0.0.1:6379

.PHONY: fuzz matrix run test test-pg lint format fonts migrate seed serve stack stack-smoke e2e security bench loadtest messages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

fonts:  ## install a CJK font (and the PDF/browser tools) where we can; harmless where we cannot
	@if ! fc-list :lang=zh 2>/dev/null | grep -q . || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-wqy-microhei poppler-utils gettext >/dev/null || echo "warning: could not install fonts"; \
	  else echo "warning: install a CJK font (fonts-noto-cjk) for PDFs"; fi; \
	fi

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: $(STAMP) fonts seed  ## the platform on SQLite with eager tasks and demo data, at http://127.0.0.1:8000
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) fonts  ## the whole suite on SQLite, tasks eager
	$(PY) -m pytest -n 2 -q

test-pg: $(STAMP) fonts  ## the suite on PostgreSQL + Redis (Celery through the real broker)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS)/1 $(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP)  ## refresh and compile the translation catalogues
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=staticfiles --ignore=media
	$(PY) manage.py compilemessages --ignore=.venv

stack: $(STAMP)  ## gunicorn + worker + beat against local PostgreSQL and Redis (Ctrl-C stops all)
	scripts/stack.sh

stack-smoke: $(STAMP)
	$(PY) -m pytest -q -m stack tests/stack

e2e: $(STAMP)  ## browser journeys in Debian's chromium; screenshots in artifacts/screenshots/
	$(PY) -m pytest -q -m e2e tests/e2e

security: $(STAMP)  ## bandit: no high-severity findings in the project's code
	$(VENV)/bin/bandit -q -r . -x ./.venv,./staticfiles,./media,./artifacts,./node_modules --severity-level high

BENCH_DB ?= postgres://postgres@127.0.0.1:5432/chengguo_bench

bench: $(STAMP)  ## benchmarks, one JSON line each (never in CI's timed path); PostgreSQL database chengguo_bench
	@status=0; for f in tests/bench/[!_]*.py; do echo "== $$f"; DATABASE_URL=$${DATABASE_URL:-$(BENCH_DB)} $(PY) $$f || status=1; done; exit $$status

loadtest: $(STAMP)  ## gunicorn + PostgreSQL (100k achievements) + Redis under wrk, 20 clients, 5 min (DURATION=30s: quick)
	DURATION=$${DURATION:-5m} scripts/loadtest.sh

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles artifacts

matrix: $(STAMP)  ## the role x URL permission matrix (prints the number of cases)
	$(PY) -m pytest -q -s -n 2 -m matrix tests/security/test_matrix.py

fuzz: $(STAMP)  ## schemathesis against /api/schema/ as every role (the CI step; FUZZ_STAFF_CASES, FUZZ_ROLE_CASES)
	$(PY) -m pytest -q -p no:randomly -n 2 -m fuzz tests/security/test_fuzz.py
