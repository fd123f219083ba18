#!/usr/bin/env bash
# The container test: builds the base and application images offline, runs the image with
# podman as the cluster would (read-only root, memory limit) and checks what a reviewer and an
# operator rely on. Starts its own registry and leaves nothing running, even on failure.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# A registry of its own (not make registry-up's), so a developer's registry is never touched.
REGISTRY_ADDR="${TEST_REGISTRY_ADDR:-127.0.0.1:5055}"
MEMORY_LIMIT_MIB="${MEMORY_LIMIT_MIB:-512}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
STOP_GRACE="${STOP_GRACE:-30}"
# Ports published by the container are picked at random from this range.
FREE_PORT_MIN="${FREE_PORT_MIN:-20000}"
FREE_PORT_SPAN="${FREE_PORT_SPAN:-20000}"
WORK=""
CONTAINER="tour-booking-ct-$$"
PASSED=0
FAILED=0

usage() {
	cat <<USAGE
Usage: image/container-test.sh [--help]

On a fresh Debian 12 machine (as root): installs podman, runc, skopeo, umoci, docker-registry
if missing; starts a registry shaped like ECR on ${REGISTRY_ADDR} (TLS with a CA made for the
test, htpasswd auth) and checks it refuses clients without credentials or without the CA; every
client gets its credentials from a stand-in docker-credential-ecr-login (image/test/bin) as an
agent gets them from the real one; checks that a build without AWS credentials, without the
helper, or asking for plain HTTP to a non-loopback registry fails saying what to set;
builds and pushes the JRE base image (amd64 and arm64, one OCI index)
(image/base-image.sh); builds the application image twice with Jib (image/build.sh) and checks
that the digest is the same, and the multi-arch index (amd64 + arm64); pushes the index
(image/push.sh) and checks the registry serves that digest, its amd64 entry the tested image and
an arm64 image to an arm64 client; runs it with podman (read-only root, tmpfs /tmp, ${MEMORY_LIMIT_MIB} MiB limit, ports on
127.0.0.1) and checks: non-root uid, image labels, readiness within ${READY_TIMEOUT} s, heap sized
from the limit, the API (sign-up, login, search, book), JSON logs on stdout (elk/fields.yml),
and that podman stop lets an in-flight request complete and the process exit 0 within
${STOP_GRACE} s. Ends with 'N passed, N failed'; exit status 1 on any failure.

Environment: TEST_REGISTRY_ADDR, MEMORY_LIMIT_MIB, READY_TIMEOUT, STOP_GRACE, FREE_PORT_MIN and
FREE_PORT_SPAN (published ports), MVN.
USAGE
}

pass() {
	PASSED=$((PASSED + 1))
	printf 'PASS: %s\n' "$*"
}

fail() {
	FAILED=$((FAILED + 1))
	printf 'FAIL: %s\n' "$*"
}

# check DESCRIPTION COMMAND...: records a pass or a failure and goes on.
check() {
	local what="$1"
	shift
	if "$@"; then pass "${what}"; else fail "${what}"; fi
}

# Stops the failing run at once (later checks depend on this one).
fatal() {
	fail "$*"
	finish
}

finish() {
	echo "container-test: ${PASSED} passed, ${FAILED} failed"
	[[ ${FAILED} -eq 0 ]] || exit 1
	exit 0
}

cleanup() {
	local rc=$?
	set +e
	if podman container exists "${CONTAINER}" 2>/dev/null; then
		if [[ ${rc} -ne 0 ]]; then
			echo "--- last container logs ---"
			podman logs --tail 30 "${CONTAINER}" 2>&1 | cut -c1-300
		fi
		podman rm -f -t 0 "${CONTAINER}" >/dev/null 2>&1
	fi
	[[ -n "${IMAGE_REF:-}" ]] && podman rmi -f "${IMAGE_REF}" >/dev/null 2>&1
	[[ -n "${ARM64_REF:-}" ]] && podman rmi -f "${ARM64_REF}" >/dev/null 2>&1
	if [[ -n "${WORK}" ]]; then
		registry_stop "${WORK}/registry"
		rm -rf "${WORK}"
	fi
	exit "${rc}"
}

