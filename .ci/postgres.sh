#!/usr/bin/env bash
# Starts (start), restarts keeping the data (restart), stops and starts again keeping the data (down, up) or stops (stop) a private PostgreSQL for the test suite on 127.0.0.1:55432, database `keycloak`,
# user `keycloak`. Installs Debian's PostgreSQL server when the machine has none.
set -euo pipefail
PGDATA_DIR=${CUSTOS_PG_DIR:-/tmp/custos-pg}
PORT=${CUSTOS_PG_PORT:-55432}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q postgresql >/dev/null
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

case "${1:-start}" in
  start)
    BIN=$(pg_bin)
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
      su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -m fast -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR" && chown postgres:postgres "$PGDATA_DIR"
    su postgres -c "$BIN/initdb -D $PGDATA_DIR -U postgres --auth=trust" >/dev/null
    su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -o '-p $PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1' -w start" >/dev/null
    su postgres -c "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -q -c \"create user keycloak with password 'keycloak'\" -c \"create database keycloak owner keycloak\" -c \"create database keycloak_cluster owner keycloak\" -c \"create database keycloak_dev owner keycloak\""
    echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
    ;;
  restart)
    # Keeps the data: what a database restart under running Keycloak nodes looks like (TwoNodeClusterIT).
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -m fast -w restart" >/dev/null
    ;;
  down)
    # Stops the server keeping its data: a database outage under running Keycloak nodes (TwoNodeClusterIT).
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -m immediate -w stop" >/dev/null
    ;;
  up)
    # Starts the stopped server again on the same data.
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -o '-p $PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1' -w start" >/dev/null
    ;;
  stop)
    BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$BIN" ] && [ -f "$PGDATA_DIR/postmaster.pid" ] && su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -m fast -w stop" >/dev/null || true
    ;;
esac
