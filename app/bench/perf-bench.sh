#!/usr/bin/env bash
# The performance benchmark of issue 15, side by side in one run: booking against pgbench doing
# the same transaction on the same PostgreSQL, search against the same service's /livez, and
# start-up of the image with its AppCDS archive and Spring AOT against the same image without
# them (and, for information, with the archive alone). Warms up
# first, interleaves the rounds, prints every figure, the min/median/max of the ratios and the
# no-oversell invariant. Loopback only, bounded in time, stops and removes what it started.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: app/bench/perf-bench.sh [--short] [--rounds N] [--duration SECONDS] [--warmup SECONDS]
                               [--clients N] [--no-startup] [--max-minutes N] [--enforce]

Builds the jar if it is missing or older than the sources; installs postgresql, wrk, jq, curl
with apt-get if missing (root); starts its own PostgreSQL cluster (in the run's /tmp/perf-bench.* directory,
127.0.0.1:21010, scram passwords) and two instances of the service with the JVM of a production pod
(the image's flags in a 768Mi pod: a 460 MiB heap and the serial collector):
  booking  profile postgres on 127.0.0.1:21020   search  embedded default (H2) on 127.0.0.1:21030
After a warm-up (the JIT needs minutes here), each round measures, in alternating order:
  booking  wrk POST /api/reservations (1 seat, N clients, one user and token per client)
  pgbench  the same conditional seat UPDATE + reservation INSERT in one transaction, N clients
           (the issue's baseline); for information also the single statement the service sends
           on PostgreSQL, the same UPDATE and INSERT in one WITH query (pg_1stmt)
  search   wrk GET /api/tours?q=the (5 hits)      livez   wrk GET /livez
  startup  podman: run to the first 200 on /readyz, the image as built (AppCDS archive, Spring
           AOT) and the same image with the plain build's JVM flags (no archive, no AOT),
           -Xmx512m each; for information also the archive without AOT (cds_only)
Targets (issue 15): booking >= 0.5 of pgbench, search >= 0.6 of livez, start-up <= 0.55.
Afterwards: a sell-out burst on a 200-seat departure, then the invariant
seats_left = capacity - confirmed headcount on every departure (exit 1 if it fails).

  --short            CI: 1 round of 3 s after a 5 s warm-up; start-up only if the CDS image
                     (app/target/jib-image.tar from image/cds.sh) is there
  --rounds N         interleaved rounds (default 5)       --duration S  seconds per case (20)
  --warmup S         warm-up seconds per service (240)    --clients N   concurrent clients (20)
  --no-startup       skip the start-up comparison (needs root, podman and the CDS image; when
                     podman or the image is missing, image/container-test.sh installs it, builds
                     and checks the image, registry on 127.0.0.1:21100)
  --max-minutes N    stop everything after N minutes (default 45)
  --enforce          exit 1 when a median ratio misses its target (default: report only)
USAGE
}

ROUNDS=5
DURATION=20
WARMUP=240
CLIENTS=20
STARTUP=true
SHORT=false
MAX_MINUTES=45
ENFORCE=false
while [[ $# -gt 0 ]]; do
	case "$1" in
	--short)
		SHORT=true
		ROUNDS=1
		DURATION=3
		WARMUP=5
		shift
		;;
	--rounds) ROUNDS="$2"; shift 2 ;;
	--duration) DURATION="$2"; shift 2 ;;
	--warmup) WARMUP="$2"; shift 2 ;;
	--clients) CLIENTS="$2"; shift 2 ;;
	--no-startup) STARTUP=false; shift ;;
	--max-minutes) MAX_MINUTES="$2"; shift 2 ;;
	--enforce) ENFORCE=true; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "perf-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done