# Predicates for check.
# An unresolved Maven property would show as a literal dollar-brace.
is_set() { [[ -n "$1" && "$1" != null && "$1" != *"\${"* ]]; }
has_line() { grep -qxF -- "$2" <<<"$1"; }
starts_with() { [[ "$1" == "$2"* ]]; }
# Reads the whole log first: grep -q closing the pipe early would fail the pipeline (pipefail).
logs_contain() {
	local logs
	logs="$(podman logs "${CONTAINER}" 2>/dev/null)"
	grep -qiF -- "$1" <<<"${logs}"
}
# tags_name_commit TAGS COMMIT: every tag starts with the short commit id; none is latest.
tags_name_commit() {
	local tag
	for tag in $1; do
		[[ "${tag}" != latest && "${tag}" == "${2:0:12}"* ]] || return 1
	done
}
# answered EXPECTED STATUS [JQ ARGS...] FILTER: the status matches and the body satisfies FILTER.
answered() {
	local expected="$1" status="$2"
	shift 2
	[[ "${status}" == "${expected}" ]] && jq -e "$@" "${WORK}/body" >/dev/null
}

free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((FREE_PORT_MIN + RANDOM % FREE_PORT_SPAN))
		ss -Htln "sport = :${port}" | grep -q . || {
			echo "${port}"
			return 0
		}
	done
	die "no free port found"
}

# Prints the HTTP status, 000 when there was no answer in time (a failed check, not a crash).
http_status() {
	curl -s -o "${WORK}/body" -w '%{http_code}' --max-time "${HTTP_TIMEOUT:-10}" "$@" || true
}

# Polls readiness; prints the seconds it took.
wait_ready() {
	local started=$1 status
	while ((SECONDS - started < READY_TIMEOUT)); do
		status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${MGMT_PORT}/actuator/health/readiness" || true)"
		if [[ "${status}" == 200 ]]; then
			echo $((SECONDS - started))
			return 0
		fi
		podman container inspect -f '{{.State.Running}}' "${CONTAINER}" | grep -q true || return 1
		sleep 0.5
	done
	return 1
}

# An agent's set-up, as in production: the registry's CA, an auth file naming the ECR credential
# helper for the registry, the (stand-in) helper on PATH and AWS credentials in the environment.
# The AWS values are placeholders: only the stand-in reads them, to refuse when they are missing.
agent_environment() {
	registry_client_env "${WORK}/registry" "${REGISTRY_ADDR}" ecr-login
	export PATH="${IMAGE_DIR}/test/bin:${PATH}" IMAGE_REGISTRY="${REGISTRY_ADDR}" IMAGE_CRED_HELPER=ecr-login
	export ECR_STANDIN_REGISTRY="${REGISTRY_ADDR}" ECR_STANDIN_TOKEN="${WORK}/registry/auth/password"
	export AWS_ACCESS_KEY_ID=standin-access-key AWS_SECRET_ACCESS_KEY=standin-secret-key
}

# The stand-in registry refuses what ECR refuses.
check_registry_refusals() {
	log "== registry: TLS and authentication"
	echo '{}' >"${WORK}/no-credentials.json"
	local url="https://${REGISTRY_ADDR}/v2/" status
	status="$(curl -s -o /dev/null -w '%{http_code}' --cacert "${IMAGE_REGISTRY_CA}" "${url}")"
	check "the registry answers 401 to a client without credentials (got ${status})" test "${status}" = 401
	status="$(curl -s -o /dev/null -w '%{http_code}' --cacert "${IMAGE_REGISTRY_CA}" -u AWS:wrong-password "${url}")"
	check "the registry answers 401 to a wrong password (got ${status})" test "${status}" = 401
	check "a client without the test CA fails the TLS handshake (curl)" \
		fails_with "certificate" curl -sS -o /dev/null "${url}"
	check "a client without the test CA fails the TLS handshake (skopeo)" \
		fails_with "x509" skopeo inspect --tls-verify=true "docker://${REGISTRY_ADDR}/${BASE_REPOSITORY}:none"
	check "a client with the CA but no credentials is refused (skopeo)" \
		fails_with "authentication required\|unauthorized" env -u DOCKER_CONFIG REGISTRY_AUTH_FILE="${WORK}/no-credentials.json" \
		skopeo inspect --tls-verify=true --cert-dir "${REGISTRY_CERT_DIR}" "docker://${REGISTRY_ADDR}/${BASE_REPOSITORY}:none"
}

