#!/usr/bin/env bash
# Runs the Ansible roles for real and checks what they did:
#   push   - to a local registry (Debian's docker-registry on 127.0.0.1), with the Jib image when
#            app/target/jib-image.tar exists, else a small umoci-built fixture image;
#   deploy - against the MOCK Kubernetes API server (fabric8 kubernetes-server-mock, CRUD mode,
#            plus discovery and a simplified server-side apply; ansible/tests/mock-apiserver),
#            with fake_controller.py playing the Deployment controller and local HTTP stand-ins
#            for the pods (smoke check) and Logstash's http input (deployment events).
# Everything it starts listens on 127.0.0.1 and is stopped on exit, even on failure.
set -euo pipefail

usage() {
	cat <<USAGE
Usage: ansible/tests/run.sh [-h]

Runs the push and deploy scenarios (about 2-3 minutes) and prints "N passed, M failed".
Needs: ansible, python3-kubernetes, python3-jsonpatch, skopeo, docker-registry, umoci, kubectl,
JDK 17 (make ansible-test installs the Debian packages). Work files: target/ansible-test/.
Environment: ANSIBLE_TEST_REGISTRY (host:port on 127.0.0.1; default a free port),
ANSIBLE_TEST_IMAGE_TAR / ANSIBLE_TEST_IMAGE_DIGEST (default app/target/jib-image.tar / .digest).
USAGE
}
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	usage
	exit 0
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
tests="${root}/ansible/tests"
work="${root}/target/ansible-test"
registry="${ANSIBLE_TEST_REGISTRY:-}"
pids=()
passed=0
failed=0

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "${pid}" 2>/dev/null || true
		wait "${pid}" 2>/dev/null || true
	done
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
die() {
	echo "ansible-test: $*" >&2
	exit 1
}
ok() {
	echo "PASS: $*"
	passed=$((passed + 1))
}
ko() {
	echo "FAIL: $*" >&2
	failed=$((failed + 1))
}
# expect NAME CONDITION...: records a pass when the command CONDITION succeeds.
expect() {
	local name="$1"
	shift
	if "$@"; then ok "${name}"; else ko "${name}"; fi
}

wait_for_url() {
	local url="$1"
	for _ in $(seq 1 60); do
		curl -fsS -o /dev/null "${url}" 2>/dev/null && return 0
		sleep 0.5
	done
	die "nothing answers ${url} after 30 s"
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# run LOG make-target ARGS...: runs a make target from the repository root, output in LOG.
run() {
	local log="$1"
	shift
	echo "+ make $*" | tee "${log}"
	local rc=0
	make --no-print-directory -C "${root}" "$@" >>"${log}" 2>&1 || rc=$?
	tail -n 4 "${log}"
	return "${rc}"
}

recap_unchanged() { grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$1"; }
registry_digest() {
	curl -fsSI -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
		-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
		"http://${registry}/v2/tour-booking/manifests/$1" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}'
}
deployment_field() {
	curl -fsS "${api}/apis/apps/v1/namespaces/tour-booking/deployments/tour-booking" |
		python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1], {}, {"d": d}))' "$1"
}
deployed_image() { deployment_field 'd["spec"]["template"]["spec"]["containers"][0]["image"]'; }
event_count() { if [[ -f "${work}/events.jsonl" ]]; then wc -l <"${work}/events.jsonl"; else echo 0; fi; }
last_event() {
	tail -n 1 "${work}/events.jsonl" | python3 -c 'import json, sys; e = json.load(sys.stdin)
print(e["event"]["action"], e["deployment"]["from"]["digest"] or "-", e["deployment"]["to"]["digest"])'
}

step "Tools and the MOCK API server build"
command -v kubectl >/dev/null || die "kubectl is missing (PLATFORM.md: installed on every machine)"
"${root}/ansible/scripts/ensure-packages.sh" ansible python3-kubernetes python3-jsonpatch skopeo docker-registry umoci curl
rm -rf "${work}"
mkdir -p "${work}/registry" "${work}/render"
(cd "${root}" && ./mvnw -B -ntp -q -pl ansible/tests/mock-apiserver package)

