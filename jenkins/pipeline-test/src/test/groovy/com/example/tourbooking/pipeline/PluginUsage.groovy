package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * Which Jenkins plugin provides each step, directive and JCasC key this project uses, so that
 * plugins.txt can be checked to hold exactly those. Anything used but not listed here fails the
 * check: add it with its plugin (null when Jenkins core provides it).
 */
@PackageScope
class PluginUsage {

	static final Map<String, String> STEPS = [
		sh: 'workflow-durable-task-step',
		echo: 'workflow-basic-steps',
		timeout: 'workflow-basic-steps',
		archiveArtifacts: 'workflow-basic-steps',
		stash: 'workflow-basic-steps',
		unstash: 'workflow-basic-steps',
		withEnv: 'workflow-basic-steps',
		milestone: 'pipeline-milestone-step',
		withCredentials: 'credentials-binding',
		usernamePassword: 'credentials-binding',
		string: 'credentials-binding',
		aws: 'aws-credentials',
		junit: 'junit',
		recordCoverage: 'coverage',
		input: 'pipeline-input-step',
		logstashSend: 'logstash',
		slackSend: 'slack',
	]

	static final Map<String, String> DIRECTIVES = [
		pipeline: 'pipeline-model-definition',
		'agent:kubernetes': 'kubernetes',
		'agent:none': null,
		'stageOption:timeout': 'workflow-basic-steps',
		'stageOption:lock': 'lockable-resources',
		'option:timeout': 'workflow-basic-steps',
		'option:buildDiscarder': null,
		'option:disableConcurrentBuilds': null,
		'option:timestamps': 'timestamper',
		'environment:credentials': 'credentials-binding',
	]

	static final Map<String, String> CASC = [
		jenkins: null,
		'jenkins.systemMessage': null,
		'jenkins.numExecutors': null,
		'jenkins.mode': null,
		'jenkins.securityRealm': null,
		'jenkins.authorizationStrategy': null,
		'jenkins.clouds': null,
		'cloud:kubernetes': 'kubernetes',
		credentials: 'credentials',
		'credential:usernamePassword': 'credentials',
		'credential:string': 'plain-credentials',
		'credential:aws': 'aws-credentials',
		unclassified: null,
		'unclassified.location': null,
		'unclassified.logstashConfiguration': 'logstash',
		'unclassified.slackNotifier': 'slack',
		'unclassified.gitHubPluginConfig': 'github',
		jobs: 'job-dsl',
		'job:multibranchPipelineJob': 'workflow-multibranch',
		'job:github': 'github-branch-source',
	]

	/** Plugins used without a step or key to show for it. */
	static final Map<String, String> IMPLICIT = [
		'configuration-as-code': 'loads jenkins/casc.yaml',
		git: 'checks out every branch of the GitHub branch source; serves the generic /git/notifyCommit webhook',
	]

	final Set<String> plugins = [] as Set

	final List<String> unknown = []

	void count(Map<String, String> table, String key) {
		if (!table.containsKey(key)) {
			unknown << key
		}
		else if (table[key] != null) {
			plugins << table[key]
		}
	}

	void useJenkinsfile(RunResult run) {
		count(DIRECTIVES, 'pipeline')
		count(DIRECTIVES, "agent:${run.spec.agent.kind}".toString())
		run.spec.options.each { count(DIRECTIVES, "option:${it.name}".toString()) }
		run.spec.allStages().each { StageSpec stage ->
			if (stage.agent) {
				count(DIRECTIVES, "agent:${stage.agent.kind}".toString())
			}
			stage.options.each { count(DIRECTIVES, "stageOption:${it.name}".toString()) }
		}
		List<Map> environments = [run.spec.environment] + run.spec.allStages()*.environment
		if (environments.any { env -> env.values().any { it instanceof CredentialRef } }) {
			count(DIRECTIVES, 'environment:credentials')
		}
		run.steps.each { count(STEPS, it.step) }
		run.calls('withCredentials').each { call -> ((List<Map>) call.arguments[0]).each { count(STEPS, (String) it.kind) } }
	}

	void useCasc(Map casc) {
		casc.each { String key, Object value -> count(CASC, key) }
		((Map) casc.jenkins ?: [:]).keySet().each { count(CASC, "jenkins.${it}".toString()) }
		((List<Map>) casc.jenkins?.clouds ?: []).each { cloud -> cloud.keySet().each { count(CASC, "cloud:${it}".toString()) } }
		((Map) casc.unclassified ?: [:]).keySet().each { count(CASC, "unclassified.${it}".toString()) }
		credentialEntries(casc).each { entry -> entry.keySet().each { count(CASC, "credential:${it}".toString()) } }
		jobScripts(casc).each { String script ->
			(script =~ /(?m)^\s*(\w+)\s*[({]/).collect { it[1] }
				.findAll { it in ['multibranchPipelineJob', 'github'] }
				.each { count(CASC, "job:${it}".toString()) }
		}
	}

	static List<Map> credentialEntries(Map casc) {
		((List<Map>) casc.credentials?.system?.domainCredentials ?: []).collectMany { (List<Map>) it.credentials ?: [] }
	}

	static List<String> jobScripts(Map casc) {
		((List<Map>) casc.jobs ?: [])*.script
	}

}
