#!/usr/bin/env bash
# Smoke-checks the pods of a Deployment: each CHECK (PORT/PATH) must answer HTTP 2xx within the
# timeout. By default it reaches the pods through `kubectl port-forward` to the Deployment (one
# of its current pods); with --direct-host it calls HOST:PORT directly (an agent that can reach
# the pods, or a test). Exit 0 when every check passed, 1 when one failed, 2 on bad usage.
set -euo pipefail

usage() {
	cat <<USAGE
Usage: smoke-check.sh --namespace NS --target deployment/NAME [options] PORT/PATH...

Options:
  --kubeconfig FILE    kubeconfig for kubectl (default: kubectl's own)
  --context NAME       kubeconfig context (default: the current one)
  --direct-host HOST   call http://HOST:PORT/PATH instead of port-forwarding
  --timeout SECONDS    how long each check may keep failing (default 120)
  -h, --help           this help

Example: smoke-check.sh --namespace tour-booking --target deployment/tour-booking \\
           8081/actuator/health/readiness 8080/api/tours
USAGE
}

die() {
	echo "smoke-check: $*" >&2
	exit 2
}

namespace="" target="" kubeconfig="" context="" direct_host="" timeout=120
checks=()
while (($#)); do
	case "$1" in
	--namespace) namespace="${2:?--namespace needs a value}"; shift 2 ;;
	--target) target="${2:?--target needs a value}"; shift 2 ;;
	--kubeconfig) kubeconfig="${2:?--kubeconfig needs a value}"; shift 2 ;;
	--context) context="${2:?--context needs a value}"; shift 2 ;;
	--direct-host) direct_host="${2:?--direct-host needs a value}"; shift 2 ;;
	--timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	-*) usage >&2; die "unknown option $1" ;;
	*) checks+=("$1"); shift ;;
	esac
done
[[ -n "${namespace}" && -n "${target}" ]] || { usage >&2; die "--namespace and --target are required"; }
((${#checks[@]} > 0)) || { usage >&2; die "give at least one PORT/PATH check"; }
[[ "${timeout}" =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds"
for check in "${checks[@]}"; do
	[[ "${check}" =~ ^[0-9]+/ ]] || die "a check is PORT/PATH, e.g. 8081/actuator/health/readiness (got ${check})"
done

declare -A local_port=()
forward_pid=""
forward_log=""
cleanup() {
	if [[ -n "${forward_pid}" ]]; then
		kill "${forward_pid}" 2>/dev/null || true
		wait "${forward_pid}" 2>/dev/null || true
	fi
	[[ -z "${forward_log}" ]] || rm -f "${forward_log}"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_port_forward() {
	local kubectl=(kubectl --namespace "${namespace}")
	[[ -z "${kubeconfig}" ]] || kubectl+=(--kubeconfig "${kubeconfig}")
	[[ -z "${context}" ]] || kubectl+=(--context "${context}")
	local mappings=() port
	for check in "${checks[@]}"; do
		port="${check%%/*}"
		if [[ -z "${local_port[${port}]:-}" ]]; then
			local_port[${port}]="$(free_port)"
			mappings+=("${local_port[${port}]}:${port}")
		fi
	done
	forward_log="$(mktemp)"
	"${kubectl[@]}" port-forward --address 127.0.0.1 "${target}" "${mappings[@]}" >"${forward_log}" 2>&1 &
	forward_pid=$!
	echo "smoke-check: port-forward ${target} ${mappings[*]} (pid ${forward_pid})"
}

url_for() {
	local port="${1%%/*}" path="/${1#*/}"
	if [[ -n "${direct_host}" ]]; then
		echo "http://${direct_host}:${port}${path}"
	else
		echo "http://127.0.0.1:${local_port[${port}]}${path}"
	fi
}

run_check() {
	local url="$1" deadline=$((SECONDS + timeout)) status=""
	while :; do
		status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${url}" || true)"
		if [[ "${status}" =~ ^2 ]]; then
			echo "smoke-check: OK   ${url} -> HTTP ${status}"
			return 0
		fi
		if ((SECONDS >= deadline)); then
			echo "smoke-check: FAIL ${url} -> HTTP ${status:-no answer} for ${timeout}s" >&2
			return 1
		fi
		if [[ -n "${forward_pid}" ]] && ! kill -0 "${forward_pid}" 2>/dev/null; then
			echo "smoke-check: FAIL port-forward ended: $(cat "${forward_log}")" >&2
			return 1
		fi
		sleep 2
	done
}

[[ -n "${direct_host}" ]] || start_port_forward
failed=0
for check in "${checks[@]}"; do
	run_check "$(url_for "${check}")" || failed=1
done
if ((failed)); then
	echo "smoke-check: the new pods of ${namespace}/${target} failed the smoke check" >&2
	exit 1
fi
echo "smoke-check: ${namespace}/${target} passed ${#checks[@]} check(s)"