registry="${registry:-127.0.0.1:$(free_port)}"
step "Local registry on ${registry}"
cat >"${work}/registry/config.yml" <<CONFIG
version: 0.1
storage:
  filesystem:
    rootdirectory: ${work}/registry/storage
  delete:
    enabled: true
http:
  addr: ${registry}
CONFIG
docker-registry serve "${work}/registry/config.yml" >"${work}/registry/registry.log" 2>&1 &
pids+=($!)
wait_for_url "http://${registry}/v2/"
kill -0 "${pids[-1]}" 2>/dev/null || die "the registry did not start: $(tail -n 3 "${work}/registry/registry.log")"

step "MOCK Kubernetes API server, fake controller, HTTP stand-ins"
mock="${root}/ansible/tests/mock-apiserver/target"
java -cp "${mock}/classes:$(cat "${mock}/classpath.txt")" com.example.tourbooking.mockapiserver.MockApiServer \
	"${work}/apiserver.port" >"${work}/apiserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do [[ -s "${work}/apiserver.port" ]] && break; sleep 0.5; done
[[ -s "${work}/apiserver.port" ]] || die "the mock API server did not start: $(tail -n 20 "${work}/apiserver.log")"
api="http://127.0.0.1:$(cat "${work}/apiserver.port")"
wait_for_url "${api}/version"
cat >"${work}/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: mock
    cluster:
      server: ${api}
users:
  - name: mock
    user:
      token: not-a-secret
contexts:
  - name: mock
    context:
      cluster: mock
      user: mock
current-context: mock
KUBECONFIG
touch "${work}/fail-digests"
"${tests}/fake_controller.py" --server "${api}" --fail-digests "${work}/fail-digests" --max-seconds 900 \
	>"${work}/controller.log" 2>&1 &
pids+=($!)
api_port="$(free_port)" management_port="$(free_port)" events_port="$(free_port)"
"${tests}/http_standins.py" pods --port "${api_port}" --port "${management_port}" \
	--path /api/tours --path /actuator/health/readiness --unhealthy-file "${work}/pods-unhealthy" \
	>"${work}/pods.log" 2>&1 &
pids+=($!)
DEPLOY_EVENT_TOKEN="test-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export DEPLOY_EVENT_TOKEN
"${tests}/http_standins.py" events --port "${events_port}" --out "${work}/events.jsonl" >"${work}/events.log" 2>&1 &
pids+=($!)
wait_for_url "http://127.0.0.1:${management_port}/actuator/health/readiness"

step "Images"
image_tar="${ANSIBLE_TEST_IMAGE_TAR:-${root}/app/target/jib-image.tar}"
image_digest_file="${ANSIBLE_TEST_IMAGE_DIGEST:-${root}/app/target/jib-image.digest}"
if [[ -f "${image_tar}" && -f "${image_digest_file}" ]]; then
	echo "pushing the image Jib built: ${image_tar} ($(cat "${image_digest_file}"))"
else
	image_tar="${work}/fixture-1.tar" image_digest_file="${work}/fixture-1.digest"
	"${tests}/fixtures/oci-image.sh" "${image_tar}" "${image_digest_file}" "fixture one"
	echo "NOTE: no ${image_tar}: pushing a umoci-built FIXTURE image ($(cat "${image_digest_file}"))"
fi
"${tests}/fixtures/oci-image.sh" "${work}/other.tar" "${work}/other.digest" "another image"
skopeo copy -q "oci-archive:${work}/other.tar" "docker-archive:${work}/other-docker.tar"
digest_a="$(cat "${image_digest_file}")" digest_b="$(cat "${work}/other.digest")"
commit="$(printf 'ansible-test %s' "${digest_a}" | sha1sum | cut -c1-40)"
push_args="-e tour_booking_registry=${registry} -e image_push_git_commit=${commit}"

step "push: the image, to a fresh registry"
expect "push succeeds" run "${work}/push-1.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}"
expect "the registry serves the commit tag at the digest Jib computed" test "$(registry_digest "${commit}")" = "${digest_a}"

step "push: again (idempotent)"
run "${work}/push-2.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}" || true
expect "a second push changes nothing" recap_unchanged "${work}/push-2.log"

step "push: --check"
run "${work}/push-3.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args} --check --diff" || true
expect "push --check succeeds without change" recap_unchanged "${work}/push-3.log"

