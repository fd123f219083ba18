#!/usr/bin/env bash
# Builds the Java 17 JRE base image offline (jlink of the local JDK on Debian's runtime
# libraries), pushes it to the local registry and records its digest for `make image`.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

JDK_HOME="${BASE_JDK_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
# Runtime libraries of the JVM (libc, libstdc++, libgcc, zlib) and tini as PID 1.
DEBIAN_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g tini)
# Every file in the image gets this time, so that the same inputs give the same digest.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1}"
JAVA_DIR=/opt/java/openjdk

usage() {
	cat <<USAGE
Usage: image/base-image.sh [--help]

Builds a Java 17 JRE base image without internet access and pushes it to the registry at
${REGISTRY_ADDR} (start it first: make registry-up):
  - Debian's ${DEBIAN_PACKAGES[*]} packages (apt-get download) unpacked into a root filesystem,
  - a uid/gid 1000 user 'app', /tmp with mode 1777, the Java CA certificates,
  - jlink of ${JDK_HOME} with the modules in image/base/jre-modules.txt into ${JAVA_DIR},
  - packed with umoci (user 1000, PATH, JAVA_HOME, OCI labels), pushed with skopeo.
Writes ${STATE_DIR}/base-image.ref: the pushed image pinned by digest, which make image uses.

Environment: REGISTRY_ADDR, BASE_REPOSITORY (default ${BASE_REPOSITORY}), BASE_JDK_HOME (a JDK 17
with jmods/), SOURCE_DATE_EPOCH (file times, default 1), IMAGE_STATE_DIR.
USAGE
}

# apt-get download needs package lists; a fresh machine may have none yet.
download_packages() {
	local dir="$1"
	(cd "${dir}" && apt-get download "${DEBIAN_PACKAGES[@]}" >/dev/null 2>&1) && return 0
	log "apt-get download failed; refreshing the package lists once"
	apt-get update -qq >/dev/null || die "apt-get update failed: check access to Debian's mirrors"
	(cd "${dir}" && apt-get download "${DEBIAN_PACKAGES[@]}" >/dev/null) ||
		die "apt-get download ${DEBIAN_PACKAGES[*]} failed"
}

build_rootfs() {
	local work="$1" rootfs="$1/rootfs" deb
	mkdir -p "${work}/debs" "${rootfs}"
	download_packages "${work}/debs"
	: >"${work}/packages.txt"
	for deb in "${work}"/debs/*.deb; do
		dpkg-deb -x "${deb}" "${rootfs}"
		# shellcheck disable=SC2016 # dpkg-deb's own ${Field} syntax
		dpkg-deb --showformat='${Package}=${Version}\n' -W "${deb}" >>"${work}/packages.txt"
	done
	# Only what the JVM loads: no manuals, locales or iconv modules; keep the licences.
	rm -rf "${rootfs}"/usr/share/{man,info,lintian,locale} "${rootfs}"/usr/lib/x86_64-linux-gnu/gconv \
		"${rootfs}"/usr/bin/tini-static "${rootfs}"/sbin/ldconfig* "${rootfs}"/usr/bin/{iconv,ldd,locale,localedef,getconf,getent,zdump,catchsegv,pldd,tzselect,sprof,gencat}
	find "${rootfs}/usr/share/doc" -type f ! -name copyright -delete
	cp -a "${IMAGE_DIR}/base/rootfs/." "${rootfs}/"
	mkdir -p "${rootfs}/tmp"
	chmod 1777 "${rootfs}/tmp"

	local modules
	modules="$(grep -vE '^\s*(#|$)' "${IMAGE_DIR}/base/jre-modules.txt" | paste -sd,)"
	log "jlink ${modules}"
	# No --generate-cds-archive: JDK 17 writes a different CDS archive on every run, which would
	# break the same-inputs-same-digest rule.
	jlink --module-path "${JDK_HOME}/jmods" --add-modules "${modules}" \
		--strip-debug --no-man-pages --no-header-files \
		--output "${rootfs}${JAVA_DIR}"
	# Debian's JDK links cacerts to /etc/ssl/certs/java/cacerts: put the real file in the image.
	rm -f "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	cp -L /etc/ssl/certs/java/cacerts "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	chmod 0644 "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	find "${rootfs}" -exec touch -h -d "@${SOURCE_DATE_EPOCH}" {} +
}

pack_image() {
	local work="$1" version="$2" created
	created="$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ)"
	local layout="${work}/oci"
	umoci init --layout "${layout}"
	umoci new --image "${layout}:base"
	umoci unpack --image "${layout}:base" "${work}/bundle" >/dev/null
	cp -a "${work}/rootfs/." "${work}/bundle/rootfs/"
	touch -h -d "@${SOURCE_DATE_EPOCH}" "${work}/bundle/rootfs"
	umoci repack --image "${layout}:base" --history.created "${created}" \
		--history.created_by "image/base-image.sh (jlink ${version}; $(paste -sd' ' "${work}/packages.txt"))" \
		"${work}/bundle"
	umoci config --image "${layout}:base" --created "${created}" --history.created "${created}" \
		--author "tour-booking image/base-image.sh" \
		--config.user 1000:1000 --config.workingdir / \
		--config.env "PATH=${JAVA_DIR}/bin:/usr/bin:/bin" --config.env "JAVA_HOME=${JAVA_DIR}" \
		--config.env "JAVA_VERSION=${version}" \
		--config.label "org.opencontainers.image.title=tour-booking Java 17 JRE" \
		--config.label "org.opencontainers.image.description=jlink JRE on Debian 12 runtime libraries, uid 1000" \
		--config.label "org.opencontainers.image.version=${version}"
	umoci gc --layout "${layout}"
}

main() {
	case "${1:-}" in
	-h | --help)
		usage
		return 0
		;;
	"") ;;
	*)
		usage >&2
		exit 2
		;;
	esac
	ensure_image_tools
	[[ -f "${JDK_HOME}/jmods/java.base.jmod" ]] ||
		die "${JDK_HOME} has no jmods/: install openjdk-17-jdk (apt-get) or set BASE_JDK_HOME to a JDK 17 with jmods"
	curl -fsS -o /dev/null --max-time 3 "http://${REGISTRY_ADDR}/v2/" ||
		die "no registry on ${REGISTRY_ADDR}: run make registry-up first"

	local version tag work="${STATE_DIR}/base" started=${SECONDS}
	version="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "${JDK_HOME}/release")"
	[[ -n "${version}" ]] || die "cannot read JAVA_RUNTIME_VERSION from ${JDK_HOME}/release"
	tag="${version//+/_}"
	rm -rf "${work}"
	mkdir -p "${work}"
	log "building the JRE base image ${version} in ${work}"
	build_rootfs "${work}"
	pack_image "${work}" "${version}"

	local ref="${REGISTRY_ADDR}/${BASE_REPOSITORY}:${tag}"
	log "pushing ${ref}"
	skopeo copy --quiet --dest-tls-verify=false --digestfile "${work}/digest" \
		"oci:${work}/oci:base" "docker://${ref}"
	local digest
	digest="$(cat "${work}/digest")"
	echo "${REGISTRY_ADDR}/${BASE_REPOSITORY}@${digest}" >"${STATE_DIR}/base-image.ref"
	log "base image ${ref} = ${digest} ($((SECONDS - started)) s; packages: $(paste -sd' ' "${work}/packages.txt"))"
	cat "${STATE_DIR}/base-image.ref"
}

main "$@"
