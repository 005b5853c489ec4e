#!/usr/bin/env bash
# Builds the Custos admin theme (see vite.config.ts) with the machine's Node.js and npm, into
# target/classes/theme/custos/admin/resources; mvn package runs it (skip: -Dcustos.console.skip=true).
# Fails the build when admin-ui is not the version the console's copies of its code were taken from, on an ESLint
# finding or a file Prettier would change (npm run format fixes those), or on a type error.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node scripts/check-admin-ui-copies.mjs
npm run --silent lint
npx tsc -p tsconfig.json
npx vite build --logLevel warn
