#!/usr/bin/env bash
# The Vault export a legacy Custos migration reads: one JSON object, Vault path -> `vault kv get -format=json` output,
# for one tenant's resource secrets (resourcesecret/<tenant>/...) and agent secrets (secret/<tenant>/...).
#
#   tools/legacy/vault-export.sh <tenant>                > vault-export.json  # from Vault, with the vault CLI
#   tools/legacy/vault-export.sh --dir <folder> <tenant> > vault-export.json  # from a folder already exported
#
# From Vault: set VAULT_ADDR and VAULT_TOKEN (or `vault login`) with list and read on resourcesecret/<tenant>/ and
# secret/<tenant>/. A folder holds one `vault kv get -format=json` output per secret, at its Vault path plus .json
# (<folder>/resourcesecret/10000/alice/ssh/<id>.json); only the tenant's files are exported, whatever else it holds. Needs jq. The output holds the secrets in plain text: write it
# where only you can read it ((umask 077; tools/legacy/vault-export.sh 10000 > vault-export.json)), move it over a
# protected channel and delete it after the migration (docs/operations.md#migrating-from-a-legacy-custos).
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops the export too

usage() {
  echo "usage: $0 <tenant> | --dir <folder> <tenant>" >&2
  exit 2
}

# A folder's keys as `vault kv list` prints them; [] when Vault has nothing there. Any other failure (a sealed Vault,
# a refused token) stops the export: an empty export must mean that there are no secrets, not that Vault said no.
list() {
  local out err
  err=$(mktemp)
  if out=$(vault kv list -format=json "$1" 2>"$err"); then
    rm -f "$err"
    echo "$out"
  elif grep -q "No value found" "$err"; then
    rm -f "$err"
    echo '[]'
  else
    cat "$err" >&2
    rm -f "$err"
    echo "vault kv list $1 failed: nothing exported" >&2
    return 1
  fi
}

# Every leaf path under a Vault folder (`vault kv list` names subfolders with a trailing '/'); none when it is absent.
leaves() {
  local key keys
  keys=$(list "$1")
  jq -r '.[]' <<<"$keys" | while IFS= read -r key; do
    case "$key" in
      */) leaves "$1$key" ;;
      *) echo "$1$key" ;;
    esac
  done
}

# The export is printed only when every secret was read: a failure prints nothing, never a partial export.
if [ "${1:-}" = "--dir" ]; then
  [ -d "${2:-}" ] || usage
  tenant=${3:-}
  [[ "$tenant" =~ ^[0-9A-Za-z_-]+$ ]] || usage
  cd -- "$2"
  export_json=$({ find resourcesecret/"$tenant" secret/"$tenant" -type f -name '*.json' 2>/dev/null || true; } \
    | LC_ALL=C sort | while IFS= read -r file; do
      jq --arg p "${file%.json}" '{($p): .}' "$file"
    done | jq -s 'add // {}')
else
  tenant=${1:-}
  [[ "$tenant" =~ ^[0-9A-Za-z_-]+$ ]] || usage
  paths=$(leaves "resourcesecret/$tenant/"; leaves "secret/$tenant/")
  export_json=$(while IFS= read -r path; do
    [ -n "$path" ] || continue
    vault kv get -format=json "$path" | jq --arg p "$path" '{($p): .}'
  done <<<"$paths" | jq -s 'add // {}')
fi
printf '%s\n' "$export_json"
