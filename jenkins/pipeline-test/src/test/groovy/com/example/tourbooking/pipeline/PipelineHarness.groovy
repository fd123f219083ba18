package com.example.tourbooking.pipeline

import com.lesfurets.jenkins.unit.PipelineTestHelper
import groovy.transform.PackageScope

/**
 * Loads a Jenkinsfile into JenkinsPipelineUnit 1.1 with only the steps this project uses
 * registered (anything else is a missing method), parses its {@code pipeline { }} block with
 * {@link PipelineDsl} and runs it with {@link DeclarativeRunner} for one {@link BuildContext}.
 */
@PackageScope
class PipelineHarness {

	static final File ROOT = new File(System.getProperty('repository.root', '../..')).canonicalFile

	static final File FIXTURES = new File(ROOT, 'jenkins/pipeline-test/src/test/resources/fixtures')

	/** Steps that only record their call; the harness gives the others a behaviour. */
	static final Map<String, List<Class>> RECORDED_STEPS = [
		echo: [String],
		junit: [Map],
		recordCoverage: [Map],
		archiveArtifacts: [Map],
		logstashSend: [Map],
		slackSend: [Map],
	]

	private static final Map<String, RunResult> RUNS_OF_THE_JENKINSFILE = new java.util.concurrent.ConcurrentHashMap<>()

	/** Runs the repository's Jenkinsfile; a build already simulated with the same context is reused. */
	static RunResult run(BuildContext context) {
		RUNS_OF_THE_JENKINSFILE.computeIfAbsent(context.key()) { run(new File(ROOT, 'Jenkinsfile'), context) }
	}

	static RunResult runFixture(String name, BuildContext context) {
		run(new File(FIXTURES, name), context)
	}

	static RunResult run(File jenkinsfile, BuildContext context) {
		runInJob(jenkinsfile, context, new JobModel())
	}

	/** Runs one build of a job whose other builds share {@code job} (milestones, locks, properties). */
	static RunResult runInJob(File jenkinsfile, BuildContext context, JobModel job) {
		SecretRegistry secrets = new SecretRegistry()
		PipelineTestHelper helper = new SecretCheckingHelper(secrets)
		helper.scriptRoots = [jenkinsfile.parentFile.path] as String[]
		helper.baseScriptRoot = jenkinsfile.parentFile.path
		helper.scriptExtension = 'jenkinsfile'
		helper.baseClassloader = PipelineHarness.classLoader
		helper.init()

		Binding binding = new Binding()
		DeclarativeRunner runner = new DeclarativeRunner(context, binding, secrets, job, jenkinsfile)
		helper.registerAllowedMethod('pipeline', [Closure], { Closure body -> runner.parseAndRun(body) })
		helper.registerAllowedMethod('sh', [String], { Object command -> runner.sh(command) })
		helper.registerAllowedMethod('withCredentials', [List, Closure],
				{ List bindings, Closure body -> runner.withCredentials(bindings, body) })
		helper.registerAllowedMethod('timeout', [Map, Closure], { Map arguments, Closure body -> runner.timeout(arguments, body) })
		helper.registerAllowedMethod('input', [Map], { Map arguments -> runner.input(arguments) })
		helper.registerAllowedMethod('withEnv', [List, Closure], { List variables, Closure body -> runner.withEnv(variables, body) })
		helper.registerAllowedMethod('milestone', [Map], { Map arguments -> runner.milestone(arguments) })
		helper.registerAllowedMethod('stash', [Map], { Map arguments -> runner.stash(arguments) })
		helper.registerAllowedMethod('unstash', [String], { String name -> runner.unstash(name) })
		helper.registerAllowedMethod('aws', [Map], { Map arguments ->
			credential(arguments, 'aws', ['accessKeyVariable', 'secretKeyVariable'])
		})
		helper.registerAllowedMethod('usernamePassword', [Map], { Map arguments ->
			credential(arguments, 'usernamePassword', ['usernameVariable', 'passwordVariable'])
		})
		helper.registerAllowedMethod('string', [Map], { Map arguments -> credential(arguments, 'string', ['variable']) })
		RECORDED_STEPS.each { String step, List<Class> types ->
			helper.registerAllowedMethod(step, types, { Object argument -> runner.record(step, [argument] as Object[]) })
		}

		helper.runScript(helper.loadScript(jenkinsfile.name, binding))
		if (runner.result.spec == null) {
			throw new AssertionError("${jenkinsfile} has no pipeline { } block")
		}
		return runner.result
	}

	private static Map credential(Map arguments, String kind, List<String> variableKeys) {
		if (!arguments.credentialsId) {
			throw new AssertionError("${kind}(...) without credentialsId")
		}
		List<String> variables = variableKeys.collect { key ->
			if (!arguments[key]) {
				throw new AssertionError("${kind}(credentialsId: '${arguments.credentialsId}') without ${key}")
			}
			(String) arguments[key]
		}
		return [kind: kind, credentialsId: arguments.credentialsId, variables: variables]
	}

}
