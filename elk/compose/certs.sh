#!/usr/bin/env bash
# One-shot: creates a CA, the Elasticsearch certificate (PEM) and the Logstash http inputs'
# keystore (PKCS#12, password LOGSTASH_KEYSTORE_PASSWORD; logstash-input-http 4.x reads
# ssl_keystore_path/ssl_keystore_type pkcs12), all with localhost and the service name as names,
# in the certs volume, once. Runs inside the Elasticsearch image (elasticsearch-certutil) and exits:
# docker-compose.yml waits for it with service_completed_successfully.
set -euo pipefail

certs=/usr/share/elasticsearch/config/certs
: "${LOGSTASH_KEYSTORE_PASSWORD:?set LOGSTASH_KEYSTORE_PASSWORD in .env}"
if [[ -f "$certs/elasticsearch/elasticsearch.crt" && -f "$certs/logstash/logstash.p12" ]]; then
  echo "certs: already there"
  exit 0
fi
cd /usr/share/elasticsearch
bin/elasticsearch-certutil ca --silent --pem --out "$certs/ca.zip"
unzip -o -q "$certs/ca.zip" -d "$certs"
cat > "$certs/instances.yml" <<'YAML'
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
YAML
bin/elasticsearch-certutil cert --silent --pem --in "$certs/instances.yml" \
  --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key" --out "$certs/certs.zip"
unzip -o -q "$certs/certs.zip" -d "$certs"
cat > "$certs/logstash-instances.yml" <<'YAML'
instances:
  - name: logstash
    dns: [logstash, localhost]
    ip: [127.0.0.1]
YAML
bin/elasticsearch-certutil cert --silent --in "$certs/logstash-instances.yml" --pass "$LOGSTASH_KEYSTORE_PASSWORD" \
  --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key" --out "$certs/logstash-certs.zip"
unzip -o -q "$certs/logstash-certs.zip" -d "$certs"
chown -R 1000:0 "$certs"
find "$certs" -type d -exec chmod 750 {} +
find "$certs" -type f -exec chmod 640 {} +
echo "certs: created"
