# The web site (issue 14): its browser tests and its benchmark.

.PHONY: browser-test web-bench

AXE_CORE_VERSION ?= 4.11.0
BROWSER_TOOLS := app/target/browser-tools

browser-test: ## The site in headless Chromium: journeys, axe-core, screenshots (installs chromium, chromium-driver, axe-core)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [[ ! -d /usr/share/fonts/truetype/nanum ]]; then \
		echo "browser-test: installing Debian's chromium, chromium-driver and a Korean font (fonts-nanum)"; \
		apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium chromium-driver fonts-nanum >/dev/null \
			|| { echo "browser-test: could not install chromium; run 'apt-get update' first, as root" >&2; exit 1; }; \
	fi
	@if [[ ! -f $(BROWSER_TOOLS)/node_modules/axe-core/axe.min.js ]]; then \
		echo "browser-test: installing axe-core $(AXE_CORE_VERSION) from npm into $(BROWSER_TOOLS)"; \
		mkdir -p $(BROWSER_TOOLS) && npm install --prefix $(BROWSER_TOOLS) --no-save --no-package-lock --silent \
			axe-core@$(AXE_CORE_VERSION) >/dev/null; \
	fi
	$(MVN) -pl app test -Pbrowser-tests -Dtest=SiteBrowserTests -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false

web-bench: ## Home and tour page throughput next to the JSON search (wrk on loopback), page weight
	app/bench/web-bench.sh
