#!/usr/bin/env bash
# The image benchmark: what Jib's layering saves on every push, how long an image takes to
# reach the registry, and how the container starts and how much memory it holds under a limit.
# Works on a scratch copy of the repository, with its own registry; prints the figures.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

REGISTRY_ADDR="${BENCH_REGISTRY_ADDR:-127.0.0.1:5056}"
MEMORY_LIMIT_MIB="${MEMORY_LIMIT_MIB:-512}"
STARTS="${BENCH_STARTS:-3}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-20}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
WORK=""
CONTAINER="tour-booking-bench-$$"
RESULTS=""

usage() {
	cat <<USAGE
Usage: image/bench.sh [--help]

Copies app/ and the build files to a scratch directory (your work tree is never modified),
starts a registry on ${REGISTRY_ADDR}, builds the JRE base image, then measures:
  1. bytes and blobs pushed by jib:build: first push (cold: no target/, empty Jib caches),
     rebuild with no change (warm), rebuild after a one-class change; and the size of the
     Spring Boot fat jar, which a naive 'COPY app.jar' image would push on every change;
  2. time from the start of mvn to the image in the registry, for each of those builds;
  3. the image's layers and their compressed sizes;
  4. ${STARTS} container starts under a ${MEMORY_LIMIT_MIB} MiB limit: time to readiness, then the
     resident memory after a ${WARMUP_SECONDS} s loopback warm-up (wrk, bounded).
Leaves no container or registry running. Needs root (podman, apt-get).

Environment: BENCH_REGISTRY_ADDR, MEMORY_LIMIT_MIB, BENCH_STARTS, BENCH_WARMUP_SECONDS, MVN.
USAGE
}

cleanup() {
	local rc=$?
	set +e
	podman rm -f -t 0 "${CONTAINER}" >/dev/null 2>&1
	[[ -n "${IMAGE_REF:-}" ]] && podman rmi -f "${IMAGE_REF}" >/dev/null 2>&1
	if [[ -n "${WORK}" ]]; then
		registry_stop "${WORK}/registry"
		rm -rf "${WORK}"
	fi
	exit "${rc}"
}

result() {
	RESULTS+="$*"$'\n'
	printf 'BENCH %s\n' "$*"
}

# A scratch copy with the app module only, so the benchmark can change a class freely.
make_scratch() {
	local src="${WORK}/src"
	mkdir -p "${src}"
	(cd "${REPO_ROOT}" && tar --exclude=./app/target --exclude=./image/target \
		-cf - pom.xml mvnw .mvn app image) | tar -C "${src}" -xf -
	sed -i '/<module>/{/<module>app<\/module>/!d}' "${src}/pom.xml"
	echo "${src}"
}

blob_list() {
	find "${WORK}/registry/storage/docker/registry/v2/blobs" -name data -printf '%s %h\n' 2>/dev/null | LC_ALL=C sort
}

# build_and_push LABEL: jib:build to the registry; records time, blobs and bytes uploaded.
build_and_push() {
	local label="$1" before after started elapsed new_blobs new_bytes
	before="$(blob_list)"
	started="$(date +%s.%N)"
	(cd "${SCRATCH}" && IMAGE_STATE_DIR="${WORK}/state" REGISTRY_ADDR="${REGISTRY_ADDR}" GIT_COMMIT="${COMMIT}" \
		IMAGE_MAVEN_ARGS="-Djib.applicationCache=${WORK}/jib-app-cache -Djib.baseImageCache=${WORK}/jib-base-cache" \
		image/build.sh --push) >"${WORK}/build-${label// /-}.log" 2>&1 ||
		{
			tail -n 40 "${WORK}/build-${label// /-}.log" >&2
			die "jib:build failed for '${label}'"
		}
	elapsed="$(echo "$(date +%s.%N) - ${started}" | bc)"
	after="$(blob_list)"
	# Blobs the registry did not have before: what this push uploaded (layers, config, manifest).
	new_blobs="$(LC_ALL=C comm -13 <(echo "${before}") <(echo "${after}"))"
	new_bytes="$(awk '{s += $1} END {printf "%d", s}' <<<"${new_blobs}")"
	result "$(printf '| %-26s | %6.1f s | %6d | %12d |' "${label}" "${elapsed}" "$(grep -c . <<<"${new_blobs}" || true)" "${new_bytes}")"
}

# Adds (first call) or changes (later calls) one small class of the scratch copy, in the root
# package or in the feature package named by $2 (each feature package is its own image layer).
change_one_class() {
	local package="com.example.tourbooking${2:+.$2}"
	local dir="${SCRATCH}/app/src/main/java/${package//.//}"
	cat >"${dir}/BenchmarkMarker.java" <<EOF
package ${package};

/**
 * Written by image/bench.sh in its scratch copy only: the one-class change it measures.
 */
final class BenchmarkMarker {

	static final String VALUE = "$1";

	private BenchmarkMarker() {
	}

}
EOF
}

