#!/usr/bin/env bash
# Installs requirements.txt (the build lock) for each platform and Python an editor may use,
# into throw-away folders: wheels only, every hash checked. It fails if any locked package
# has no wheel for a platform, or if a wheel's hash is missing from the lock.
#   UV=.venv/bin/uv ./scripts/check-lock.sh        (make lock-check)
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for platform in x86_64-manylinux_2_28 aarch64-apple-darwin x86_64-apple-darwin x86_64-pc-windows-msvc; do
  for python in 3.11 3.12 3.13; do
    "$UV" pip install --quiet --require-hashes --only-binary :all: --no-deps \
      --python-platform "$platform" --python-version "$python" \
      --target "$work/$platform-$python" -r requirements.txt
    echo "ok: requirements.txt installs for CPython $python on $platform"
  done
done
