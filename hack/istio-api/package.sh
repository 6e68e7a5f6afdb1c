#!/usr/bin/env bash
# Packages Istio's published API into the operator's classes, for every release line of the
# built-in catalog: the CRDs (kubernetes/customresourcedefinitions.gen.yaml) and a descriptor set of
# MeshConfig compiled from the .proto files, both from the istio.io/api Go module at the tag the
# catalog names for the line (`istioApi`). The module comes through the Go module proxy and its
# cache, like the control-plane binaries the tests build: upstream's files are a dependency of the
# build, never committed.
#
#   package.sh CATALOG PROTOC OUT
#
#   CATALOG  src/main/resources/catalog/istio.yaml
#   PROTOC   protoc (Maven's com.google.protobuf:protoc executable)
#   OUT      target/classes/istio-api: OUT/<tag>/{crds.yaml,mesh-config.pb}
set -euo pipefail
catalog=$1 protoc=$2 out=$3
log() { printf 'istio-api: %s\n' "$*" >&2; }

# The `istioApi:` block of the catalog: lines of `  "1.31": 1.31.4`.
mapfile -t tags < <(sed -n '/^istioApi:/,/^[^ #]/p' "$catalog" |
  sed -n 's/^  "\{0,1\}\([0-9]*\.[0-9]*\)"\{0,1\}: *"\{0,1\}\([0-9][0-9.]*\)"\{0,1\}.*$/\2/p')
[ ${#tags[@]} -gt 0 ] || { log "no istioApi entries in $catalog"; exit 1; }
command -v go >/dev/null || { log "the Go toolchain fetches istio.io/api through the module proxy; install Go"; exit 1; }
chmod +x "$protoc"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
mkdir -p "$out"
for tag in "${tags[@]}"; do
  dest=$out/$tag
  if [ -s "$dest/crds.yaml" ] && [ -s "$dest/mesh-config.pb" ]; then
    continue
  fi
  # Outside any module, so the project's own go.mod files play no part.
  dir=$(cd "${TMPDIR:-/tmp}" && go mod download -json "istio.io/api@v$tag" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || { log "istio.io/api@v$tag could not be downloaded"; exit 1; }
  mkdir -p "$dest.partial"
  cp "$dir/kubernetes/customresourcedefinitions.gen.yaml" "$dest.partial/crds.yaml"
  chmod u+w "$dest.partial/crds.yaml"
  "$protoc" -I "$dir" -I "$dir/common-protos" --include_imports \
    --descriptor_set_out="$dest.partial/mesh-config.pb" mesh/v1alpha1/config.proto
  rm -rf "$dest" && mv "$dest.partial" "$dest"
  log "packaged the CRDs and MeshConfig of istio.io/api v$tag"
done
