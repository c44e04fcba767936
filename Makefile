# almen-gui: `make run` opens the app, `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench bundle install-desktop clean

$(STAMP): pyproject.toml
	@echo "almen-gui: installerer programmet og dets biblioteker (PySide6, pyqtgraph, pandas) i $(VENV);" \
	      "første gang tager det et minut eller to ..."
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/almen-gui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# A self-contained folder dist/almen-gui/ with both programs, then a smoke test of it without the source tree.
bundle: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/almen-gui.spec
	$(PYTHON) packaging/smoke_test.py dist/almen-gui

install-desktop: $(STAMP)
	$(VENV)/bin/almen install-desktop

clean:
	rm -rf $(VENV) build dist .pytest_cache src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
