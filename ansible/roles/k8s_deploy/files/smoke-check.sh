#!/usr/bin/env bash
# Smoke-checks the pods of a Deployment's NEW ReplicaSet: each CHECK (PORT/PATH) must answer
# HTTP 2xx within the timeout on every running pod whose pod-template-hash is the one of the
# ReplicaSet at the Deployment's current revision. Terminating pods (deletionTimestamp set: an old
# pod in its preStop sleep, or a scaled-down one) are skipped. Never `port-forward deployment/NAME`:
# kubectl resolves that to ONE pod of the selector, preferring the longest-ready one
# (kubectl pkg/polymorphichelpers/attachablepodforobject.go, podutils.ByLogging ordering), which
# during a rolling update is an OLD pod. Each new pod is reached through `kubectl port-forward
# pod/NAME`, or with --direct at http://POD_IP:PORT (an agent inside the cluster network, or a test).
# Exit 0 when every check passed on every new pod, 1 when one failed, 2 on bad usage.
set -euo pipefail

usage() {
	cat <<USAGE
Usage: smoke-check.sh --namespace NS --deployment NAME --kubeconfig FILE [options] PORT/PATH...

Options:
  --kubeconfig FILE    kubeconfig for kubectl (make kubeconfig writes it)
  --context NAME       kubeconfig context (default: the file's current context)
  --direct             call http://POD_IP:PORT/PATH instead of port-forwarding each pod
  --timeout SECONDS    how long each check may keep failing (default 120)
  -h, --help           this help

Example: smoke-check.sh --namespace tour-booking --deployment tour-booking \\
           --kubeconfig ansible/target/state/staging/kubeconfig 8081/actuator/health/readiness 8080/api/tours
USAGE
}

die() {
	echo "smoke-check: $*" >&2
	exit 2
}

namespace="" deployment="" kubeconfig="" context="" direct=0 timeout=120
checks=()
while (($#)); do
	case "$1" in
	--namespace) namespace="${2:?--namespace needs a value}"; shift 2 ;;
	--deployment) deployment="${2:?--deployment needs a value}"; shift 2 ;;
	--kubeconfig) kubeconfig="${2:?--kubeconfig needs a value}"; shift 2 ;;
	--context) context="${2:?--context needs a value}"; shift 2 ;;
	--direct) direct=1; shift ;;
	--timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	-*) usage >&2; die "unknown option $1" ;;
	*) checks+=("$1"); shift ;;
	esac