step "push: the registry ends up with another image than Jib built (skopeo TEST DOUBLE swaps it)"
if SWAP_TAR="${work}/other.tar" run "${work}/push-4.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" \
	ANSIBLE_ARGS="${push_args}-swapped -e image_push_skopeo=${tests}/fixtures/skopeo-swapping.sh"; then
	ko "a digest mismatch fails the play"
else
	expect "a digest mismatch fails the play with DIGEST MISMATCH" grep -q "DIGEST MISMATCH" "${work}/push-4.log"
fi

step "push: a digest file that belongs to another tar"
if run "${work}/push-5.log" push ENV=local IMAGE_TAR="${work}/other.tar" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}-other"; then
	ko "a tar/digest mismatch fails before pushing"
else
	expect "a tar/digest mismatch fails before pushing" grep -q "must come from the same jib:buildTar" "${work}/push-5.log"
fi

step "push: a docker-archive tar"
printf '%s' "${digest_b}" >"${work}/other-docker.digest"
if run "${work}/push-6.log" push ENV=local IMAGE_TAR="${work}/other-docker.tar" IMAGE_DIGEST="${work}/other-docker.digest" ANSIBLE_ARGS="${push_args}-docker"; then
	ko "a docker-archive tar is refused"
else
	expect "a docker-archive tar is refused with the reason" grep -q "not a readable OCI image archive" "${work}/push-6.log"
fi
expect "no push credentials or tokens leak into the output" bash -c "! grep -q '${DEPLOY_EVENT_TOKEN}' ${work}/push-*.log"

step "deploy: settings for the MOCK API server"
container_var=""
if ! make --no-print-directory -n -C "${root}" k8s-render ENV=local IMAGE=x@sha256:0 >/dev/null 2>&1 ||
	[[ ! -d "${root}/k8s/overlays/local" ]]; then
	die "make k8s-render and k8s/overlays/local are needed: the role renders the real overlay"
fi
rendered="${root}/target/k8s/local.yaml"
make --no-print-directory -s -C "${root}" k8s-render ENV=local "IMAGE=${registry}/tour-booking@${digest_a}" >/dev/null
container="$(/usr/bin/python3 -c 'import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Deployment"]
print(docs[0]["spec"]["template"]["spec"]["containers"][0]["name"])' "${rendered}")"
if [[ "${container}" != app ]]; then
	echo "NOTE: the overlay names its container '${container}', not 'app' (the contract): testing with k8s_deploy_container=${container}"
	container_var="k8s_deploy_container: ${container}"
fi
cat >"${work}/deploy-vars.yml" <<VARS
---
tour_booking_registry: ${registry}
k8s_deploy_rollout_timeout: 15
k8s_deploy_wait_sleep: 1
k8s_deploy_smoke_direct_host: 127.0.0.1
k8s_deploy_smoke_checks: ["${management_port}/actuator/health/readiness", "${api_port}/api/tours"]
k8s_deploy_smoke_timeout: 6
k8s_deploy_event_url: http://127.0.0.1:${events_port}/
${container_var}
VARS
export KUBECONFIG="${work}/kubeconfig"
deploy_args="-e @${work}/deploy-vars.yml"
digest_c="sha256:$(printf 'never becomes available' | sha256sum | cut -d' ' -f1)"
digest_d="sha256:$(printf 'fails the smoke check' | sha256sum | cut -d' ' -f1)"

step "deploy: first deploy to an empty namespace"
expect "first deploy succeeds" run "${work}/deploy-1.log" deploy ENV=local IMAGE_DIGEST="${digest_a}" ANSIBLE_ARGS="${deploy_args}"
expect "the Deployment runs image A by digest" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"
expect "a 'deployed' event (- -> A) reached the event receiver" test "$(last_event 2>/dev/null)" = "deployed - ${digest_a}"

step "deploy: the same digest again (idempotent)"
run "${work}/deploy-2.log" deploy ENV=local IMAGE_DIGEST="${digest_a}" ANSIBLE_ARGS="${deploy_args}" || true
expect "a second deploy of the same digest changes nothing" recap_unchanged "${work}/deploy-2.log"
expect "and sends no event" test "$(event_count)" -eq 1

