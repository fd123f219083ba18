#!/usr/bin/env bash
# Builds the application image with an AppCDS archive made for it: a first Jib build, a training
# run of that very image (its jlinked JRE, its /app files) with podman that serves a few requests,
# a static archive of the classes the training run loaded, then the final Jib build that adds the
# archive, the service's own classes and resources as one jar, and points the JVM at them.
# Same interface and outputs as image/build.sh (app/target/jib-image.*).
#
# JDK 17 rules relied on, read in openjdk/jdk17u-dev src/hotspot/share/cds/filemap.cpp:
# - SharedClassPathEntry::init records each jar's st_mtime and st_size at dump time, and
#   SharedClassPathEntry::validate refuses the archive at run time when either differs ("A jar
#   file is not the one used while building the shared archive file");
# - FileMapInfo::check_nonempty_dir_in_shared_path_table stops the dump ("Cannot have non-empty
#   directory in paths") for a non-empty directory up to the last entry classes were archived
#   from, so classes are archived from jars only;
# - FileMapInfo::validate_app_class_paths accepts a run-time class path that starts with the
#   dump-time one, entry by entry (os::same_files).
# The jar tool (jdk.jartool sun/tools/jar/Main.java) writes --date as every entry's time; the
# JDK 17.0.15 tool also orders the entries by name, checked here: two trees with the same files
# created in different orders give the same jar, byte for byte.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

CDS_DIR="${REPO_ROOT}/app/target/cds"
# What the final build adds to the image root: app/cds/{app.jsa,classpath,app.jar}.
LAYER_DIR="${CDS_DIR}/layer"
TRAIN_TIMEOUT="${CDS_TRAIN_TIMEOUT:-300}"
# Jib gives every file it adds this time (app/pom.xml <filesModificationTime>EPOCH_PLUS_SECOND),
# so the jar has it at dump time too: the JVM compares the jar's mtime with the archive's record.
JIB_FILE_TIME=@1
# The entries' own time inside the jar (the earliest a zip entry can hold).
JAR_ENTRY_DATE=1980-01-01T00:00:02Z
# Bumped when the layout of app/cds changes, so a cached archive of the old layout is not reused.
CDS_LAYOUT=2
TRAIN_CONTAINER=""
COPY_CONTAINER=""

usage() {
	cat <<USAGE
Usage: image/cds.sh [--push] [--help]

1. image/build.sh: the plain image (the same arguments and environment as build.sh).
2. With podman, as root: copies the image's /app/resources and /app/classes into one jar,
   /app/cds/app.jar (entries sorted, fixed times, no manifest), and writes a class path of that
   jar followed by the image's dependency jars: JDK 17 archives classes from jars only, so the
   service's own classes can be archived only from a jar. The plain image's layers and its
   /app/jib-classpath-file are not changed.
3. Training run in the image with that class path and -XX:DumpLoadedClassList: it serves (port
   8080 published on 127.0.0.1), waits for /readyz, sends a few requests (search, pages, a
   failed login), then stops with SIGTERM, so the classes of the runners, the web server and
   the first requests are in the list, not only those of the context refresh.
4. Static dump in the image (-Xshare:dump) to /app/cds/app.jsa with that class path.
5. image/build.sh again with the archive, the jar and the class path file as an extra layer and
   the JVM flags -XX:SharedArchiveFile=/app/cds/app.jsa -Dspring.aot.enabled=true
   -cp @/app/cds/classpath.
The training run (3) already runs with -Dspring.aot.enabled=true, so the archive holds the
classes Spring AOT's generated code loads (app/pom.xml, process-aot).

The archive and the jar are kept in app/target/cds/layer, keyed by the plain image's id:
rebuilding the same inputs reuses them, so the final digest is reproducible. The JVM checks the
jars' paths, sizes and modification times (Jib fixes them; app.jar gets Jib's time before the
dump) and its own build: an archive made by any other JVM or for another class path is
rejected; image/container-test.sh fails when that happens.
The archive is made for the first architecture of IMAGE_ARCHES (amd64). The other ones (arm64)
carry the same files and flags, and their JVM does not use the archive: a JVM refuses an archive
another JVM build wrote and, under -Xshare:auto, starts without it (as the plain image does).

Environment: as image/build.sh, plus CDS_TRAIN_TIMEOUT (seconds, default ${TRAIN_TIMEOUT}).
USAGE
}

# podman runs the image's own java with app/cds mounted where the final image has it: the paths,
# sizes and times the dump records are those the JVM finds at run time.
in_image() {
	local image="$1"
	shift
	timeout "${TRAIN_TIMEOUT}" podman run --rm --network none --read-only --tmpfs /tmp:rw,mode=1777 \
		--memory 1g -v "${LAYER_DIR}/app/cds:/app/cds:rw" -e LOG_FORMAT=text -e LOGGING_LEVEL_ROOT=WARN \
		--entrypoint java "${image}" "$@"
}

