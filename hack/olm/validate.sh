#!/usr/bin/env bash
# Validates olm-bundle/ with operator-framework's validators, the ones `operator-sdk bundle validate
# --select-optional suite=operatorhub` runs; built from the pinned module beside this script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator}/olm-$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-12)
if [ ! -x "$cache/operator-verify" ]; then
  echo "olm: building operator-verify (about a minute, once)" >&2
  (cd "$here" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly \
    go build -o "$cache/operator-verify" github.com/operator-framework/api/cmd/operator-verify)
fi
"$cache/operator-verify" manifests "$here/../../olm-bundle" --operatorhub_validate --object_validate
