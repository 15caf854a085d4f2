#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests. Needs root (as in CI) or sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "Cần cài Chromium cho kiểm thử trình duyệt: chạy 'apt-get install chromium' với quyền root." >&2; exit 1; fi; }
echo "Cài Chromium (gói Debian) cho kiểm thử trình duyệt..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
command -v chromium
