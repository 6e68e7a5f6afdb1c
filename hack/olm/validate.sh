#!/usr/bin/env bash
# Validates the OLM artifacts with operator-framework's own tools, built from the pinned module
# beside this script: olm-bundle/ with the validators `operator-sdk bundle validate
# --select-optional suite=operatorhub` runs (operator-verify), and the file-based catalog
# olm-catalog/ with `opm validate` (operator-registry). `validate.sh CATALOG_DIR` validates
# another catalog (a test's two-release one), `validate.sh --bundle DIR` another bundle (a pinned
# one); `validate.sh --tools` prints where the tools are.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator}/olm-$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-12)
if [ ! -x "$cache/operator-verify" ] || [ ! -x "$cache/opm" ]; then
  echo "olm: building operator-verify and opm (about two minutes, once)" >&2
  # opm without cgo: no sqlite (only the deprecated index format needs it), and containers/image
  # with its pure-Go OpenPGP instead of gpgme.
  (cd "$here" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -o "$cache/" \
    -tags "json1 containers_image_openpgp containers_image_storage_stub exclude_graphdriver_btrfs exclude_graphdriver_devicemapper" \
    github.com/operator-framework/api/cmd/operator-verify github.com/operator-framework/operator-registry/cmd/opm)
fi
if [ "${1:-}" = --tools ]; then
  # Only builds them, and names their directory: OlmIT serves catalogs with this opm.
  echo "$cache"
  exit 0
fi
# operator-verify logs what it finds (level=error) and exits 0 all the same: its output decides.
verify_bundle() {
  local output
  output=$("$cache/operator-verify" manifests "$1" --operatorhub_validate --object_validate 2>&1)
  echo "$output"
  if grep -q 'level=error' <<<"$output"; then
    echo "olm: $1 is not a valid bundle" >&2
    return 1
  fi
}
if [ "${1:-}" = --bundle ]; then
  verify_bundle "$2"
  exit 0
fi
if [ $# -gt 0 ]; then
  "$cache/opm" validate "$1"
  exit 0
fi
verify_bundle "$here/../../olm-bundle"
"$cache/opm" validate "$here/../../olm-catalog"
echo "olm: olm-bundle and olm-catalog are valid"
