#!/usr/bin/env bash
# Builds the Java 17 JRE base image for amd64 and arm64 offline (jlink of Debian's JDK 17 jmods
# for each architecture on Debian's runtime libraries of that architecture), pushes it as one
# OCI image index and records its digest for `make image`.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# Runtime libraries of the JVM (libc, libstdc++, libgcc, zlib) and tini as PID 1.
DEBIAN_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g tini)
BASE_ARCHES="${BASE_ARCHES:-amd64 arm64}"
# Every file in the image gets this time, so that the same inputs give the same digest.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1}"
JAVA_DIR=/opt/java/openjdk

usage() {
	cat <<USAGE
Usage: image/base-image.sh [--help]

Builds a Java 17 JRE base image for ${BASE_ARCHES} without internet access and pushes it to
IMAGE_REGISTRY (default ${IMAGE_REGISTRY}, the developer registry: start it first with make registry-up):
  - per architecture, Debian's ${DEBIAN_PACKAGES[*]} packages (apt-get download NAME:ARCH)
    unpacked into a root filesystem, a uid/gid 1000 user 'app', /tmp with mode 1777, the Java
    CA certificates;
  - Debian's openjdk-17-jdk-headless jmods of that architecture, linked with jlink of the same
    JDK version (jlink only links jmods of its own exact version, so the amd64 JDK that runs
    jlink is Debian's package of that version, unpacked here, not the machine's JDK) with the
    modules in image/base/jre-modules.txt into ${JAVA_DIR};
  - packed with umoci (user 1000, PATH, JAVA_HOME, OCI labels, os/architecture), joined in one
    OCI image index and pushed with skopeo copy --all.
Adds arm64 to dpkg's architectures (apt-get update) when needed. Writes
${STATE_DIR}/base-image.ref: the pushed index pinned by digest, which make image uses.

Environment: IMAGE_REGISTRY, REGISTRY_AUTH_FILE and REGISTRY_CERT_DIR (skopeo's credentials and
extra CA), BASE_REPOSITORY (default ${BASE_REPOSITORY}), BASE_ARCHES (default "${BASE_ARCHES}"),
SOURCE_DATE_EPOCH (file times, default 1), IMAGE_STATE_DIR.
USAGE
}

# Debian's name of an architecture's GNU triplet directory and binutils prefix.
gnu_triplet() {
	case "$1" in
	amd64) echo x86_64-linux-gnu ;;
	arm64) echo aarch64-linux-gnu ;;
	*) die "unsupported architecture '$1' (BASE_ARCHES: amd64 and/or arm64)" ;;
	esac
}

# Foreign architectures need dpkg --add-architecture and their package lists.
ensure_architectures() {
	local arch native
	native="$(dpkg --print-architecture)"
	[[ "${native}" == amd64 ]] || die "base-image.sh runs on amd64 machines (this one is ${native})"
	for arch in ${BASE_ARCHES}; do
		gnu_triplet "${arch}" >/dev/null
		[[ "${arch}" == "${native}" ]] && continue
		dpkg --print-foreign-architectures | grep -qx "${arch}" && continue
		[[ ${EUID} -eq 0 ]] || die "dpkg has no ${arch} architecture: as root run dpkg --add-architecture ${arch} && apt-get update"
		log "adding the ${arch} architecture to dpkg (apt-get update)"
		dpkg --add-architecture "${arch}"
		apt-get update -qq >/dev/null || die "apt-get update failed: check access to Debian's mirrors"
	done
	# jlink strips native debug symbols with the target architecture's objcopy.
	ensure_packages binutils
	if [[ " ${BASE_ARCHES} " == *" arm64 "* ]]; then
		ensure_packages binutils-aarch64-linux-gnu
	fi
}

# apt-get download NAMES... into DIR; a fresh machine may have no package lists yet.
download_packages() {
	local dir="$1"
	shift
	mkdir -p "${dir}"
	(cd "${dir}" && apt-get download "$@" >/dev/null 2>&1) && return 0
	log "apt-get download failed; refreshing the package lists once"
	apt-get update -qq >/dev/null || die "apt-get update failed: check access to Debian's mirrors"
	(cd "${dir}" && apt-get download "$@" >/dev/null) || die "apt-get download $* failed"
}

