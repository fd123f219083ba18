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

# log_has PATTERN LOG: PATTERN (basic regex) anywhere in LOG, across the callback's line folding.
log_has() { tr -s '\n ' '  ' <"$2" | grep -q "$1"; }
recap_unchanged() { grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$1"; }
registry_digest() {
	curl -fsSI -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
		-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
		-H 'Accept: application/vnd.oci.image.index.v1+json' \
		--cacert "${work}/pki/ca.crt" -u "AWS:${registry_password}" \
		"https://${registry}/v2/tour-booking/manifests/$1" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}'
}
deployment_field() {
	api_get /apis/apps/v1/namespaces/tour-booking/deployments/tour-booking |
		python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1], {}, {"d": d}))' "$1"
}
deployed_image() { deployment_field 'd["spec"]["template"]["spec"]["containers"][0]["image"]'; }
event_count() { if [[ -f "${work}/events.jsonl" ]]; then wc -l <"${work}/events.jsonl"; else echo 0; fi; }
# events_since N: "action digest" of every event after the first N, one per line.
events_since() {
	tail -n +"$(($1 + 1))" "${work}/events.jsonl" 2>/dev/null | python3 -c 'import json, sys
for line in sys.stdin:
    e = json.loads(line)
    print(e["event"]["action"], e["container"]["image"]["digest"])'
}
recorded() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "${root}/ansible/target/state/local/last-deploy.json" "$1"; }

step "Tools and the MOCK API server build"
command -v kubectl >/dev/null || die "kubectl is missing (PLATFORM.md: installed on every machine)"
"${root}/ansible/scripts/ensure-packages.sh" ansible python3-kubernetes python3-jsonpatch skopeo docker-registry umoci curl
rm -rf "${work}"
mkdir -p "${work}/registry" "${work}/render"
# Its unit tests run in ./mvnw verify.
(cd "${root}" && ./mvnw -B -ntp -q -pl ansible/tests/mock-apiserver package -DskipTests)

registry="${registry:-127.0.0.1:$(free_port)}"
step "Local registry on ${registry}: TLS (the test's CA) and htpasswd authentication, as ECR requires credentials"
# A CA made by the test, and a certificate for 127.0.0.1 that the registry and the API server
# serve (EKS hands out its cluster CA in DescribeCluster's certificateAuthority.data, and
# update-kubeconfig writes it into the kubeconfig; ECR serves a publicly trusted certificate).
mkdir -p "${work}/pki" "${work}/certs" "${work}/eks" "${work}/ecr" "${work}/cluster" "${work}/unhealthy"
(
	cd "${work}/pki"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=mock-cluster-ca -keyout ca.key -out ca.crt \
		-addext basicConstraints=critical,CA:TRUE 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver -keyout server.key -out server.csr 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' >ext
	openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile ext -out server.crt 2>/dev/null
)
cp "${work}/pki/ca.crt" "${work}/certs/ca.crt" # skopeo --cert-dir: CA certificates only
random_token() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
# ECR's user is always AWS; its password is what `aws ecr get-login-password` prints.
registry_password="$(random_token)"
printf '%s' "${registry_password}" >"${work}/ecr/password"
htpasswd -Bbn AWS "${registry_password}" >"${work}/registry/htpasswd"
cat >"${work}/registry/config.yml" <<CONFIG
version: 0.1
storage:
  filesystem:
    rootdirectory: ${work}/registry/storage
  delete:
    enabled: true
http:
  addr: ${registry}
  tls:
    certificate: ${work}/pki/server.crt
    key: ${work}/pki/server.key
auth:
  htpasswd:
    realm: ansible-test
    path: ${work}/registry/htpasswd
