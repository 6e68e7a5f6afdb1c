#!/usr/bin/env bash
# Builds (or reuses) the local control plane: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok and kwokctl, from the pinned Go tools modules beside this script.
# Prints the directory holding the binaries as its last line.
#
#   MESH_CONTROL_PLANE_CACHE  where builds go (default ~/.cache/mesh-operator/control-plane)
#   MESH_CONTROL_PLANE_BIN    a directory of prebuilt binaries to use instead (official release
#                             binaries, say); it must hold all seven names above
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl)
log() { printf 'control-plane: %s\n' "$*" >&2; }

check_dir() {
  local dir=$1 missing=()
  for b in "${binaries[@]}"; do [ -x "$dir/$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "missing in $dir: ${missing[*]}"
    return 1
  fi
}

if [ -n "${MESH_CONTROL_PLANE_BIN:-}" ]; then
  check_dir "$MESH_CONTROL_PLANE_BIN" || exit 1
  log "using prebuilt binaries from MESH_CONTROL_PLANE_BIN=$MESH_CONTROL_PLANE_BIN"
  echo "$MESH_CONTROL_PLANE_BIN"
  exit 0
fi

command -v go >/dev/null || { log "the Go toolchain is needed to build the control plane (or set MESH_CONTROL_PLANE_BIN)"; exit 1; }
cache=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator/control-plane}
# The key covers every pinned module and this script, so a version bump builds into a new directory.
key=$(cat "$here/versions.env" "$here"/*/go.mod "$here"/*/go.sum "$here"/etcd/main.go "$0" | sha256sum | cut -c1-12)
bin=$cache/$KUBE_VERSION-$key/bin
if check_dir "$bin" 2>/dev/null; then
  log "reusing binaries built earlier in $bin"
  echo "$bin"
  exit 0
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-trimpath -mod=readonly"
mkdir -p "$bin.partial"
start=$SECONDS
log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $KUBE_VERSION (cold: ~6 min on 2 cores)"
minor=${KUBE_VERSION#v1.}; minor=${minor%%.*}
version_pkg=k8s.io/component-base/version
ldflags="-s -w -X $version_pkg.gitVersion=$KUBE_VERSION -X $version_pkg.gitMajor=1 -X $version_pkg.gitMinor=$minor"
ldflags+=" -X $version_pkg.gitTreeState=clean -X $version_pkg.buildDate=1970-01-01T00:00:00Z"
(cd "$here/kube" && go build -ldflags "$ldflags" -o "$bin.partial/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
log "building etcd $ETCD_VERSION"
(cd "$here/etcd" && go build -ldflags "-s -w" -o "$bin.partial/etcd" .)
log "building kwok and kwokctl $KWOK_VERSION"
(cd "$here/kwok" && go build -ldflags "-s -w" -o "$bin.partial/" sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl)
rm -rf "$bin" && mv "$bin.partial" "$bin"
check_dir "$bin"
log "built from Go modules in $((SECONDS - start)) s into $bin"
echo "$bin"