step "deploy: --check --diff with a new digest"
run "${work}/deploy-3.log" deploy ENV=local IMAGE_DIGEST="${digest_b}" ANSIBLE_ARGS="${deploy_args} --check --diff" || true
expect "--check reports a change and fails nothing" grep -Eq 'localhost +: ok=[0-9]+ +changed=[1-9][0-9]* +unreachable=0 +failed=0' "${work}/deploy-3.log"
expect "--check leaves image A running" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"

step "deploy: a second deploy with a new digest"
expect "second deploy succeeds" run "${work}/deploy-4.log" deploy ENV=local IMAGE_DIGEST="${digest_b}" ANSIBLE_ARGS="${deploy_args}"
expect "the Deployment runs image B" test "$(deployed_image)" = "${registry}/tour-booking@${digest_b}"
expect "at revision 2" test "$(deployment_field 'd["metadata"]["annotations"]["deployment.kubernetes.io/revision"]')" = 2
expect "a 'deployed' event (A -> B)" test "$(last_event)" = "deployed ${digest_a} ${digest_b}"

step "rollback: on demand"
expect "rollback succeeds" run "${work}/rollback-1.log" rollback ENV=local ANSIBLE_ARGS="${deploy_args}"
expect "the Deployment runs image A again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"
expect "a 'rolled-back' event (B -> A)" test "$(last_event)" = "rolled-back ${digest_b} ${digest_a}"
expect "redeploy of B succeeds" run "${work}/deploy-5.log" deploy ENV=local IMAGE_DIGEST="${digest_b}" ANSIBLE_ARGS="${deploy_args}"

step "deploy: a rollout that never completes (the fake controller keeps the new pods unavailable)"
echo "${digest_c}" >>"${work}/fail-digests"
if run "${work}/deploy-6.log" deploy ENV=local IMAGE_DIGEST="${digest_c}" ANSIBLE_ARGS="${deploy_args}"; then
	ko "a failed rollout fails the play"
else
	expect "a failed rollout fails the play, saying it rolled back" grep -q "DEPLOY FAILED and ROLLED BACK" "${work}/deploy-6.log"
fi
expect "the Deployment runs image B again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_b}"
expect "a 'rolled-back' event (C -> B)" test "$(last_event)" = "rolled-back ${digest_c} ${digest_b}"

step "deploy: a rollout that completes but fails the smoke check"
touch "${work}/pods-unhealthy"
if run "${work}/deploy-7.log" deploy ENV=local IMAGE_DIGEST="${digest_d}" ANSIBLE_ARGS="${deploy_args}"; then
	ko "a failed smoke check fails the play"
else
	expect "a failed smoke check fails the play and rolls back" grep -q "DEPLOY FAILED and ROLLED BACK.*Smoke" "${work}/deploy-7.log"
fi
rm -f "${work}/pods-unhealthy"
expect "the Deployment runs image B again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_b}"
expect "a 'rolled-back' event (D -> B)" test "$(last_event)" = "rolled-back ${digest_d} ${digest_b}"
expect "the event token never appears in the output" bash -c "! grep -q '${DEPLOY_EVENT_TOKEN}' ${work}/*.log"

step "make targets pick the environment's inventory"
for env in staging production; do
	expect "make push ENV=${env} runs push-image.yml with inventories/${env}" bash -c \
		"make --no-print-directory -n -C '${root}' push ENV=${env} IMAGE_TAR='${image_tar}' | grep -q 'ansible-playbook -i inventories/${env}/hosts.yml playbooks/push-image.yml'"
	expect "make deploy ENV=${env} runs deploy.yml with inventories/${env}" bash -c \
		"make --no-print-directory -n -C '${root}' deploy ENV=${env} IMAGE_DIGEST=${digest_a} | grep -q 'ansible-playbook -i inventories/${env}/hosts.yml playbooks/deploy.yml -e image_digest=${digest_a}'"
	expect "inventories/${env} names its own cluster context" bash -c \
		"cd '${root}/ansible' && ansible-inventory -i inventories/${env}/hosts.yml --host localhost | grep -q '\"tour_booking_cluster\": \"tour-booking-${env}\"'"
done

printf '\nansible-test: %d passed, %d failed\n' "${passed}" "${failed}"
((failed == 0)) || die "some checks failed; logs in ${work}"