done
[[ -n "${namespace}" && -n "${deployment}" ]] || { usage >&2; die "--namespace and --deployment are required"; }
[[ -n "${kubeconfig}" && -f "${kubeconfig}" ]] || die "no kubeconfig '${kubeconfig}': run make kubeconfig ENV=... first"
((${#checks[@]} > 0)) || { usage >&2; die "give at least one PORT/PATH check"; }
[[ "${timeout}" =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds"
for check in "${checks[@]}"; do
	[[ "${check}" =~ ^[0-9]+/ ]] || die "a check is PORT/PATH, e.g. 8081/actuator/health/readiness (got ${check})"
done

kubectl=(kubectl --kubeconfig "${kubeconfig}" --namespace "${namespace}")
[[ -z "${context}" ]] || kubectl+=(--context "${context}")
work="$(mktemp -d)"
declare -A local_port=()
forward_pid=""
forward_log="${work}/port-forward.log"
stop_port_forward() {
	if [[ -n "${forward_pid}" ]]; then
		kill "${forward_pid}" 2>/dev/null || true
		wait "${forward_pid}" 2>/dev/null || true
	fi
	forward_pid=""
}
cleanup() {
	stop_port_forward
	rm -rf "${work}"
}
trap cleanup EXIT

# The new ReplicaSet is the one the Deployment controller owns at the Deployment's revision
# (k8s.io/kubectl pkg/util/deployment: FindNewReplicaSet compares templates; the revision
# annotation names the same ReplicaSet once the controller has observed the template).
new_pods() {
	"${kubectl[@]}" get deployment "${deployment}" -o json >"${work}/deployment.json"
	local selector
	selector="$(python3 -c 'import json, sys
labels = json.load(open(sys.argv[1]))["spec"]["selector"]["matchLabels"]
print(",".join(f"{k}={v}" for k, v in sorted(labels.items())))' "${work}/deployment.json")"
	"${kubectl[@]}" get replicasets -l "${selector}" -o json >"${work}/replicasets.json"
	"${kubectl[@]}" get pods -l "${selector}" -o json >"${work}/pods.json"
	python3 -c 'import json, sys
folder = sys.argv[1]
deployment = json.load(open(f"{folder}/deployment.json"))
revision = (deployment["metadata"].get("annotations") or {}).get("deployment.kubernetes.io/revision")
uid = deployment["metadata"]["uid"]
owned = [rs for rs in json.load(open(f"{folder}/replicasets.json"))["items"]
         if any(ref.get("uid") == uid for ref in rs["metadata"].get("ownerReferences", []))]
new = [rs for rs in owned if (rs["metadata"].get("annotations") or {}).get("deployment.kubernetes.io/revision") == revision]
if len(new) != 1:
    sys.exit("smoke-check: no single ReplicaSet at revision %s of the Deployment" % revision)
pod_hash = new[0]["metadata"]["labels"]["pod-template-hash"]
print("smoke-check: new ReplicaSet %s (revision %s)" % (new[0]["metadata"]["name"], revision), file=sys.stderr)
for pod in json.load(open(f"{folder}/pods.json"))["items"]:
    meta = pod["metadata"]
    if meta.get("labels", {}).get("pod-template-hash") != pod_hash:
        print("smoke-check: skip %s (older ReplicaSet)" % meta["name"], file=sys.stderr)
    elif meta.get("deletionTimestamp"):
        print("smoke-check: skip %s (terminating since %s)" % (meta["name"], meta["deletionTimestamp"]), file=sys.stderr)
    elif pod.get("status", {}).get("phase") == "Running":
        print(meta["name"], pod["status"].get("podIP") or "-")' "${work}"
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_port_forward() {
	local target="$1" mappings=() port
	local_port=()
	for check in "${checks[@]}"; do
		port="${check%%/*}"
		if [[ -z "${local_port[${port}]:-}" ]]; then
			local_port[${port}]="$(free_port)"
			mappings+=("${local_port[${port}]}:${port}")
		fi
	done
	"${kubectl[@]}" port-forward --address 127.0.0.1 "${target}" "${mappings[@]}" >"${forward_log}" 2>&1 &
	forward_pid=$!
	echo "smoke-check: port-forward ${target} ${mappings[*]} (pid ${forward_pid})"
}

url_for() {
	local port="${1%%/*}" path="/${1#*/}" ip="$2"
	if ((direct)); then
		echo "http://${ip}:${port}${path}"
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

pods="$(new_pods)" || die "could not read deployment/${deployment} in namespace ${namespace} (see above)"
if [[ -z "${pods}" ]]; then
	echo "smoke-check: FAIL no running pod of the new ReplicaSet of ${namespace}/deployment/${deployment}" >&2
	exit 1
fi
failed=0 count=0
while read -r pod ip; do
	count=$((count + 1))
	echo "smoke-check: checking pod ${pod} (IP ${ip})"
	if ((direct)); then
		[[ "${ip}" != - ]] || { echo "smoke-check: FAIL ${pod} has no pod IP" >&2; failed=1; continue; }
	else
		start_port_forward "pod/${pod}"
	fi
	for check in "${checks[@]}"; do
		run_check "$(url_for "${check}" "${ip}")" || failed=1
	done
	stop_port_forward
done <<<"${pods}"
if ((failed)); then
	echo "smoke-check: the new pods of ${namespace}/deployment/${deployment} failed the smoke check" >&2
	exit 1
fi
echo "smoke-check: ${count} new pod(s) of ${namespace}/deployment/${deployment} passed ${#checks[@]} check(s) each"