# fails_with PATTERN COMMAND...: the command fails and its output matches PATTERN (grep -i).
fails_with() {
	local pattern="$1" output
	shift
	if output="$("$@" 2>&1)"; then
		return 1
	fi
	grep -qi -- "${pattern}" <<<"${output}" || {
		printf '  output was: %s\n' "$(tail -n 3 <<<"${output}" | cut -c1-300)"
		return 1
	}
}

# The refusals of image/build.sh that a misconfigured agent meets.
check_build_refusals() {
	log "== build.sh refusals"
	check "plain HTTP (IMAGE_REGISTRY_INSECURE) is refused for an ECR registry" \
		fails_with "only for a loopback development registry" \
		env IMAGE_REGISTRY_INSECURE=true IMAGE_REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com \
		BASE_IMAGE=123456789012.dkr.ecr.eu-west-1.amazonaws.com/tour-booking/jre@sha256:0000 "${IMAGE_DIR}/build.sh"
	check "a build whose credential helper is not installed fails naming the helper" \
		fails_with "docker-credential-absent-helper is not on PATH" \
		env IMAGE_CRED_HELPER=absent-helper "${IMAGE_DIR}/build.sh"
	log "a Jib build on an agent without AWS credentials (expected to fail)"
	# An empty base image cache: Jib takes a digest-pinned base it has cached without asking the
	# registry (PullBaseImageStep: getCachedBaseImages when the reference has a digest), so on a
	# machine that built this base before, the build would not even meet the registry's 401.
	check "a build without AWS credentials fails: the registry answers 401 and build.sh says what to set" \
		fails_with "no usable credentials.*AWS credentials on the agent" \
		env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
		IMAGE_MAVEN_ARGS="-Djib.baseImageCache=${WORK}/empty-base-image-cache -Dspring-boot.aot.skip=true" "${IMAGE_DIR}/build.sh"
}

build_images() {
	log "== base image"
	"${IMAGE_DIR}/base-image.sh" || fatal "base image builds and is pushed"
	pass "base image builds offline and is pushed to ${REGISTRY_ADDR} (TLS, credentials from the helper)"
	check_build_refusals

	log "== application image (Jib, with its AppCDS archive: image/cds.sh), twice"
	# The first build makes the first architecture only; the second every one and the index.
	# The archive made in the first is reused by the second (image/cds.sh keys it by the plain image).
	IMAGE_ARCHES="${IMAGE_ARCHES:-amd64 arm64}"
	IMAGE_ARCHES="${IMAGE_ARCHES%% *}" "${IMAGE_DIR}/cds.sh" || fatal "jib:buildTar builds the application image"
	local target="${REPO_ROOT}/app/target" first second
	first="$(cat "${target}/jib-image.digest")"
	pass "jib:buildTar writes jib-image.tar, .digest (${first}) and .id"
	"${IMAGE_DIR}/cds.sh" || fatal "the second jib:buildTar builds"
	second="$(cat "${target}/jib-image.digest")"
	check "a rebuild from the same inputs gives the same digest (${second})" test "${first}" = "${second}"
	local tags
	tags="$(jq -r '.tags | join(" ")' "${target}/jib-image.json")"
	check "tags (${tags}) are the commit id, never latest" \
		tags_name_commit "${tags}" "$(git -C "${REPO_ROOT}" rev-parse HEAD)"
	local multi=true
	[[ "${IMAGE_ARCHES}" == *" "* ]] || multi=false
	if ${multi}; then
		local index
		index="$(skopeo inspect --raw "oci-archive:${target}/jib-image-index.tar")"
		check "jib-image-index.tar is an OCI index of linux/amd64 and linux/arm64" test \
			"$(jq -r '[.manifests[].platform | "\(.os)/\(.architecture)"] | sort | join(",")' <<<"${index}")" = linux/amd64,linux/arm64
		check "the index's amd64 image is the tested tar's digest" test \
			"$(jq -r '.manifests[] | select(.platform.architecture == "amd64") | .digest' <<<"${index}")" = "${first}"
	else
		# One architecture asked for (perf-bench's start-up image): push.sh sends the single tar.
		check "IMAGE_ARCHES=${IMAGE_ARCHES}: no stale jib-image-index.tar next to the single-arch image" \
			test ! -e "${target}/jib-image-index.tar"
	fi

	log "== push the tested tar"
	"${IMAGE_DIR}/push.sh" || fatal "the registry serves the digest of the tested tar"
	IMAGE_REF="$(cat "${target}/jib-image.pushed")"
	DIGEST="${first}"
	if ${multi}; then
		pass "the registry serves the tested multi-arch index, its amd64 image the tested digest: ${IMAGE_REF}"
		check "an arm64 node pulling ${IMAGE_REF##*@} gets an arm64 image (the index's arm64 entry)" test \
			"$(skopeo inspect --override-arch arm64 --cert-dir "${REGISTRY_CERT_DIR}" --config "docker://${IMAGE_REF}" | jq -r .architecture)" = arm64
	else
		pass "the registry serves the tested ${IMAGE_ARCHES} image: ${IMAGE_REF}"
	fi
}

