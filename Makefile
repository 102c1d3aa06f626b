# Prisbot: `make run` starts the bot (terminal chat without TELEGRAM_BOT_TOKEN), `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint bench check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Fant ikke $(PYTHON); sett PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	@$(PY) -m bot start

test: install
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests
	$(PY) -m mypy bot
	$(PY) -m bot check
	$(PY) -m pytest

# The lints, the fact-base check and every test that starts no process (see the slow marker).
test-fast: install
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests
	$(PY) -m mypy bot
	$(PY) -m bot check
	$(PY) -m pytest -m "not slow"

lint: install
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests
	$(PY) -m mypy bot

bench: install
	$(PY) -m tests.bench

check: install
	$(PY) -m bot check

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache build *.egg-info