# app_jar CONTAINER: the container's /app/resources and /app/classes as app/cds/app.jar, resources
# first as in Jib's class path (a path in both would be ambiguous, so it stops the build).
app_jar() {
	local container="$1" from="${CDS_DIR}/image-app" tree="${CDS_DIR}/app-jar" clash
	mkdir -p "${from}" "${tree}"
	if ! podman cp "${container}:/app/resources" "${from}/resources" || ! podman cp "${container}:/app/classes" "${from}/classes"; then
		die "the image has no /app/resources or /app/classes (Jib's exploded layout expected)"
	fi
	clash="$(comm -12 <(cd "${from}/resources" && find . -type f | LC_ALL=C sort) <(cd "${from}/classes" && find . -type f | LC_ALL=C sort))"
	[[ -z "${clash}" ]] || die "these files are both in /app/resources and /app/classes: ${clash//$'\n'/ }"
	cp -a "${from}/resources/." "${from}/classes/." "${tree}/"
	jar --create --no-manifest --date="${JAR_ENTRY_DATE}" --file "${LAYER_DIR}/app/cds/app.jar" -C "${tree}" . ||
		die "jar could not pack the service's classes"
	touch -d "${JIB_FILE_TIME}" "${LAYER_DIR}/app/cds/app.jar"
	rm -rf "${from}" "${tree}"
}

# train IMAGE: the image's own entrypoint (tini, the JVM flags with Spring AOT on, the image's environment: JSON
# logs at INFO as deployed) with the class path of app/cds and -XX:DumpLoadedClassList; it serves
# on a loopback port until /readyz answers 200 (after the ApplicationRunners: demo data, BCrypt),
# answers a few requests, then stops with SIGTERM (the list is written as classes load).
train() {
	local image="$1" entrypoint port deadline status path
	entrypoint="$(podman image inspect -f '{{json .Config.Entrypoint}}' "${image}")"
	entrypoint="$(jq -c '(index("java")) as $java | if $java == null or (index("@/app/jib-classpath-file") == null) or (index("-Dspring.aot.enabled=false") == null) then empty
		else map(if . == "@/app/jib-classpath-file" then "@/app/cds/classpath" elif . == "-Dspring.aot.enabled=false" then "-Dspring.aot.enabled=true" else . end)
		| .[:$java + 1] + ["-XX:DumpLoadedClassList=/app/cds/loaded.classlist"] + .[$java + 1:] end' <<<"${entrypoint}")"
	[[ -n "${entrypoint}" ]] || die "the plain image's entrypoint has no java ... -Dspring.aot.enabled=false -cp @/app/jib-classpath-file (app/pom.xml <entrypoint>)"
	TRAIN_CONTAINER="tour-booking-cds-train-$$"
	podman run -d --quiet --name "${TRAIN_CONTAINER}" --read-only --tmpfs /tmp:rw,mode=1777,size=64m --memory 1g \
		-p 127.0.0.1::8080 -v "${LAYER_DIR}/app/cds:/app/cds:rw" --entrypoint "${entrypoint}" "${image}" >/dev/null ||
		die "podman could not start the training run"
	port="$(podman port "${TRAIN_CONTAINER}" 8080/tcp || true)"
	port="${port##*:}"
	[[ -n "${port}" ]] || die "podman published no port for the training run"
	deadline=$((SECONDS + TRAIN_TIMEOUT))
	until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${port}/readyz")" == 200 ]]; do
		[[ "$(podman container inspect -f '{{.State.Running}}' "${TRAIN_CONTAINER}")" == true ]] ||
			die "the training run exited before /readyz answered 200: see app/target/cds/training.log"
		((SECONDS < deadline)) || die "the training run was not ready within ${TRAIN_TIMEOUT} s (CDS_TRAIN_TIMEOUT): see app/target/cds/training.log"
		sleep 0.5
	done
	for path in '/api/tours?q=the' / /tours/1 /livez; do
		status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:${port}${path}" || true)"
		[[ "${status}" == 200 ]] || die "the training run answered ${status} to GET ${path} (200 expected): see app/target/cds/training.log"
	done
	status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
		-d '{"email":"cds-training@example.com","password":"not-the-password"}' "http://127.0.0.1:${port}/api/auth/login" || true)"
	[[ "${status}" == 401 ]] || die "the training run answered ${status} to a failed login (401 expected): see app/target/cds/training.log"
	podman stop -t 30 "${TRAIN_CONTAINER}" >/dev/null || die "podman stop of the training run failed"
	status="$(podman container inspect -f '{{.State.ExitCode}}' "${TRAIN_CONTAINER}")"
	[[ "${status}" == 0 ]] || die "the training run exited with ${status} after SIGTERM: see app/target/cds/training.log"
}