check_image_config() {
	local config="${WORK}/config.json" commit
	skopeo inspect --cert-dir "${REGISTRY_CERT_DIR}" --config "docker://${IMAGE_REF}" >"${config}"
	commit="$(git -C "${REPO_ROOT}" rev-parse HEAD)"
	check "image user is 1000:1000" test "$(jq -r .config.User "${config}")" = 1000:1000
	check "image exposes 8080 and 8081" test "$(jq -r '.config.ExposedPorts | keys | join(",")' "${config}")" = 8080/tcp,8081/tcp
	check "label org.opencontainers.image.revision is the commit" \
		test "$(jq -r '.config.Labels["org.opencontainers.image.revision"]' "${config}")" = "${commit}"
	local label
	for label in org.opencontainers.image.source org.opencontainers.image.version \
		org.opencontainers.image.base.name com.example.tourbooking.build-number; do
		check "label ${label} is set" is_set "$(jq -r --arg l "${label}" '.config.Labels[$l]' "${config}")"
	done
	local env
	env="$(jq -r '.config.Env[]' "${config}")"
	check "image sets LOG_FORMAT=json" has_line "${env}" LOG_FORMAT=json
	check "image sets GIT_COMMIT to the commit" has_line "${env}" "GIT_COMMIT=${commit}"
	local entrypoint
	entrypoint="$(jq -r '.config.Entrypoint[]' "${config}")"
	check "JVM flag: heap as a percentage of the memory limit" has_line "${entrypoint}" -XX:MaxRAMPercentage=60
	check "JVM flag: exit on OutOfMemoryError" has_line "${entrypoint}" -XX:+ExitOnOutOfMemoryError
	check "JVM flag: the AppCDS archive" has_line "${entrypoint}" -XX:SharedArchiveFile=/app/cds/app.jsa
	check "JVM flag: Spring AOT's generated code" has_line "${entrypoint}" -Dspring.aot.enabled=true
}

# The JVM must accept the image's AppCDS archive: -Xshare:on turns a rejected archive (another
# JVM, another class path, changed jars) into a failed start instead of a silently slow one, and
# class+load names the classes that came from it. Refresh-and-exit, no ports.
check_cds() {
	log "== AppCDS archive"
	local out="${WORK}/cds.log" status=0 shared total
	# The registry speaks TLS with the test's CA: pull as start_container does, then run the local copy.
	podman pull --quiet --cert-dir "${REGISTRY_CERT_DIR}" "${IMAGE_REF}" >/dev/null ||
		fatal "podman pulls ${IMAGE_REF} over TLS with the helper's credentials"
	# spring.context.exit is read as a system property: the context refresh, then exit (no port needed).
	timeout $((READY_TIMEOUT * 2)) podman run --rm --network none --read-only --tmpfs /tmp:rw,mode=1777 \
		--memory "${MEMORY_LIMIT_MIB}m" -e LOG_FORMAT=text \
		-e JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info -Xlog:cds=info -Dspring.context.exit=onRefresh" \
		"${IMAGE_REF}" >"${out}" 2>&1 || status=$?
	shared="$(grep -c 'source: shared objects file' "${out}" || true)"
	total="$(grep -c '\[class,load\]' "${out}" || true)"
	if [[ ${status} -ne 0 ]]; then
		grep -iE 'shared|archive|mismatch|error' "${out}" | head -n 5 | cut -c1-200
	fi
	check "the JVM accepts the AppCDS archive under -Xshare:on (exit ${status})" test "${status}" -eq 0
	check "most classes come from the archive (${shared} of ${total} loaded from the shared objects file)" \
		test "${shared}" -gt $((total / 2))
}

