#!/usr/bin/env bash
# Builds a real Kubernetes control plane for the integration tests, from the Go module proxy:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (simulated nodes and pods),
# plus the Gateway API CRDs and kwok's stage definitions. No Docker.
#
# The result is cached by version outside the repository, so the second run on a machine costs
# seconds. Prints the directory that holds it (bin/, crds/, stages/) as its last line.
#
#   deploy/local/control-plane/build.sh            # build or reuse
#   ROLLWRIGHT_CACHE=/some/dir deploy/local/control-plane/build.sh
set -euo pipefail

KUBERNETES=1.37.1   # v1.37.2's module zip is refused by the proxy
ETCD=3.7.0          # what kubernetes 1.37.1 requires
KWOK=0.8.0
GATEWAY_API=1.6.3

cache_root="${ROLLWRIGHT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rollwright}"
out="$cache_root/control-plane/k8s-$KUBERNETES-etcd-$ETCD-kwok-$KWOK-gateway-$GATEWAY_API"
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

complete() {
  for b in "${binaries[@]}"; do [[ -x "$out/bin/$b" ]] || return 1; done
  [[ -s "$out/crds/gateway-api-standard.yaml" && -s "$out/stages/pod-ready.yaml" ]]
}

if complete; then
  echo "$out"
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: Go is required (1.26 or later)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
mkdir -p "$out/bin" "$out/crds" "$out/stages"

module_dir() { (cd "$work" && go mod download -json "$1" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p'); }

echo "Building the control plane into $out (a cold build takes about 10 minutes)" >&2
cd "$work"
cat > go.mod <<EOF
module rollwright.local/controlplane

go 1.26

require (
	k8s.io/kubernetes v$KUBERNETES
	go.etcd.io/etcd/server/v3 v$ETCD
)
EOF
# k8s.io/kubernetes points its staging modules at ./staging/...: use their published versions.
kubernetes_mod="$(cd "$work" && go mod download -json "k8s.io/kubernetes@v$KUBERNETES" \
  | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')"
staging_version="v0.${KUBERNETES#1.}"
grep -E '^\s*k8s.io/[a-z0-9-]+ => \./staging/' "$kubernetes_mod" | awk '{print $1}' | while read -r m; do
  echo "replace $m => $m $staging_version" >> go.mod
done
cat > tools.go <<'EOF'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
EOF
go mod tidy -e >/dev/null 2>&1 || true
# Each binary lands under its name only once complete, so an interrupted build is resumed, not trusted.
build() {
  [[ -x "$out/bin/$1" ]] || { go build -trimpath -ldflags=-s -o "$out/bin/.$1.partial" "$2" && mv "$out/bin/.$1.partial" "$out/bin/$1"; }
}
build etcd go.etcd.io/etcd/server/v3
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  build "$cmd" "k8s.io/kubernetes/cmd/$cmd"
done

# kwok keeps its own dependency versions: built from its own module.
[[ -x "$out/bin/kwok" ]] || { GOBIN="$work/bin" go install -trimpath -ldflags=-s "sigs.k8s.io/kwok/cmd/kwok@v$KWOK" \
  && mv "$work/bin/kwok" "$out/bin/kwok"; }
kwok_dir="$(module_dir "sigs.k8s.io/kwok@v$KWOK")"
# Nodes become ready at once and keep a lease; pods go Ready, complete and are deleted by rule.
for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
             pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
  cp "$kwok_dir/kustomize/stage/$stage.yaml" "$out/stages/${stage##*/}.yaml"
done

gateway_dir="$(module_dir "sigs.k8s.io/gateway-api@v$GATEWAY_API")"
: > "$out/crds/gateway-api-standard.yaml"
for crd in "$gateway_dir"/config/crd/standard/*.yaml; do
  { echo "---"; cat "$crd"; } >> "$out/crds/gateway-api-standard.yaml"
done
chmod -R u+w "$out"

complete || { echo "build.sh: the build did not produce every part under $out" >&2; exit 1; }
echo "$out"
