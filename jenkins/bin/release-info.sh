#!/usr/bin/env bash
# Prints what a deploy would ship, so that the approver of a production deploy sees it in the
# build log right above the approval prompt.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: jenkins/bin/release-info.sh --env ENV [--digest-file FILE] [--help]
Prints the image digest (default app/target/jib-image-index.digest, the multi-arch index `make image`
writes, else app/target/jib-image.digest), the git
commit and the build that would be deployed to ENV. Fails when there is no digest to deploy.
USAGE
}

main() {
	local env='' digest_file='app/target/jib-image-index.digest'
	[[ -s "${digest_file}" ]] || digest_file='app/target/jib-image.digest'
	while (($# > 0)); do
		case "$1" in
		--env) env="${2:?--env needs a value}"; shift 2 ;;
		--digest-file) digest_file="${2:?--digest-file needs a file}"; shift 2 ;;
		-h | --help) usage; return 0 ;;
		*) echo "release-info: unknown option '$1' (see --help)" >&2; return 2 ;;
		esac
	done
	[[ -n "${env}" ]] || { echo "release-info: pass --env ENV (staging or production)" >&2; return 2; }
	if [[ ! -s "${digest_file}" ]]; then
		echo "release-info: no image digest in ${digest_file}: run make image first" >&2
		return 1
	fi
	local commit="${GIT_COMMIT:-}"
	if [[ -z "${commit}" ]]; then
		commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
	fi
	echo "Release to ${env}:"
	echo "  image digest  $(cat "${digest_file}")"
	echo "  git commit    ${commit}"
	echo "  build         ${JOB_NAME:-local} #${BUILD_NUMBER:-none} ${BUILD_URL:-}"
}

main "$@"