# Unpacks the JDK that runs jlink (amd64, the version of every architecture's jmods) and each
# architecture's jmods; prints the JDK version.
prepare_jdks() {
	local work="$1" arch version="" v deb
	# shellcheck disable=SC2046 # one package per architecture
	download_packages "${work}/jdk-debs" openjdk-17-jre-headless:amd64 \
		$(for arch in ${BASE_ARCHES}; do echo "openjdk-17-jdk-headless:${arch}"; done)
	for arch in ${BASE_ARCHES}; do
		# shellcheck disable=SC2016 # dpkg-deb's own ${Field} syntax
		v="$(dpkg-deb --showformat='${Version}' -W "${work}"/jdk-debs/openjdk-17-jdk-headless_*_"${arch}".deb)"
		[[ -z "${version}" || "${v}" == "${version}" ]] ||
			die "Debian offers openjdk-17-jdk-headless ${version} and ${v} for different architectures: jlink needs one version; run apt-get update and retry"
		version="${v}"
		mkdir -p "${work}/jdk-${arch}"
		dpkg-deb -x "${work}"/jdk-debs/openjdk-17-jdk-headless_*_"${arch}".deb "${work}/jdk-${arch}"
	done
	dpkg-deb -x "${work}"/jdk-debs/openjdk-17-jre-headless_*_amd64.deb "${work}/jdk-amd64"
	"$(jlink_tool "${work}")" --version >/dev/null || die "the unpacked JDK ${version} does not run"
	sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "${work}/jdk-amd64/usr/lib/jvm/java-17-openjdk-amd64/release"
}

jlink_tool() { echo "$1/jdk-amd64/usr/lib/jvm/java-17-openjdk-amd64/bin/jlink"; }