for n in "${ROUNDS}" "${DURATION}" "${WARMUP}" "${CLIENTS}" "${MAX_MINUTES}"; do
	[[ "${n}" =~ ^[0-9]+$ && "${n}" -gt 0 ]] || { echo "perf-bench: '${n}' is not a positive number (see --help)" >&2; exit 2; }
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DIR="${ROOT}/app/bench"
JAR="${ROOT}/app/target/tour-booking.jar"
PG_PORT=21010
BOOKING_PORT=21020
SEARCH_PORT=21030
STARTUP_PORT=21040
REGISTRY_ADDR_BENCH=127.0.0.1:21100
# In the run's own directory (set in main): the postgres user must reach it, and a clone may sit
# below a directory only root can enter (mktemp -d, a home directory).
PG_DATA=""
READY_TIMEOUT="${READY_TIMEOUT:-600}"
WORK=""
PIDS=()
CONTAINERS=()
PG_STARTED=false

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
	printf 'perf-bench: ERROR: %s\n' "$*" >&2
	exit 1
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

as_postgres() {
	if [[ ${EUID} -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
	local rc=$?
	set +e
	local pid container
	for pid in "${PIDS[@]}"; do kill "${pid}" 2>/dev/null; done
	for container in "${CONTAINERS[@]}"; do podman rm -f -t 0 "${container}" >/dev/null 2>&1; done
	if [[ -n "${STARTUP_IMAGE:-}" ]]; then podman rmi -f "${STARTUP_IMAGE}" >/dev/null 2>&1; fi
	if ${PG_STARTED}; then as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -m fast -w stop >/dev/null 2>&1; fi
	for pid in "${PIDS[@]}"; do wait "${pid}" 2>/dev/null; done
	rm -rf "${PG_DATA}"
	if [[ ${rc} -eq 0 ]]; then
		rm -rf "${WORK}"
	else
		rm -f "${WORK}/tour-booking.jar" "${WORK}/pg-password"
		echo "perf-bench: failed (exit ${rc}); logs are kept in ${WORK} (delete it when done)" >&2
	fi
	exit "${rc}"
}

ensure_tools() {
	local missing=() pkg
	for pkg in postgresql wrk jq curl openssl; do
		dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${pkg}")
	done
	if [[ ${#missing[@]} -gt 0 ]]; then
		[[ ${EUID} -eq 0 ]] || die "missing packages ${missing[*]}: install them with apt-get as root"
		log "installing ${missing[*]} (apt-get)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null ||
			die "apt-get install ${missing[*]} failed: run 'apt-get update' and retry"
		# Debian starts a cluster of its own on 5432; the benchmark uses its own.
		systemctl disable --now postgresql >/dev/null 2>&1 || true
	fi
	PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin | sort -V | tail -n 1)"
	[[ -x "${PG_BIN}/pgbench" ]] || die "pgbench not found under /usr/lib/postgresql: reinstall postgresql"
}

ensure_jar() {
	if [[ -f "${JAR}" ]] && [[ -z "$(find "${ROOT}/app/src/main" "${ROOT}/app/pom.xml" -newer "${JAR}" -print -quit)" ]]; then
		return 0
	fi
	log "building ${JAR} (./mvnw -pl app package -DskipTests)"
	(cd "${ROOT}" && ./mvnw -B -ntp -q -pl app package -DskipTests -Djacoco.skip=true) ||
		die "the jar did not build; run 'make build' and read its output"
}

start_postgres() {
	log "PostgreSQL: own cluster in ${PG_DATA} on 127.0.0.1:${PG_PORT}"
	rm -rf "${PG_DATA}"
	mkdir -p "${PG_DATA}" "${WORK}/pg"
	PG_PASSWORD="$(openssl rand -hex 16)"
	printf '%s\n' "${PG_PASSWORD}" >"${WORK}/pg-password"
	if [[ ${EUID} -eq 0 ]]; then chown postgres: "${PG_DATA}" "${WORK}/pg" "${WORK}/pg-password"; fi
	as_postgres "${PG_BIN}/initdb" -D "${PG_DATA}" -U bench --auth=scram-sha-256 \
		--pwfile="${WORK}/pg-password" >"${WORK}/initdb.log" 2>&1 || die "initdb failed: see ${WORK}/initdb.log"
	as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -w -t 60 -l "${WORK}/pg/postgres.log" \
		-o "-p ${PG_PORT} -c listen_addresses=127.0.0.1 -k ${WORK}/pg -c max_connections=60 -c shared_buffers=256MB" \
		start >/dev/null || die "PostgreSQL did not start: see ${WORK}/pg/postgres.log (port ${PG_PORT} in use?)"
	PG_STARTED=true
	export PGHOST=127.0.0.1 PGPORT="${PG_PORT}" PGUSER=bench PGPASSWORD="${PG_PASSWORD}"
	psql -q -d postgres -c 'create database tourbooking' || die "could not create the database"
}

sql() { psql -qAtX -v ON_ERROR_STOP=1 -d tourbooking -c "$1"; }

# The JVM as it runs in a production pod: the image's -XX:MaxRAMPercentage=60 (app/pom.xml) under
# the pod's 768Mi memory limit (k8s/base/deployment.yaml). In the pod that limit is the JVM's
# physical memory, below HotSpot's 1792 MB for a "server class machine" (os.cpp,
# is_server_class_machine), so it picks the serial collector (checked: the image under podman
# --memory 768m prints UseSerialGC = true, MaxHeapSize = 462 MiB). A plain JVM on this host would
# size itself for the host and take G1. MaxRAM gives the heap; the collector must be named.
declare -A SERVICE_PIDS=()
SERVICE_JVM=(-XX:MaxRAM=768m -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)

# start_service NAME PORT [ENV...]: the jar with the pod's JVM, JSON logs to a file, loopback only.
start_service() {
	local name="$1" port="$2"
	shift 2
	env SERVER_PORT="${port}" MANAGEMENT_SERVER_PORT="$((port + 1))" SERVER_ADDRESS=127.0.0.1 \
		MANAGEMENT_SERVER_ADDRESS=127.0.0.1 LOG_FORMAT=json "$@" \
		java "${SERVICE_JVM[@]}" -jar "${WORK}/tour-booking.jar" >"${WORK}/${name}.log" 2>&1 &
	PIDS+=("$!")
	SERVICE_PIDS["${name}"]="$!"
}

wait_ready() {
	local name="$1" port="$2" started=${SECONDS}
	while ((SECONDS - started < READY_TIMEOUT)); do
		if ! kill -0 "${SERVICE_PIDS[${name}]}" 2>/dev/null; then
			tail -n 20 "${WORK}/${name}.log" >&2
			die "${name} exited before it was ready (its log above, all of it in ${WORK}/${name}.log)"
		fi
		if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${port}/readyz")" == 200 ]]; then
			log "${name} ready in $((SECONDS - started)) s"
			return 0
		fi
		sleep 1
	done
	tail -n 20 "${WORK}/${name}.log" >&2
	die "${name} was not ready within ${READY_TIMEOUT} s (log above; a loaded machine starts slowly: set READY_TIMEOUT)"
}

# Twenty customers signed up through the API (one token each, as twenty users would have), a
# guide and bookable departures written straight to the database.
seed_booking_data() {
	local api="http://127.0.0.1:${BOOKING_PORT}" i token
	: >"${WORK}/tokens"
	for i in $(seq 1 "${CLIENTS}"); do
		curl -fsS -o /dev/null -H 'Content-Type: application/json' \
			-d "{\"email\":\"bench${i}@example.com\",\"password\":\"bench-pass-${i}\",\"name\":\"Bench ${i}\"}" \
			"${api}/api/auth/signup" || die "sign-up ${i} failed"
		token="$(curl -fsS -H 'Content-Type: application/json' \
			-d "{\"email\":\"bench${i}@example.com\",\"password\":\"bench-pass-${i}\"}" "${api}/api/auth/login" | jq -r .accessToken)"
		[[ -n "${token}" && "${token}" != null ]] || die "login ${i} gave no token"
		echo "${token}" >>"${WORK}/tokens"
	done
	local guide
	guide="$(sql "insert into users (email, password_hash, name, role, created_at) values ('bench-guide@example.com', '{noop}x', 'Bench Guide', 'GUIDE', now()) returning id" | head -n 1)"
	sql "insert into tours (title, description, region, price_per_person, guide_id, created_at)
		select 'Bench tour ' || g, 'A tour for the benchmark', 'Portugal', 25.00, ${guide}, now() from generate_series(1, 100) g"
	sql "insert into departures (tour_id, departure_date, capacity, seats_left)
		select id, current_date + 30, 1000000, 1000000 from tours where guide_id = ${guide}"
	sql "insert into departures (tour_id, departure_date, capacity, seats_left)
		select min(id), current_date + 31, 200, 200 from tours where guide_id = ${guide}"
	read -r DEP_MIN DEP_MAX < <(sql "select min(id), max(id) from departures where capacity = 1000000" | tr '|' ' ')
	SELL_OUT="$(sql "select id from departures where capacity = 200")"
	read -r CUST_MIN CUST_MAX < <(sql "select min(id), max(id) from users where email like 'bench%@example.com' and role = 'CUSTOMER'" | tr '|' ' ')
	log "booking data: ${CLIENTS} customers, departures ${DEP_MIN}-${DEP_MAX} (1,000,000 seats each), sell-out departure ${SELL_OUT}"
}

# wrk_rate NAME ARGS...: requests/s; fails on socket errors or unexpected statuses.
wrk_rate() {
	local name="$1" out
	shift
	out="${WORK}/wrk-${name}.txt"
	wrk -t2 -c"${CLIENTS}" -d"${DURATION}s" --timeout 10s "$@" >"${out}" 2>&1 || die "wrk ${name} failed: $(tail -n 3 "${out}")"
	if grep -q 'Non-2xx or 3xx responses' "${out}"; then
		die "${name}: $(grep 'Non-2xx' "${out}") (see ${out}; the service log is in ${WORK})"
	fi
	awk '/^Requests\/sec:/ {printf "%.0f", $2}' "${out}"
}

booking_rate() {
	DEP_MIN="${DEP_MIN}" DEP_MAX="${DEP_MAX}" TOKENS="${WORK}/tokens" \
		wrk_rate booking -s "${BENCH_DIR}/booking.lua" "http://127.0.0.1:${BOOKING_PORT}/api/reservations"
}

# pgbench_rate SCRIPT: transactions/s of app/bench/SCRIPT.
pgbench_rate() {
	local out="${WORK}/${1%.pgbench}.txt"
	"${PG_BIN}/pgbench" -n -M prepared -c "${CLIENTS}" -j 2 -T "${DURATION}" -f "${BENCH_DIR}/$1" \
		-D dmin="${DEP_MIN}" -D dmax="${DEP_MAX}" -D cmin="${CUST_MIN}" -D cmax="${CUST_MAX}" tourbooking >"${out}" 2>&1 ||
		die "pgbench failed: $(tail -n 5 "${out}")"
	grep -q 'number of failed transactions: 0 ' "${out}" || ! grep -q 'number of failed transactions' "${out}" ||
		die "pgbench had failed transactions (see ${out})"
	awk '/^tps = / {printf "%.0f", $3}' "${out}"
}

search_rate() { wrk_rate search "http://127.0.0.1:${SEARCH_PORT}/api/tours?q=the"; }
livez_rate() { wrk_rate livez "http://127.0.0.1:${SEARCH_PORT}/livez"; }

# The start-up comparison needs the image image/cds.sh builds; in full mode a missing one is
# built here (registry, base image, cds.sh), as image/container-test.sh does.
prepare_startup() {
	local tar="${ROOT}/app/target/jib-image.tar" jsa="${ROOT}/app/target/cds/layer/app/cds/app.jsa"
	if [[ ${EUID} -ne 0 ]]; then
		${SHORT} && { log "start-up: skipped (needs root)"; STARTUP=false; return 0; }
		die "the start-up comparison needs root, for podman (or pass --no-startup)"
	fi
	export CONTAINERS_CONF="${ROOT}/image/podman/containers.conf"
	if [[ ! -s "${tar}" || ! -s "${jsa}" ]] || ! command -v podman >/dev/null; then
		if ${SHORT}; then
			log "start-up: skipped in --short mode (no podman or no CDS image: run make container-test first)"
			STARTUP=false
			return 0
		fi
		# The container test installs podman if missing, builds the image (TLS registry, base,
		# image/cds.sh), checks that the JVM accepts the archive, and leaves app/target/jib-image.tar.
		log "start-up: building and testing the image with its AppCDS archive (image/container-test.sh)"
		TEST_REGISTRY_ADDR="${REGISTRY_ADDR_BENCH}" IMAGE_ARCHES=amd64 "${ROOT}/image/container-test.sh" \
			>"${WORK}/container-test.log" 2>&1 || die "image/container-test.sh failed: see ${WORK}/container-test.log"
	fi
	local loaded
	loaded="$(podman load -q -i "${tar}")" || die "podman load ${tar} failed"
	STARTUP_IMAGE="${loaded##*: }"
	STARTUP_ENTRYPOINT="$(podman image inspect -f '{{json .Config.Entrypoint}}' "${STARTUP_IMAGE}")"
	# The plain build's flags: the JDK's own archive, no Spring AOT and Jib's class path (app/pom.xml
	# defaults); the archive alone: the image's flags with AOT off.
	PLAIN_ENTRYPOINT="$(jq -c 'map(if . == "-XX:SharedArchiveFile=/app/cds/app.jsa" then "-Xshare:auto"
		elif . == "-Dspring.aot.enabled=true" then "-Dspring.aot.enabled=false"
		elif . == "@/app/cds/classpath" then "@/app/jib-classpath-file" else . end)' <<<"${STARTUP_ENTRYPOINT}")"
	CDS_ONLY_ENTRYPOINT="$(jq -c 'map(if . == "-Dspring.aot.enabled=true" then "-Dspring.aot.enabled=false" else . end)' \
		<<<"${STARTUP_ENTRYPOINT}")"
	[[ "${CDS_ONLY_ENTRYPOINT}" != "${STARTUP_ENTRYPOINT}" ]] ||
		die "the image in ${tar} does not run with Spring AOT (-Dspring.aot.enabled=true): build it with image/cds.sh"
	[[ "${PLAIN_ENTRYPOINT}" != "${STARTUP_ENTRYPOINT}" ]] ||
		die "the image in ${tar} has no AppCDS flags: build it with image/cds.sh (make image-cds) or make container-test"
	log "start-up: ${STARTUP_IMAGE}"
}

# startup_ms ENTRYPOINT_JSON: milliseconds from podman run to the first 200 on /readyz.
startup_ms() {
	local entrypoint="$1" name="perf-bench-$$-${RANDOM}" started now status
	CONTAINERS+=("${name}")
	started="$(date +%s%N)"
	podman run -d --quiet --name "${name}" --read-only --tmpfs /tmp:rw,mode=1777,size=64m --memory 1g \
		-e JAVA_TOOL_OPTIONS=-Xmx512m -p "127.0.0.1:${STARTUP_PORT}:8080" \
		--entrypoint "${entrypoint}" "${STARTUP_IMAGE}" >/dev/null || die "podman run failed"
	while :; do
		status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${STARTUP_PORT}/readyz" || true)"
		now="$(date +%s%N)"
		[[ "${status}" == 200 ]] && break
		(((now - started) / 1000000 < 180000)) || die "the container was not ready in 180 s: $(podman logs --tail 5 "${name}" 2>&1)"
		sleep 0.05
	done
	podman rm -f -t 0 "${name}" >/dev/null
	echo $(((now - started) / 1000000))
}

# ratio A B: A / B with three decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0) ? a / b : 0}'; }

# stats VALUES...: min median max.
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s", v[1], m, v[NR]}'; }

# summary NAME OP TARGET RATIOS...: prints min/median/max; fails when the median misses TARGET.
summary() {
	local name="$1" op="$2" target="$3" min median max
	shift 3
	read -r min median max < <(stats "$@")
	printf '%-34s %7s %7s %7s  %s %s\n' "${name}" "${min}" "${median}" "${max}" "${op}" "${target}"
	awk -v m="${median}" -v t="${target}" -v op="${op}" 'BEGIN {exit !((op == ">=") ? m >= t : m <= t)}'
}

# Each service gets WARMUP seconds of load of its own, in slices of at most 30 s: the booking
# service its bookings, the search service its searches and /livez, half each. Until a JVM has
# run its hot paths for minutes on this machine its rates still climb (measured: the booking
# rate rose 45 % from round 2 to round 5 after 60 s of bookings).
warm_up() {
	local saved="${DURATION}" slice=$((WARMUP < 30 ? WARMUP : 30)) spent=0
	log "warm-up: ${WARMUP} s per service, about $((2 * WARMUP / 60)) min (the JIT settles over minutes)"
	while ((spent < WARMUP)); do
		DURATION="${slice}"
		booking_rate >/dev/null
		DURATION=$(((slice + 1) / 2))
		search_rate >/dev/null
		livez_rate >/dev/null
		spent=$((spent + slice))
		log "  warm-up ${spent}/${WARMUP} s: booking $(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "${WORK}/wrk-booking.txt") req/s, search $(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "${WORK}/wrk-search.txt") req/s, load $(load)"
	done
	DURATION="${slice}"
	pgbench_rate booking.pgbench >/dev/null
	pgbench_rate booking-one-statement.pgbench >/dev/null
	DURATION="${saved}"
}

main() {
	ensure_tools
	ensure_jar
	WORK="$(mktemp -d /tmp/perf-bench.XXXXXX)"
	# PostgreSQL runs as its own user and needs to reach its data and socket directories in here.
	chmod 711 "${WORK}"
	PG_DATA="${WORK}/pgdata"
	trap cleanup EXIT
	# A copy: a build running meanwhile may rewrite app/target.
	cp "${JAR}" "${WORK}/tour-booking.jar"
	trap 'exit 130' INT TERM
	# Bounded in time whatever happens; cleanup's TERM also ends the sleep (else it outlives the run
	# and holds the caller's output pipe open for the rest of --max-minutes).
	(
		trap 'kill "${sleeper}" 2>/dev/null; exit 0' TERM
		sleep $((MAX_MINUTES * 60)) &
		sleeper=$!
		wait "${sleeper}" && echo "perf-bench: stopping after ${MAX_MINUTES} min (--max-minutes)" >&2 && kill -TERM $$
	) 2>/dev/null &
	PIDS+=("$!")
	log "machine: $(nproc) cores, load $(load) at the start; ${ROUNDS} rounds of ${DURATION} s, ${CLIENTS} clients"
	start_postgres
	start_service booking "${BOOKING_PORT}" SPRING_PROFILES_ACTIVE=postgres \
		DB_URL="jdbc:postgresql://127.0.0.1:${PG_PORT}/tourbooking" DB_USERNAME=bench DB_PASSWORD="${PG_PASSWORD}" \
		JWT_SECRET="$(openssl rand -base64 32)" \
		TOURS_SECURITY_LOGINTHROTTLE_PERADDRESS=$((4 * CLIENTS))
	# ^ Every benchmark customer signs up and logs in from 127.0.0.1: the per-address login
	#   budget (30 a minute) would answer 429 before the twentieth. The throttle is not measured.
	start_service search "${SEARCH_PORT}"
	wait_ready booking "$((BOOKING_PORT))"
	wait_ready search "$((SEARCH_PORT))"
	seed_booking_data
	local hits
	hits="$(curl -fsS "http://127.0.0.1:${SEARCH_PORT}/api/tours?q=the" | jq '.content | length')"
	[[ "${hits}" == 5 ]] || die "search q=the found ${hits} demo tours, expected 5 (did the demo data change?)"
	${STARTUP} && prepare_startup
	warm_up

	local r book pg pg1 search livez cds plain started cds_only cds_only_ratio
	local -a r_book=() r_book_1stmt=() r_search=() r_start=() r_cds_only=()
	printf '\n%-6s %9s %9s %7s %9s %7s %9s %9s %7s %8s %8s %7s %8s %7s %s\n' round booking pgbench ratio \
		pg_1stmt ratio search livez ratio cds_ms plain_ms ratio cds_only ratio load
	for r in $(seq 1 "${ROUNDS}"); do
		# Alternate which side goes first so drift in the machine's load cancels out.
		if ((r % 2)); then
			pg="$(pgbench_rate booking.pgbench)"; book="$(booking_rate)"
			pg1="$(pgbench_rate booking-one-statement.pgbench)"; search="$(search_rate)"; livez="$(livez_rate)"
		else
			pg1="$(pgbench_rate booking-one-statement.pgbench)"; book="$(booking_rate)"
			pg="$(pgbench_rate booking.pgbench)"; livez="$(livez_rate)"; search="$(search_rate)"
		fi
		r_book+=("$(ratio "${book}" "${pg}")")
		r_book_1stmt+=("$(ratio "${book}" "${pg1}")")
		r_search+=("$(ratio "${search}" "${livez}")")
		cds=- plain=- started=- cds_only=- cds_only_ratio=-
		if ${STARTUP}; then
			if ((r % 2)); then
				cds="$(startup_ms "${STARTUP_ENTRYPOINT}")"; cds_only="$(startup_ms "${CDS_ONLY_ENTRYPOINT}")"
				plain="$(startup_ms "${PLAIN_ENTRYPOINT}")"
			else
				plain="$(startup_ms "${PLAIN_ENTRYPOINT}")"; cds_only="$(startup_ms "${CDS_ONLY_ENTRYPOINT}")"
				cds="$(startup_ms "${STARTUP_ENTRYPOINT}")"
			fi
			started="$(ratio "${cds}" "${plain}")"
			r_start+=("${started}")
			cds_only_ratio="$(ratio "${cds_only}" "${plain}")"
			r_cds_only+=("${cds_only_ratio}")
		fi
		printf '%-6s %9s %9s %7s %9s %7s %9s %9s %7s %8s %8s %7s %8s %7s %s\n' "${r}" "${book}" "${pg}" \
			"${r_book[-1]}" "${pg1}" "${r_book_1stmt[-1]}" "${search}" "${livez}" "${r_search[-1]}" "${cds}" \
			"${plain}" "${started}" "${cds_only}" "${cds_only_ratio}" "$(load)"
	done

	echo
	printf '%-34s %7s %7s %7s  %s\n' "ratio (min/median/max)" min median max target
	local missed=0
	summary "booking / pgbench" ">=" 0.5 "${r_book[@]}" || missed=$((missed + 1))
	# For information (no target): against the database running the service's own single statement.
	summary "booking / pg_1stmt (info)" ">=" 0.5 "${r_book_1stmt[@]}" || true
	summary "search / livez" ">=" 0.6 "${r_search[@]}" || missed=$((missed + 1))
	if ${STARTUP}; then
		summary "start-up image / plain" "<=" 0.55 "${r_start[@]}" || missed=$((missed + 1))
		# For information (no target): what the archive does without Spring AOT.
		summary "start-up CDS only / plain (info)" "<=" 1 "${r_cds_only[@]}" || true
	fi

	check_invariant
	log "machine load at the end: $(load)"
	if ((missed > 0)); then
		echo "perf-bench: ${missed} median ratio(s) missed the target"
		${ENFORCE} && exit 1
	fi
	return 0
}

# A burst of bookings on a 200-seat departure sells it out; then no departure may have given
# away more or fewer seats than its confirmed reservations hold.
check_invariant() {
	local saved="${DURATION}"
	DURATION=$((DURATION < 5 ? DURATION : 5))
	DEP_MIN="${SELL_OUT}" DEP_MAX="${SELL_OUT}" TOKENS="${WORK}/tokens" \
		wrk -t2 -c"${CLIENTS}" -d"${DURATION}s" -s "${BENCH_DIR}/booking.lua" \
		"http://127.0.0.1:${BOOKING_PORT}/api/reservations" >"${WORK}/wrk-sellout.txt" 2>&1 || die "the sell-out burst failed"
	DURATION="${saved}"
	local bad departures reservations sold
	bad="$(sql "select count(*) from departures d where d.seats_left <> d.capacity - coalesce((select sum(r.headcount)
		from reservations r where r.departure_id = d.id and r.status = 'CONFIRMED'), 0)")"
	departures="$(sql "select count(*) from departures")"
	reservations="$(sql "select count(*) from reservations")"
	sold="$(sql "select capacity - seats_left from departures where id = ${SELL_OUT}")"
	echo
	if [[ "${bad}" == 0 && "${sold}" == 200 ]]; then
		echo "invariant: seats_left = capacity - confirmed headcount on all ${departures} departures (${reservations} reservations); the 200-seat departure sold exactly 200"
	else
		echo "invariant VIOLATED: ${bad} departures disagree with their reservations; the 200-seat departure sold ${sold}"
		exit 1
	fi
}

main "$@"
