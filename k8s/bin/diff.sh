#!/usr/bin/env bash
# make k8s-diff: what a change does to the rendered manifests. Renders every overlay of the working
# tree and of the base revision (merge base with origin/main, else HEAD~1) and prints a unified
# diff. Read-only for git; never fails just because there is no base.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: k8s/bin/diff.sh [--base REV]

Renders k8s/overlays/* of the working tree and of REV (default: the merge base of HEAD and
origin/main, else HEAD~1) into target/k8s/diff/{head,base}/<env>.yaml and prints a unified diff
per overlay. Exit 0 whether or not they differ; 0 with a note when there is no base revision;
non-zero only when the working tree's overlays do not render.
USAGE
}

die() {
  echo "k8s-diff: $*" >&2
  exit 1
}

base_rev=""
case "${1:-}" in
  "") ;;
  --base) base_rev="${2:?--base needs a revision}" ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; die "unknown argument '$1'" ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out=target/k8s/diff
# Both sides get the same image, so the diff shows manifest changes only.
sample_image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/tour-booking@sha256:$(printf '%064d' 0)"

if [[ -z "$base_rev" ]]; then
  if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
    echo "k8s-diff: no commit yet, so no base revision: nothing to diff"
    exit 0
  elif git rev-parse --verify -q origin/main >/dev/null 2>&1; then
    base_rev="$(git merge-base HEAD origin/main)" || die "HEAD and origin/main share no history"
  elif git rev-parse --verify -q 'HEAD~1' >/dev/null 2>&1; then
    base_rev="$(git rev-parse 'HEAD~1')"
  else
    echo "k8s-diff: neither origin/main nor HEAD~1 exists: nothing to diff"
    exit 0
  fi
fi
git rev-parse --verify -q "$base_rev^{commit}" >/dev/null || die "'$base_rev' is not a commit"
echo "k8s-diff: working tree against $(git rev-parse --short "$base_rev")"

rm -rf "$out"
mkdir -p "$out/head" "$out/base"
base_tree="$(mktemp -d)"
trap 'rm -rf "$base_tree"' EXIT
if git cat-file -e "$base_rev:k8s/overlays" 2>/dev/null; then
  git archive "$base_rev" k8s | tar -x -C "$base_tree"
fi

envs=()
for overlay in k8s/overlays/*/ "$base_tree"/k8s/overlays/*/; do
  [[ -d "$overlay" ]] || continue
  name="$(basename "$overlay")"
  [[ " ${envs[*]} " == *" $name "* ]] || envs+=("$name")
done

changed=0
for env_name in "${envs[@]}"; do
  : >"$out/head/$env_name.yaml"
  : >"$out/base/$env_name.yaml"
  if [[ -d "k8s/overlays/$env_name" ]]; then
    k8s/bin/render.sh --env "$env_name" --image "$sample_image" --output "$out/head/$env_name.yaml" \
      || die "overlay '$env_name' of the working tree does not render: run make k8s-render ENV=$env_name"
  fi
  if [[ -d "$base_tree/k8s/overlays/$env_name" ]]; then
    k8s/bin/render.sh --k8s-dir "$base_tree/k8s" --env "$env_name" --image "$sample_image" \
      --output "$out/base/$env_name.yaml" \
      || echo "k8s-diff: overlay '$env_name' does not render at the base revision: diffing against nothing"
  fi
  if ! diff -u --label "base/$env_name.yaml" --label "head/$env_name.yaml" \
    "$out/base/$env_name.yaml" "$out/head/$env_name.yaml"; then
    changed=$((changed + 1))
  fi
done
echo "k8s-diff: $changed of ${#envs[@]} overlay(s) changed"
