#!/usr/bin/env bash
# A stand-in for the vault CLI in VaultExportScriptIT: answers `vault kv list -format=json <folder>` and `vault kv get
# -format=json <path>` as Vault's CLI does (a JSON array of keys, folders with a trailing '/'; the secret's JSON; exit 2
# when there is nothing at the path) from the JSON object in $VAULT_STUB_DATA (path -> `kv get` output).
set -euo pipefail
[ "$1" = kv ] && [ "$3" = -format=json ] || { echo "stub: unsupported: $*" >&2; exit 1; }
case "$2" in
  list)
    out=$(jq -c --arg f "$4" '[keys[] | select(startswith($f)) | ltrimstr($f) | if contains("/")
      then (split("/")[0] + "/") else . end] | unique' "$VAULT_STUB_DATA")
    [ "$out" != "[]" ] || { echo "No value found at $4" >&2; exit 2; }
    echo "$out"
    ;;
  get)
    jq -e --arg p "$4" 'has($p)' "$VAULT_STUB_DATA" >/dev/null || { echo "No value found at $4" >&2; exit 2; }
    jq --arg p "$4" '.[$p]' "$VAULT_STUB_DATA"
    ;;
  *) echo "stub: unsupported: $*" >&2; exit 1 ;;
esac
