# shellcheck shell=bash disable=SC2034 # the variables below are used by the sourcing scripts
# Shared helpers for the image scripts: logging, installing Debian packages on demand,
# the local registry and podman's configuration. Sourced, never run.

# Paths and names used by the scripts that source this file.
IMAGE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "${IMAGE_DIR}/.." && pwd)"
STATE_DIR="${IMAGE_STATE_DIR:-${IMAGE_DIR}/target}"
REGISTRY_ADDR="${REGISTRY_ADDR:-127.0.0.1:5000}"
# Where images go (ECR in CI: ACCOUNT.dkr.ecr.REGION.amazonaws.com); the developer registry by default.
IMAGE_REGISTRY="${IMAGE_REGISTRY:-${REGISTRY_ADDR}}"
BASE_REPOSITORY="${BASE_REPOSITORY:-tour-booking/jre}"
APP_REPOSITORY="${APP_REPOSITORY:-tour-booking/app}"
MVN="${MVN:-./mvnw -B -ntp}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

# Installs the Debian packages that are missing (idempotent; apt-get update only when needed).
ensure_packages() {
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${pkg}")
	done
	[[ ${#missing[@]} -eq 0 ]] && return 0
	[[ ${EUID} -eq 0 ]] || die "missing packages ${missing[*]}: install them with apt-get as root"
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
		die "apt-get update failed: check the network access to Debian's mirrors"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
}

# The tools every image script needs.
ensure_image_tools() {
	ensure_packages docker-registry skopeo umoci podman runc netavark aardvark-dns iptables curl jq \
		ca-certificates-java openssl apache2-utils amazon-ecr-credential-helper
}

# Starts a docker-registry on ADDR shaped like ECR: HTTPS with a certificate from a CA made here
# (subjectAltName IP:127.0.0.1) and htpasswd basic auth for the user AWS (ECR's user name) with a
# random password. Storage in DIR/storage, pid in DIR/registry.pid, CA in DIR/certs/ca.crt,
# password in DIR/auth/password (mode 600). The auth and tls keys are the registry's own config
# (distribution 2.8 configuration.md: auth.htpasswd.{realm,path}, http.tls.{certificate,key}).
registry_start() {
	local dir="$1" addr="$2"
	mkdir -p "${dir}/storage"
	if registry_running "${dir}"; then
		log "registry already running (pid $(cat "${dir}/registry.pid")) on ${addr}"
		return 0
	fi
	if curl -sk -o /dev/null --max-time 2 "https://${addr}/v2/" 2>/dev/null ||
		curl -s -o /dev/null --max-time 2 "http://${addr}/v2/" 2>/dev/null; then
		die "something already answers on ${addr}: stop it (make registry-down) or set REGISTRY_ADDR"
	fi
	registry_credentials "${dir}" "${addr}"
	log "starting registry on https://${addr} (TLS, htpasswd auth; storage ${dir}/storage)"
	REGISTRY_HTTP_ADDR="${addr}" REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY="${dir}/storage" \
		REGISTRY_HTTP_TLS_CERTIFICATE="${dir}/tls/server.crt" REGISTRY_HTTP_TLS_KEY="${dir}/tls/server.key" \
		REGISTRY_AUTH_HTPASSWD_PATH="${dir}/auth/htpasswd" \
		setsid docker-registry serve "${IMAGE_DIR}/registry/config.yml" >"${dir}/registry.log" 2>&1 &
	echo $! >"${dir}/registry.pid"
	local _ status
	for _ in $(seq 1 50); do
		# 401 is the answer of a healthy registry to a client without credentials.
		status="$(curl -s -o /dev/null -w '%{http_code}' --cacert "${dir}/certs/ca.crt" --max-time 1 \
			"https://${addr}/v2/" 2>/dev/null || true)"
		if [[ "${status}" == 401 ]]; then
			log "registry is up on https://${addr}"
			return 0
		fi
		registry_running "${dir}" || break
		sleep 0.2
	done
	tail -n 20 "${dir}/registry.log" >&2 || true
	registry_stop "${dir}"
	die "registry did not start on ${addr}: see ${dir}/registry.log"
}

# Makes the CA, the server certificate for ADDR's IP and the htpasswd file, once per DIR.
registry_credentials() {
	local dir="$1" addr="$2" host="${2%:*}"
	[[ -s "${dir}/auth/htpasswd" && -s "${dir}/certs/ca.crt" ]] && return 0
	ensure_packages openssl apache2-utils
	mkdir -p "${dir}/tls" "${dir}/certs" "${dir}/auth"
	chmod 700 "${dir}/tls" "${dir}/auth"
	local san="IP:${host}"
	[[ "${host}" =~ ^[0-9.]+$ ]] || san="DNS:${host}"
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=tour-booking test registry CA" \
		-keyout "${dir}/tls/ca.key" -out "${dir}/certs/ca.crt" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=${host}" \
		-keyout "${dir}/tls/server.key" -out "${dir}/tls/server.csr" 2>/dev/null
	openssl x509 -req -in "${dir}/tls/server.csr" -CA "${dir}/certs/ca.crt" -CAkey "${dir}/tls/ca.key" \
		-CAcreateserial -days 30 -out "${dir}/tls/server.crt" \
		-extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "${san}") 2>/dev/null
	(umask 077 && openssl rand -hex 24 >"${dir}/auth/password")
	htpasswd -Bbn AWS "$(cat "${dir}/auth/password")" >"${dir}/auth/htpasswd" 2>/dev/null
}

registry_running() {
	local dir="$1"
	[[ -f "${dir}/registry.pid" ]] && kill -0 "$(cat "${dir}/registry.pid")" 2>/dev/null
}

# Stops the registry started by registry_start in DIR (by its pid, never by name).
registry_stop() {
	local dir="$1" pid
	[[ -f "${dir}/registry.pid" ]] || return 0
	pid="$(cat "${dir}/registry.pid")"
	if kill -0 "${pid}" 2>/dev/null; then
		kill "${pid}" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "${pid}" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "${pid}" 2>/dev/null && kill -9 "${pid}" 2>/dev/null
		log "registry stopped (pid ${pid})"
	fi
	rm -f "${dir}/registry.pid"
}

# Points every client at the registry in DIR the way an agent is set up: the CA (skopeo and
# podman --cert-dir, Jib through a trust store) and a containers/Docker auth file. With
# HELPER (e.g. ecr-login) the auth file names that credential helper for ADDR (credHelpers,
# as in production); without it, it holds the password itself (the developer registry).
registry_client_env() {
	local dir="$1" addr="$2" helper="${3:-}" config
	mkdir -p "${dir}/client"
	config="${dir}/client/config.json"
	if [[ -n "${helper}" ]]; then
		jq -n --arg a "${addr}" --arg h "${helper}" '{credHelpers: {($a): $h}}' >"${config}"
	else
		(umask 077 && jq -n --arg a "${addr}" --arg t "$(printf 'AWS:%s' "$(cat "${dir}/auth/password")" | base64 -w0)" \
			'{auths: {($a): {auth: $t}}}' >"${config}")
	fi
	export REGISTRY_CERT_DIR="${dir}/certs" IMAGE_REGISTRY_CA="${dir}/certs/ca.crt"
	export REGISTRY_AUTH_FILE="${config}" DOCKER_CONFIG="${dir}/client"
}

# skopeo_tls PREFIX: skopeo's TLS options for IMAGE_REGISTRY (PREFIX is "", "src-" or "dest-").
# Certificates are always verified, except for a plain-HTTP loopback registry (IMAGE_REGISTRY_INSECURE).
skopeo_tls() {
	local prefix="$1"
	if registry_insecure "${IMAGE_REGISTRY}"; then
		echo "--${prefix}tls-verify=false"
		return 0
	fi
	echo "--${prefix}tls-verify=true"
	[[ -z "${REGISTRY_CERT_DIR:-}" ]] || echo "--${prefix}cert-dir=${REGISTRY_CERT_DIR}"
}

is_loopback_ref() {
	[[ "$1" == 127.0.0.1[:/]* || "$1" == localhost[:/]* || "$1" == "[::1]"[:/]* ]]
}

# True when IMAGE_REGISTRY_INSECURE=true asks for plain HTTP; refuses it for any registry that
# is not on the loopback interface (ECR and every other remote registry must use TLS).
registry_insecure() {
	[[ "${IMAGE_REGISTRY_INSECURE:-false}" == true ]] || return 1
	is_loopback_ref "$1/" ||
		die "IMAGE_REGISTRY_INSECURE=true is only for a loopback development registry, not for '$1': unset it (TLS is required)"
}

# The developer registry (make registry-up) wrote its CA and credentials: use them for it unless
# the caller brought its own client set-up.
dev_registry_client() {
	local dir="${STATE_DIR}/registry"
	[[ "${IMAGE_REGISTRY}" == "${REGISTRY_ADDR}" && -z "${REGISTRY_AUTH_FILE:-}" && -s "${dir}/client/config.json" ]] || return 0
	export REGISTRY_CERT_DIR="${dir}/certs" IMAGE_REGISTRY_CA="${dir}/certs/ca.crt"
	export REGISTRY_AUTH_FILE="${dir}/client/config.json" DOCKER_CONFIG="${dir}/client"
}
dev_registry_client

# Points podman and skopeo at our containers.conf and at a registries.conf without search
# registries (every reference is fully qualified; nothing is ever pulled from a public registry).
podman_configure() {
	local dir="$1"
	mkdir -p "${dir}"
	cat >"${dir}/registries.conf" <<CONF
# Generated by image/lib/common.sh.
unqualified-search-registries = []
CONF
	export CONTAINERS_CONF="${IMAGE_DIR}/podman/containers.conf"
	export CONTAINERS_REGISTRIES_CONF="${dir}/registries.conf"
}

# oci_index LAYOUT REF_NAME MANIFEST_DIGEST...: writes an OCI image index of the manifests
# (blobs in the OCI layout LAYOUT) into LAYOUT, each with the platform its image config states
# (image-spec image-index.md), names it REF_NAME in LAYOUT/index.json and prints its digest.
oci_index() {
	local layout="$1" name="$2" digest blob config media platform manifests="[]" index
	shift 2
	for digest in "$@"; do
		blob="${layout}/blobs/sha256/${digest#sha256:}"
		[[ -s "${blob}" ]] || die "no manifest ${digest} in ${layout}"
		media="$(jq -r '.mediaType // "application/vnd.oci.image.manifest.v1+json"' "${blob}")"
		config="$(jq -r .config.digest "${blob}")"
		platform="$(jq -c '{architecture, os}' "${layout}/blobs/sha256/${config#sha256:}")"
		manifests="$(jq -c --arg m "${media}" --arg d "${digest}" --argjson s "$(stat -c %s "${blob}")" \
			--argjson p "${platform}" '. + [{mediaType: $m, digest: $d, size: $s, platform: $p}]' <<<"${manifests}")"
	done
	index="$(jq -c -n --argjson m "${manifests}" \
		'{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: $m}')"
	digest="sha256:$(printf '%s' "${index}" | sha256sum | cut -d' ' -f1)"
	printf '%s' "${index}" >"${layout}/blobs/sha256/${digest#sha256:}"
	jq -c --arg n "${name}" --arg d "${digest}" --argjson s "${#index}" \
		'.manifests = [.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] != $n)]
		+ [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $d, size: $s,
		    annotations: {"org.opencontainers.image.ref.name": $n}}]' "${layout}/index.json" >"${layout}/index.json.new"
	mv "${layout}/index.json.new" "${layout}/index.json"
	echo "${digest}"
}
