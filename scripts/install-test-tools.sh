#!/usr/bin/env bash
# Installs the Debian packages the tests need, if missing: chromium (browser tests, axe-core),
# a Java runtime (the Nu HTML Checker) and npm (installs axe-core and vnu-jar from package-lock.json).
# Needs root (as in CI) or sudo.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} = 0 ]; then exit 0; fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "Cần cài cho kiểm thử: ${missing[*]} — chạy 'apt-get install ${missing[*]}' với quyền root." >&2; exit 1; fi; }
echo "Cài gói Debian cho kiểm thử: ${missing[*]}..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
