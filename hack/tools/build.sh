#!/usr/bin/env bash
# Builds (or reuses) the tools the packaging tests run, from the pinned Go module beside this
# script, and prints the directory holding them as its last line:
#   helm           Helm itself (helm.sh/helm/v3), to lint, install and upgrade the chart
#   argocd-health  Argo CD's way of running a Lua health check (gopher-lua, the engine Argo CD
#                  embeds), to run docs/gitops's check on real MeshInstallation objects
#
#   MESH_CONTROL_PLANE_CACHE  where builds go (default ~/.cache/mesh-operator/control-plane)
#   MESH_TOOLS_BIN            a directory holding prebuilt helm and argocd-health to use instead
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log() { printf 'tools: %s\n' "$*" >&2; }
binaries=(helm argocd-health)

check_dir() {
  for b in "${binaries[@]}"; do [ -x "$1/$b" ] || return 1; done
}
if [ -n "${MESH_TOOLS_BIN:-}" ]; then
  check_dir "$MESH_TOOLS_BIN" || { log "missing in $MESH_TOOLS_BIN: ${binaries[*]}"; exit 1; }
  echo "$MESH_TOOLS_BIN"
  exit 0
fi
key=$(cat "$here/go.mod" "$here/go.sum" "$here"/argocd-health/*.go "$0" | sha256sum | cut -c1-12)
bin=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator/control-plane}/tools-$key/bin
if check_dir "$bin"; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { log "the Go toolchain is needed to build ${binaries[*]}"; exit 1; }
log "building helm and argocd-health (cold: about 2 minutes on 2 cores, once)"
start=$SECONDS
mkdir -p "$bin.partial"
(cd "$here" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-trimpath -mod=readonly" \
  go build -ldflags "-s -w" -o "$bin.partial/" helm.sh/helm/v3/cmd/helm ./argocd-health)
rm -rf "$bin" && mv "$bin.partial" "$bin"
check_dir "$bin"
log "built in $((SECONDS - start)) s into $bin"
echo "$bin"
