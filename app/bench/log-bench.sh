#!/usr/bin/env bash
# Throughput of a representative endpoint (GET /api/tours/{id}) with JSON logging shipped to a
# live TCP receiver, shipped to a dead destination, and not shipped, measured in one run on
# loopback. Prints the three figures and the ratios against no shipping (target >= 0.95).
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: app/bench/log-bench.sh [--duration SECONDS] [--connections N] [--rounds N] [--enforce]

Starts the service jar (app/target/tour-booking.jar, built if missing) three times a round on
127.0.0.1 and drives it with wrk (installed with apt-get if missing):
  off   LOGSTASH_DESTINATIONS empty
  live  shipping to a json_lines receiver on 127.0.0.1 (python3)
  dead  shipping to a loopback port nobody listens on
Every run is bounded (wrk --duration, start timeout 120 s) and stops what it started.

  --duration SECONDS   measured seconds per case (default 15, after a 5 s warm-up)
  --connections N      concurrent connections (default 16)
  --rounds N           rounds of the three cases, interleaved; medians are reported (default 3)
  --enforce            exit 1 when a ratio is below 0.95 (default: report only)
USAGE
}

DURATION=15
CONNECTIONS=16
ROUNDS=3
ENFORCE=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--duration) DURATION="$2"; shift 2 ;;
		--connections) CONNECTIONS="$2"; shift 2 ;;
		--rounds) ROUNDS="$2"; shift 2 ;;
		--enforce) ENFORCE=true; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${ROOT}/app/target/tour-booking.jar"
API_PORT=18090
MANAGEMENT_PORT=18091
RECEIVER_PORT=15044
DEAD_PORT=15045
WORK="$(mktemp -d)"
APP_PID=""
RECEIVER_PID=""

cleanup() {
	if [[ -n "${APP_PID}" ]]; then kill "${APP_PID}" 2>/dev/null || true; fi
	if [[ -n "${RECEIVER_PID}" ]]; then kill "${RECEIVER_PID}" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	rm -rf "${WORK}"
}
trap cleanup EXIT

die() {
	echo "log-bench: $*" >&2
	exit 1
}

if ! command -v wrk >/dev/null; then
	echo "log-bench: installing wrk (apt-get)"
	apt-get install -y -qq wrk >/dev/null || die "could not install wrk; run 'apt-get update' first"
fi
command -v python3 >/dev/null || die "python3 is needed for the TCP receiver"
if [[ ! -f "${JAR}" ]]; then
	echo "log-bench: building ${JAR}"
	(cd "${ROOT}" && ./mvnw -B -ntp -q -pl app package -DskipTests -Djacoco.skip=true) \
		|| die "the jar did not build; run 'make build' and read its output"
fi

# The receiver shares the two cores with the service and wrk (Logstash would run elsewhere):
# it only counts lines, writes the count twice a second, and runs at a lower priority.
start_receiver() {
	nice -n 10 python3 - "${RECEIVER_PORT}" "${WORK}/received" <<'PY' &
import socket, sys, threading, time
port, out = int(sys.argv[1]), sys.argv[2]
server = socket.create_server(("127.0.0.1", port), reuse_port=False)
count = [0]
def read(conn):
    with conn:
        while True:
            data = conn.recv(262144)
            if not data:
                return
            count[0] += data.count(b"\n")
def report():
    while True:
        time.sleep(0.5)
        with open(out, "w") as f:
            f.write(str(count[0]))
threading.Thread(target=report, daemon=True).start()
while True:
    conn, _ = server.accept()
    threading.Thread(target=read, args=(conn,), daemon=True).start()
PY
	RECEIVER_PID=$!
}

start_app() {
	local destinations="$1"
	LOG_FORMAT=json LOGSTASH_DESTINATIONS="${destinations}" SERVER_PORT="${API_PORT}" \
		MANAGEMENT_SERVER_PORT="${MANAGEMENT_PORT}" \
		java -Xmx512m -jar "${JAR}" >"${WORK}/app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 120); do
		if curl -fs "http://127.0.0.1:${MANAGEMENT_PORT}/actuator/health/readiness" >/dev/null; then
			return 0
		fi
		kill -0 "${APP_PID}" 2>/dev/null || { tail -20 "${WORK}/app.log" >&2; die "the service exited during startup"; }
		sleep 1
	done
	die "the service was not ready within 120 s (log: ${WORK}/app.log)"
}

stop_app() {
	kill "${APP_PID}" 2>/dev/null || true
	wait "${APP_PID}" 2>/dev/null || true
	APP_PID=""
}

measure() {
	local url="http://127.0.0.1:${API_PORT}/api/tours/1"
	curl -fs "${url}" >/dev/null || die "${url} does not answer 200"
	wrk -t2 -c"${CONNECTIONS}" -d5s "${url}" >/dev/null
	wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" "${url}" | awk '/^Requests\/sec:/ {print $2}'
}

run_case() {
	local name="$1" destinations="$2"
	echo "log-bench: case ${name} (LOGSTASH_DESTINATIONS='${destinations}')" >&2
	start_app "${destinations}"
	local rps
	rps="$(measure)"
	stop_app
	echo "${rps}"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

start_receiver
: >"${WORK}/off"
: >"${WORK}/live"
: >"${WORK}/dead"
for round in $(seq 1 "${ROUNDS}"); do
	echo "log-bench: round ${round} of ${ROUNDS}" >&2
	run_case off "" >>"${WORK}/off"
	run_case live "127.0.0.1:${RECEIVER_PORT}" >>"${WORK}/live"
	run_case dead "127.0.0.1:${DEAD_PORT}" >>"${WORK}/dead"
done
echo "log-bench: requests/s per round: off $(paste -sd' ' "${WORK}/off"), live $(paste -sd' ' "${WORK}/live"), dead $(paste -sd' ' "${WORK}/dead")"
OFF="$(median <"${WORK}/off")"
LIVE="$(median <"${WORK}/live")"
DEAD="$(median <"${WORK}/dead")"
sleep 1
RECEIVED="$(cat "${WORK}/received" 2>/dev/null || echo 0)"

awk -v off="${OFF}" -v live="${LIVE}" -v dead="${DEAD}" -v received="${RECEIVED}" -v enforce="${ENFORCE}" 'BEGIN {
	printf "requests/s (median)  no shipping: %.1f  live receiver: %.1f  dead receiver: %.1f\n", off, live, dead
	printf "ratio       live/off: %.3f  dead/off: %.3f  (target >= 0.95)\n", live / off, dead / off
	printf "events received by the live receiver: %d\n", received
	below = (live / off < 0.95 || dead / off < 0.95)
	if (below) print "below target"; else print "target met"
	exit (below && enforce == "true") ? 1 : 0
}'
