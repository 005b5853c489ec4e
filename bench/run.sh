#!/usr/bin/env bash
# The benchmark command, on a private PostgreSQL (port 55433) and Keycloak 26.7.3 with the jar (port 18280):
#  - SharingBenchmark: our sharing check against Keycloak Authorization Services, side by side, at several dataset
#    sizes -> bench/results/<date>.md and bench/results/<date>.png;
#  - SideBySideBenchmark: our user, group and token endpoints against the native ones -> bench/results/<date>-api.md;
#  - ConsoleBenchmark: secret writes with the console open vs not, and "who has access" for 10,000 holders against a
#    plain entity read -> bench/results/<date>-console.md;
#  - MigrationBenchmark: a legacy Custos tenant of 100,000 entities and 1,000,000 sharing rows (MariaDB, started here
#    on port 53306) migrated in one request, beside PostgreSQL's own bulk-insert rate -> bench/results/<date>-migration.md
#    (MIGRATE_ENTITIES=10000 for a quick run; HEAP=768m bounds the server's heap).
# Takes 20-40 minutes on a 2-core machine. BENCH=SideBySideBenchmark runs one of them.
#   bench/run.sh                       # sizes 1000,3000,10000,100000; Authorization Services up to 3000
#     (its import endpoint took ~50 s for 1,000 resources here and had not finished 10,000 after 60 s)
#   SIZES=1000,10000 AUTHZ_MAX=1000 RATE=100 SECONDS_PER_SYSTEM=20 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CUSTOS_PG_DIR=/tmp/custos-bench-pg CUSTOS_PG_PORT=55433
trap 'bash .ci/postgres.sh stop; bash .ci/mariadb.sh stop' EXIT
bash .ci/postgres.sh start
bash .ci/mariadb.sh start
export CUSTOS_LEGACY_DB_URL=jdbc:mariadb://127.0.0.1:53306/core_services_db CUSTOS_LEGACY_DB_USERNAME=custos \
  CUSTOS_LEGACY_DB_PASSWORD=custos CUSTOS_LEGACY_REQUIRED=1
mvn -B verify -Dit.test="${BENCH:-SharingBenchmark,SideBySideBenchmark,ConsoleBenchmark,MigrationBenchmark}" -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcustos.bench=true -Dcustos.test.port=18280 \
  -Dcustos.test.db=postgres -Dcustos.test.db.url=jdbc:postgresql://127.0.0.1:55433/keycloak \
  -Dcustos.test.db.username=keycloak -Dcustos.test.db.password=keycloak \
  -Dcustos.bench.sizes="${SIZES:-1000,3000,10000,100000}" -Dcustos.bench.authz.max="${AUTHZ_MAX:-3000}" \
  -Dcustos.bench.rate="${RATE:-100}" -Dcustos.bench.seconds="${SECONDS_PER_SYSTEM:-20}" \
  -Dcustos.bench.migrate.entities="${MIGRATE_ENTITIES:-100000}" ${HEAP:+-Dcustos.test.heap=$HEAP} \
  -Dcustos.bench.out="$PWD/bench/results" "$@"
