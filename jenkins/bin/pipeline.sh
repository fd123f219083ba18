#!/usr/bin/env bash
# Runs the Jenkinsfile's stages on this machine, in the same order and with the same make
# targets, against the local registry (ansible/inventories/local). Deploy and Verify run only when
# a cluster is configured. Prints each stage's progress and time; stops at the first failure.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: make pipeline [PIPELINE_ARGS="OPTIONS"]
       jenkins/bin/pipeline.sh [--from STAGE] [--only STAGE] [--list] [--help]

Runs the pipeline's stages locally, in order, each one a make target:
  build          Build & Test    make build
  static-checks  Static checks   make static-checks
  image          Image           make registry-up base-image image   (local registry on 127.0.0.1:5000)
  push           Push            make push ENV=local
  deploy         Deploy          make deploy ENV=local               (only with a cluster)
  verify         Verify          make verify ENV=local               (only with a cluster)

A cluster is configured when KUBECONFIG names a readable file, or ~/.kube/config exists, and it
has a current context. Without one, Deploy and Verify are skipped with a message.

Options:
  --from STAGE   start at STAGE (after fixing a failure, rerun from there)
  --only STAGE   run STAGE alone
  --list         print the stages and exit
  --help         this text
Environment: ENV is always local here; MAKE (default make); GIT_COMMIT (default: git rev-parse
HEAD, or "uncommitted") and BUILD_NUMBER (default: local), as Jenkins sets them.
USAGE
}

readonly STAGES=(build static-checks image push deploy verify)
declare -A TITLE=(
	[build]='Build & Test' [static-checks]='Static checks' [image]='Image'
	[push]='Push' [deploy]='Deploy' [verify]='Verify'
)
declare -A COMMAND=(
	[build]='build' [static-checks]='static-checks' [image]='registry-up base-image image'
	[push]='push ENV=local' [deploy]='deploy ENV=local' [verify]='verify ENV=local'
)
declare -A NEEDS_CLUSTER=([deploy]=1 [verify]=1)

die() {
	echo "pipeline: $*" >&2
	exit 2
}

is_stage() {
	local candidate="$1" stage
	for stage in "${STAGES[@]}"; do
		[[ "${stage}" == "${candidate}" ]] && return 0
	done
	return 1
}

# The kubeconfig to use, or nothing when no cluster is configured. Never falls back to kubectl's
# default localhost:8080, which is the service's own port on a developer machine.
cluster_kubeconfig() {
	local config="${KUBECONFIG:-${HOME}/.kube/config}"
	config="${config%%:*}"
	[[ -r "${config}" ]] || return 1
	command -v kubectl >/dev/null 2>&1 || return 1
	kubectl --kubeconfig "${config}" config current-context >/dev/null 2>&1 || return 1
	echo "${config}"
}

main() {
	local from='' only=''
	while (($# > 0)); do
		case "$1" in
		--from) from="${2:-}"; shift 2 || die "--from needs a stage" ;;
		--only) only="${2:-}"; shift 2 || die "--only needs a stage" ;;
		--list)
			for stage in "${STAGES[@]}"; do printf '%-14s %-14s make %s\n' "${stage}" "${TITLE[${stage}]}" "${COMMAND[${stage}]}"; done
			return 0
			;;
		-h | --help) usage; return 0 ;;
		*) die "unknown option '$1' (see --help)" ;;
		esac
	done
	[[ -z "${from}" ]] || is_stage "${from}" || die "no stage '${from}': use one of ${STAGES[*]}"
	[[ -z "${only}" ]] || is_stage "${only}" || die "no stage '${only}': use one of ${STAGES[*]}"

	# What Jenkins sets for every build; the image tag and the deploy events use them.
	GIT_COMMIT="${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo uncommitted)}"
	BUILD_NUMBER="${BUILD_NUMBER:-local}"
	export GIT_COMMIT BUILD_NUMBER
	local make="${MAKE:-make}" kubeconfig='' started=false total_start stage stage_start seconds
	local -a summary=()
	kubeconfig="$(cluster_kubeconfig || true)"
	total_start=${SECONDS}
	local index=0
	for stage in "${STAGES[@]}"; do
		index=$((index + 1))
		if [[ -n "${only}" && "${stage}" != "${only}" ]]; then continue; fi
		if [[ -n "${from}" && "${started}" == false && "${stage}" != "${from}" ]]; then continue; fi
		started=true
		local label="[${index}/${#STAGES[@]}] ${TITLE[${stage}]}"
		if [[ -n "${NEEDS_CLUSTER[${stage}]:-}" && -z "${kubeconfig}" ]]; then
			echo "==> ${label}: SKIPPED: no cluster configured (set KUBECONFIG to a kubeconfig with a current context)"
			summary+=("$(printf '%-16s %8s' "${TITLE[${stage}]}" 'skipped')")
			continue
		fi
		echo "==> ${label}: make ${COMMAND[${stage}]}"
		stage_start=${SECONDS}
		# shellcheck disable=SC2086 # COMMAND holds several make goals and variables on purpose
		if ! KUBECONFIG="${kubeconfig:-${KUBECONFIG:-}}" "${make}" --no-print-directory ${COMMAND[${stage}]}; then
			seconds=$((SECONDS - stage_start))
			echo "==> ${label}: FAILED after ${seconds}s" >&2
			echo "    Read the output above, fix the cause, then rerun from this stage:" >&2
			echo "    make pipeline PIPELINE_ARGS='--from ${stage}'" >&2
			return 1
		fi
		seconds=$((SECONDS - stage_start))
		echo "==> ${label}: done in ${seconds}s"
		summary+=("$(printf '%-16s %7ss' "${TITLE[${stage}]}" "${seconds}")")
	done
	echo "==> pipeline passed in $((SECONDS - total_start))s"
	printf '    %s\n' "${summary[@]}"
}

main "$@"
