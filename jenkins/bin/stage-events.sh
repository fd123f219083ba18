#!/usr/bin/env bash
# Turns the stage start notes that mk/pipeline.mk writes inside Jenkins stages into one duration
# per stage, prints them, and posts them to Logstash's jenkins http input (elk/logstash/pipeline/
# jenkins.conf) as jenkins.build stage events, complete as elk/elasticsearch/datasets.yml wants
# them (Logstash only routes). The Jenkinsfile runs it in the post of each agent pod's stage group,
# where BUILD_RESULT is the build's result so far. An unreachable Logstash never fails the build.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: jenkins/bin/stage-events.sh [--log FILE] [--help]
Reads FILE (default target/pipeline/stage-starts.tsv): lines "EPOCH_MS<TAB>STAGE NAME", written
by every make run inside a Jenkins stage when the Jenkinsfile sets STAGE_LOG. A stage lasts from
its first note to the next stage's first note (the last one until now).
Posts one event per stage when JENKINS_EVENTS_URL is set (basic auth jenkins:$JENKINS_EVENTS_TOKEN).
BUILD_RESULT (SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED) is the build's result when the
stages ended: every stage but the last succeeded; the last one has that outcome.
Environment from Jenkins: JOB_NAME, BUILD_NUMBER, BUILD_URL, GIT_COMMIT, BUILD_CAUSE (optional).
USAGE
}

readonly RESULTS=' SUCCESS UNSTABLE FAILURE NOT_BUILT ABORTED '

json_string() {
	local value="${1//\\/\\\\}"
	value="${value//\"/\\\"}"
	printf '"%s"' "${value}"
}

main() {
	local log='target/pipeline/stage-starts.tsv'
	while (($# > 0)); do
		case "$1" in
		--log) log="${2:?--log needs a file}"; shift 2 ;;
		-h | --help) usage; return 0 ;;
		*) echo "stage-events: unknown option '$1' (see --help)" >&2; return 2 ;;
		esac
	done
	if [[ ! -s "${log}" ]]; then
		echo "stage-events: no stage notes in ${log} (outside Jenkins, or no stage ran make): nothing to report"
		return 0
	fi
	local now
	now="$(date +%s%3N)"
	# First note of each stage, in order; then each duration runs to the next stage's first note.
	local -a names=() starts=()
	local epoch name
	while IFS=$'\t' read -r epoch name; do
		[[ -n "${name}" && "${epoch}" =~ ^[0-9]+$ ]] || continue
		if ((${#names[@]} == 0)) || [[ "${names[-1]}" != "${name}" ]]; then
			names+=("${name}")
			starts+=("${epoch}")
		fi
	done <"${log}"

	local url="${JENKINS_EVENTS_URL:-}" result="${BUILD_RESULT:-}"
	if [[ -n "${url}" && "${RESULTS}" != *" ${result} "* ]]; then
		echo "stage-events: BUILD_RESULT='${result}' is not a Jenkins result (one of${RESULTS% }): the Jenkinsfile sets it from currentBuild.currentResult" >&2
		return 2
	fi
	if [[ -n "${url}" && ! "${BUILD_NUMBER:-}" =~ ^[0-9]+$ ]]; then
		echo "stage-events: BUILD_NUMBER='${BUILD_NUMBER:-}' is not a build number (Jenkins sets it)" >&2
		return 2
	fi
	local i end duration outcome cause='' body sent=0 failed=0
	[[ -z "${BUILD_CAUSE:-}" ]] || cause=",\"cause\":$(json_string "${BUILD_CAUSE}")"
	for i in "${!names[@]}"; do
		end="${starts[i + 1]:-${now}}"
		duration=$((end - starts[i]))
		printf 'stage %-22s %8.1fs\n' "${names[i]}" "$(awk -v ms="${duration}" 'BEGIN { printf "%.1f", ms / 1000 }')"
		[[ -n "${url}" ]] || continue
		outcome=success
		if ((i == ${#names[@]} - 1)) && [[ "${result}" != SUCCESS ]]; then
			outcome=failure
		fi
		body="{\"@timestamp\":$(json_string "$(date -u -d "@$((starts[i] / 1000))" +%Y-%m-%dT%H:%M:%SZ)")"
		body+=",\"event\":{\"dataset\":\"jenkins.build\",\"kind\":\"event\",\"outcome\":\"${outcome}\",\"duration_ms\":${duration}}"
		body+=",\"jenkins\":{\"job\":{\"name\":$(json_string "${JOB_NAME:-unknown}")}"
		body+=",\"build\":{\"number\":${BUILD_NUMBER},\"url\":$(json_string "${BUILD_URL:-}"),\"result\":\"${result}\"${cause}}"
		body+=",\"stage\":{\"name\":$(json_string "${names[i]}"),\"duration_ms\":${duration}}}"
		body+=",\"git\":{\"commit\":$(json_string "${GIT_COMMIT:-unknown}")}}"
		if curl -fsS --max-time 10 -u "jenkins:${JENKINS_EVENTS_TOKEN:-}" -H 'Content-Type: application/json' \
			--data-binary "${body}" -o /dev/null "${url}"; then
			sent=$((sent + 1))
		else
			failed=$((failed + 1))
		fi
	done
	if [[ -z "${url}" ]]; then
		echo "stage-events: JENKINS_EVENTS_URL is not set: timings printed, not sent"
	elif ((failed > 0)); then
		echo "stage-events: WARNING: ${failed} of ${#names[@]} stage events were not accepted by ${url}" >&2
	else
		echo "stage-events: sent ${sent} stage events to ${url}"
	fi
}

main "$@"