measure_pushes() {
	log "== pushes (jib:build to ${REGISTRY_ADDR})"
	change_one_class first
	result "| build                      |    mvn → registry | new blobs | bytes pushed |"
	result "|---|---|---|---|"
	build_and_push "first push (cold)"
	build_and_push "rebuild, no change (warm)"
	change_one_class second
	build_and_push "rebuild, one class changed"
	change_one_class first reservation
	build_and_push "class added, reservation pkg"
	change_one_class second reservation
	build_and_push "class changed, reservation pkg"
	local jar="${SCRATCH}/app/target/tour-booking.jar"
	[[ -s "${jar}" ]] || die "no fat jar at ${jar}"
	result ""
	result "fat jar (what 'COPY app.jar' pushes on every change): $(stat -c %s "${jar}") bytes"
}

measure_layers() {
	IMAGE_REF="${REGISTRY_ADDR}/${APP_REPOSITORY}@$(cat "${SCRATCH}/app/target/jib-image.digest")"
	local manifest config
	manifest="$(skopeo inspect --cert-dir "${REGISTRY_CERT_DIR}" --raw "docker://${IMAGE_REF}")"
	config="$(skopeo inspect --cert-dir "${REGISTRY_CERT_DIR}" --config "docker://${IMAGE_REF}")"
	result ""
	result "| layer | compressed bytes |"
	result "|---|---|"
	local names sizes i
	mapfile -t names < <(jq -r '.history[] | select(.empty_layer != true) | (.comment // .created_by) | .[0:60]' <<<"${config}")
	mapfile -t sizes < <(jq -r '.layers[].size' <<<"${manifest}")
	for i in "${!sizes[@]}"; do
		result "| ${names[i]:-layer ${i}} | ${sizes[i]} |"
	done
	result "| total | $(jq '[.layers[].size] | add' <<<"${manifest}") |"
}

measure_runs() {
	log "== ${STARTS} starts under ${MEMORY_LIMIT_MIB} MiB"
	ensure_packages wrk bc
	podman pull -q --cert-dir "${REGISTRY_CERT_DIR}" "${IMAGE_REF}" >/dev/null
	result ""
	result "| start | to readiness | resident (JVM, after warm-up) | container memory | requests in warm-up |"
	result "|---|---|---|---|---|"
	local n api mgmt started ready hpid rss cg requests
	for n in $(seq 1 "${STARTS}"); do
		api="$((20000 + RANDOM % 20000))"
		mgmt="$((api + 1))"
		started="$(date +%s.%N)"
		podman run -d --quiet --name "${CONTAINER}" --read-only --tmpfs /tmp:rw,mode=1777,size=64m \
			--memory "${MEMORY_LIMIT_MIB}m" --memory-swap "${MEMORY_LIMIT_MIB}m" \
			-p "127.0.0.1:${api}:8080" -p "127.0.0.1:${mgmt}:8081" "${IMAGE_REF}" >/dev/null
		ready=""
		while [[ "$(echo "$(date +%s.%N) - ${started} < ${READY_TIMEOUT}" | bc)" == 1 ]]; do
			if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:${mgmt}/actuator/health/readiness"; then
				ready="$(echo "$(date +%s.%N) - ${started}" | bc)"
				break
			fi
			sleep 0.1
		done
		[[ -n "${ready}" ]] || die "start ${n}: not ready within ${READY_TIMEOUT} s"
		requests="$(wrk -t2 -c4 -d"${WARMUP_SECONDS}s" --timeout 5s "http://127.0.0.1:${api}/api/tours" |
			awk '/requests in/ {print $1}')"
		hpid="$(podman top "${CONTAINER}" hpid args | awk '$2 == "java" {print $1}')"
		rss="$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/${hpid}/status")"
		cg="$(podman stats --no-stream --format '{{.MemUsage}}' "${CONTAINER}")"
		result "$(printf '| %d | %.1f s | %d MiB | %s | %s |' "${n}" "${ready}" "${rss}" "${cg}" "${requests}")"
		podman rm -f -t 10 "${CONTAINER}" >/dev/null
	done
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
	[[ ${EUID} -eq 0 ]] || die "run as root (podman, apt-get)"
	ensure_image_tools
	ensure_packages bc
	WORK="$(mktemp -d /tmp/tour-booking-bench.XXXXXX)"
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	COMMIT="$(git -C "${REPO_ROOT}" rev-parse -q --verify HEAD || printf '%040d' 0)"
	SCRATCH="$(make_scratch)"
	podman_configure "${WORK}/podman"
	registry_start "${WORK}/registry" "${REGISTRY_ADDR}"
	# The registry's CA and password through the auth file (no credential helper), amd64 only:
	# the figures below compare with earlier single-architecture runs.
	registry_client_env "${WORK}/registry" "${REGISTRY_ADDR}"
	export IMAGE_CRED_HELPER=none BASE_ARCHES=amd64 IMAGE_ARCHES=amd64
	local started
	started="$(date +%s.%N)"
	(cd "${SCRATCH}" && IMAGE_STATE_DIR="${WORK}/state" REGISTRY_ADDR="${REGISTRY_ADDR}" image/base-image.sh) \
		>"${WORK}/base.log" 2>&1 || {
		tail -n 30 "${WORK}/base.log" >&2
		die "base image build failed"
	}
	result "base image (jlink + Debian libraries, pushed): $(printf '%.1f' "$(echo "$(date +%s.%N) - ${started}" | bc)") s"
	result ""
	measure_pushes
	measure_layers
	measure_runs
	echo
	echo "=== image benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JDK $(java -version 2>&1 | head -n 1 | cut -d'"' -f2))"
	printf '%s' "${RESULTS}"
}

main "$@"
