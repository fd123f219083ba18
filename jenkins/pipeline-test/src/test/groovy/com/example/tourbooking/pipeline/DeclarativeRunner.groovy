package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * Runs a parsed {@link PipelineSpec} the way Jenkins runs a declarative pipeline: stages in order,
 * {@code when} evaluated against the branch, stage environments and credentials bound around
 * steps and stage post conditions, remaining stages skipped after a failure, then the pipeline's
 * post conditions. Steps run in the JenkinsPipelineUnit script, so an unknown step fails the test.
 */
@PackageScope
class DeclarativeRunner {

	private static final List<String> RESULT_ORDER = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']

	private final BuildContext context

	private final Binding binding

	private final SecretRegistry secrets

	final RunResult result = new RunResult()

	private String currentStage = 'pipeline'

	private String currentPhase = 'setup'

	private final Deque<Map> timeouts = new ArrayDeque<>()

	private Object script

	DeclarativeRunner(BuildContext context, Binding binding, SecretRegistry secrets) {
		this.context = context
		this.binding = binding
		this.secrets = secrets
		binding.setVariable('env', context.environment())
		binding.setVariable('currentBuild', [result: null, previousBuild: [result: context.previousResult]])
	}

	void run(PipelineSpec spec, Object script) {
		this.script = script
		result.spec = spec
		withEnvironment(spec.environment) {
			spec.stages.each { runStage(it) }
			currentStage = 'pipeline'
			runPost(spec.post) { result.result }
		}
		binding.getVariable('currentBuild').result = result.result
	}

	private void runStage(StageSpec stage) {
		if (result.result != 'SUCCESS') {
			result.stages << new StageOutcome(name: stage.name, status: StageOutcome.SKIPPED_AFTER_FAILURE)
			return
		}
		if (stage.when && !stage.when.matches(env())) {
			result.stages << new StageOutcome(name: stage.name, status: StageOutcome.SKIPPED_BY_WHEN)
			return
		}
		currentStage = stage.name
		String status = 'SUCCESS'
		withEnvironment(stage.environment) {
			status = runPhase('steps', stage.steps)
			String afterPost = runPost(stage.post) { status }
			status = worst(status, afterPost)
		}
		result.stages << new StageOutcome(name: stage.name, status: status)
	}

	private String runPost(Map<String, Closure> conditions, Closure<String> status) {
		String outcome = 'SUCCESS'
		PostDsl.ORDER.findAll { conditions[it] }.each { String condition ->
			if (applies(condition, status.call())) {
				outcome = worst(outcome, runPhase("post:${condition}", conditions[condition]))
			}
		}
		return outcome
	}

	private boolean applies(String condition, String status) {
		switch (condition) {
			case 'always':
			case 'cleanup':
				return true
			case 'fixed':
				return result.result == 'SUCCESS' && context.previousResult in ['FAILURE', 'UNSTABLE']
			case 'aborted':
				return status == 'ABORTED'
			case 'failure':
				return status == 'FAILURE'
			case 'success':
				return status == 'SUCCESS'
			case 'unsuccessful':
				return status != 'SUCCESS'
			default:
				throw UnknownDirectiveException.inSection('post', condition)
		}
	}

	private String runPhase(String phase, Closure body) {
		currentPhase = phase
		binding.getVariable('currentBuild').result = result.result
		try {
			// Steps resolve in the Jenkinsfile script, as in Jenkins, not in the harness's DSL delegates.
			Closure steps = body.rehydrate(script, script, script)
			steps.resolveStrategy = Closure.OWNER_FIRST
			steps.call()
			return 'SUCCESS'
		}
		catch (StepFailedException ex) {
			result.result = worst(result.result, 'FAILURE')
			return 'FAILURE'
		}
		catch (BuildAbortedException ex) {
			result.result = worst(result.result, 'ABORTED')
			return 'ABORTED'
		}
	}

	private void withEnvironment(Map<String, Object> variables, Closure body) {
		Map<String, String> values = [:]
		variables.each { String name, Object value ->
			if (value instanceof CredentialRef) {
				values[name] = secrets.bind(value.id, name)
			}
			else {
				values[name] = (String) value
			}
		}
		withVariables(values, body)
	}

	private void withVariables(Map<String, String> values, Closure body) {
		Map<String, String> env = env()
		Map<String, String> saved = env.subMap(values.keySet())
		env.putAll(values)
		values.each { name, value -> binding.setVariable(name, value) }
		try {
			body.call()
		}
		finally {
			values.keySet().each { name ->
				env.remove(name)
				binding.variables.remove(name)
			}
			env.putAll(saved)
			values.keySet().each { secrets.release(env, it) }
		}
	}

	private Map<String, String> env() {
		(Map<String, String>) binding.getVariable('env')
	}

	private static String worst(String first, String second) {
		RESULT_ORDER.indexOf(first) >= RESULT_ORDER.indexOf(second) ? first : second
	}

	// Steps, called from the Jenkinsfile through JenkinsPipelineUnit's interceptors.

	void record(String step, Object[] arguments) {
		result.steps << new StepCall(stage: currentStage, phase: currentPhase, step: step,
				arguments: arguments.toList(), env: new LinkedHashMap<>(env()))
	}

	void sh(Object command) {
		record('sh', [command] as Object[])
		if (context.failingCommands.contains(String.valueOf(command))) {
			throw new StepFailedException("script returned exit code 2: ${command}")
		}
	}

	Object withCredentials(List<Map> bindings, Closure body) {
		record('withCredentials', [bindings] as Object[])
		Map<String, String> values = [:]
		bindings.each { Map binding ->
			binding.variables.each { String variable -> values[variable] = secrets.bind(binding.credentialsId, variable) }
		}
		withVariables(values, body)
		return null
	}

	Object timeout(Map arguments, Closure body) {
		record('timeout', [arguments] as Object[])
		timeouts.push(arguments)
		try {
			return body.call()
		}
		finally {
			timeouts.pop()
		}
	}

	Object input(Map arguments) {
		record('input', [arguments] as Object[])
		switch (context.approval) {
			case BuildContext.Approval.APPROVE:
				return null
			case BuildContext.Approval.REJECT:
				throw new BuildAbortedException("Rejected: ${arguments.message}")
			default:
				if (timeouts.isEmpty()) {
					throw new AssertionError("input '${arguments.message}' is not inside a timeout: "
							+ 'an unanswered approval would hold the build and its agent forever')
				}
				throw new BuildAbortedException("No answer to '${arguments.message}' within ${timeouts.peek()}")
		}
	}

}
