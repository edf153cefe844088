# GoalDesk developer commands. The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
ARGS   ?=

.PHONY: run test test-gui bench lint typecheck check resources bundle test-bundle deb install-desktop uninstall-desktop screenshots clean

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	@$(PY) -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.run-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.run-installed

$(VENV)/.bundle-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev,bundle]'
	@touch $@ $(VENV)/.run-installed $(VENV)/.test-installed

## Start the app on the default database (or: make run ARGS="--db /tmp/demo.sqlite3")
run: $(VENV)/.run-installed
	$(BIN)/goaldesk $(ARGS)

## Whole test suite, offscreen
test: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not slow and not gui_x11" $(ARGS)

## The real app on a real X server (Xvfb + openbox), driven by real mouse and keys (xdotool)
test-gui: $(VENV)/.test-installed
	GOALDESK_GUI_REQUIRED=1 $(BIN)/pytest -m gui_x11 tests/gui $(ARGS)

## Benchmarks (figures printed, not asserted)
bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py $(ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

check: lint typecheck test

## Regenerate the compiled Qt resources after changing resources/
resources: $(VENV)/.run-installed
	$(BIN)/pyside6-rcc resources/goaldesk.qrc -o goaldesk/ui/common/resources_rc.py

## One-folder PyInstaller build in dist/GoalDesk/
bundle: $(VENV)/.bundle-installed
	$(PY) packaging/build_bundle.py

## Build the bundle and smoke-test it (slow)
test-bundle: $(VENV)/.bundle-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m slow $(ARGS)

## Debian package dist/goaldesk_<version>_<arch>.deb from dist/GoalDesk (built first if missing)
deb: $(VENV)/.bundle-installed
	@test -x dist/GoalDesk/goaldesk || $(PY) packaging/build_bundle.py
	$(PY) packaging/linux/build_deb.py

## Bundle in ~/.local/share/goaldesk, menu entry, icons, and the command as ~/.local/bin/goaldesk
install-desktop:
	sh packaging/linux/install-desktop.sh

uninstall-desktop:
	sh packaging/linux/uninstall-desktop.sh

## Regenerate README screenshots
screenshots: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache
