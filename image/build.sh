#!/usr/bin/env bash
# Builds the application image with Jib (no Docker daemon): app/target/jib-image.tar plus
# jib-image.digest, jib-image.id and jib-image.json (amd64), tagged with the git commit (and build
# number), and the multi-arch image: jib-image-index.tar (an OCI index of the amd64 image and the
# arm64 one) and jib-image-index.digest.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

IMAGE_ARCHES="${IMAGE_ARCHES:-amd64 arm64}"

usage() {
	cat <<USAGE
Usage: image/build.sh [--push] [--help]

Runs \`${MVN} -pl app package -DskipTests jib:buildTar\` once per architecture in IMAGE_ARCHES
(default "${IMAGE_ARCHES}"; the base must be an index holding them, as make base-image pushes):
  app/target/jib-image.tar, .digest, .id, .json         the first architecture (amd64), OCI archive
  app/target/jib-image-ARCH.tar, .digest                 each other architecture
  app/target/jib-image-index.tar, jib-image-index.digest an OCI image index of all of them (Jib
                                                         builds multi-platform only to a registry,
                                                         and only as a Docker manifest list)
With --push: jib:build of the first architecture straight to the registry (the benchmark).
Every build has:
  image name  IMAGE_REGISTRY/${APP_REPOSITORY}:<commit, 12 hex digits>[-dirty]
  extra tag   <commit>-<BUILD_NUMBER> when BUILD_NUMBER is set (never 'latest')
  base image  BASE_IMAGE, else the digest-pinned ref written by make base-image
  credentials Jib asks the Docker credential helper docker-credential-IMAGE_CRED_HELPER for the base
              and target registries (default ecr-login, Debian package amazon-ecr-credential-helper;
              it needs AWS credentials: the agent's role, AWS_PROFILE or AWS_ACCESS_KEY_ID), then the
              auth files Jib reads (DOCKER_CONFIG/config.json, containers auth.json)
  TLS         always verified; IMAGE_REGISTRY_CA adds a CA (PEM) for a private registry;
              IMAGE_REGISTRY_INSECURE=true (plain HTTP) is refused unless both registries are loopback
  labels      OCI source, revision, version, base name, build number; env GIT_COMMIT, BUILD_NUMBER
  file times  the commit time (project.build.outputTimestamp), so a rebuild gives the same digest

Environment: IMAGE_ARCHES, IMAGE_REGISTRY (default ${IMAGE_REGISTRY}; ECR in CI: ACCOUNT.dkr.ecr.REGION.amazonaws.com),
APP_REPOSITORY, BASE_IMAGE, IMAGE_CRED_HELPER (default ecr-login; 'none' for auth files only),
IMAGE_REGISTRY_CA, IMAGE_REGISTRY_INSECURE, GIT_COMMIT (default: git rev-parse HEAD), BUILD_NUMBER,
GIT_URL (image source label; default: git remote origin), MVN, IMAGE_MAVEN_ARGS (extra Maven arguments).
USAGE
}

# Jib's HTTP client trusts the JVM's default trust store (jib-core FailoverHttpClient,
# SSLConnectionSocketFactory.getSystemSocketFactory): Java's CAs plus IMAGE_REGISTRY_CA.
trust_store_opts() {
	local ca="${IMAGE_REGISTRY_CA:-}" store="${STATE_DIR}/jib-truststore.p12"
	[[ -n "${ca}" ]] || return 0
	[[ -r "${ca}" ]] || die "IMAGE_REGISTRY_CA=${ca} is not a readable PEM file"
	mkdir -p "${STATE_DIR}"
	rm -f "${store}"
	keytool -importkeystore -noprompt -srckeystore /etc/ssl/certs/java/cacerts -srcstorepass changeit \
		-destkeystore "${store}" -deststoretype PKCS12 -deststorepass changeit >/dev/null 2>&1 ||
		die "cannot copy Java's CA certificates (/etc/ssl/certs/java/cacerts: install ca-certificates-java)"
	keytool -importcert -noprompt -alias image-registry-ca -file "${ca}" \
		-keystore "${store}" -storepass changeit >/dev/null 2>&1 || die "IMAGE_REGISTRY_CA=${ca} is not a PEM certificate"
	echo "-Djavax.net.ssl.trustStore=${store} -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"
}

# run_jib ARCH OUTPUT_PREFIX MAVEN_ARGS...: one Jib run for linux/ARCH writing OUTPUT_PREFIX.*
run_jib() {
	local arch="$1" prefix="$2" output="${STATE_DIR}/build-$1.log"
	shift 2
	mkdir -p "${STATE_DIR}"
	# shellcheck disable=SC2086 # MVN is a command with options
	MAVEN_OPTS="${MAVEN_OPTS:-} ${JIB_TRUST}" ${MVN} "$@" "-Djib.from.platforms=linux/${arch}" \
		"-Djib.outputPaths.tar=${prefix}.tar" "-Djib.outputPaths.digest=${prefix}.digest" \
		"-Djib.outputPaths.imageId=${prefix}.id" "-Djib.outputPaths.imageJson=${prefix}.json" 2>&1 |
		tee "${output}" || explain_failure "${output}" "${BASE}" "${NAME}" "${HELPER}"
}

# Joins the per-architecture OCI archives into app/target/jib-image-index.tar (an OCI archive
# whose index.json names an image index) and writes its digest to jib-image-index.digest.
index_archives() {
	local target="$1" layout="${STATE_DIR}/app-index" arch file digests=()
	rm -rf "${layout}"
	mkdir -p "${layout}"
	for arch in ${IMAGE_ARCHES}; do
		file="$(arch_prefix "${target}" "${arch}").tar"
		tar -C "${layout}" -xf "${file}"
		digests+=("$(cat "$(arch_prefix "${target}" "${arch}").digest")")
	done
	echo '{"schemaVersion": 2, "manifests": []}' >"${layout}/index.json"
	oci_index "${layout}" "${TAG}" "${digests[@]}" >"${target}/jib-image-index.digest"
	tar -C "${layout}" --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner \
		-cf "${target}/jib-image-index.tar" oci-layout index.json blobs
}

arch_prefix() {
	if [[ "$2" == "${IMAGE_ARCHES%% *}" ]]; then echo "$1/jib-image"; else echo "$1/jib-image-$2"; fi
}

# Says what to set when Jib failed for a reason the agent's set-up can fix.
explain_failure() {
	local log="$1" base="$2" name="$3" helper="$4"
	if grep -qE "Unauthorized|credentials for '|status code 401|403 Forbidden|denied" "${log}"; then
		die "the registry refused Jib (401/403) for ${base} or ${name}: no usable credentials. Jib asked docker-credential-${helper} get (IMAGE_CRED_HELPER)$([[ "${helper}" == ecr-login ]] && printf '%s' ", which needs AWS credentials on the agent (its IAM role, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) allowing ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the base repository (and the ecr:*Upload*/PutImage actions to push)"). For another registry set IMAGE_CRED_HELPER, or put the registry in DOCKER_CONFIG/config.json."
	fi
	if grep -qE 'PKIX path building failed|unable to find valid certification path|SSLHandshakeException' "${log}"; then
		die "the registry's TLS certificate is not trusted: set IMAGE_REGISTRY_CA to the CA (PEM) that signed it (never allowInsecureRegistries)"
	fi
	die "Jib failed (see the Maven output above; the base ${base} must be reachable)"
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
	TAG="${tag}" BASE="${base}" NAME="${IMAGE_REGISTRY}/${APP_REPOSITORY}:${tag}"
	local args=(
		-Djib.disableUpdateChecks=true
		"-Djib.from.image=${base}"
		"-Dimage.base=${base}"
		"-Dimage.name=${NAME}"
		"-Dimage.revision=${commit}"
		"-Dimage.buildNumber=${BUILD_NUMBER:-unknown}"
		"-Dimage.source=${source}"
		"-Dproject.build.outputTimestamp=${epoch}"
		# Spring AOT's generated code (app/pom.xml): used by the image with its CDS archive.
		-Dspring-boot.aot.skip=false
	)
	[[ -n "${BUILD_NUMBER:-}" ]] && args+=("-Djib.to.tags=${tag}-${BUILD_NUMBER}")
	# registry_insecure dies for a non-loopback registry; both must be loopback for plain HTTP.
	if registry_insecure "${base%%/*}" && registry_insecure "${IMAGE_REGISTRY}"; then
		args+=(-Djib.allowInsecureRegistries=true)
	fi
	HELPER="${IMAGE_CRED_HELPER:-ecr-login}"
	if [[ "${HELPER}" != none ]]; then
		command -v "docker-credential-${HELPER}" >/dev/null ||
			die "docker-credential-${HELPER} is not on PATH: Jib needs it for the credentials of ${base%%/*}. Install it (ECR: apt-get install amazon-ecr-credential-helper), or set IMAGE_CRED_HELPER to your registry's helper ('none': use DOCKER_CONFIG/config.json only)"
		args+=("-Djib.from.credHelper=${HELPER}" "-Djib.to.credHelper=${HELPER}")
	fi
	JIB_TRUST="$(trust_store_opts)"
	# shellcheck disable=SC2206 # IMAGE_MAVEN_ARGS is a list of words on purpose
	args+=(${IMAGE_MAVEN_ARGS:-})

	local target="${REPO_ROOT}/app/target" started=${SECONDS} arch first="${IMAGE_ARCHES%% *}"
	log "building ${NAME} (linux/${first}) on ${base}"
	run_jib "${first}" "${target}/jib-image" -pl app package -DskipTests "${goal}" "${args[@]}"
	local f outputs=(jib-image.digest jib-image.id jib-image.json)
	[[ "${goal}" == jib:build ]] || outputs+=(jib-image.tar)
	for f in "${outputs[@]}"; do
		[[ -s "${target}/${f}" ]] || die "Jib did not write app/target/${f}"
	done
	log "image ${NAME} (linux/${first}) built in $((SECONDS - started)) s: digest $(cat "${target}/jib-image.digest")"
	[[ "${goal}" == jib:buildTar ]] || return 0
	# An index from an earlier build must never be pushed for this one.
	rm -f "${target}/jib-image-index.tar" "${target}/jib-image-index.digest"
	[[ "${IMAGE_ARCHES}" == *" "* ]] || return 0

	# The other architectures need no new compilation: only Jib's goal, on the same classes.
	for arch in ${IMAGE_ARCHES#"${first}"}; do
		log "building ${NAME} (linux/${arch})"
		run_jib "${arch}" "${target}/jib-image-${arch}" -pl app "${goal}" "${args[@]}"
		[[ -s "${target}/jib-image-${arch}.tar" ]] || die "Jib did not write app/target/jib-image-${arch}.tar"
	done
	index_archives "${target}"
	log "multi-arch image (${IMAGE_ARCHES}) in $((SECONDS - started)) s: index digest $(cat "${target}/jib-image-index.digest")"
}

main "$@"
