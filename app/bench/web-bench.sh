#!/usr/bin/env bash
# Throughput of the web site's home page (GET /) and a tour page (GET /tours/1) next to the
# JSON search endpoint they are built on (GET /api/tours), measured in one run on loopback
# with interleaved rounds after a warm-up; target: each page at least half the JSON rate.
# Also prints what each page needs to load (HTML plus its own CSS and JS; target <= 100 KB)
# and checks that those assets have fingerprinted names and a long cache lifetime.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: app/bench/web-bench.sh [--duration SECONDS] [--warmup SECONDS] [--connections N] [--rounds N] [--enforce]

Starts the service jar (app/target/tour-booking.jar, built if missing) once on 127.0.0.1
(embedded H2 with the demo data, anonymous visitors as most page traffic is) and drives it
with wrk (installed with apt-get if missing). Bounded: wrk --duration, start timeout 120 s;
it stops what it started.

  --duration SECONDS   measured seconds per endpoint and round (default 10)
  --warmup SECONDS     warm-up seconds per endpoint before the first round (default 60: the
                       JIT needs minutes on 2 cores, and the pages run more code than the JSON)
  --connections N      concurrent connections (default 16)
  --rounds N           interleaved rounds; medians are reported (default 5)
  --enforce            exit 1 when a page is below half the JSON rate or above 100 KB
USAGE
}

DURATION=10
WARMUP=60
CONNECTIONS=16
ROUNDS=5
ENFORCE=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--duration) DURATION="$2"; shift 2 ;;
		--warmup) WARMUP="$2"; shift 2 ;;
		--connections) CONNECTIONS="$2"; shift 2 ;;
		--rounds) ROUNDS="$2"; shift 2 ;;
		--enforce) ENFORCE=true; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${ROOT}/app/target/tour-booking.jar"
PORT=20510
MANAGEMENT_PORT=20511
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d)"
APP_PID=""

cleanup() {
	if [[ -n "${APP_PID}" ]]; then kill "${APP_PID}" 2>/dev/null || true; wait "${APP_PID}" 2>/dev/null || true; fi
	rm -rf "${WORK}"
}
trap cleanup EXIT

die() {
	echo "web-bench: $*" >&2
	exit 1
}

if ! command -v wrk >/dev/null; then
	echo "web-bench: installing wrk (apt-get)"
	apt-get install -y -qq wrk >/dev/null || die "could not install wrk; run 'apt-get update' first"
fi
if [[ ! -f "${JAR}" ]]; then
	echo "web-bench: building ${JAR}"
	(cd "${ROOT}" && ./mvnw -B -ntp -q -pl app package -DskipTests -Djacoco.skip=true) \
		|| die "the jar did not build; run 'make build' and read its output"
fi

echo "web-bench: starting the service on ${BASE}" >&2
SERVER_PORT="${PORT}" MANAGEMENT_SERVER_PORT="${MANAGEMENT_PORT}" LOG_FORMAT=json \
	java -Xmx512m -jar "${JAR}" >"${WORK}/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
	if curl -fs "http://127.0.0.1:${MANAGEMENT_PORT}/actuator/health/readiness" >/dev/null \
		&& curl -fs "${BASE}/api/tours" | grep -q '"totalElements":12'; then
		break
	fi
	kill -0 "${APP_PID}" 2>/dev/null || { tail -20 "${WORK}/app.log" >&2; die "the service exited during startup"; }
	sleep 1
done
curl -fs "${BASE}/api/tours" | grep -q '"totalElements":12' || die "no demo data within 120 s (log: ${WORK}/app.log)"

declare -A URLS=([json]="${BASE}/api/tours" [home]="${BASE}/" [tour]="${BASE}/tours/1")
ORDER=(json home tour)

# Page weight: the HTML plus every stylesheet, script and icon it links, as a browser
# without a cache loads them.
weigh() {
	local page="$1" total html assets
	html="$(curl -fs "${page}")" || die "${page} does not answer 200"
	total="$(printf '%s' "${html}" | wc -c)"
	assets="$(printf '%s' "${html}" | grep -oE '(href|src)="/[^"]+\.(css|js|svg)"' | sed -E 's/^(href|src)="//; s/"$//' | sort -u)"
	for asset in ${assets}; do
		local headers size
		headers="$(curl -fs -D - -o "${WORK}/asset" "${BASE}${asset}")" || die "${asset} does not answer 200"
		size="$(wc -c <"${WORK}/asset")"
		total=$((total + size))
		if [[ "${asset}" =~ \.(css|js)$ ]]; then
			[[ "${asset}" =~ -[0-9a-f]{32}\.(css|js)$ ]] || die "${asset} has no fingerprint in its name"
			grep -qi '^cache-control: max-age=31536000' <<<"${headers}" || die "${asset} is not cached for a year"
		fi
	done
	echo "${total}"
}

HOME_BYTES="$(weigh "${URLS[home]}")"
TOUR_BYTES="$(weigh "${URLS[tour]}")"

echo "web-bench: warm-up (${WARMUP} s per endpoint)" >&2
for name in "${ORDER[@]}"; do
	wrk -t2 -c"${CONNECTIONS}" -d"${WARMUP}s" "${URLS[${name}]}" >/dev/null
done
for name in "${ORDER[@]}"; do : >"${WORK}/${name}"; done
for round in $(seq 1 "${ROUNDS}"); do
	echo "web-bench: round ${round} of ${ROUNDS}" >&2
	# The order alternates from round to round, so no endpoint always runs on a hotter JIT.
	order=("${ORDER[@]}")
	((round % 2 == 1)) || order=(tour home json)
	for name in "${order[@]}"; do
		wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" "${URLS[${name}]}" \
			| awk '/^Requests\/sec:/ {print $2} /Non-2xx/ {print "non-2xx " $0 > "/dev/stderr"}' >>"${WORK}/${name}"
	done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "web-bench: requests/s per round: json $(paste -sd' ' "${WORK}/json"), home $(paste -sd' ' "${WORK}/home"), tour $(paste -sd' ' "${WORK}/tour")"
awk -v json="$(median <"${WORK}/json")" -v home="$(median <"${WORK}/home")" -v tour="$(median <"${WORK}/tour")" \
	-v homeBytes="${HOME_BYTES}" -v tourBytes="${TOUR_BYTES}" -v enforce="${ENFORCE}" 'BEGIN {
	printf "requests/s (median)  GET /api/tours: %.1f  GET /: %.1f  GET /tours/1: %.1f\n", json, home, tour
	printf "ratio       home/json: %.2f  tour/json: %.2f  (target >= 0.50)\n", home / json, tour / json
	printf "page weight (HTML + own CSS, JS, icon)  home: %.1f KB  tour: %.1f KB  (target <= 100 KB)\n", homeBytes / 1024, tourBytes / 1024
	below = (home / json < 0.5 || tour / json < 0.5 || homeBytes > 102400 || tourBytes > 102400)
	if (below) print "below target"; else print "targets met"
	exit (below && enforce == "true") ? 1 : 0
}'
