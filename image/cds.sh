#!/usr/bin/env bash
# Builds the application image with an AppCDS archive made for it: a first Jib build, a training
# run of that very image (its jlinked JRE, its /app class path) with podman, a static archive of
# the classes the training run loaded, then the final Jib build that adds the archive and points
# the JVM at it. Same interface and outputs as image/build.sh (app/target/jib-image.*).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

CDS_DIR="${REPO_ROOT}/app/target/cds"
# What the final build adds to the image root: app/cds/{app.jsa,classpath}.
LAYER_DIR="${CDS_DIR}/layer"
TRAIN_TIMEOUT="${CDS_TRAIN_TIMEOUT:-300}"

usage() {
	cat <<USAGE
Usage: image/cds.sh [--push] [--help]

1. image/build.sh: the plain image (the same arguments and environment as build.sh).
2. With podman, as root: reads the image's /app/jib-classpath-file and writes a class path
   with the jars first and the directories (/app/resources, /app/classes) last: JDK 17 archives
   classes from jars only and refuses non-empty directories before the last archived entry.
3. Training run in the image: Spring Boot's refresh-and-exit (spring.context.exit=onRefresh,
   the embedded default) with -XX:DumpLoadedClassList; the service's own classes are dropped
   from the list (they live in /app/classes, a directory).
4. Static dump in the image (-Xshare:dump) to /app/cds/app.jsa with that class path.
5. image/build.sh again with the archive and the class path file as an extra layer and the JVM
   flags -XX:SharedArchiveFile=/app/cds/app.jsa -cp @/app/cds/classpath.

The archive is kept in app/target/cds/layer, keyed by the plain image's id: rebuilding the same
inputs reuses it, so the final digest is reproducible. The JVM checks the jars' paths, sizes and
modification times (Jib fixes them) and its own build: an archive made by any other JVM or for
another class path is rejected; image/container-test.sh fails when that happens.
The archive is made for the first architecture of IMAGE_ARCHES (amd64). The other ones (arm64)
carry the same files and flags, and their JVM does not use the archive: a JVM refuses an archive
another JVM build wrote and, under -Xshare:auto, starts without it (as the plain image does).

Environment: as image/build.sh, plus CDS_TRAIN_TIMEOUT (seconds, default ${TRAIN_TIMEOUT}).
USAGE
}

# podman runs the image's own java with the class path of the final image.
in_image() {
	local image="$1"
	shift
	timeout "${TRAIN_TIMEOUT}" podman run --rm --network none --read-only --tmpfs /tmp:rw,mode=1777 \
		--memory 1g -v "${LAYER_DIR}/app/cds:/cds:rw" -e LOG_FORMAT=text -e LOGGING_LEVEL_ROOT=WARN \
		--entrypoint java "${image}" "$@"
}

main() {
	case "${1:-}" in
	-h | --help)
		usage
		return 0
		;;
	--push | "") ;;
	*)
		usage >&2
		exit 2
		;;
	esac
	[[ ${EUID} -eq 0 ]] || die "run as root (podman runs the training run)"
	ensure_packages podman runc
	[[ -n "${CONTAINERS_CONF:-}" ]] || export CONTAINERS_CONF="${IMAGE_DIR}/podman/containers.conf"
	local target="${REPO_ROOT}/app/target" arches="${IMAGE_ARCHES:-amd64 arm64}"
	local first_arch="${arches%% *}"

	log "== CDS 1/4: plain image (${first_arch} only)"
	IMAGE_ARCHES="${first_arch}" IMAGE_MAVEN_ARGS="${IMAGE_MAVEN_ARGS:-}" "${IMAGE_DIR}/build.sh" ||
		die "the plain image did not build (see above)"
	local plain
	plain="$(cat "${target}/jib-image.id")"
	if [[ -s "${LAYER_DIR}/app/cds/app.jsa" && "$(cat "${CDS_DIR}/plain-image.id" 2>/dev/null)" == "${plain}" ]]; then
		log "== CDS 2-3/4: reusing the archive made for ${plain}"
	else
		rm -rf "${CDS_DIR}"
		mkdir -p "${LAYER_DIR}/app/cds"
		# The image runs as uid 1000; Jib sets the files' modes in the image itself.
		chmod 0777 "${LAYER_DIR}/app/cds"
		log "== CDS 2/4: training run in ${plain} (podman)"
		local loaded
		loaded="$(podman load -q -i "${target}/jib-image.tar")" || die "podman load of app/target/jib-image.tar failed"
		local image="${loaded##*: }"
		local container
		container="$(podman create "${image}")"
		if ! podman cp "${container}:/app/jib-classpath-file" "${CDS_DIR}/jib-classpath-file" ||
			! podman cp "${container}:/app/jib-main-class-file" "${CDS_DIR}/jib-main-class-file"; then
			die "the image has no /app/jib-classpath-file or jib-main-class-file (is it a Jib image?)"
		fi
		podman rm -f "${container}" >/dev/null
		local classpath main_class
		classpath="$(tr ':' '\n' <"${CDS_DIR}/jib-classpath-file" | awk '/\.jar$/ {print; next} {dirs[n++] = $0} END {for (i = 0; i < n; i++) print dirs[i]}' | paste -sd:)"
		main_class="$(tr -d '[:space:]' <"${CDS_DIR}/jib-main-class-file")"
		printf '%s\n' "${classpath}" >"${LAYER_DIR}/app/cds/classpath"
		in_image "${image}" -Xmx512m -XX:DumpLoadedClassList=/cds/loaded.classlist \
			-Dspring.context.exit=onRefresh -cp "${classpath}" "${main_class}" >"${CDS_DIR}/training.log" 2>&1 ||
			die "the training run failed: see app/target/cds/training.log"
		grep -v 'com/example/tourbooking/' "${LAYER_DIR}/app/cds/loaded.classlist" >"${LAYER_DIR}/app/cds/app.classlist"
		rm -f "${LAYER_DIR}/app/cds/loaded.classlist"
		log "training run loaded $(grep -c . "${LAYER_DIR}/app/cds/app.classlist") library and JDK classes"

		log "== CDS 3/4: static archive"
		in_image "${image}" -Xshare:dump -XX:SharedClassListFile=/cds/app.classlist \
			-XX:SharedArchiveFile=/cds/app.jsa -cp "${classpath}" >"${CDS_DIR}/dump.log" 2>&1 ||
			die "the archive dump failed: see app/target/cds/dump.log"
		rm -f "${LAYER_DIR}/app/cds/app.classlist"
		chmod 0755 "${LAYER_DIR}/app/cds"
		podman rmi -f "${image}" >/dev/null 2>&1 || true
		echo "${plain}" >"${CDS_DIR}/plain-image.id"
		log "archive: $(du -h "${LAYER_DIR}/app/cds/app.jsa" | cut -f1)"
	fi

	log "== CDS 4/4: final image with the archive"
	IMAGE_MAVEN_ARGS="${IMAGE_MAVEN_ARGS:-} -Djib.extraDirectories.paths=${LAYER_DIR} -Dimage.cds.flag=-XX:SharedArchiveFile=/app/cds/app.jsa -Dimage.classpath=@/app/cds/classpath" \
		"${IMAGE_DIR}/build.sh" "$@" || die "the final image did not build (see above)"
}

main "$@"
