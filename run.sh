#!/usr/bin/env bash
# The run command: builds the jar, obtains Keycloak from Maven Central, deploys the jar, imports the demo realm
# `custos-demo` and starts Keycloak on http://localhost:8080 with the embedded H2 dev-file database.
# Ctrl-C stops it cleanly; running it again keeps the data (it lives in .run/, which `mvn clean` leaves alone).
set -euo pipefail
cd "$(dirname "$0")"

KC_VERSION=26.7.3
RUN_DIR=.run
DIST="$RUN_DIR/keycloak-$KC_VERSION"
PORT="${CUSTOS_HTTP_PORT:-8080}"
MANAGEMENT_PORT="${CUSTOS_MANAGEMENT_PORT:-9000}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

echo "==> Building keycloak-custos"
mvn -B -q -DskipTests package

if [ ! -x "$DIST/bin/kc.sh" ]; then
  echo "==> Fetching Keycloak $KC_VERSION from Maven Central"
  mkdir -p "$RUN_DIR"
  # Outside the project, so that the test build's unpack markers in target/ do not make Maven skip this.
  (cd "$RUN_DIR" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory=. \
    && rm -rf '${project.basedir}')
fi

cp providers/keycloak-custos.jar "$DIST/providers/keycloak-custos.jar"
mkdir -p "$DIST/data/import"
cp docker/realm-import/custos-demo-realm.json "$DIST/data/import/custos-demo-realm.json"
# The demo realm's sample Custos data (types, a small entity tree, shares with a user and a group, a membership type),
# read by the same import as any Custos data bundle once Keycloak has imported the realm (docs/operations.md).
cp docker/realm-import/custos-demo.custos-bundle "$DIST/data/import/custos-demo.custos-bundle"

KEY_FILE="$PWD/$RUN_DIR/secrets.keys"
if [ ! -f "$KEY_FILE" ]; then
  ( umask 077; printf 'k1=%s\n' "$(head -c 32 /dev/urandom | base64)" > "$KEY_FILE" )
  cat <<WARN
################################################################################################
# WARNING: generated a DEVELOPMENT key-encryption key for Custos secrets in $KEY_FILE
# Anyone who can read that file can decrypt the secrets stored by this server. Never use it in
# production: configure your own key file or secrets-keys (see docs/security.md, "Secrets at rest").
################################################################################################
WARN
fi

echo "==> Starting Keycloak on http://localhost:$PORT (first start re-augments: about a minute)"
"$DIST/bin/kc.sh" start-dev --import-realm --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" \
  --health-enabled=true --features=declarative-ui --spi-realm-restapi-extension--custos--secrets-key-file="$KEY_FILE" &
KC_PID=$!
stop() {
  echo; echo "==> Stopping Keycloak"
  kill -TERM "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 240); do
  if curl -sf -o /dev/null "http://localhost:$PORT/realms/custos-demo/.well-known/openid-configuration"; then
    break
  fi
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "Keycloak exited during start" >&2
    exit 1
  fi
  sleep 1
done

# The master realm's console gets the Custos section too (its admin theme; the demo realm's comes with its import).
# Only while master has no admin theme of its own: an operator's choice is left alone.
ADMIN_TOKEN=$(curl -sf "http://localhost:$PORT/realms/master/protocol/openid-connect/token" -d grant_type=password \
  -d client_id=admin-cli --data-urlencode "username=$KC_BOOTSTRAP_ADMIN_USERNAME" \
  --data-urlencode "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" | sed -E 's/.*"access_token":"([^"]+)".*/\1/' || true)
if [ -n "$ADMIN_TOKEN" ] && ! curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "http://localhost:$PORT/admin/realms/master" \
    | grep -q '"adminTheme"'; then
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"adminTheme":"custos"}' "http://localhost:$PORT/admin/realms/master" || echo "(could not set master's admin theme)"
fi

BASE="http://localhost:$PORT/realms/custos-demo/custos/identity-management/v1.0.0"
CREDS='$(printf custos-demo-backend:custos-demo-backend-secret | base64)'
cat <<TXT

keycloak-custos is running.
  Admin console:  http://localhost:$PORT/admin/  (user $KC_BOOTSTRAP_ADMIN_USERNAME, realm custos-demo)
  Demo realm's own console: http://localhost:$PORT/admin/custos-demo/console/  (demo-admin / demo-admin-password;
                  the Custos section of the navigation: sharing, access, memberships, agents, secrets, audit)
  OpenAPI:        http://localhost:$PORT/realms/custos-demo/custos/openapi.json

Try:
  curl "$BASE/.well-known/openid-configuration?client_id=custos-demo-backend"
  curl -X POST -H "Authorization: Bearer $CREDS" -H 'Content-Type: application/json' \\
       -d '{"username":"demo-user","password":"demo-password","grant_type":"password"}' "$BASE/token"
  curl -H "Authorization: Bearer $CREDS" "$BASE/credentials?client_id=custos-demo-backend"

Press Ctrl-C to stop.
TXT
wait "$KC_PID"
