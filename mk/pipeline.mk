# The pipeline (Jenkinsfile, jenkins/): the checks the Static checks stage runs, the Verify stage,
# the local run of every stage (`make pipeline`), and the stage timings Jenkins sends to Logstash.

PIPELINE_ARGS ?=
STAGE_LOG ?=

.PHONY: format-check static-checks verify release-info stage-events pipeline pipeline-test

# Inside a Jenkins stage (STAGE_NAME set by Jenkins, STAGE_LOG by the Jenkinsfile) note when this
# make run starts; `make stage-events` turns the notes into one duration per stage.
ifneq ($(and $(STAGE_LOG),$(STAGE_NAME)),)
$(shell mkdir -p "$(dir $(STAGE_LOG))" && printf '%s\t%s\n' "$$(date +%s%3N)" "$(STAGE_NAME)" >> "$(STAGE_LOG)")
endif

format-check: ## Check the Java formatting (spring-javaformat), without changing files
	$(MVN) spring-javaformat:validate

static-checks: format-check ansible-lint k8s-check elk-check ## Static checks stage: formatter, ansible-lint, manifests, Logstash pipelines

verify: smoke gate ## Verify stage for ENV=staging|production: smoke test, then the log-based gate

release-info: ## Print what a deploy to ENV would ship (image digest, commit) before the approval
	@jenkins/bin/release-info.sh --env "$(ENV)"

stage-events: ## Report the stage timings noted in STAGE_LOG (and post them when JENKINS_EVENTS_URL is set)
	@jenkins/bin/stage-events.sh --log "$(or $(STAGE_LOG),target/pipeline/stage-starts.tsv)"

pipeline: ## Run the pipeline's stages locally in order (deploy/verify only with a cluster); PIPELINE_ARGS=--help
	@jenkins/bin/pipeline.sh $(PIPELINE_ARGS)

pipeline-test: ## Test the Jenkinsfile (JenkinsPipelineUnit + declarative harness) and jenkins/ as code
	$(MVN) -pl jenkins/pipeline-test verify
