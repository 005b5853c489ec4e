#!/usr/bin/env bash
# Starts (start) or stops (stop) a private MariaDB for the legacy-Custos migration tests on 127.0.0.1:53306,
# database `core_services_db`, user `custos` (password `custos`, who may drop and re-create that database and any
# named core_* or legacy_*: the migration tests load Custos's schema and its legacy tenants into them, in the 2022-2023
# layout of one database and in the 2021 layout of one database per service). Installs Debian's MariaDB server when the machine
# has none. The data lives in /tmp/custos-mariadb and is thrown away on every start.
set -euo pipefail
DATA_DIR=${CUSTOS_MARIADB_DIR:-/tmp/custos-mariadb}
PORT=${CUSTOS_MARIADB_PORT:-53306}
SOCKET="$DATA_DIR/mysqld.sock"

install_server() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q mariadb-server >/dev/null
    # The package starts its own server on the default port; ours runs beside it on another port and directory.
  fi
}

client() {
  mariadb --protocol=socket --socket="$SOCKET" -u root "$@"
}

case "${1:-start}" in
  start)
    install_server
    "$0" stop || true
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    chown mysql:mysql "$DATA_DIR"
    mariadb-install-db --user=mysql --datadir="$DATA_DIR" --auth-root-authentication-method=socket >/dev/null 2>&1
    # setsid -f: the server leaves this script's process group and holds none of its output open.
    setsid -f /usr/sbin/mariadbd --user=mysql --datadir="$DATA_DIR" --socket="$SOCKET" --port="$PORT" \
      --bind-address=127.0.0.1 --pid-file="$DATA_DIR/mysqld.pid" --log-error="$DATA_DIR/error.log" \
      --skip-name-resolve </dev/null >/dev/null 2>&1
    for _ in $(seq 1 60); do
      client -e "select 1" >/dev/null 2>&1 && break
      sleep 0.5
    done
    client -e "create database core_services_db character set utf8mb4;
      create user 'custos'@'127.0.0.1' identified by 'custos';
      create user 'custos'@'localhost' identified by 'custos';
      grant all on \`core\\_%\`.* to 'custos'@'127.0.0.1';
      grant all on \`core\\_%\`.* to 'custos'@'localhost';
      grant all on \`legacy\\_%\`.* to 'custos'@'127.0.0.1';
      grant all on \`legacy\\_%\`.* to 'custos'@'localhost';"
    echo "MariaDB $(client -N -e 'select version()') on 127.0.0.1:$PORT"
    ;;
  stop)
    if [ -f "$DATA_DIR/mysqld.pid" ]; then
      kill "$(cat "$DATA_DIR/mysqld.pid")" 2>/dev/null || true
      for _ in $(seq 1 40); do
        [ -f "$DATA_DIR/mysqld.pid" ] || break
        sleep 0.25
      done
    fi
    ;;
esac
