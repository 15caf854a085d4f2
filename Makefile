# plansite: `make site` builds the portal into site/, `make test` runs every test.
# Works on a fresh Debian machine with Python 3.11; the venv lives in .venv/.
# Python packages install with --require-hashes (requirements*.txt), npm ones with `npm ci`.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CHROMIUM ?= /usr/bin/chromium
SITE_URL ?=

.PHONY: site test serve check benchmark benchmark-search benchmark-preview clean tools

# SITE_URL (optional) overrides site_url of site_config.yaml, as the Pages workflow does.
site: $(VENV)/.stamp-build
	$(PY) build.py build $(if $(SITE_URL),--site-url "$(SITE_URL)")

check: $(VENV)/.stamp-build
	$(PY) build.py check

serve: $(VENV)/.stamp-build
	$(PY) build.py serve

test: $(VENV)/.stamp-test node_modules/.package-lock.json tools
	$(PY) -m pytest

benchmark: $(VENV)/.stamp-build
	$(PY) benchmarks/build_vs_mkdocs.py --plans 1000

# Save of a plan file to the open preview page showing it, in Chromium, at 1,000 plans.
benchmark-preview: $(VENV)/.stamp-test tools
	$(PY) benchmarks/preview_latency.py --plans 1000

# Keystroke to first search results in Chromium, on the site built from content/.
benchmark-search: $(VENV)/.stamp-test node_modules/.package-lock.json tools
	$(PY) build.py
	$(PY) benchmarks/search_latency.py --site site

# The hashes in requirements*.txt are for CPython 3.11 on Linux x86_64.
$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Cần Python 3.11 (PYTHON=$(PYTHON) là bản khác): make PYTHON=python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-pip.txt

$(VENV)/.stamp-build: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.stamp-test: requirements.txt requirements-test.txt $(VENV)/.stamp-build
	$(PIP) install --quiet --require-hashes -r requirements.txt -r requirements-test.txt
	touch $@

# axe-core and the Nu HTML Checker, exactly as in package-lock.json. vnu-jar's install script
# (which would download a Java runtime) is skipped: the Debian JRE runs vnu.jar.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# Debian's chromium (browser tests; Playwright's own browser download is not used), a Java
# runtime and npm, installed with apt-get when missing.
tools:
	@test -x $(CHROMIUM) && command -v java >/dev/null && command -v npm >/dev/null || \
	  CHROMIUM=$(CHROMIUM) ./scripts/install-test-tools.sh

clean:
	rm -rf site .site-build-* .site-old-* benchmarks/out node_modules