start_container() {
	API_PORT="$(free_port)"
	MGMT_PORT="$(free_port)"
	log "== podman run ${IMAGE_REF} (read-only, ${MEMORY_LIMIT_MIB} MiB, :${API_PORT} :${MGMT_PORT})"
	podman pull --quiet --cert-dir "${REGISTRY_CERT_DIR}" "${IMAGE_REF}" >/dev/null ||
		fatal "podman pulls ${IMAGE_REF} over TLS with the helper's credentials"
	local started=${SECONDS}
	podman run -d --quiet --name "${CONTAINER}" \
		--read-only --tmpfs /tmp:rw,mode=1777,size=64m \
		--memory "${MEMORY_LIMIT_MIB}m" --memory-swap "${MEMORY_LIMIT_MIB}m" \
		--stop-timeout "${STOP_GRACE}" \
		-p "127.0.0.1:${API_PORT}:8080" -p "127.0.0.1:${MGMT_PORT}:8081" \
		-e APP_ENVIRONMENT=ci -e "IMAGE_DIGEST=${DIGEST}" \
		"${IMAGE_REF}" >/dev/null || fatal "podman runs the image"
	check "the container has a read-only root filesystem" \
		test "$(podman container inspect -f '{{.HostConfig.ReadonlyRootfs}}' "${CONTAINER}")" = true
	local took
	took="$(wait_ready "${started}")" ||
		fatal "readiness is UP within ${READY_TIMEOUT} s (container: $(podman container inspect -f '{{.State.Status}} exit {{.State.ExitCode}}' "${CONTAINER}"))"
	pass "readiness is UP after ${took} s (limit ${READY_TIMEOUT} s)"
}

check_processes() {
	local hpid uid bad=0 count=0
	while read -r hpid; do
		[[ "${hpid}" =~ ^[0-9]+$ ]] || continue
		uid="$(awk '/^Uid:/ {print $2}' "/proc/${hpid}/status")"
		count=$((count + 1))
		[[ "${uid}" == 1000 ]] || bad=1
	done < <(podman top "${CONTAINER}" hpid)
	check "all ${count} processes run as uid 1000 (non-root)" test "${count}" -gt 0 -a "${bad}" -eq 0

	local limit heap
	limit=$((MEMORY_LIMIT_MIB * 1024 * 1024))
	heap="$(curl -fsS --max-time 10 "http://127.0.0.1:${MGMT_PORT}/actuator/prometheus" |
		awk '/^jvm_memory_max_bytes\{.*area="heap"/ && $NF > 0 {sum += $NF} END {printf "%d", sum}')"
	check "the JVM sizes its heap from the ${MEMORY_LIMIT_MIB} MiB limit (max heap $((heap / 1048576)) MiB)" \
		test "${heap}" -gt $((limit * 40 / 100)) -a "${heap}" -lt $((limit * 70 / 100))
}

