#!/usr/bin/env bash
# Regenerates the Go tools modules that pin the test binaries (kube, etcd, kwok, istio) from
# versions.env. Run it only when a version changes; the build script uses the committed go.mod/go.sum.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

staging_version="v0.${KUBE_VERSION#v1.}"

kube_module() {
  local dir=$here/kube
  rm -f "$dir/go.mod" "$dir/go.sum"
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and maps them to local directories, which
  # only works inside its own repository; a consumer replaces each one with its published version.
  local upstream_mod
  upstream_mod=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])')
  {
    echo "module meshoperator.invalid/controlplane/kube"
    echo
    echo "go 1.24.0"
    echo
    echo "godebug default=go1.24"
  } >"$dir/go.mod"
  (cd "$dir" &&
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$upstream_mod" |
    awk '{print $1}' | while read -r staged; do
      go mod edit -replace="$staged=$staged@$staging_version"
    done &&
    go mod edit -require="k8s.io/kubernetes@$KUBE_VERSION" &&
    for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
      go mod edit -tool="k8s.io/kubernetes/cmd/$cmd"
    done &&
    go mod tidy)
}

etcd_module() {
  local dir=$here/etcd
  rm -f "$dir/go.mod" "$dir/go.sum"
  (cd "$dir" && go mod init meshoperator.invalid/controlplane/etcd &&
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" && go mod tidy)
}

kwok_module() {
  local dir=$here/kwok
  rm -f "$dir/go.mod" "$dir/go.sum"
  (cd "$dir" && go mod init meshoperator.invalid/controlplane/kwok &&
    go get -tool "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION" &&
    go mod tidy)
}

istio_module() {
  local dir=$here/istio
  rm -f "$dir/go.mod" "$dir/go.sum"
  (cd "$dir" && go mod init meshoperator.invalid/controlplane/istio &&
    go get -tool "istio.io/istio/pilot/cmd/pilot-discovery@$ISTIO_MODULE_VERSION" \
      "istio.io/istio/istioctl/cmd/istioctl@$ISTIO_MODULE_VERSION" &&
    go mod tidy)
}

kube_module
etcd_module
kwok_module
istio_module
echo "tools modules regenerated from versions.env"
