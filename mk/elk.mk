# ELK as code (elk/): static checks, setup against a cluster, and the log-based deploy gate.
# The tool is elk/elk-tool (run `java -jar elk/elk-tool/target/elk-tool.jar --help`).

ELK_TOOL_JAR := elk/elk-tool/target/elk-tool.jar
ELK_TOOL := ELK_ASSETS=elk java -jar $(ELK_TOOL_JAR)

# The image logs service.version = APP_VERSION = the commit it was built from (app/pom.xml, Jib).
GATE_VERSION = $(or $(APP_VERSION),$(GIT_COMMIT),$(shell git rev-parse HEAD 2>/dev/null))

# Per-environment values the gate needs, from the environment or else the Ansible inventory of ENV
# (elk/README.md, Topology): the Elasticsearch the pods' Logstash writes to (elk_es_url) and the
# Logstash deploy input the verdict is posted to (k8s_deploy_event_url, the one the deploy role uses).
ELK_INVENTORY_VARS = ansible/inventories/$(ENV)/group_vars/all.yml
elk_inventory = $(shell sed -n 's/^$(1): *"\{0,1\}\([^"]*\)"\{0,1\} *$$/\1/p' $(ELK_INVENTORY_VARS) 2>/dev/null)
GATE_ES_URL = $(or $(ES_URL),$(call elk_inventory,elk_es_url))
GATE_EVENT_URL = $(or $(DEPLOY_EVENT_URL),$(call elk_inventory,k8s_deploy_event_url))
GATE_IMAGE_NAME = $(or $(IMAGE_NAME),$(call elk_inventory,tour_booking_registry)/$(call elk_inventory,tour_booking_repository))

.PHONY: elk-tool elk-check elk-test elk-setup gate

ELK_TOOL_SOURCES := $(shell find elk/elk-tool/src/main elk/elk-tool/pom.xml -type f 2>/dev/null)

$(ELK_TOOL_JAR): $(ELK_TOOL_SOURCES)
	@echo "elk: building the ELK tool (elk/elk-tool)"
	$(MVN) -pl elk/es-node,elk/elk-tool -DskipTests package

elk-tool: $(ELK_TOOL_JAR) ## Build the ELK tool jar (setup, verify, gate, check)

elk-check: $(ELK_TOOL_JAR) ## Static ELK checks: Logstash syntax and ids, saved-object references, fields vs contract
	@echo "elk: static checks of elk/ (no service needed)"
	$(ELK_TOOL) check

elk-test: ## ELK tests against a real Elasticsearch 8.19 node started from Maven Central jars
	$(MVN) -pl elk/es-node,elk/elk-tool verify

elk-setup: $(ELK_TOOL_JAR) ## Apply templates, ILM, roles, users (ES_URL) and Kibana objects (KIBANA_URL)
	@test -n "$${ES_URL:-}" || { echo "elk-setup: set ES_URL (and ES_USERNAME/ES_PASSWORD or ES_API_KEY)"; exit 2; }
	$(ELK_TOOL) setup

gate: $(ELK_TOOL_JAR) ## Deploy gate for ENV=...: fail when APP_VERSION logs errors, 5xx or nothing at ES_URL; post the verdict
	@test -n "$(GATE_ES_URL)" || { echo "gate: set ES_URL (or elk_es_url in $(ELK_INVENTORY_VARS)) to the Elasticsearch the pods' Logstash writes to, and ES_USERNAME/ES_PASSWORD or ES_API_KEY"; exit 2; }
	@test -n "$(GATE_VERSION)" || { echo "gate: set APP_VERSION (or GIT_COMMIT) to the version just deployed"; exit 2; }
	ES_URL="$(GATE_ES_URL)" DEPLOY_EVENT_URL="$(GATE_EVENT_URL)" IMAGE_NAME="$(GATE_IMAGE_NAME)" \
	  IMAGE_DIGEST="$(image_digest_value)" GIT_COMMIT="$(or $(GIT_COMMIT),$(shell git rev-parse HEAD 2>/dev/null))" \
	  APP_VERSION="$(GATE_VERSION)" $(ELK_TOOL) gate --environment $(ENV)
