#!/usr/bin/env bash
# Renders one kustomize overlay with the real `kubectl kustomize`, the way the deploy does:
# the image set by digest (kustomize `images:`) and the image's identity in the log-field config.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: k8s/bin/render.sh --env ENV [--image IMAGE] [--output FILE] [--k8s-dir DIR]

Renders k8s/overlays/ENV with `kubectl kustomize` and writes the YAML to FILE (default: stdout).

  --env ENV       overlay name: local, staging or production
  --image IMAGE   the image to run: repository@sha256:<digest> (what the deploy passes) or, for a
                  local cluster, repository:tag. Without it the overlay's own image stays.
  --output FILE   where to write the rendered YAML (directories are created)
  --k8s-dir DIR   the k8s directory holding overlays/ (default: the one beside this script;
                  k8s-diff passes an older revision's copy)

Environment: GIT_COMMIT and BUILD_NUMBER, when set, go into the config map (log fields
git.commit and build.number); IMAGE_DIGEST is taken from --image.
USAGE
}

die() {
  echo "render.sh: $*" >&2
  exit 1
}

overlay_names() {
  local dir names=()
  for dir in "$k8s_dir"/overlays/*/; do
    names+=("$(basename "$dir")")
  done
  echo "${names[*]}"
}

env_name=""
image=""
output=""
k8s_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) env_name="${2:?--env needs a value}"; shift 2 ;;
    --image) image="${2:?--image needs a value}"; shift 2 ;;
    --output) output="${2:?--output needs a value}"; shift 2 ;;
    --k8s-dir) k8s_dir="$(cd "${2:?--k8s-dir needs a value}" && pwd)"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

[[ -n "$env_name" ]] || { usage >&2; die "--env is required (one of: $(overlay_names))"; }
overlay="$k8s_dir/overlays/$env_name"
[[ -d "$overlay" ]] || die "no overlay '$env_name' in $k8s_dir/overlays (have: $(overlay_names))"
command -v kubectl >/dev/null || die "kubectl not found: install kubectl 1.27+ (it embeds kustomize v5), see k8s/README.md"

# kustomize reads a kustomization from a directory: a throw-away one layers the deploy's settings
# over the overlay, so nothing in the repository changes.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  echo "  - $(realpath --relative-to="$work" "$overlay")"
  literals=()
  if [[ -n "$image" ]]; then
    if [[ "$image" =~ ^([^@]+)@(sha256:[0-9a-f]{64})$ ]]; then
      echo "images:"
      echo "  - name: tour-booking"
      echo "    newName: ${BASH_REMATCH[1]}"
      echo "    digest: ${BASH_REMATCH[2]}"
      literals+=("IMAGE_DIGEST=${BASH_REMATCH[2]}")
    elif [[ "$image" =~ ^([^@]+):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$ ]]; then
      echo "images:"
      echo "  - name: tour-booking"
      echo "    newName: ${BASH_REMATCH[1]}"
      echo "    newTag: ${BASH_REMATCH[2]}"
    else
      die "--image '$image' is neither repository@sha256:<64 hex> nor repository:tag"
    fi
  fi
  [[ -n "${GIT_COMMIT:-}" ]] && literals+=("GIT_COMMIT=$GIT_COMMIT")
  [[ -n "${BUILD_NUMBER:-}" ]] && literals+=("BUILD_NUMBER=$BUILD_NUMBER")
  if [[ ${#literals[@]} -gt 0 ]]; then
    echo "configMapGenerator:"
    echo "  - name: tour-booking-config"
    echo "    behavior: merge"
    echo "    literals:"
    for literal in "${literals[@]}"; do
      echo "      - \"$literal\""
    done
  fi
} >"$work/kustomization.yaml"

if [[ -n "$output" ]]; then
  mkdir -p "$(dirname "$output")"
  kubectl kustomize "$work" >"$output.tmp" || { rm -f "$output.tmp"; die "kubectl kustomize failed for overlay '$env_name' (message above)"; }
  mv "$output.tmp" "$output"
  echo "render.sh: wrote $output ($(grep -c '^kind:' "$output") objects, overlay $env_name${image:+, image $image})" >&2
else
  kubectl kustomize "$work" || die "kubectl kustomize failed for overlay '$env_name' (message above)"
fi
