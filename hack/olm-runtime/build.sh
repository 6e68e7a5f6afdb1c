#!/usr/bin/env bash
# Builds OLM's own operators, olm (the OLM operator: CSVs, OperatorGroups) and catalog (the catalog
# operator: CatalogSources, Subscriptions, InstallPlans), from the operator-lifecycle-manager module
# pinned beside this script, and copies OLM's CRDs from that module. Prints the directory holding
# bin/olm, bin/catalog and crds/ as its last line. OlmIT runs them against a local control plane.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator}/olm-runtime-$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-12)
if [ ! -f "$cache/.complete" ]; then
  echo "olm-runtime: building OLM's olm and catalog operators (about two minutes, once)" >&2
  mkdir -p "$cache/bin" "$cache/crds"
  (cd "$here" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -o "$cache/bin/" \
    github.com/operator-framework/operator-lifecycle-manager/cmd/olm \
    github.com/operator-framework/operator-lifecycle-manager/cmd/catalog)
  module=$(cd "$here" && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' github.com/operator-framework/operator-lifecycle-manager)
  cp "$module"/deploy/chart/crds/*.yaml "$cache/crds/"
  chmod -R u+w "$cache/crds"
  touch "$cache/.complete"
fi
echo "$cache"
