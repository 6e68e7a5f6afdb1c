#!/usr/bin/env bash
# Builds (or reuses) the binaries the tests run, from the pinned Go tools modules beside this script,
# and prints the directory holding them as its last line.
#
#   build.sh          the local control plane: etcd, kube-apiserver, kube-controller-manager,
#                     kube-scheduler, kubectl, kwok and kwokctl
#   build.sh istio    Istio's own pilot-discovery (istiod) and istioctl, plus the Gateway API CRDs of
#                     the release Istio's module requires (under gateway-api-crds/)
#
#   MESH_CONTROL_PLANE_CACHE  where builds go (default ~/.cache/mesh-operator/control-plane)
#   MESH_CONTROL_PLANE_BIN    a directory of prebuilt control-plane binaries to use instead (official
#                             release binaries, say); it must hold all seven names above
#   MESH_ISTIO_BIN            the same for `build.sh istio`
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
target=${1:-kube}
log() { printf 'control-plane: %s\n' "$*" >&2; }
cache=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator/control-plane}
case $target in
  kube) binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl)
        prebuilt=${MESH_CONTROL_PLANE_BIN:-} ;;
  istio) binaries=(pilot-discovery istioctl)
         prebuilt=${MESH_ISTIO_BIN:-} ;;
  *) log "unknown target '$target' (kube or istio)"; exit 2 ;;
esac

check_dir() {
  local dir=$1 missing=()
  for b in "${binaries[@]}"; do [ -x "$dir/$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "missing in $dir: ${missing[*]}"
    return 1
  fi
}

if [ -n "$prebuilt" ]; then
  check_dir "$prebuilt" || exit 1
  log "using prebuilt $target binaries from $prebuilt"
  echo "$prebuilt"
  exit 0
fi

command -v go >/dev/null || { log "the Go toolchain is needed to build the $target binaries (or name prebuilt ones)"; exit 1; }
# The key covers the target's pinned modules and this script, so a version bump builds anew.
if [ "$target" = istio ]; then
  key=$(cat "$here"/istio/go.mod "$here"/istio/go.sum "$0" | sha256sum | cut -c1-12)
  bin=$cache/istio-$key/bin
else
  key=$(cat "$here/versions.env" "$here"/{kube,etcd,kwok}/go.mod "$here"/{kube,etcd,kwok}/go.sum "$here"/etcd/main.go "$0" | sha256sum | cut -c1-12)
  bin=$cache/$KUBE_VERSION-$key/bin
fi
if check_dir "$bin" 2>/dev/null; then
  log "reusing $target binaries built earlier in $bin"
  echo "$bin"
  exit 0
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-trimpath -mod=readonly"
mkdir -p "$bin.partial"
start=$SECONDS
if [ "$target" = istio ]; then
  log "building Istio's pilot-discovery and istioctl (cold: ~4 min on 2 cores)"
  (cd "$here/istio" && go build -ldflags "-s -w" -o "$bin.partial/" \
    istio.io/istio/pilot/cmd/pilot-discovery istio.io/istio/istioctl/cmd/istioctl)
  # The Gateway API release Istio is built against; its CRDs ship in that Go module.
  gateway_api=$(cd "$here/istio" && go list -m -f '{{.Version}}' sigs.k8s.io/gateway-api)
  crds=$(cd "$here/istio" && go mod download -json "sigs.k8s.io/gateway-api@$gateway_api" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')/config/crd
  mkdir -p "$bin.partial/gateway-api-crds"
  cp "$crds"/standard/*.yaml "$bin.partial/gateway-api-crds/"
  echo "$gateway_api" >"$bin.partial/gateway-api-crds/VERSION"
  rm -rf "$bin" && mv "$bin.partial" "$bin"
  check_dir "$bin"
  log "built from Go modules in $((SECONDS - start)) s into $bin"
  echo "$bin"
  exit 0
fi
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
