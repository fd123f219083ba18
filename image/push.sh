#!/usr/bin/env bash
# Pushes the tested image tar (app/target/jib-image.tar) to a registry under each of its tags
# and proves that the registry now serves exactly the digest Jib computed (jib-image.digest).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
	cat <<USAGE
Usage: image/push.sh [--help]

Copies app/target/jib-image.tar with skopeo (digests preserved, no rebuild) to
\${PUSH_REGISTRY:-REGISTRY_ADDR}/${APP_REPOSITORY}:<tag> for every tag in jib-image.json,
fails unless the registry's digest equals app/target/jib-image.digest, and writes the pinned
reference (registry/repository@sha256:...) to app/target/jib-image.pushed for the deploy.

Environment: PUSH_REGISTRY (default REGISTRY_ADDR=${REGISTRY_ADDR}), APP_REPOSITORY.
Credentials for a remote registry come from skopeo's auth file (REGISTRY_AUTH_FILE or
\${XDG_RUNTIME_DIR}/containers/auth.json), never from this script. Plain HTTP only on loopback.
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
	local target="${REPO_ROOT}/app/target" registry="${PUSH_REGISTRY:-${REGISTRY_ADDR}}"
	local f
	for f in jib-image.tar jib-image.digest jib-image.json; do
		[[ -s "${target}/${f}" ]] || die "app/target/${f} is missing: run make image first"
	done
	ensure_packages skopeo jq
	local digest tls=true
	digest="$(cat "${target}/jib-image.digest")"
	[[ "${registry}" == 127.0.0.1:* || "${registry}" == localhost:* ]] && tls=false
	local repo="${registry}/${APP_REPOSITORY}" tag pushed
	mapfile -t tags < <(jq -r '.tags[]' "${target}/jib-image.json")
	[[ ${#tags[@]} -gt 0 ]] || die "app/target/jib-image.json lists no tags"
	for tag in "${tags[@]}"; do
		[[ "${tag}" != latest ]] || die "refusing to push the tag 'latest'"
		log "pushing ${repo}:${tag}"
		skopeo copy --quiet --preserve-digests --dest-tls-verify="${tls}" \
			"oci-archive:${target}/jib-image.tar" "docker://${repo}:${tag}" ||
			die "skopeo copy to ${repo}:${tag} failed: is the registry up (make registry-up) and are you logged in?"
		pushed="$(skopeo inspect --tls-verify="${tls}" --format '{{.Digest}}' "docker://${repo}:${tag}")"
		[[ "${pushed}" == "${digest}" ]] ||
			die "${repo}:${tag} has digest ${pushed}, not the tested ${digest}"
	done
	echo "${repo}@${digest}" >"${target}/jib-image.pushed"
	log "registry serves the tested digest under ${tags[*]}"
	cat "${target}/jib-image.pushed"
}

main "$@"
