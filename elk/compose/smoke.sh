#!/usr/bin/env bash
# Smoke test of the local ELK (elk/docker-compose.yml): sends one application event, one Jenkins
# build event and one deployment event through Logstash, then asserts each is searchable in its
# data stream with the expected fields. Needs curl and jq, and the .env used by compose.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: elk/compose/smoke.sh [--env-file FILE]

Sends one event per pipeline to the Logstash of elk/docker-compose.yml (127.0.0.1) and waits up
to 90 s for each to be searchable with its expected fields. Exit 0 when all three arrived.
  --env-file FILE   the compose .env with ELASTIC_PASSWORD, DEPLOY_EVENTS_TOKEN (default: .env)
USAGE
}

env_file=.env
while [[ $# -gt 0 ]]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --env-file) env_file="${2:?--env-file needs a file}"; shift 2 ;;
    *) echo "smoke: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
for tool in curl jq docker; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done
[[ -f "$env_file" ]] || { echo "smoke: $env_file not found: copy elk/compose/env.example to .env and fill it" >&2; exit 2; }
# shellcheck disable=SC1090
source "$env_file"

run_id="smoke-$(date +%s)"
ca=$(mktemp)
trap 'rm -f "$ca"' EXIT
docker compose -f "$(dirname "$0")/../docker-compose.yml" cp elasticsearch:/usr/share/elasticsearch/config/certs/ca/ca.crt "$ca"

echo "smoke: sending one event per pipeline (run $run_id)"
printf '%s\n' "{\"@timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%S.000Z)\",\"message\":\"$run_id\",\"log.level\":\"INFO\",\"log.logger\":\"smoke\",\"process.thread.name\":\"main\",\"event.dataset\":\"tourbooking.app\",\"service.name\":\"tour-booking\",\"service.version\":\"smoke\",\"service.environment\":\"local\",\"http.response.status_code\":200}" \
  > /dev/tcp/127.0.0.1/5000
printf '%s\n' "{\"data\":{\"fullProjectName\":\"tour-booking/$run_id\",\"buildNum\":1,\"result\":\"SUCCESS\",\"url\":\"job/x/1/\",\"buildDuration\":1234},\"message\":[\"$run_id\"],\"source\":\"jenkins\",\"source_host\":\"http://jenkins/\",\"@buildTimestamp\":\"now\",\"@version\":1}" \
  > /dev/tcp/127.0.0.1/5001
curl -sf --cacert "$ca" -u "deploy:${DEPLOY_EVENTS_TOKEN}" -H 'Content-Type: application/json' https://127.0.0.1:8090 \
  -d "{\"message\":\"$run_id\",\"@timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%S.000Z)\",\"event\":{\"dataset\":\"tourbooking.deploy\",\"kind\":\"event\",\"category\":\"configuration\",\"action\":\"deploy-succeeded\",\"outcome\":\"success\"},\"service\":{\"name\":\"tour-booking\",\"version\":\"smoke\",\"environment\":\"local\"},\"container\":{\"image\":{\"name\":\"tour-booking\",\"digest\":\"sha256:smoke\"}},\"git\":{\"commit\":\"smoke\"},\"build\":{\"number\":\"1\"},\"deploy\":{\"tool\":\"ansible\"}}" >/dev/null

# search DATA_STREAM QUERY JQ_ASSERTION: waits until one hit matches and the assertion holds
search() {
  local stream=$1 query=$2 assertion=$3 hit
  for _ in $(seq 1 45); do
    hit=$(curl -s --cacert "$ca" -u "elastic:${ELASTIC_PASSWORD}" -H 'Content-Type: application/json' \
      "https://127.0.0.1:9200/$stream/_search" -d "{\"query\":{\"match_phrase\":$query}}" | jq -c '.hits.hits[0]._source // empty')
    if [[ -n "$hit" ]]; then
      if jq -e "$assertion" <<<"$hit" >/dev/null; then
        echo "smoke: $stream ok"
        return 0
      fi
      echo "smoke: $stream has the event but not the expected fields: $hit" >&2
      return 1
    fi
    sleep 2
  done
  echo "smoke: nothing arrived in $stream after 90 s (docker compose logs logstash)" >&2
  return 1
}

search logs-tourbooking.app-local "{\"message\":\"$run_id\"}" \
  '.["http.response.status_code"] == 200 and .data_stream.dataset == "tourbooking.app"'
search logs-jenkins.build-default "{\"jenkins.job.name\":\"tour-booking/$run_id\"}" \
  '.jenkins.build.result == "SUCCESS" and .event.outcome == "success" and .event.duration_ms == 1234 and (has("data") | not)'
search logs-tourbooking.deploy-local "{\"message\":\"$run_id\"}" \
  '.event.dataset == "tourbooking.deploy" and .event.outcome == "success" and .container.image.digest == "sha256:smoke"'
echo "smoke: all three events arrived"
