# The pipeline (Jenkinsfile, jenkins/): the checks the Static checks stage runs, the Verify stage,
# the local run of every stage (`make pipeline`), and the stage timings Jenkins sends to Logstash.

PIPELINE_ARGS ?=
STAGE_LOG ?=
# The official Jenkins Helm chart, pinned: 5.5.13 is the last release whose appVersion is the
# 2.462.1 controller that jenkins/helm/values.yaml runs and jenkins/plugins.txt was pinned for.
JENKINS_CHART_VERSION := 5.5.13
JENKINS_NAMESPACE ?= jenkins

.PHONY: format-check static-checks verify release-info stage-events pipeline pipeline-test jenkins-install

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

jenkins-install: ## Install or upgrade the Jenkins controller on EKS (pinned chart, helm/values.yaml, casc.yaml)
	@command -v helm >/dev/null || { echo "jenkins-install: helm is not installed (https://helm.sh/docs/intro/install/)"; exit 2; }
	helm repo add jenkins https://charts.jenkins.io --force-update
	helm upgrade --install jenkins jenkins/jenkins --version $(JENKINS_CHART_VERSION) --namespace $(JENKINS_NAMESPACE) \
		-f jenkins/helm/values.yaml --set-file controller.JCasC.configScripts.tour-booking=jenkins/casc.yaml

pipeline-test: ## Test the Jenkinsfile (JenkinsPipelineUnit + declarative harness) and jenkins/ as code
	$(MVN) -pl jenkins/pipeline-test verify
