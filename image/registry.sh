#!/usr/bin/env bash
# Starts, stops or reports the local registry used for offline image builds.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
	cat <<USAGE
Usage: image/registry.sh up|down|status

Runs Debian's docker-registry on ${REGISTRY_ADDR} (plain HTTP, loopback only, no auth) with
storage in ${STATE_DIR}/registry/storage. Installs docker-registry if missing (as root).

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
		ensure_packages docker-registry curl
		registry_start "${dir}" "${REGISTRY_ADDR}"
		;;
	down)
		registry_stop "${dir}"
		;;
	status)
		if registry_running "${dir}"; then
			echo "registry running (pid $(cat "${dir}/registry.pid")) on ${REGISTRY_ADDR}"
			curl -fsS "http://${REGISTRY_ADDR}/v2/_catalog"
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
