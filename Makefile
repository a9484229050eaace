# Two commands do all the set-up: `make run` and `make test` (README.md).

# A Python of these versions (newest first), from the PATH or pyenv's versions: the suite
# passes on each. PYTHON=/path/to/python3.x chooses another.
SUPPORTED := 3.13 3.12 3.11
find_python = $(shell for v in $(1); do \
	for p in python$$v $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v*/bin/python$$v; do \
	"$$p" -c '' 2>/dev/null && { echo "$$p"; exit 0; }; done; done)
ifeq ($(origin PYTHON),undefined)
PYTHON := $(call find_python,$(SUPPORTED))
endif
version_of = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PYVERSION := $(call version_of,$(PYTHON))
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(PYVERSION)

.PHONY: run test test-core test-oldest which-python interop wheel-test dist dist-test lint typecheck bench bench-large screenshot translations clean

# The virtual environment, made again when a requirements file changes or when it holds
# another Python than the one chosen.
$(STAMP): requirements.txt requirements-dev.txt
	@case "$(PYVERSION)" in 3.11|3.12|3.13) ;; *) \
	echo "make: needs Python 3.11, 3.12 or 3.13, and $(if $(PYTHON),$(PYTHON) is $(or $(PYVERSION),not a Python that runs),none was found (python3.13, python3.12, python3.11 on the PATH or in pyenv)): install one, or name it: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12" >&2; \
	exit 1;; esac
	@echo "make: Python $(PYVERSION) ($(PYTHON)) in $(VENV)"
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "$(PYVERSION)" ]; then \
	echo "make: $(VENV) holds another Python: made again"; rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed*
	touch $(STAMP)

run: $(STAMP)
	@echo "make: $$($(BIN)/python -V) from $(VENV)"
	$(BIN)/python main.py

test: $(STAMP)
	@echo "make: testing on $$($(BIN)/python -V) from $(VENV)"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/mypy

# The tests of the core (annotation/, db/, the exchange formats, and what a hostile tester
# feeds the importers) in an environment without Qt: requirements-dev.txt less PySide6 and
# the tools that need it or only check code (pytest-qt, mypy, ruff), so a Qt import there
# fails. The core runs on a machine with no display libraries at all. Left out: the render
# command's test (it draws with Qt) and tests/ui/, whose conftest.py starts a QApplication.
CORE := .venv-core
CORE_STAMP := $(CORE)/.installed-$(PYVERSION)
CORE_TESTS := tests/annotation tests/db tests/exchange tests/hostile tests/test_architecture.py
$(CORE_STAMP): requirements.txt requirements-dev.txt
	@case "$(PYVERSION)" in 3.11|3.12|3.13) ;; *) \
	echo "make: needs Python 3.11, 3.12 or 3.13 (PYTHON=/path/to/python3.x)" >&2; exit 1;; esac
	rm -rf $(CORE)
	$(PYTHON) -m venv $(CORE)
	grep -h -v -i -E '^(-r |PySide6|pytest-qt|mypy|ruff)' requirements.txt requirements-dev.txt \
		> $(CORE)/requirements-core.txt
	$(CORE)/bin/python -m pip install --quiet --upgrade pip
	$(CORE)/bin/python -m pip install --quiet -r $(CORE)/requirements-core.txt
	touch $@

test-core: $(CORE_STAMP)
	@echo "make: the core's tests, without Qt, on $$($(CORE)/bin/python -V) from $(CORE)"
	@! $(CORE)/bin/python -c "import PySide6" 2>/dev/null || { echo "make: $(CORE) holds PySide6" >&2; exit 1; }
	$(CORE)/bin/python -m pytest $(CORE_TESTS) \
		--deselect "tests/hostile/test_commands.py::test_a_full_disk_keeps_the_older_file[render]"

# Which Python `make run` and `make test` take: VERSION PATH.
which-python:
	@echo "$(PYVERSION) $(PYTHON)"

# The oldest supported Python, in its own environment (.ci/run runs the suite on both ends).
test-oldest:
	$(MAKE) test PYTHON=$(call find_python,3.11) VENV=.venv-3.11

# The real tools on the other end (tests/interop): a running Label Studio, Java UIMA, spaCy.
# They get their own environment; Java's packages come from .ci/run (apt).
# Label Studio 1.23.2 was checked on Python 3.11.
INTEROP := .venv-interop
INTEROP_PYTHON := $(call find_python,3.11 3.12)
$(INTEROP)/.installed: requirements-interop.txt
	test -x $(INTEROP)/bin/python || $(INTEROP_PYTHON) -m venv $(INTEROP)
	$(INTEROP)/bin/python -m pip install --quiet --upgrade pip
	$(INTEROP)/bin/python -m pip install --quiet -r requirements-interop.txt
	touch $@

