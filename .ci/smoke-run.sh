#!/usr/bin/env bash
# Proves the README's run command on this machine: it starts, serves the demo realm, the printed curl lines work,
# Ctrl-C (SIGINT) stops it cleanly, and a second run keeps the data of the first.
set -euo pipefail
set -m  # job control: the run command gets its own process group, as in a terminal
cd "$(dirname "$0")/.."
export CUSTOS_HTTP_PORT=28080 CUSTOS_MANAGEMENT_PORT=29000
BASE="http://localhost:$CUSTOS_HTTP_PORT"
ID="$BASE/realms/custos-demo/custos/identity-management/v1.0.0"
CREDS="Authorization: Bearer $(printf custos-demo-backend:custos-demo-backend-secret | base64)"
LOG=$(mktemp)

admin_token() {
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    "$BASE/realms/master/protocol/openid-connect/token" | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])'
}

RUN_PID=
cleanup() {
  if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then kill -TERM -- -"$RUN_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

user_id() {
  curl -sf -H "Authorization: Bearer $(admin_token)" "$BASE/admin/realms/custos-demo/users?username=smoke-persisted&exact=true" \
    | python3 -c 'import sys,json; u=json.load(sys.stdin); print(u[0]["id"] if u else "")'
}

start() {
  ./run.sh >"$LOG" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 1 300); do
    grep -q "keycloak-custos is running" "$LOG" && return 0
    kill -0 "$RUN_PID" 2>/dev/null || { cat "$LOG"; echo "run command died"; exit 1; }
    sleep 1
  done
  cat "$LOG"; echo "run command did not become ready"; exit 1
}

stop() {
  kill -INT -- -"$RUN_PID"   # what Ctrl-C does: SIGINT to the whole foreground process group
  for _ in $(seq 1 60); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$RUN_PID" 2>/dev/null; then echo "Ctrl-C did not stop the run command"; kill -KILL -- -"$RUN_PID"; exit 1; fi
  wait "$RUN_PID" || { echo "run command exited non-zero after Ctrl-C"; exit 1; }
  if pgrep -f "kc.script.pid" >/dev/null && curl -sf -o /dev/null "$BASE/realms/master"; then
    echo "Keycloak still serving after Ctrl-C"; exit 1
  fi
}


start
curl -sf "$ID/.well-known/openid-configuration?client_id=custos-demo-backend" | grep -c >/dev/null custos_token_endpoint
curl -sf -X POST -H "$CREDS" -H 'Content-Type: application/json' \
  -d '{"username":"demo-user","password":"demo-password","grant_type":"password"}' "$ID/token" | grep -c >/dev/null access_token
curl -sf -H "$CREDS" "$ID/credentials?client_id=custos-demo-backend" | grep -c >/dev/null custos_client_secret
# The demo realm's sample Custos data came in with it: demo-user reads the dataset through the group demo-lab's
# cascading share on its project.
SHARING="$BASE/realms/custos-demo/custos/sharing-management/v1.0.0"
curl -sf -H "$CREDS" "$SHARING/entity/user/access?entity.id=demo-dataset&permission_type.id=READ&owner_id=demo-user" \
  | grep -c >/dev/null '"status":true'
# The demo realm's and the master realm's consoles are the custos admin theme (the Custos section).
# A console page right after start may still be warming up: up to 30 tries, a second apart; the last answer is shown.
for realm in custos-demo master; do
  served=
  for _ in $(seq 1 30); do
    page=$(curl -s -w '\nHTTP %{http_code}' "$BASE/admin/$realm/console/" || true)
    if printf '%s' "$page" | grep -q '/admin/custos/'; then served=yes; break; fi
    sleep 1
  done
  [ -n "$served" ] || { printf '%s\n' "$page" | tail -c 600; echo "the $realm console is not served by the custos admin theme"; exit 1; }
done
# Leave a mark that must survive a restart.
old=$(user_id)
[ -z "$old" ] || curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $(admin_token)" "$BASE/admin/realms/custos-demo/users/$old"
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
  -d '{"username":"smoke-persisted","enabled":true}' "$BASE/admin/realms/custos-demo/users"
stop

start
kept=$(user_id)
[ -n "$kept" ] || { echo "data of the first run was lost"; exit 1; }
curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $(admin_token)" "$BASE/admin/realms/custos-demo/users/$kept"
stop
echo "run command smoke test: 1 passed, 0 failed"