build_rootfs() {
	local work="$1" arch="$2" rootfs="$1/${2}/rootfs" triplet deb
	triplet="$(gnu_triplet "${arch}")"
	mkdir -p "${rootfs}"
	download_packages "${work}/${arch}/debs" "${DEBIAN_PACKAGES[@]/%/:${arch}}"
	: >"${work}/${arch}/packages.txt"
	for deb in "${work}/${arch}"/debs/*.deb; do
		dpkg-deb -x "${deb}" "${rootfs}"
		# shellcheck disable=SC2016 # dpkg-deb's own ${Field} syntax
		dpkg-deb --showformat='${Package}=${Version}\n' -W "${deb}" >>"${work}/${arch}/packages.txt"
	done
	# Only what the JVM loads: no manuals, locales or iconv modules; keep the licences.
	rm -rf "${rootfs}"/usr/share/{man,info,lintian,locale} "${rootfs}/usr/lib/${triplet}/gconv" \
		"${rootfs}"/usr/bin/tini-static "${rootfs}"/sbin/ldconfig* "${rootfs}"/usr/bin/{iconv,ldd,locale,localedef,getconf,getent,zdump,catchsegv,pldd,tzselect,sprof,gencat}
	find "${rootfs}/usr/share/doc" -type f ! -name copyright -delete
	cp -a "${IMAGE_DIR}/base/rootfs/." "${rootfs}/"
	mkdir -p "${rootfs}/tmp"
	chmod 1777 "${rootfs}/tmp"

	local modules
	modules="$(grep -vE '^\s*(#|$)' "${IMAGE_DIR}/base/jre-modules.txt" | paste -sd,)"
	log "jlink (${arch}) ${modules}"
	# What --strip-debug does, with the objcopy of the target's binutils: the host's objcopy
	# cannot read arm64 libraries (and jlink only warns, exit status 0). No --generate-cds-archive:
	# JDK 17 writes a different CDS archive on every run (same inputs must give the same digest).
	"$(jlink_tool "${work}")" --module-path "${work}/jdk-${arch}/usr/lib/jvm/java-17-openjdk-${arch}/jmods" \
		--add-modules "${modules}" --strip-java-debug-attributes \
		--strip-native-debug-symbols "objcopy=/usr/bin/${triplet}-objcopy" \
		--no-man-pages --no-header-files --output "${rootfs}${JAVA_DIR}" ||
		die "jlink for ${arch} failed"
	# Debian's JDK links cacerts to /etc/ssl/certs/java/cacerts: put the real file in the image.
	rm -f "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	cp -L /etc/ssl/certs/java/cacerts "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	chmod 0644 "${rootfs}${JAVA_DIR}/lib/security/cacerts"
	find "${rootfs}" -exec touch -h -d "@${SOURCE_DATE_EPOCH}" {} +
}

# Packs WORK/ARCH/rootfs as the image tagged ARCH in the OCI layout WORK/oci.
pack_image() {
	local work="$1" arch="$2" version="$3" created
	created="$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ)"
	local layout="${work}/oci" bundle="${work}/${arch}/bundle"
	[[ -d "${layout}" ]] || umoci init --layout "${layout}"
	umoci new --image "${layout}:${arch}"
	umoci unpack --image "${layout}:${arch}" "${bundle}" >/dev/null
	cp -a "${work}/${arch}/rootfs/." "${bundle}/rootfs/"
	touch -h -d "@${SOURCE_DATE_EPOCH}" "${bundle}/rootfs"
	umoci repack --image "${layout}:${arch}" --history.created "${created}" \
		--history.created_by "image/base-image.sh (jlink ${version}; $(paste -sd' ' "${work}/${arch}/packages.txt"))" \
		"${bundle}"
	umoci config --image "${layout}:${arch}" --created "${created}" --history.created "${created}" \
		--author "tour-booking image/base-image.sh" --os linux --architecture "${arch}" \
		--config.user 1000:1000 --config.workingdir / \
		--config.env "PATH=${JAVA_DIR}/bin:/usr/bin:/bin" --config.env "JAVA_HOME=${JAVA_DIR}" \
		--config.env "JAVA_VERSION=${version}" \
		--config.label "org.opencontainers.image.title=tour-booking Java 17 JRE" \
		--config.label "org.opencontainers.image.description=jlink JRE on Debian 12 runtime libraries, uid 1000" \
		--config.label "org.opencontainers.image.version=${version}"
}

# Joins the per-architecture images of WORK/oci into one OCI image index tagged 'base'.
index_images() {
	local layout="$1/oci" arch digests=()
	for arch in ${BASE_ARCHES}; do
		digests+=("$(jq -r --arg t "${arch}" \
			'.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "${layout}/index.json")")
	done
	oci_index "${layout}" base "${digests[@]}" >"$1/index.digest"
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
	ensure_architectures

	local version tag arch work="${STATE_DIR}/base" started=${SECONDS}
	rm -rf "${work}"
	mkdir -p "${work}"
	log "downloading Debian's JDK 17 for ${BASE_ARCHES}"
	version="$(prepare_jdks "${work}")"
	[[ -n "${version}" ]] || die "cannot read JAVA_RUNTIME_VERSION of the unpacked JDK"
	tag="${version//+/_}"
	for arch in ${BASE_ARCHES}; do
		log "building the JRE base image ${version} for ${arch} in ${work}/${arch}"
		build_rootfs "${work}" "${arch}"
		pack_image "${work}" "${arch}" "${version}"
	done
	index_images "${work}"

	local ref="${IMAGE_REGISTRY}/${BASE_REPOSITORY}:${tag}"
	log "pushing ${ref} (${BASE_ARCHES})"
	# Credentials from skopeo's auth file (REGISTRY_AUTH_FILE; for ECR a credHelpers entry naming
	# ecr-login), TLS always verified (REGISTRY_CERT_DIR adds a private CA).
	# shellcheck disable=SC2046 # one option per line
	skopeo copy --quiet --all --preserve-digests $(skopeo_tls dest-) --digestfile "${work}/digest" \
		"oci:${work}/oci:base" "docker://${ref}" ||
		die "skopeo could not push ${ref}: is the registry up (make registry-up), does REGISTRY_AUTH_FILE give credentials for ${IMAGE_REGISTRY} (ECR: {\"credHelpers\": {\"${IMAGE_REGISTRY}\": \"ecr-login\"}}) and does the repository ${BASE_REPOSITORY} exist (ECR does not create it on push)?"
	local digest
	digest="$(cat "${work}/digest")"
	[[ "${digest}" == "$(cat "${work}/index.digest")" ]] ||
		die "the registry holds ${digest}, not the index built here"
	echo "${IMAGE_REGISTRY}/${BASE_REPOSITORY}@${digest}" >"${STATE_DIR}/base-image.ref"
	log "base image ${ref} = ${digest} ($((SECONDS - started)) s; ${BASE_ARCHES}; JDK ${version})"
	cat "${STATE_DIR}/base-image.ref"
}

main "$@"