interop: $(STAMP) $(INTEROP)/.installed
	HAMISH_INTEROP=$(INTEROP) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/interop

# `pip install`: a wheel built from this checkout, installed into a new environment outside
# it, runs what a person would run (tests/packaging/test_wheel.py).
wheel-test: $(STAMP)
	HAMISH_PACKAGING=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/packaging/test_wheel.py

# The bundled application for workstations without Python (README, "A bundled application"):
# PyInstaller, in its own environment on the chosen Python, freezes main.py into the folder
# dist/hamish/ (the program dist/hamish/hamish, with Python, Qt and assets/ inside). Its
# spec and work files go to build/; .ci/pyinstaller replaces PyInstaller's run-time hook for
# PySide6, which loaded Qt for every terminal command. Tk is left out (nothing uses it).
DIST_VENV := .venv-dist
DIST_STAMP := $(DIST_VENV)/.installed-$(PYVERSION)
$(DIST_STAMP): requirements.txt requirements-dist.txt
	@case "$(PYVERSION)" in 3.11|3.12|3.13) ;; *) \
	echo "make: needs Python 3.11, 3.12 or 3.13 (PYTHON=/path/to/python3.x)" >&2; exit 1;; esac
	rm -rf $(DIST_VENV)
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DIST_VENV)/bin/python -m pip install --quiet -r requirements-dist.txt
	touch $@

dist: $(DIST_STAMP)
	@echo "make: bundling with $$($(DIST_VENV)/bin/python -V) from $(DIST_VENV)"
	rm -rf dist/hamish build/hamish
	$(DIST_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --onedir --name hamish \
		--distpath dist --workpath build --specpath build \
		--additional-hooks-dir .ci/pyinstaller \
		--add-data "$(CURDIR)/assets:assets" \
		--exclude-module tkinter --exclude-module _tkinter \
		main.py
	cp assets/hamish.desktop assets/hamish.svg assets/hamish.png dist/hamish/
	@echo "make: $$(du -sh dist/hamish | cut -f1) in dist/hamish; run dist/hamish/hamish"

# The bundle's smoke test (tests/packaging/test_bundle.py): the program, on a fresh home,
# outside the checkout, offscreen.
dist-test: dist $(STAMP)
	HAMISH_PACKAGING=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/packaging/test_bundle.py

# 200 crash trials (tests/reliability): a killed editor must lose no committed edit.
.PHONY: test-slow
test-slow: $(STAMP)
	HAMISH_SLOW=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/reliability

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Every benchmark in bench/, quick sizes; their figures go to bench/results/LATEST.md, a
# table of every target's verdict at the top. Exits non-zero when a target is missed.
# bench_team.py (20 annotators on a throwaway PostgreSQL cluster for 60 s, the window against
# it) needs PostgreSQL's server programs, as the tests do (tests/postgres_server.py).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# Search at 100,000 articles, the size its target is set at (about 5 minutes): the figures
# go to bench/results/LARGE.md, as make bench's do.
bench-large: $(STAMP)
	$(BIN)/python bench/run_all.py --large

# The README screenshots, from real windows on virtual screens (needs xvfb: see .ci/run): the
# main window filling a laptop's 1366x768 screen and a 1600x1000 one, in English and Arabic;
# the compare window, the dashboard and the Search tab at 1600x1000; the window on a team
# server (PostgreSQL's programs, as for the tests) at 1366x768 (docs/take_screenshot.py).
screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python docs/take_screenshot.py
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/take_screenshot.py --other-windows
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python docs/take_screenshot.py --team

# The Arabic interface: collect the strings of ui/ and annotation/session/ (the session's
# messages, looked up in the context "Session") into the .ts (translate them there,
# e.g. with $(BIN)/pyside6-linguist), then compile the .qm the application loads.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find ui annotation/session -name "*.py" | sort) -ts assets/i18n/hamish_ar.ts
	$(BIN)/pyside6-lrelease assets/i18n/hamish_ar.ts -qm assets/i18n/hamish_ar.qm
	$(BIN)/pyside6-lrelease assets/i18n/qtbase_supplement_ar.ts -qm assets/i18n/qtbase_supplement_ar.qm
	$(BIN)/pyside6-lupdate -no-obsolete -pluralonly $$(find ui annotation/session -name "*.py" | sort) -ts assets/i18n/hamish_en.ts
	$(BIN)/pyside6-lrelease assets/i18n/hamish_en.ts -qm assets/i18n/hamish_en.qm

clean:
	rm -rf $(VENV) .venv-3.11 $(CORE) $(INTEROP) $(DIST_VENV) build dist .pytest_cache .mypy_cache .ruff_cache