# On every exit: the containers removed, the training run's log kept.
cleanup() {
	if [[ -n "${COPY_CONTAINER}" ]]; then
		podman rm -f "${COPY_CONTAINER}" >/dev/null 2>&1 || true
		COPY_CONTAINER=""
	fi
	[[ -n "${TRAIN_CONTAINER}" ]] || return 0
	podman logs "${TRAIN_CONTAINER}" >"${CDS_DIR}/training.log" 2>&1 || true
	podman rm -f -t 0 "${TRAIN_CONTAINER}" >/dev/null 2>&1 || true
	TRAIN_CONTAINER=""
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
	ensure_packages podman runc netavark aardvark-dns iptables curl jq
	[[ -n "${CONTAINERS_CONF:-}" ]] || export CONTAINERS_CONF="${IMAGE_DIR}/podman/containers.conf"
	trap cleanup EXIT
	local target="${REPO_ROOT}/app/target" arches="${IMAGE_ARCHES:-amd64 arm64}"
	local first_arch="${arches%% *}"

	log "== CDS 1/4: plain image (${first_arch} only)"
	IMAGE_ARCHES="${first_arch}" IMAGE_MAVEN_ARGS="${IMAGE_MAVEN_ARGS:-}" "${IMAGE_DIR}/build.sh" ||
		die "the plain image did not build (see above)"
	local plain
	plain="$(cat "${target}/jib-image.id")"
	if [[ -s "${LAYER_DIR}/app/cds/app.jsa" && "$(cat "${CDS_DIR}/plain-image.id" 2>/dev/null)" == "${plain} layout ${CDS_LAYOUT}" ]]; then
		log "== CDS 2-3/4: reusing the archive made for ${plain}"
	else
		command -v jar >/dev/null || die "the JDK's jar tool is missing (openjdk-17-jdk-headless)"
		rm -rf "${CDS_DIR}"
		mkdir -p "${LAYER_DIR}/app/cds"
		# The image runs as uid 1000; Jib sets the files' modes in the image itself.
		chmod 0777 "${LAYER_DIR}/app/cds"
		log "== CDS 2/4: training run in ${plain} (podman)"
		local loaded
		loaded="$(podman load -q -i "${target}/jib-image.tar")" || die "podman load of app/target/jib-image.tar failed"
		local image="${loaded##*: }"
		COPY_CONTAINER="$(podman create "${image}")" || die "podman create ${image} failed"
		if ! podman cp "${COPY_CONTAINER}:/app/jib-classpath-file" "${CDS_DIR}/jib-classpath-file"; then
			die "the image has no /app/jib-classpath-file (is it a Jib image?)"
		fi
		app_jar "${COPY_CONTAINER}"
		cleanup
		local classpath others
		others="$(tr ':' '\n' <"${CDS_DIR}/jib-classpath-file" | grep -v '\.jar$' | grep -vx -e /app/resources -e /app/classes || true)"
		[[ -z "${others}" ]] || die "the image's class path has entries app/cds/app.jar does not replace: ${others//$'\n'/ }"
		classpath="$({
			echo /app/cds/app.jar
			tr ':' '\n' <"${CDS_DIR}/jib-classpath-file" | grep '\.jar$'
		} | paste -sd:)"
		printf '%s\n' "${classpath}" >"${LAYER_DIR}/app/cds/classpath"
		train "${image}"
		cleanup
		grep -c . "${LAYER_DIR}/app/cds/loaded.classlist" >/dev/null ||
			die "the training run wrote no class list: see app/target/cds/training.log"
		mv "${LAYER_DIR}/app/cds/loaded.classlist" "${LAYER_DIR}/app/cds/app.classlist"
		log "training run loaded $(grep -c '^[^#@]' "${LAYER_DIR}/app/cds/app.classlist") classes ($(grep -c '^com/example/tourbooking/' "${LAYER_DIR}/app/cds/app.classlist") of the service's own)"

		log "== CDS 3/4: static archive"
		in_image "${image}" -Xshare:dump -XX:SharedClassListFile=/app/cds/app.classlist \
			-XX:SharedArchiveFile=/app/cds/app.jsa -cp "${classpath}" >"${CDS_DIR}/dump.log" 2>&1 ||
			die "the archive dump failed: see app/target/cds/dump.log"
		rm -f "${LAYER_DIR}/app/cds/app.classlist"
		chmod 0755 "${LAYER_DIR}/app/cds"
		podman rmi -f "${image}" >/dev/null 2>&1 || true
		echo "${plain} layout ${CDS_LAYOUT}" >"${CDS_DIR}/plain-image.id"
		log "archive: $(du -h "${LAYER_DIR}/app/cds/app.jsa" | cut -f1), service jar: $(du -h "${LAYER_DIR}/app/cds/app.jar" | cut -f1)"
	fi

	log "== CDS 4/4: final image with the archive"
	IMAGE_MAVEN_ARGS="${IMAGE_MAVEN_ARGS:-} -Djib.extraDirectories.paths=${LAYER_DIR} -Dimage.cds.flag=-XX:SharedArchiveFile=/app/cds/app.jsa -Dimage.aot.flag=-Dspring.aot.enabled=true -Dimage.classpath=@/app/cds/classpath" \
		"${IMAGE_DIR}/build.sh" "$@" || die "the final image did not build (see above)"
}

main "$@"
