# plansite: `make site` builds the portal into site/, `make test` runs every test.
# Works on a fresh Debian or Ubuntu machine with CPython 3.11, 3.12 or 3.13; the venv lives in .venv/.
# Python packages install with --require-hashes from the lock files (requirements*.txt, made
# by `make lock` with uv), npm ones with `npm ci`.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CHROMIUM ?= /usr/bin/chromium
SITE_URL ?=
# Universal locks: one resolution for CPython 3.11-3.13 on Linux, macOS and Windows, with the
# hashes of every wheel. Existing pins are kept; `make lock UPGRADE=--upgrade` moves them.
LOCK = $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(UPGRADE)

.PHONY: site test fuzz lint serve check benchmark benchmark-search benchmark-accuracy benchmark-preview clean tools lock lock-check

# SITE_URL (optional) overrides site_url of site_config.yaml, as the Pages workflow does.
site: $(VENV)/.stamp-build
	$(PY) build.py build $(if $(SITE_URL),--site-url "$(SITE_URL)")

check: $(VENV)/.stamp-build
	$(PY) build.py check

serve: $(VENV)/.stamp-build
	$(PY) build.py serve

test: lint $(VENV)/.stamp-test node_modules/.package-lock.json tools
	$(PY) -m pytest

# The Hypothesis properties of tests/test_fuzz.py (the loader and the importer answer any bytes
# with a result or a Problem, never a traceback) at a large budget; `make test` runs 40 examples each.
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.stamp-test
	PLANSITE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check

benchmark: $(VENV)/.stamp-build
	$(PY) benchmarks/build_vs_mkdocs.py --plans 1000 10000 --repeat 1

# Save of a plan file to the open preview page showing it, in Chromium, at 1,000 plans.
benchmark-preview: $(VENV)/.stamp-test tools
	$(PY) benchmarks/preview_latency.py --plans 1000

# Search relevance (precision@5, recall@5) on the seed site and generated corpora, keystroke to
# first result in Chromium and bytes per query at SEARCH_PLANS plans (see README, Search).
SEARCH_PLANS ?= 1000 10000
benchmark-search: $(VENV)/.stamp-test node_modules/.package-lock.json tools
	nice $(PY) benchmarks/search_benchmark.py --plans $(SEARCH_PLANS)

# Citation (and header) accuracy on the hand-annotated real texts in tests/fixtures/real/.
benchmark-accuracy: $(VENV)/.stamp-build
	$(PY) benchmarks/accuracy.py --details

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || \
	  { echo "Cần Python 3.11, 3.12 hoặc 3.13 (PYTHON=$(PYTHON) là bản khác): make PYTHON=python3.13 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-pip.txt

# requirements.txt: what `make site` needs; requirements-test.txt: the same pins plus the tests'.
$(VENV)/.stamp-build: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.stamp-test: requirements-test.txt $(VENV)/.stamp-build
	$(PIP) install --quiet --require-hashes -r requirements-test.txt
	touch $@

$(VENV)/.stamp-uv: requirements-uv.txt | $(VENV)/bin/python
	$(PIP) install --quiet --require-hashes -r requirements-uv.txt
	touch $@

# After changing dependencies in pyproject.toml or a pin in requirements-{pip,uv}.in; review the diff.
lock: $(VENV)/.stamp-uv
	$(LOCK) pyproject.toml -o requirements.txt
	$(LOCK) pyproject.toml --extra test -c requirements.txt -o requirements-test.txt
	$(LOCK) requirements-pip.in -o requirements-pip.txt
	$(LOCK) requirements-uv.in -o requirements-uv.txt

# Proves the build lock installs (wheels only, hashes checked) for editors on macOS and Windows.
lock-check: $(VENV)/.stamp-uv
	UV=$(VENV)/bin/uv ./scripts/check-lock.sh

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
	rm -rf site .site-build-* .site-old-* .site.lock .cache benchmarks/out node_modules
