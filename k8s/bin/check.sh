#!/usr/bin/env bash
# make k8s-check: renders every overlay with the real `kubectl kustomize` (image by digest, as the
# deploy renders it) and checks every object against the Kubernetes schema and our policies.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: k8s/bin/check.sh [--no-build]

  1. finds kubectl (kustomize v5), Node.js + npm and yamllint (installs nodejs, npm and
     yamllint with apt-get when missing and running as root), lints k8s/base and k8s/overlays;
  2. builds and tests the checker: $MVN -pl k8s/manifest-check verify (MVN defaults to
     "./mvnw -B -ntp"); --no-build reuses an earlier build;
  3. renders k8s/overlays/* to target/k8s/check/<env>.yaml with a placeholder image digest;
  4. checks them: schema (fabric8 model + Kubernetes OpenAPI via npm kubernetes-models) and the
     policies listed in k8s/README.md. Any finding fails the check;
  5. proves the image rule bites: the staging overlay rendered without an image must be rejected.
USAGE
}

die() {
  echo "k8s-check: $*" >&2
  exit 1
}

build=true
case "${1:-}" in
  "") ;;
  --no-build) build=false ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; die "unknown argument '$1'" ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
module=k8s/manifest-check
out=target/k8s/check
# What the deploy passes (an ECR repository by digest); the digest is a placeholder.
sample_image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/tour-booking@sha256:$(printf '%064d' 0)"
read -r -a mvn <<<"${MVN:-./mvnw -B -ntp}"

echo "k8s-check: tools"
command -v kubectl >/dev/null || die "kubectl not found: install kubectl 1.27+ (client only; it embeds kustomize v5)"
kustomize_version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\{0,1\}//p')"
[[ "${kustomize_version%%.*}" -ge 5 ]] 2>/dev/null \
  || die "kubectl embeds kustomize '${kustomize_version:-unknown}', need v5+: install kubectl 1.27+"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  [[ "$(id -u)" -eq 0 ]] || die "Node.js and npm are needed for the schema check: sudo apt-get install nodejs npm"
  echo "k8s-check: installing nodejs and npm (apt-get)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || die "apt-get install nodejs npm failed"
fi
if ! command -v yamllint >/dev/null; then
  [[ "$(id -u)" -eq 0 ]] || die "yamllint is needed: sudo apt-get install yamllint"
  echo "k8s-check: installing yamllint (apt-get)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq yamllint >/dev/null || die "apt-get install yamllint failed"
fi
echo "k8s-check: kubectl $(kubectl version --client 2>/dev/null | sed -n 's/^Client Version: //p'), kustomize v$kustomize_version, node $(node --version)"

echo "k8s-check: yamllint k8s/base k8s/components k8s/overlays"
yamllint --strict k8s/base k8s/components k8s/overlays || die "the manifests are not yamllint-clean (default rules; see above)"

if [[ "$build" == true ]]; then
  echo "k8s-check: building and testing the checker (${mvn[*]} -pl $module verify)"
  "${mvn[@]}" -pl "$module" verify || die "the checker's build or tests failed (output above)"
fi
[[ -f "$module/target/classpath.txt" ]] || die "the checker is not built: run without --no-build"
classpath="$module/target/classes:$(cat "$module/target/classpath.txt")"
check() {
  java -cp "$classpath" com.example.tourbooking.k8s.ManifestCheck --node-dir "$module" "$@"
}

rm -rf "$out"
rendered=()
for overlay in k8s/overlays/*/; do
  env_name="$(basename "$overlay")"
  k8s/bin/render.sh --env "$env_name" --image "$sample_image" --output "$out/$env_name.yaml"
  rendered+=("$out/$env_name.yaml")
done
[[ ${#rendered[@]} -gt 0 ]] || die "no overlay found in k8s/overlays"

echo "k8s-check: checking ${#rendered[@]} rendered overlay(s)"
check "${rendered[@]}" || die "rendered overlays break the rules above: fix the manifests in k8s/ (rules: k8s/README.md)"

echo "k8s-check: an overlay rendered without the deploy's image must be rejected"
k8s/bin/render.sh --env staging --output "$out/unpinned/staging.yaml"
set +e
unpinned="$(check "$out/unpinned/staging.yaml")"
status=$?
set -e
echo "$unpinned"
if [[ $status -ne 1 ]] || ! grep -q '\[image-pinned\]' <<<"$unpinned"; then
  die "the staging overlay without an image digest was not rejected by the image-pinned rule"
fi
if grep '\[' <<<"$unpinned" | grep -vq '\[image-pinned\]'; then
  die "the unpinned staging render broke rules other than image-pinned"
fi
echo "k8s-check: OK (${#rendered[@]} overlays pass; an unpinned image is rejected)"
