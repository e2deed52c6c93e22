# The README's two commands: `make run` and `make test`. Both set themselves up.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format worker clean help

help:
	@echo "make run   - install and serve the blog with demo content at http://127.0.0.1:8000"
	@echo "make test  - install what the tests need and run the whole suite"
	@echo "make lint  - ruff check and format check"
	@echo "make worker - run only the background worker (make run starts one too)"

$(BIN)/python:
	@PY=$$(scripts/find-python.sh) && echo "Creating $(VENV) with $$PY" && "$$PY" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	@scripts/run.sh

# The background worker alone (mail, digests, clean-up), e.g. beside another server.
worker: $(VENV)/.runtime-installed
	LINERNOTES_DATA_DIR="$${LINERNOTES_DATA_DIR:-$$PWD/var}" $(BIN)/linernotes worker

test: $(VENV)/.test-installed
	@scripts/test.sh

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules test-artifacts
