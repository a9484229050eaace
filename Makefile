# Two commands do all the set-up: `make run` and `make test` (README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test interop lint typecheck bench screenshot translations clean

# The virtual environment, rebuilt whenever a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/mypy

# The real tools on the other end (tests/interop): a running Label Studio, Java UIMA, spaCy.
# They get their own environment; Java's packages come from .ci/run (apt).
INTEROP := .venv-interop
$(INTEROP)/.installed: requirements-interop.txt
	test -x $(INTEROP)/bin/python || $(PYTHON) -m venv $(INTEROP)
	$(INTEROP)/bin/python -m pip install --quiet --upgrade pip
	$(INTEROP)/bin/python -m pip install --quiet -r requirements-interop.txt
	touch $@

interop: $(STAMP) $(INTEROP)/.installed
	HAMISH_INTEROP=$(INTEROP) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/interop

# 200 crash trials (tests/reliability): a killed editor must lose no committed edit.
.PHONY: test-slow
test-slow: $(STAMP)
	HAMISH_SLOW=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/reliability

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Every benchmark in bench/, quick sizes; their figures go to bench/results/LATEST.md.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The README screenshot, from a real window on a virtual screen (needs xvfb: see .ci/run).
screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/take_screenshot.py

# The Arabic interface: collect the strings of ui/ into the .ts (translate them there,
# e.g. with $(BIN)/pyside6-linguist), then compile the .qm the application loads.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete ui/*.py -ts assets/i18n/hamish_ar.ts
	$(BIN)/pyside6-lrelease assets/i18n/hamish_ar.ts -qm assets/i18n/hamish_ar.qm
	$(BIN)/pyside6-lrelease assets/i18n/qtbase_supplement_ar.ts -qm assets/i18n/qtbase_supplement_ar.qm
	$(BIN)/pyside6-lupdate -no-obsolete -pluralonly ui/*.py -ts assets/i18n/hamish_en.ts
	$(BIN)/pyside6-lrelease assets/i18n/hamish_en.ts -qm assets/i18n/hamish_en.qm

clean:
	rm -rf $(VENV) $(INTEROP) .pytest_cache .mypy_cache .ruff_cache