check_api() {
	log "== API"
	local api="http://127.0.0.1:${API_PORT}" email status token
	email="ct-$$-${RANDOM}@example.com"
	status="$(http_status -H 'Content-Type: application/json' \
		-d "{\"email\":\"${email}\",\"password\":\"Container-test-1\",\"name\":\"Container Test\"}" "${api}/api/auth/signup")"
	check "sign-up answers 201 (got ${status})" test "${status}" = 201
	status="$(http_status -H 'Content-Type: application/json' \
		-d "{\"email\":\"${email}\",\"password\":\"Container-test-1\"}" "${api}/api/auth/login")"
	token="$(jq -r '.accessToken // empty' "${WORK}/body" 2>/dev/null || true)"
	check "login answers 200 with an access token (got ${status})" test "${status}" = 200 -a -n "${token}"

	status="$(http_status "${api}/api/tours")"
	local tour_id word
	tour_id="$(jq -r '.content[0].id // empty' "${WORK}/body" 2>/dev/null || true)"
	word="$(jq -r '.content[0].title // empty | split(" ") | max_by(length)' "${WORK}/body" 2>/dev/null || true)"
	check "the tour list answers 200 with demo tours (got ${status})" test "${status}" = 200 -a -n "${tour_id}"
	status="$(http_status -G --data-urlencode "q=${word}" "${api}/api/tours")"
	# shellcheck disable=SC2016 # $id is a jq variable
	check "searching q=${word} finds tour ${tour_id}" \
		answered 200 "${status}" --arg id "${tour_id}" '[.content[].id | tostring] | index($id) != null'

	status="$(http_status "${api}/api/tours/${tour_id}")"
	local departure
	departure="$(jq -r '[.departures[]? | select(.seatsLeft > 0)][0].id // empty' "${WORK}/body" 2>/dev/null || true)"
	check "tour ${tour_id} has a departure with seats left (got ${status})" test "${status}" = 200 -a -n "${departure}"
	status="$(http_status -H 'Content-Type: application/json' -H "Authorization: Bearer ${token}" \
		-d "{\"departureId\":${departure:-0},\"headcount\":1}" "${api}/api/reservations")"
	check "booking one seat answers 201 CONFIRMED (got ${status})" \
		answered 201 "${status}" '.status == "CONFIRMED"'
	status="$(http_status "${api}/v3/api-docs")"
	check "the embedded default publishes the API description (got ${status})" \
		answered 200 "${status}" '.openapi != null'
}

check_logs() {
	log "== logs"
	podman logs "${CONTAINER}" 2>/dev/null >"${WORK}/stdout.log"
	local lines bad
	lines="$(grep -c . "${WORK}/stdout.log" || true)"
	# Prints the first line that is not a JSON object with the contract's mandatory fields.
	bad="$(grep . "${WORK}/stdout.log" | jq -R -r '. as $line | try (fromjson
		| if type == "object" and has("@timestamp") and has("log.level") and has("message") and has("service.name")
		then empty else $line end) catch $line' | head -n 1 | cut -c1-200)"
	check "all ${lines} stdout lines are JSON with @timestamp, log.level, message, service.name${bad:+ (first bad line: ${bad})}" \
		test "${lines}" -gt 0 -a -z "${bad}"
	jq -R -c 'fromjson? | objects' "${WORK}/stdout.log" >"${WORK}/events.json"
	# shellcheck disable=SC2016 # $d and $c are jq variables
	check "log events carry the image digest and the commit" \
		jq -e -s --arg d "${DIGEST}" --arg c "$(git -C "${REPO_ROOT}" rev-parse HEAD)" \
		'any(.["container.image.digest"] == $d and .["git.commit"] == $c)' "${WORK}/events.json"
	check "the service started AOT-processed (Spring AOT's code in use)" \
		jq -e -s 'any(.message | startswith("Starting AOT-processed "))' "${WORK}/events.json"
	# Spring AOT bakes a profile active at build time into the code; the image must not carry one.
	check "no profile is active in the image unless the environment sets one" \
		jq -e -s 'any(.message | startswith("No active profile set"))' "${WORK}/events.json"
}

