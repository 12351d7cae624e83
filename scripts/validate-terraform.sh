#!/usr/bin/env bash
# Opt-in check for machines that reach the Terraform provider registry: synthesizes every default environment and
# runs `terraform init -backend=false` and `terraform validate` on each stack. Not part of `npm test`, which runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
command -v terraform >/dev/null || { echo "terraform is not installed" >&2; exit 1; }
npx cdktf synth
failed=0
for dir in cdktf.out/stacks/*/; do
  stack=$(basename "$dir")
  echo "=== $stack"
  if terraform -chdir="$dir" init -backend=false -input=false -no-color >/dev/null && terraform -chdir="$dir" validate -no-color; then
    :
  else
    failed=$((failed + 1))
  fi
done
[ "$failed" -eq 0 ] || { echo "$failed stack(s) failed terraform validate" >&2; exit 1; }
