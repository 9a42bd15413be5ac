# Two commands on a fresh clone: `make run` (set up, start the window) and `make test`
# (set up, run every test). Set-up is a virtual environment in .venv with the project
# installed in editable mode; it is redone when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test bench soak

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml tools/install-system-deps
	sh tools/install-system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

run: setup
	$(BIN)/nianbao

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

soak: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/soak_reliability.py
