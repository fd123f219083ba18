# Targets match the Jenkins pipeline stages; `make help` lists them.
# Each area adds its targets in mk/<area>.mk (documented with `## ` comments).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

MVN ?= ./mvnw -B -ntp
ENV ?= local

.PHONY: help run test build format

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

run: ## Run the service on the embedded default (H2, demo data) on :8080
	$(MVN) -pl app spring-boot:run

test: ## Run every test (the README's test command)
	$(MVN) verify

build: ## Build & Test stage: compile, test, coverage, package the jar
	$(MVN) verify

format: ## Apply the Java formatter (the build fails on unformatted code)
	$(MVN) spring-javaformat:apply

-include mk/*.mk
