# Two commands on a fresh clone: `make run` (set up, start the window) and `make test`
# (set up, run every test). Set-up is a virtual environment in .venv with the project
# installed in editable mode; it is redone when pyproject.toml changes.
# `make dist` freezes the program into dist/nianbao/ (PyInstaller, from build/venv: the runtime
# dependencies and PyInstaller only); `make deb` packs it as dist/nianbao_<version>_<arch>.deb.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

BUILD_VENV := build/venv

.PHONY: setup run test bench soak dist deb

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

$(BUILD_VENV)/.installed: pyproject.toml tools/install-system-deps
	sh tools/install-system-deps
	rm -rf $(BUILD_VENV)
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install -q --disable-pip-version-check '.[package]'
	touch $@

dist: $(BUILD_VENV)/.installed
	rm -rf dist/nianbao
	$(BUILD_VENV)/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/nianbao.spec
	dist/nianbao/nianbao --version

deb: dist
	sh packaging/build-deb.sh

soak: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/soak_reliability.py
