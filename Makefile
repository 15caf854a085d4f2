# plansite: `make site` builds the portal into site/, `make test` runs every test.
# Works on a fresh Debian machine with Python 3.11; the venv lives in .venv/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CHROMIUM ?= /usr/bin/chromium

.PHONY: site test serve check benchmark benchmark-search clean browser

site: $(VENV)/.stamp-build
	$(PY) build.py

check: $(VENV)/.stamp-build
	$(PY) build.py check

serve: $(VENV)/.stamp-build
	$(PY) build.py serve

test: $(VENV)/.stamp-test browser
	$(PY) -m pytest

benchmark: $(VENV)/.stamp-build
	$(PY) benchmarks/build_vs_mkdocs.py --plans 1000

# Keystroke to first search results in Chromium, on the site built from content/.
benchmark-search: $(VENV)/.stamp-test browser
	$(PY) build.py
	$(PY) benchmarks/search_latency.py --site site

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.stamp-build: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.stamp-test: requirements.txt requirements-test.txt $(VENV)/.stamp-build
	$(PIP) install --quiet -r requirements.txt -r requirements-test.txt
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@test -x $(CHROMIUM) || ./scripts/install-chromium.sh

clean:
	rm -rf site .site-build-* .site-old-* benchmarks/out
