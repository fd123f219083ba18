#!/usr/bin/env bash
# Starts, stops or reports the local registry used for offline image builds.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
	cat <<USAGE
Usage: image/registry.sh up|down|status

Runs Debian's docker-registry on https://${REGISTRY_ADDR} shaped like ECR: TLS with a CA made here
(${STATE_DIR}/registry/certs/ca.crt, certificate for IP ${REGISTRY_ADDR%:*}) and htpasswd auth (user AWS,
random password in ${STATE_DIR}/registry/auth/password), loopback only, storage in
${STATE_DIR}/registry/storage. Writes a client auth file (${STATE_DIR}/registry/client/config.json)
that make base-image, make image and image/push.sh use for this registry. Installs
docker-registry, openssl and apache2-utils if missing (as root).

  up      start it in the background (pid in ${STATE_DIR}/registry/registry.pid)
  down    stop it (by that pid) and keep its storage
  status  say whether it runs and list its repositories

Environment: REGISTRY_ADDR (default 127.0.0.1:5000), IMAGE_STATE_DIR (default image/target).
USAGE
}

main() {
	local dir="${STATE_DIR}/registry"
	case "${1:-}" in
	up)
		ensure_packages docker-registry curl jq
		registry_start "${dir}" "${REGISTRY_ADDR}"
		registry_client_env "${dir}" "${REGISTRY_ADDR}"
		log "other clients: skopeo/podman --cert-dir ${dir}/certs --authfile ${dir}/client/config.json"
		;;
	down)
		registry_stop "${dir}"
		;;
	status)
		if registry_running "${dir}"; then
			echo "registry running (pid $(cat "${dir}/registry.pid")) on ${REGISTRY_ADDR}"
			curl -fsS --cacert "${dir}/certs/ca.crt" -u "AWS:$(cat "${dir}/auth/password")" \
				"https://${REGISTRY_ADDR}/v2/_catalog"
			echo
		else
			echo "registry not running"
			return 3
		fi
		;;
	-h | --help)
		usage
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
