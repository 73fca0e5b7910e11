# Interview Arena — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      ?= .venv
PY        := $(VENV)/bin/python
PIP       := $(PY) -m pip --disable-pip-version-check -q
HOST      ?= 127.0.0.1
PORT      ?= 8000
# Debian packages the test-suite drives for real (browser, media synthesis, sandbox and its compilers, ...).
TEST_DEBS ?= chromium fonts-dejavu-core espeak-ng sox bubblewrap g++ default-jdk-headless nodejs
PYTEST_ARGS ?=

.PHONY: help run test lint format install install-dev system-deps migrate demo clean

help:
	@echo "make run    — install, migrate, load demo data, serve on http://$(HOST):$(PORT)/ (daphne + Celery worker)"
	@echo "make test   — install everything the tests need and run the whole suite"
	@echo "make lint   — ruff format check and lint"

$(PY):
	@PY_BIN=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$PY_BIN"; \
	"$$PY_BIN" -m venv $(VENV)
	@$(PIP) install --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# On Debian/Ubuntu, install the system packages the tests use when any is missing.
system-deps:
	@missing=""; for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "Please install:$$missing (the browser must be at /usr/bin/chromium)"; exit 1; fi; \
	SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	echo "Installing Debian packages:$$missing"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_question_bank
	$(PY) manage.py load_problems
	$(PY) manage.py seed_demo

run: demo
	$(PY) scripts/serve.py --host $(HOST) --port $(PORT)

test: install-dev system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var/test-db*.sqlite3 .pytest_cache .ruff_cache
