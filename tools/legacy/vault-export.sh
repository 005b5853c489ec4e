#!/usr/bin/env bash
# The Vault export a legacy Custos migration reads: one JSON object, Vault path -> `vault kv get -format=json` output,
# for one tenant's resource secrets (resourcesecret/<tenant>/...) and agent secrets (secret/<tenant>/...).
#
#   tools/legacy/vault-export.sh <tenant>            > vault-export.json   # from Vault (the vault CLI, VAULT_ADDR/TOKEN)
#   tools/legacy/vault-export.sh --dir <folder>      > vault-export.json   # from a folder already exported
#
# A folder holds one `vault kv get -format=json` output per secret, at its Vault path plus .json
# (<folder>/resourcesecret/10000/alice/ssh/<id>.json). Needs jq. The output holds the secrets in plain text: move it
# over a protected channel and delete it after the migration (docs/operations.md#migrating-from-a-legacy-custos).
set -euo pipefail

usage() {
  echo "usage: $0 <tenant> | --dir <folder>" >&2
  exit 2
}

# Every leaf path under a Vault folder (`vault kv list` names subfolders with a trailing '/'); none when it is absent.
leaves() {
  local key
  { vault kv list -format=json "$1" 2>/dev/null || echo '[]'; } | jq -r '.[]' | while read -r key; do
    case "$key" in
      */) leaves "$1$key" ;;
      *) echo "$1$key" ;;
    esac
  done
}

if [ "${1:-}" = "--dir" ]; then
  [ -d "${2:-}" ] || usage
  cd "$2"
  find . -type f -name '*.json' | sed 's|^\./||' | LC_ALL=C sort | while read -r file; do
    jq --arg p "${file%.json}" '{($p): .}' "$file"
  done | jq -s 'add // {}'
else
  tenant=${1:-}
  [[ "$tenant" =~ ^[0-9A-Za-z_-]+$ ]] || usage
  { leaves "resourcesecret/$tenant/"; leaves "secret/$tenant/"; } | while read -r path; do
    vault kv get -format=json "$path" | jq --arg p "$path" '{($p): .}'
  done | jq -s 'add // {}'
fi
