#!/usr/bin/env bash
# Installs the Debian packages the Ansible targets need, only those missing (idempotent).
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -eq 0 ]]; then
	echo "Usage: ensure-packages.sh DEBIAN_PACKAGE...   (installs the missing ones with apt-get; needs root)"
	[[ $# -gt 0 ]] && exit 0 || exit 2
fi
missing=()
for package in "$@"; do
	dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${package}")
done
if ((${#missing[@]} == 0)); then
	exit 0
fi
if ((EUID != 0)); then
	echo "ensure-packages: missing ${missing[*]}; install them (sudo apt-get install ${missing[*]}) or run as root" >&2
	exit 1
fi
echo "ensure-packages: installing ${missing[*]} (about 2 minutes for ansible)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
