#!/usr/bin/env bash
# Installs the browser tests' npm packages (playwright-core, pinned in package.json and
# package-lock.json) into test/browser/node_modules with `npm ci`. Idempotent: it does nothing
# when node_modules was installed from the same lock (a stamp file holds the lock's hash).
# Chromium and Node.js come from Debian's packages (the Makefile's TEST_PKGS); playwright-core
# never downloads a browser here, the tests launch /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")"

command -v npm >/dev/null || { echo "install_deps.sh: npm is missing (make deps-test installs it)" >&2; exit 1; }
stamp=node_modules/.recs-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/playwright-core/package.json ]; then
  exit 0
fi
echo "installing test/browser/node_modules (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
