#!/usr/bin/env bash
# Proves the arm64 variant of the multi-arch image starts: runs it with podman under qemu-user
# emulation (binfmt_misc) on this amd64 machine, waits for readiness and calls the API.
# Bounded in time; leaves no container or image behind.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

ARM64_READY_TIMEOUT="${ARM64_READY_TIMEOUT:-420}"
MEMORY_LIMIT_MIB="${MEMORY_LIMIT_MIB:-768}"
# C1 only: under emulation the C2 compiler costs more than it saves during start-up. A JVM flag
# for this test's run, through the JDK's own JDK_JAVA_OPTIONS; the image is unchanged.
ARM64_JAVA_OPTIONS="${ARM64_JAVA_OPTIONS:--XX:TieredStopAtLevel=1}"
INDEX_TAR="${REPO_ROOT}/app/target/jib-image-index.tar"
CONTAINER="tour-booking-arm64-$$"
IMAGE_NAME="localhost/tour-booking-arm64-test:$$"
WORK=""

usage() {
	cat <<USAGE
Usage: image/arm64-test.sh [--help]

Takes the arm64 image out of app/target/jib-image-index.tar (make image, or make container-test,
writes it), checks its architecture and that its digest is the index's arm64 entry, and runs it
with 'podman run --platform linux/arm64' under qemu-user emulation: registers qemu-aarch64 with
binfmt_misc (qemu-user-static, binfmt-support), checks the JVM process is emulated (its
executable is qemu-aarch64), waits up to ${ARM64_READY_TIMEOUT} s for readiness (emulation is
5-20 times slower than native), checks Spring Boot logged its start and the JVM's os.arch is
aarch64. Needs root.

Environment: ARM64_READY_TIMEOUT, MEMORY_LIMIT_MIB (default ${MEMORY_LIMIT_MIB}), ARM64_JAVA_OPTIONS
(JDK_JAVA_OPTIONS of the emulated JVM, default ${ARM64_JAVA_OPTIONS}).
USAGE
}

cleanup() {
	local rc=$?
	set +e
	if podman container exists "${CONTAINER}" 2>/dev/null; then
		[[ ${rc} -eq 0 ]] || podman logs --tail 20 "${CONTAINER}" 2>&1 | cut -c1-300
		podman rm -f -t 0 "${CONTAINER}" >/dev/null 2>&1
	fi
	podman rmi -f "${IMAGE_NAME}" >/dev/null 2>&1
	[[ -z "${WORK}" ]] || rm -rf "${WORK}"
	exit "${rc}"
}

# qemu-user-static registers its interpreters with binfmt_misc (PLATFORM.md's arm64 recipe).
ensure_emulation() {
	ensure_packages qemu-user-static binfmt-support
	if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
		mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
			die "cannot mount binfmt_misc: run on a machine (or privileged container) that allows it"
	fi
	[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --enable qemu-aarch64 ||
		die "update-binfmts --enable qemu-aarch64 failed"
	grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 is registered but disabled"
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
	[[ ${EUID} -eq 0 ]] || die "run as root (podman, binfmt_misc)"
	[[ -s "${INDEX_TAR}" ]] || die "no app/target/jib-image-index.tar: run make image (or make container-test) first"
	ensure_image_tools
	ensure_emulation
	WORK="$(mktemp -d /tmp/tour-booking-arm64.XXXXXX)"
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	podman_configure "${WORK}/podman"

	local expected raw
	raw="$(skopeo inspect --raw "oci-archive:${INDEX_TAR}")"
	expected="$(jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest' <<<"${raw}")"
	[[ "${expected}" == sha256:* ]] || die "app/target/jib-image-index.tar has no arm64 image"
	log "copying the arm64 image ${expected} into podman's storage"
	skopeo copy --quiet --override-arch arm64 --override-os linux \
		"oci-archive:${INDEX_TAR}" "containers-storage:${IMAGE_NAME}"
	# podman's image id is the digest of the image config: the arm64 entry's config blob.
	local arch id config
	arch="$(podman image inspect --format '{{.Architecture}}' "${IMAGE_NAME}")"
	id="$(podman image inspect --format '{{.Id}}' "${IMAGE_NAME}")"
	config="$(skopeo inspect --override-arch arm64 --override-os linux --config --raw "oci-archive:${INDEX_TAR}" | sha256sum | cut -d' ' -f1)"
	[[ "${arch}" == arm64 ]] || die "the image copied for arm64 is ${arch}"
	[[ "${id}" == "${config}" ]] || die "podman holds image ${id}, not the index's arm64 image (config ${config})"
	log "PASS: the index's arm64 entry ${expected} is an arm64 image (config ${config:0:12})"

	local port started=${SECONDS} status=""
	port=$((FREE_PORT_MIN + RANDOM % FREE_PORT_SPAN))
	log "podman run --platform linux/arm64 (qemu-user), readiness within ${ARM64_READY_TIMEOUT} s, :${port}"
	podman run -d --quiet --name "${CONTAINER}" --platform linux/arm64 \
		--read-only --tmpfs /tmp:rw,mode=1777,size=64m --memory "${MEMORY_LIMIT_MIB}m" \
		-p "127.0.0.1:${port}:8081" -e APP_ENVIRONMENT=ci -e "JDK_JAVA_OPTIONS=${ARM64_JAVA_OPTIONS}" \
		"${IMAGE_NAME}" >/dev/null ||
		die "podman could not start the arm64 image"
	local hpid exe=""
	for hpid in $(podman top "${CONTAINER}" hpid | tail -n +2); do
		exe="${exe} $(readlink "/proc/${hpid}/exe" 2>/dev/null || true)"
	done
	[[ "${exe}" == *qemu-aarch64* ]] || die "the container's processes are not emulated (executables:${exe})"
	log "PASS: the container's processes run under${exe}"
	while ((SECONDS - started < ARM64_READY_TIMEOUT)); do
		status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${port}/actuator/health/readiness" || true)"
		[[ "${status}" == 200 ]] && break
		podman container inspect -f '{{.State.Running}}' "${CONTAINER}" | grep -q true ||
			die "the arm64 container exited: $(podman container inspect -f 'exit {{.State.ExitCode}}' "${CONTAINER}")"
		sleep 2
	done
	[[ "${status}" == 200 ]] || die "the arm64 container was not ready within ${ARM64_READY_TIMEOUT} s (raise ARM64_READY_TIMEOUT on a slow machine)"
	log "PASS: the arm64 image is ready after $((SECONDS - started)) s under emulation"
	local logs
	logs="$(podman logs "${CONTAINER}" 2>&1)"
	grep -q '"message":"Started ' <<<"${logs}" || die "the arm64 container's logs do not show Spring Boot started"
	log "PASS: Spring Boot logged its start"
	local os_arch
	os_arch="$(podman exec "${CONTAINER}" java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/os.arch/ {print $2}')"
	[[ "${os_arch}" == aarch64 ]] || die "java in the arm64 image reports os.arch '${os_arch}', not aarch64"
	log "PASS: java in the container reports os.arch = aarch64; arm64 test took $((SECONDS - started)) s"
}

FREE_PORT_MIN="${FREE_PORT_MIN:-20000}"
FREE_PORT_SPAN="${FREE_PORT_SPAN:-20000}"
main "$@"