CONFIG
docker-registry serve "${work}/registry/config.yml" >"${work}/registry/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
	[[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "${work}/pki/ca.crt" "https://${registry}/v2/")" == 401 ]] && break
	sleep 0.5
done
kill -0 "${pids[-1]}" 2>/dev/null || die "the registry did not start: $(tail -n 3 "${work}/registry/registry.log")"
expect "the registry answers 401 without credentials" \
	test "$(curl -s -o /dev/null -w '%{http_code}' --cacert "${work}/pki/ca.crt" "https://${registry}/v2/")" = 401
# The agent's tools: the stand-in aws first on PATH, AWS credentials in the environment.
export PATH="${tests}/standins:${PATH}" AWS_STANDIN_EKS_DIR="${work}/eks" AWS_STANDIN_ECR_DIR="${work}/ecr"
AWS_ACCESS_KEY_ID="AKIASTANDIN$(random_token | cut -c1-9 | tr a-f A-F)"
AWS_SECRET_ACCESS_KEY="$(random_token)"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

step "MOCK Kubernetes API server (TLS, bearer tokens, RBAC-like refusals), fake controller, stand-ins"
admin_token="$(random_token)" deployer_token="$(random_token)" controller_token="$(random_token)"
# kube-apiserver's --token-auth-file format; "deployer" is bound to the namespace only (edit role).
cat >"${work}/pki/tokens.csv" <<TOKENS
${admin_token},jenkins-admin,1,"system:masters"
${deployer_token},deployer,2,"deployers"
${controller_token},system:kube-controller-manager,3,"system:masters"
TOKENS
printf '%s' "${controller_token}" >"${work}/pki/controller.token"
mock="${root}/ansible/tests/mock-apiserver/target"
java -cp "${mock}/classes:$(cat "${mock}/classpath.txt")" com.example.tourbooking.mockapiserver.MockApiServer \
	--port-file "${work}/apiserver.port" --tls-cert "${work}/pki/server.crt" --tls-key "${work}/pki/server.key" \
	--token-auth-file "${work}/pki/tokens.csv" --namespace-binding deployer=tour-booking >"${work}/apiserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [[ -s "${work}/apiserver.port" ]] && break; sleep 0.5; done
[[ -s "${work}/apiserver.port" ]] || die "the mock API server did not start: $(tail -n 20 "${work}/apiserver.log")"
api="https://127.0.0.1:$(cat "${work}/apiserver.port")"
api_get() { curl -fsS --cacert "${work}/pki/ca.crt" -H "Authorization: Bearer ${admin_token}" "${api}$1"; }
expect "the mock API server refuses a request without a token (401)" \
	test "$(curl -s -o /dev/null -w '%{http_code}' --cacert "${work}/pki/ca.crt" "${api}/version")" = 401
expect "and a client without the cluster's CA fails the TLS handshake" bash -c "! curl -fsS '${api}/version' 2>/dev/null"
# What EKS's DescribeCluster answers, for the stand-in aws (tests/standins/aws).
cat >"${work}/eks/tour-booking-mock.json" <<CLUSTER
{"cluster": {"name": "tour-booking-mock", "arn": "arn:aws:eks:eu-west-1:123456789012:cluster/tour-booking-mock",
  "endpoint": "${api}", "status": "ACTIVE", "certificateAuthority": {"data": "$(base64 -w0 "${work}/pki/ca.crt")"}}}
CLUSTER
as_identity() { printf '%s' "$1" >"${work}/eks/tour-booking-mock.token"; }
as_identity "${admin_token}"
"${tests}/standins/fake_controller.py" --server "${api}" --ca-file "${work}/pki/ca.crt" \
	--token-file "${work}/pki/controller.token" --state-dir "${work}/cluster" --max-seconds 3600 \
	>"${work}/controller.log" 2>&1 &
pids+=($!)
api_port="$(free_port)" management_port="$(free_port)" events_port="$(free_port)"
# One loopback address per pod IP the fake controller hands out (127.0.0.1 is the default).
"${tests}/standins/http_standins.py" pods --address 127.0.0.1 --address 127.0.0.2 --address 127.0.0.3 \
	--port "${api_port}" --port "${management_port}" --path /api/tours --path /actuator/health/readiness \
	--unhealthy-dir "${work}/unhealthy" --hits "${work}/pod-hits.log" --max-seconds 3600 >"${work}/pods.log" 2>&1 &
pids+=($!)
DEPLOY_EVENT_TOKEN="test-token-$(random_token)"
export DEPLOY_EVENT_TOKEN
# The capturing HTTP server: plays Logstash's deploy http input (basic auth deploy:TOKEN).
"${tests}/standins/http_standins.py" events --port "${events_port}" --out "${work}/events.jsonl" --max-seconds 3600 \
	>"${work}/events.log" 2>&1 &
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
push_args="-e tour_booking_registry=${registry} -e tour_booking_registry_auth=ecr -e tour_booking_registry_tls_verify=true"
push_args+=" -e image_push_cert_dir=${work}/certs -e image_push_git_commit=${commit}"

step "push: the image, to a fresh registry"
expect "push succeeds" run "${work}/push-1.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}"
expect "the registry serves the commit tag at the digest Jib computed" test "$(registry_digest "${commit}")" = "${digest_a}"

step "push: again (idempotent)"
run "${work}/push-2.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}" || true
expect "a second push changes nothing" recap_unchanged "${work}/push-2.log"

step "push: --check"
run "${work}/push-3.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args} --check --diff" || true
expect "push --check succeeds without change" recap_unchanged "${work}/push-3.log"

step "push: the multi-arch index (amd64 + arm64), as make push sends it by default"
index_tar="${root}/app/target/jib-image-index.tar" index_digest_file="${root}/app/target/jib-image-index.digest"
if [[ -f "${index_tar}" && -f "${index_digest_file}" ]]; then
	echo "pushing the index make image built: $(cat "${index_digest_file}")"
else
	index_tar="${work}/fixture-index.tar" index_digest_file="${work}/fixture-index.digest"
	"${tests}/fixtures/oci-index.sh" "${index_tar}" "${index_digest_file}" "fixture index"
	echo "NOTE: no jib-image-index.tar: pushing a FIXTURE index joined by image/lib's oci_index ($(cat "${index_digest_file}"))"
fi
expect "make push defaults to the index when make image wrote one" bash -c \
	"make --no-print-directory -n -C '${root}' push ENV=local | grep -q 'image_push_tar=${root}/app/target/jib-image-index.tar' ||
	[[ ! -f '${root}/app/target/jib-image-index.tar' ]]"
expect "the index push succeeds" run "${work}/push-index.log" push ENV=local IMAGE_TAR="${index_tar}" \
	IMAGE_DIGEST="${index_digest_file}" ANSIBLE_ARGS="${push_args}-multiarch"
expect "the tag serves the index digest, not one architecture's" \
	test "$(registry_digest "${commit}-multiarch")" = "$(cat "${index_digest_file}")"
arm64_digest="$(tar -xOf "${index_tar}" "blobs/sha256/$(cut -d: -f2 "${index_digest_file}")" |
	jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest')"
expect "the registry holds the arm64 image of the index" test "$(registry_digest "${arm64_digest}")" = "${arm64_digest}"

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
step "push: an agent without AWS credentials, and a push without any registry login"
if AWS_ACCESS_KEY_ID="" AWS_SECRET_ACCESS_KEY="" run "${work}/push-7.log" push ENV=local IMAGE_TAR="${image_tar}" \
	IMAGE_DIGEST="${image_digest_file}" ANSIBLE_ARGS="${push_args}-nocreds"; then
	ko "a push without AWS credentials fails"
else
	expect "a push without AWS credentials fails, saying what to set" log_has "give the agent AWS credentials" "${work}/push-7.log"
fi
if run "${work}/push-8.log" push ENV=local IMAGE_TAR="${image_tar}" IMAGE_DIGEST="${image_digest_file}" \
	ANSIBLE_ARGS="${push_args}-none -e tour_booking_registry_auth=none"; then
	ko "a push without a registry login fails"
else
	expect "a push without a registry login fails, saying what to set" log_has "requires credentials: set tour_booking_registry_auth" "${work}/push-8.log"
fi
expect "no push credentials or tokens leak into the output" bash -c "! grep -qE '${DEPLOY_EVENT_TOKEN}|${registry_password}|${AWS_SECRET_ACCESS_KEY}' ${work}/push-*.log"

step "deploy: settings for the MOCK API server"
if ! make --no-print-directory -n -C "${root}" k8s-render ENV=local IMAGE=x@sha256:0 >/dev/null 2>&1 ||
	[[ ! -d "${root}/k8s/overlays/local" ]]; then
	die "make k8s-render and k8s/overlays/local are needed: the role renders the real overlay"
fi
container_var=""
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
tour_booking_eks_cluster: tour-booking-mock
tour_booking_aws_region: eu-west-1
tour_booking_deploy_event_url: http://127.0.0.1:${events_port}/
k8s_deploy_rollout_timeout: 12
k8s_deploy_wait_sleep: 1
k8s_deploy_smoke_direct: true
k8s_deploy_smoke_checks: ["${management_port}/actuator/health/readiness", "${api_port}/api/tours"]
k8s_deploy_smoke_timeout: 4
${container_var}
VARS
deploy_args="-e @${work}/deploy-vars.yml"
# The agent starts with NO kubeconfig: an empty HOME, no KUBECONFIG, no K8S_AUTH_*; only the
# stand-in aws (first on PATH) and AWS credentials in the environment, as a Jenkins agent has.
mkdir -p "${work}/home"
export HOME="${work}/home"
unset KUBECONFIG K8S_AUTH_KUBECONFIG K8S_AUTH_HOST K8S_AUTH_API_KEY
export GIT_COMMIT="${commit}" BUILD_NUMBER=42 BUILD_URL=https://jenkins.example.com/job/tour-booking/job/main/42/
rm -rf "${root}/ansible/target/state/local"
digest_c="sha256:$(printf 'never becomes available' | sha256sum | cut -d' ' -f1)"
digest_d="sha256:$(printf 'a rolling update with old pods terminating' | sha256sum | cut -d' ' -f1)"
digest_e="sha256:$(printf 'new pods fail while old pods pass' | sha256sum | cut -d' ' -f1)"
digest_f="sha256:$(printf 'updatedReplicas stays below replicas' | sha256sum | cut -d' ' -f1)"
digest_g="sha256:$(printf 'refused by RBAC' | sha256sum | cut -d' ' -f1)"
kubeconfig="${root}/ansible/target/state/local/kubeconfig"

step "kubeconfig: an agent without AWS credentials gets none"
if AWS_ACCESS_KEY_ID="" AWS_SECRET_ACCESS_KEY="" run "${work}/kubeconfig-1.log" kubeconfig ENV=local ANSIBLE_ARGS="${deploy_args}"; then
	ko "make kubeconfig fails without AWS credentials"
else
	expect "make kubeconfig fails without AWS credentials, saying so" grep -q "Unable to locate credentials" "${work}/kubeconfig-1.log"
fi

step "deploy: first deploy to an empty namespace, from an agent with no kubeconfig"
events=$(event_count)
expect "first deploy succeeds" run "${work}/deploy-1.log" deploy ENV=local IMAGE_DIGEST="${digest_a}" ANSIBLE_ARGS="${deploy_args}"
expect "make kubeconfig wrote the state kubeconfig with an exec user calling aws eks get-token" \
	grep -q "get-token" "${kubeconfig}"
expect "and no ~/.kube/config (kubectl keeps only its discovery cache there)" test ! -e "${HOME}/.kube/config"
expect "the Deployment runs image A by digest" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"
expect "deploy-started and deploy-succeeded events for A" test "$(events_since "${events}" | tr '\n' ' ')" = \
	"deploy-started ${digest_a} deploy-succeeded ${digest_a} "
cp "${work}/events.jsonl" "${work}/captured-success.jsonl"

step "deploy: the same digest again, then the Verify stage fails (make rollback-deploy)"
run "${work}/deploy-2.log" deploy ENV=local IMAGE_DIGEST="${digest_a}" ANSIBLE_ARGS="${deploy_args}" || true
expect "a second deploy of the same digest changes nothing" recap_unchanged "${work}/deploy-2.log"
expect "and records changed=false" test "$(recorded changed)" = False
expect "make rollback-deploy succeeds" run "${work}/rollback-deploy-1.log" rollback-deploy ENV=local ANSIBLE_ARGS="${deploy_args}"
expect "and says plainly that nothing was changed" log_has "NOTHING TO ROLL BACK, NOTHING WAS CHANGED" "${work}/rollback-deploy-1.log"
expect "image A still runs at revision 1" test "$(deployed_image) $(deployment_field 'd["metadata"]["annotations"]["deployment.kubernetes.io/revision"]')" = \
	"${registry}/tour-booking@${digest_a} 1"

step "deploy: --check --diff with a new digest"
run "${work}/deploy-3.log" deploy ENV=local IMAGE_DIGEST="${digest_b}" ANSIBLE_ARGS="${deploy_args} --check --diff" || true
expect "--check reports a change and fails nothing" grep -Eq 'localhost +: ok=[0-9]+ +changed=[1-9][0-9]* +unreachable=0 +failed=0' "${work}/deploy-3.log"
expect "--check leaves image A running" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"

step "deploy: B, then the Verify stage fails twice (rollback after an earlier rollback)"
expect "deploy of B succeeds" run "${work}/deploy-4.log" deploy ENV=local IMAGE_DIGEST="${digest_b}" ANSIBLE_ARGS="${deploy_args}"
expect "B runs at revision 2, recorded with revision_before 1" test "$(deployed_image) $(recorded revision_before)" = \
	"${registry}/tour-booking@${digest_b} 1"
# Another tool's annotation on the Deployment, which a rollback must leave alone.
curl -fsS -o /dev/null --cacert "${work}/pki/ca.crt" -H "Authorization: Bearer ${admin_token}" -X PATCH \
	-H 'Content-Type: application/merge-patch+json' -d '{"metadata":{"annotations":{"example.com/owner":"bookings"}}}' \
	"${api}/apis/apps/v1/namespaces/tour-booking/deployments/tour-booking"
events=$(event_count)
expect "make rollback-deploy succeeds" run "${work}/rollback-deploy-2.log" rollback-deploy ENV=local ANSIBLE_ARGS="${deploy_args}"
expect "A runs again (revision 1's ReplicaSet, renumbered 3)" test "$(deployed_image) $(deployment_field 'd["metadata"]["annotations"]["deployment.kubernetes.io/revision"]')" = \
	"${registry}/tour-booking@${digest_a} 3"
expect "rollback-started and rollback-succeeded events" test "$(events_since "${events}" | tr '\n' ' ')" = \
	"rollback-started ${digest_a} rollback-succeeded ${digest_a} "
expect "the rollback kept the Deployment's other annotations" test \
	"$(deployment_field 'd["metadata"]["annotations"].get("example.com/owner")')" = bookings
expect "a second make rollback-deploy succeeds" run "${work}/rollback-deploy-3.log" rollback-deploy ENV=local ANSIBLE_ARGS="${deploy_args}"
expect "and does not go to revision current-1 (B): A still runs" test "$(deployed_image)" = "${registry}/tour-booking@${digest_a}"
expect "saying it was already rolled back" log_has "already rolled back" "${work}/rollback-deploy-3.log"
expect "an on-demand make rollback goes where kubectl rollout undo goes (B, revision 2)" \
	run "${work}/rollback-1.log" rollback ENV=local ANSIBLE_ARGS="${deploy_args}"
expect "B runs" test "$(deployed_image)" = "${registry}/tour-booking@${digest_b}"

step "deploy: a namespace-scoped deployer whose apply is refused (403 on the Namespace)"
as_identity "${deployer_token}"
events=$(event_count)
if run "${work}/deploy-5.log" deploy ENV=local IMAGE_DIGEST="${digest_g}" ANSIBLE_ARGS="${deploy_args}"; then
	ko "a refused apply fails the play"
else
	expect "a refused apply fails clearly: nothing changed, nothing rolled back" log_has "DEPLOY FAILED, NOTHING WAS CHANGED, NOTHING ROLLED BACK" "${work}/deploy-5.log"
	expect "naming the refusal" log_has 'cannot patch resource \\*"namespaces\\*"' "${work}/deploy-5.log"
fi
expect "B still runs" test "$(deployed_image)" = "${registry}/tour-booking@${digest_b}"
expect "deploy-started and deploy-failed events only (no rollback)" test "$(events_since "${events}" | tr '\n' ' ')" = \
	"deploy-started ${digest_g} deploy-failed ${digest_g} "

step "deploy: the same deployer without the Namespace (staging/production), during a rolling update"
# B's pods (127.0.0.1) terminate once D's are up; they fail now, as an exiting pod in its preStop does.
echo "${digest_d} 127.0.0.2" >>"${work}/cluster/pod-ips"
echo "${digest_e} 127.0.0.3" >>"${work}/cluster/pod-ips"
touch "${work}/unhealthy/127.0.0.1"
: >"${work}/pod-hits.log"
expect "deploy of D succeeds with tour_booking_apply_namespace=false" run "${work}/deploy-6.log" deploy ENV=local \
	IMAGE_DIGEST="${digest_d}" ANSIBLE_ARGS="${deploy_args} -e tour_booking_apply_namespace=false"
expect "and called only the new pods (127.0.0.2)" bash -c "test -s '${work}/pod-hits.log' && ! grep -qv '^127.0.0.2 ' '${work}/pod-hits.log'"
rm -f "${work}/unhealthy/127.0.0.1"
touch "${work}/unhealthy/127.0.0.3"
cp "${work}/events.jsonl" "${work}/events-before-failure.jsonl"
events=$(event_count)
if run "${work}/deploy-7.log" deploy ENV=local IMAGE_DIGEST="${digest_e}" ANSIBLE_ARGS="${deploy_args} -e tour_booking_apply_namespace=false"; then
	ko "new pods failing the smoke check fail the deploy, although the old pods still answer"
else
	expect "new pods failing the smoke check fail the deploy and roll back" log_has "DEPLOY FAILED and ROLLED BACK.*Smoke" "${work}/deploy-7.log"
fi
rm -f "${work}/unhealthy/127.0.0.3"
expect "D runs again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_d}"
expect "deploy-started, deploy-failed, rollback-started, rollback-succeeded" test "$(events_since "${events}" | tr '\n' ' ')" = \
	"deploy-started ${digest_e} deploy-failed ${digest_e} rollback-started ${digest_d} rollback-succeeded ${digest_d} "
tail -n +"$((events + 1))" "${work}/events.jsonl" >"${work}/captured-failure.jsonl"
as_identity "${admin_token}"

step "deploy: a rollout whose updatedReplicas stays below replicas (an old pod still serves)"
echo "${digest_f}" >>"${work}/cluster/stuck-digests"
if run "${work}/deploy-8.log" deploy ENV=local IMAGE_DIGEST="${digest_f}" ANSIBLE_ARGS="${deploy_args}"; then
	ko "the ready-wait is not satisfied while updatedReplicas < replicas"
else
	expect "the ready-wait is not satisfied while updatedReplicas < replicas" log_has "DEPLOY FAILED and ROLLED BACK.*did not complete" "${work}/deploy-8.log"
fi
expect "D runs again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_d}"

step "deploy: a rollout that stalls (ProgressDeadlineExceeded)"
echo "${digest_c}" >>"${work}/cluster/fail-digests"
if run "${work}/deploy-9.log" deploy ENV=local IMAGE_DIGEST="${digest_c}" ANSIBLE_ARGS="${deploy_args}"; then
	ko "a stalled rollout fails the play"
else
	expect "a stalled rollout fails the play at once, saying it rolled back" log_has "DEPLOY FAILED and ROLLED BACK.*ProgressDeadlineExceeded" "${work}/deploy-9.log"
fi
expect "D runs again" test "$(deployed_image)" = "${registry}/tour-booking@${digest_d}"
expect "the event and API tokens never appear in the output" bash -c \
	"! grep -qE '${DEPLOY_EVENT_TOKEN}|${admin_token}|${deployer_token}|${AWS_SECRET_ACCESS_KEY}|${registry_password}' ${work}/*.log"

step "deploy events: captured from this run, checked against the contract and the committed sample"
cat "${work}/captured-success.jsonl" "${work}/captured-failure.jsonl" >"${work}/captured.jsonl"
expect "every captured event satisfies elk/elasticsearch/datasets.yml tourbooking.deploy" \
	/usr/bin/python3 "${tests}/deploy_events.py" check "${root}/elk/elasticsearch/datasets.yml" "${work}/captured.jsonl"
/usr/bin/python3 "${tests}/deploy_events.py" normalise "${work}/captured.jsonl" >"${work}/captured.ndjson"
sample="${root}/elk/samples/captured/ansible-deploy-events.ndjson"
if [[ "${UPDATE_SAMPLES:-}" == 1 ]]; then
	mkdir -p "$(dirname "${sample}")"
	cp "${work}/captured.ndjson" "${sample}"
	echo "UPDATE_SAMPLES=1: wrote ${sample}"
fi
expect "the captured events equal ${sample#"${root}/"} (UPDATE_SAMPLES=1 rewrites it)" diff -u "${sample}" "${work}/captured.ndjson"

step "make targets pick the environment's inventory"
for env in staging production; do
	expect "make push ENV=${env} runs push-image.yml with inventories/${env}" bash -c \
		"make --no-print-directory -n -C '${root}' push ENV=${env} IMAGE_TAR='${image_tar}' | grep -q 'ansible-playbook -i inventories/${env}/hosts.yml playbooks/push-image.yml'"
	expect "make deploy ENV=${env} obtains the kubeconfig, then runs deploy.yml with inventories/${env}" bash -c \
		"make --no-print-directory -n -C '${root}' deploy ENV=${env} IMAGE_DIGEST=${digest_a} | tr '\n' ' ' | grep -q 'inventories/${env}/hosts.yml playbooks/kubeconfig.yml .*inventories/${env}/hosts.yml playbooks/deploy.yml -e image_digest=${digest_a}'"
	expect "inventories/${env} names its EKS cluster and its deploy event URL" bash -c \
		"cd '${root}/ansible' && ansible-inventory -i inventories/${env}/hosts.yml --host localhost | grep -q '\"tour_booking_eks_cluster\": \"tour-booking-${env}\"' && ansible-inventory -i inventories/${env}/hosts.yml --host localhost | grep -q '\"tour_booking_deploy_event_url\": \"http'"
done

printf '\nansible-test: %d passed, %d failed\n' "${passed}" "${failed}"
((failed == 0)) || die "some checks failed; logs in ${work}"
