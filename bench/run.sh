#!/usr/bin/env bash
# The benchmark command: our sharing check against Keycloak Authorization Services, side by side, at three dataset
# sizes, on a private PostgreSQL (port 55433) and Keycloak 26.7.3 with the jar (port 18280). Writes
# bench/results/<date>.md and bench/results/<date>.png. Takes 20-40 minutes on a 2-core machine.
#   bench/run.sh                       # sizes 1000,10000,100000; Authorization Services up to 10000
#   SIZES=1000,10000 AUTHZ_MAX=10000 RATE=100 SECONDS_PER_SYSTEM=20 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CUSTOS_PG_DIR=/tmp/custos-bench-pg CUSTOS_PG_PORT=55433
trap 'bash .ci/postgres.sh stop' EXIT
bash .ci/postgres.sh start
mvn -B verify -Dit.test=SharingBenchmark -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcustos.bench=true -Dcustos.test.port=18280 \
  -Dcustos.test.db=postgres -Dcustos.test.db.url=jdbc:postgresql://127.0.0.1:55433/keycloak \
  -Dcustos.test.db.username=keycloak -Dcustos.test.db.password=keycloak \
  -Dcustos.bench.sizes="${SIZES:-1000,10000,100000}" -Dcustos.bench.authz.max="${AUTHZ_MAX:-10000}" \
  -Dcustos.bench.rate="${RATE:-100}" -Dcustos.bench.seconds="${SECONDS_PER_SYSTEM:-20}" \
  -Dcustos.bench.out="$PWD/bench/results"
