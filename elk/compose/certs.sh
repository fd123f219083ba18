#!/usr/bin/env bash
# One-shot: creates a CA and the Elasticsearch certificate (with elasticsearch and localhost as
# names) in the certs volume, once. Runs inside the Elasticsearch image (elasticsearch-certutil).
set -euo pipefail

certs=/usr/share/elasticsearch/config/certs
if [[ -f "$certs/elasticsearch/elasticsearch.crt" ]]; then
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
chown -R 1000:0 "$certs"
find "$certs" -type d -exec chmod 750 {} +
find "$certs" -type f -exec chmod 640 {} +
echo "certs: created"
