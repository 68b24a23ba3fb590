#!/usr/bin/env bash
# Sets up a fresh clone: npm dependencies and the bundles. With --host, also what the in-host and
# browser tests need (Debian's chromium, code-server 4.100.3 outside the project, cached).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
if [ "${1:-}" = "--host" ]; then
  bash scripts/code-server.sh install
fi
