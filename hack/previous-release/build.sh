#!/usr/bin/env bash
# Builds (or reuses) the operator as the previous release shipped it, the commit named in ./commit,
# and prints the directory holding it as its last line: quarkus-app/ (the packaged operator),
# kubernetes.yml (its generated RBAC) and crd.yml (its MeshInstallation CRD). OperatorUpgradeIT
# replaces that operator with this build and checks that nothing it installed moves.
#
# The previous release is read from git, so the clone needs its history (not --depth). Moving
# ./commit forward is part of every release; see docs/upgrades.md, "Operator upgrades".
#
#   MESH_CONTROL_PLANE_CACHE  where builds go (default ~/.cache/mesh-operator/control-plane)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
log() { printf 'previous-release: %s\n' "$*" >&2; }
commit=$(tr -d '[:space:]' <"$here/commit")
out=${MESH_CONTROL_PLANE_CACHE:-$HOME/.cache/mesh-operator/control-plane}/operator-${commit:0:12}
if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi

if [ "$(git -C "$root" rev-parse --is-shallow-repository)" = true ]; then
  log "this clone is shallow; the previous release ($commit) is built from its history:"
  log "run 'git fetch --unshallow' first"
  exit 1
fi
if ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
  log "commit $commit is not in this clone; fetch main's history first"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$work"
log "building the operator at ${commit:0:12}"
# The caller may be a Maven build itself: its settings for this project must not leak into the
# older one's.
if ! (cd "$work" && env -u MAVEN_PROJECTBASEDIR -u MAVEN_OPTS -u MAVEN_ARGS \
  ./mvnw -B -q package -DskipTests >"$work/build.log" 2>&1); then
  tail -40 "$work/build.log" >&2
  log "the build of ${commit:0:12} failed"
  exit 1
fi
# Built in a directory of its own and moved into place whole, so that a concurrent run never sees
# (or removes) half a build; the first to finish wins.
mkdir -p "$(dirname "$out")"
partial=$(mktemp -d "$out.XXXXXX")
cp -r "$work/target/quarkus-app" "$partial/"
cp "$work/target/kubernetes/kubernetes.yml" "$partial/kubernetes.yml"
cp "$work/src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml" "$partial/crd.yml"
touch "$partial/.complete"
mv -T "$partial" "$out" 2>/dev/null || rm -rf "$partial"
echo "$out"
