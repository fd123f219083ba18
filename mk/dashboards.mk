# Dashboards you can see: the end-to-end test indexes what the real producers send into a real
# Elasticsearch node and asks every panel of the three Kibana dashboards what Kibana would ask;
# elk/dashboards-render draws the answers with Vega 5 in Debian's headless Chromium.

DASHBOARDS_RENDER := elk/dashboards-render
DASHBOARDS_OUT ?= docs/dashboards
CHROMIUM ?= /usr/bin/chromium

.PHONY: dashboards dashboards-e2e dashboards-render dashboards-deps

dashboards: dashboards-e2e dashboards-render ## Run the end-to-end test, then redraw docs/dashboards/*.png from its answers

dashboards-e2e: ## End to end: captured producer events + app encoder -> Elasticsearch -> every panel, annotations, gate
	$(MVN) -pl elk/es-node,elk/elk-tool -Dtest=DashboardsEndToEndTests -Dsurefire.failIfNoSpecifiedTests=false verify

dashboards-render: dashboards-deps ## Draw every Vega panel from the last end-to-end answers (fails on an empty or broken panel)
	cd $(DASHBOARDS_RENDER) && node render.mjs --out "$(abspath $(DASHBOARDS_OUT))" --chromium "$(CHROMIUM)"

dashboards-deps:
	@if [[ ! -x "$(CHROMIUM)" ]]; then \
		if [[ $${EUID} -ne 0 ]]; then echo "dashboards: $(CHROMIUM) is missing: run 'sudo apt-get install -y chromium'"; exit 2; fi; \
		echo "dashboards: installing Debian's chromium (about a minute)"; \
		apt-get install -y -q -o DPkg::Lock::Timeout=600 chromium >/dev/null; \
	fi
	@if [[ ! $(DASHBOARDS_RENDER)/node_modules/.package-lock.json -nt $(DASHBOARDS_RENDER)/package-lock.json ]]; then \
		echo "dashboards: npm ci in $(DASHBOARDS_RENDER) (vega, playwright-core)"; \
		cd $(DASHBOARDS_RENDER) && npm ci --no-audit --no-fund --loglevel=error; \
	fi