# Spring AOT decided the bean conditions at build time with the embedded default's settings
# (demo data, the API description and Swagger UI, the info endpoint all on). What staging and
# production switch off at run time (application-postgres.yml) must still be off in the image:
# the embedded default started again with those switches as the postgres profile sets them.
check_run_time_switches() {
	log "== run-time switches under Spring AOT (postgres profile's exposure, no demo data)"
	podman rm -f -t 0 "${CONTAINER}" >/dev/null 2>&1 || true
	local started=${SECONDS} api="http://127.0.0.1:${API_PORT}" status path took
	podman run -d --quiet --name "${CONTAINER}" --read-only --tmpfs /tmp:rw,mode=1777,size=64m \
		--memory "${MEMORY_LIMIT_MIB}m" -p "127.0.0.1:${API_PORT}:8080" -p "127.0.0.1:${MGMT_PORT}:8081" \
		-e TOURS_DEMO_DATA_ENABLED=false -e SPRINGDOC_API_DOCS_ENABLED=false -e SPRINGDOC_SWAGGER_UI_ENABLED=false \
		-e MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,prometheus \
		"${IMAGE_REF}" >/dev/null || fatal "podman runs the image with the switches off"
	took="$(wait_ready "${started}")" || fatal "readiness is UP with the switches off within ${READY_TIMEOUT} s"
	pass "readiness is UP with the switches off after ${took} s"
	status="$(http_status "${api}/api/tours")"
	check "no demo data with tours.demo-data.enabled=false (got ${status})" \
		answered 200 "${status}" '.content == [] and .totalElements == 0'
	for path in /v3/api-docs /v3/api-docs/swagger-config /swagger-ui.html /swagger-ui/index.html; do
		status="$(http_status "${api}${path}")"
		check "${path} is not published with springdoc switched off (got ${status})" \
			answered 404 "${status}" '.type | endswith("/not-found")'
	done
	status="$(http_status "http://127.0.0.1:${MGMT_PORT}/actuator/info")"
	check "the info endpoint is not exposed when the exposure leaves it out (got ${status})" test "${status}" = 401
	status="$(http_status "http://127.0.0.1:${MGMT_PORT}/actuator/prometheus")"
	check "prometheus stays exposed (got ${status})" test "${status}" = 200
}

# Sends the head of a sign-up request, stops the container while the request is in flight,
# then sends the rest of the body: the request must still complete and the JVM exit 0.
check_graceful_stop() {
	log "== podman stop with a request in flight"
	local body head rest
	body="{\"email\":\"inflight-$$@example.com\",\"password\":\"Container-test-1\",\"name\":\"In Flight\"}"
	head="${body:0:20}"
	rest="${body:20}"
	exec 3<>"/dev/tcp/127.0.0.1/${API_PORT}"
	printf 'POST /api/auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
		"${#body}" "${head}" >&3
	sleep 1
	local started=${SECONDS}
	podman stop -t "${STOP_GRACE}" "${CONTAINER}" >/dev/null 2>&1 &
	local stopper=$!
	local i
	for i in $(seq 1 40); do
		logs_contain 'commencing graceful shutdown' && break
		sleep 0.25
	done
	check "SIGTERM starts Spring's graceful shutdown" test "${i}" -lt 40
	printf '%s' "${rest}" >&3
	local response=""
	IFS= read -r -t 20 response <&3 || true
	exec 3<&- 3>&-
	check "the in-flight request completes during shutdown (${response%$'\r'})" \
		starts_with "${response}" "HTTP/1.1 201"
	wait "${stopper}" || true
	local took=$((SECONDS - started)) code
	code="$(podman container inspect -f '{{.State.ExitCode}}' "${CONTAINER}")"
	check "the process exits 0 (got ${code}) within the ${STOP_GRACE} s grace period (took ${took} s)" \
		test "${code}" = 0 -a "${took}" -lt "${STOP_GRACE}"
	check "the logs show the graceful shutdown completed" \
		logs_contain "graceful shutdown complete"
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
	local started=${SECONDS}
	ensure_image_tools
	ensure_packages iproute2 shellcheck
	check "the image scripts pass shellcheck" \
		shellcheck -x -P "${IMAGE_DIR}" "${IMAGE_DIR}"/*.sh "${IMAGE_DIR}"/lib/*.sh "${IMAGE_DIR}"/test/bin/*
	WORK="$(mktemp -d /tmp/tour-booking-ct.XXXXXX)"
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	export IMAGE_STATE_DIR="${WORK}/state" REGISTRY_ADDR
	podman_configure "${WORK}/podman"
	registry_start "${WORK}/registry" "${REGISTRY_ADDR}"
	agent_environment

	check_registry_refusals
	build_images
	check_image_config
	check_cds
	start_container
	check_processes
	check_api
	check_logs
	check_graceful_stop
	check_run_time_switches
	log "container test took $((SECONDS - started)) s"
	finish
}

main "$@"
