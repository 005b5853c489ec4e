#!/usr/bin/env bash
# Builds the Custos admin theme (see vite.config.ts) with the machine's Node.js and npm, into
# target/classes/theme/custos/admin/resources; mvn package runs it (skip: -Dcustos.console.skip=true).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json
npx vite build --logLevel warn
