#!/usr/bin/env bash
# Pushes the tested image (app/target/jib-image-index.tar, the multi-arch index, else the
# single-arch jib-image.tar) to a registry under each of its tags and proves that the registry
# now serves exactly the digest built here (jib-image-index.digest, jib-image.digest).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
	cat <<USAGE
Usage: image/push.sh [--help]

Copies app/target/jib-image-index.tar (every architecture: skopeo copy --all) or, when make image
built one architecture only, app/target/jib-image.tar, with skopeo (digests preserved, no rebuild)
to IMAGE_REGISTRY/${APP_REPOSITORY}:<tag> for every tag in jib-image.json; fails unless the registry
serves exactly the digest in jib-image-index.digest (jib-image.digest), and for the index unless
its amd64 entry is the tested jib-image.digest; writes the pinned reference
(registry/repository@sha256:...) to app/target/jib-image.pushed for the deploy.

Environment: IMAGE_REGISTRY (default ${IMAGE_REGISTRY}), APP_REPOSITORY, REGISTRY_CERT_DIR (extra CA).
Credentials come from skopeo's auth file (REGISTRY_AUTH_FILE or
\${XDG_RUNTIME_DIR}/containers/auth.json; for ECR a credHelpers entry naming ecr-login), never
from this script. TLS is always verified (plain HTTP only with IMAGE_REGISTRY_INSECURE on loopback).
USAGE
}

main() {
	case "${1:-}" in
	-h | --help)
		usage
		return 0
		;;
	"") ;;
	*)
		usage >&2
		exit 2
		;;
	esac
	local target="${REPO_ROOT}/app/target" registry="${IMAGE_REGISTRY}"
	local f
	for f in jib-image.tar jib-image.digest jib-image.json; do
		[[ -s "${target}/${f}" ]] || die "app/target/${f} is missing: run make image first"
	done
	ensure_packages skopeo jq
	local digest archive="${target}/jib-image.tar" all=()
	digest="$(cat "${target}/jib-image.digest")"
	if [[ -s "${target}/jib-image-index.tar" ]]; then
		archive="${target}/jib-image-index.tar"
		digest="$(cat "${target}/jib-image-index.digest")"
		all=(--all)
	fi
	local src_tls dest_tls
	mapfile -t src_tls < <(skopeo_tls "")
	mapfile -t dest_tls < <(skopeo_tls dest-)
	local repo="${registry}/${APP_REPOSITORY}" tag raw served amd64
	mapfile -t tags < <(jq -r '.tags[]' "${target}/jib-image.json")
	[[ ${#tags[@]} -gt 0 ]] || die "app/target/jib-image.json lists no tags"
	for tag in "${tags[@]}"; do
		[[ "${tag}" != latest ]] || die "refusing to push the tag 'latest'"
		log "pushing ${repo}:${tag} ($(basename "${archive}"))"
		skopeo copy --quiet --preserve-digests "${all[@]}" "${dest_tls[@]}" \
			"oci-archive:${archive}" "docker://${repo}:${tag}" ||
			die "skopeo copy to ${repo}:${tag} failed: is the registry up (make registry-up), does REGISTRY_AUTH_FILE give credentials for ${registry}, and is its CA trusted (REGISTRY_CERT_DIR for a private CA)?"
		# The digest of the bytes the registry serves for the tag (an index or a manifest).
		raw="$(skopeo inspect "${src_tls[@]}" --raw "docker://${repo}:${tag}")"
		served="sha256:$(printf '%s' "${raw}" | sha256sum | cut -d' ' -f1)"
		[[ "${served}" == "${digest}" ]] ||
			die "${repo}:${tag} has digest ${served}, not the tested ${digest}"
		if [[ ${#all[@]} -gt 0 ]]; then
			amd64="$(jq -r '.manifests[] | select(.platform.architecture == "amd64") | .digest' <<<"${raw}")"
			[[ "${amd64}" == "$(cat "${target}/jib-image.digest")" ]] ||
				die "the amd64 image in ${repo}:${tag} is ${amd64}, not the tested $(cat "${target}/jib-image.digest")"
		fi
	done
	echo "${repo}@${digest}" >"${target}/jib-image.pushed"
	log "registry serves the tested digest ${digest} under ${tags[*]}"
	cat "${target}/jib-image.pushed"
}

main "$@"
