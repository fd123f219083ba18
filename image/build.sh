#!/usr/bin/env bash
# Builds the application image with Jib (no Docker daemon): app/target/jib-image.tar plus
# jib-image.digest, jib-image.id and jib-image.json, tagged with the git commit (and build number).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
	cat <<USAGE
Usage: image/build.sh [--push] [--help]

Runs \`${MVN} -pl app package -DskipTests jib:buildTar\` (with --push: jib:build, straight to the
registry; the benchmark uses it) with:
  image name  ${REGISTRY_ADDR}/${APP_REPOSITORY}:<commit, 12 hex digits>[-dirty]
  extra tag   <commit>-<BUILD_NUMBER> when BUILD_NUMBER is set (never 'latest')
  base image  BASE_IMAGE, else the digest-pinned ref written by make base-image
  labels      OCI source, revision, version, base name, build number; env GIT_COMMIT, BUILD_NUMBER
  file times  the commit time (project.build.outputTimestamp), so a rebuild gives the same digest
Needs the registry holding the base image (make registry-up base-image) unless BASE_IMAGE
points elsewhere.

Environment: GIT_COMMIT (default: git rev-parse HEAD), BUILD_NUMBER, GIT_URL (image source label;
default: git remote origin), BASE_IMAGE, REGISTRY_ADDR, APP_REPOSITORY, MVN, IMAGE_MAVEN_ARGS
(extra Maven arguments).
USAGE
}

# A loopback registry speaks plain HTTP; any other registry must use TLS.
is_loopback_ref() {
	[[ "$1" == 127.0.0.1[:/]* || "$1" == localhost[:/]* ]]
}

main() {
	local goal=jib:buildTar
	case "${1:-}" in
	-h | --help)
		usage
		return 0
		;;
	--push) goal=jib:build ;;
	"") ;;
	*)
		usage >&2
		exit 2
		;;
	esac
	cd "${REPO_ROOT}"
	local commit="${GIT_COMMIT:-}"
	if [[ -z "${commit}" ]]; then
		commit="$(git rev-parse --verify -q HEAD)" ||
			die "no git commit to tag the image with: commit first, or set GIT_COMMIT"
	fi
	[[ "${commit}" =~ ^[0-9a-f]{40}$ ]] || die "GIT_COMMIT '${commit}' is not a full 40-digit commit id"
	local tag="${commit:0:12}"
	if [[ -z "${GIT_COMMIT:-}" ]] && ! git diff --quiet HEAD -- 2>/dev/null; then
		tag="${tag}-dirty"
		log "the work tree has uncommitted changes: tagging ${tag}"
	fi
	local epoch
	epoch="$(git show -s --format=%ct "${commit}" 2>/dev/null)" || epoch=1

	local base="${BASE_IMAGE:-}"
	if [[ -z "${base}" ]]; then
		[[ -s "${STATE_DIR}/base-image.ref" ]] ||
			die "no base image: run make registry-up base-image first, or set BASE_IMAGE to a pinned Java 17 JRE"
		base="$(cat "${STATE_DIR}/base-image.ref")"
	fi

	local source="${GIT_URL:-$(git remote get-url origin 2>/dev/null || true)}"
	# Never put credentials of an https://user:token@host URL into a label.
	source="$(sed -E 's#^([a-z+]+://)[^@/]*@#\1#' <<<"${source:-unknown}")"
	local name="${REGISTRY_ADDR}/${APP_REPOSITORY}:${tag}"
	local args=(
		-pl app package -DskipTests "${goal}"
		-Djib.disableUpdateChecks=true
		"-Djib.from.image=${base}"
		"-Dimage.base=${base}"
		"-Dimage.name=${name}"
		"-Dimage.revision=${commit}"
		"-Dimage.buildNumber=${BUILD_NUMBER:-unknown}"
		"-Dimage.source=${source}"
		"-Dproject.build.outputTimestamp=${epoch}"
	)
	[[ -n "${BUILD_NUMBER:-}" ]] && args+=("-Djib.to.tags=${tag}-${BUILD_NUMBER}")
	if is_loopback_ref "${base}" || is_loopback_ref "${name}"; then
		args+=(-Djib.allowInsecureRegistries=true)
	fi
	# shellcheck disable=SC2206 # IMAGE_MAVEN_ARGS is a list of words on purpose
	args+=(${IMAGE_MAVEN_ARGS:-})

	log "building ${name} on ${base}"
	local started=${SECONDS}
	# shellcheck disable=SC2086 # MVN is a command with options
	${MVN} "${args[@]}" || die "${goal} failed (see the Maven output above; the base ${base} must be reachable)"
	local target="${REPO_ROOT}/app/target"
	local f outputs=(jib-image.digest jib-image.id jib-image.json)
	[[ "${goal}" == jib:build ]] || outputs+=(jib-image.tar)
	for f in "${outputs[@]}"; do
		[[ -s "${target}/${f}" ]] || die "Jib did not write app/target/${f}"
	done
	log "image ${name} built in $((SECONDS - started)) s: digest $(cat "${target}/jib-image.digest")"
}

main "$@"
