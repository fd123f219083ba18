package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * Runs a parsed {@link PipelineSpec} the way pipeline-model-definition 2.2205 runs a declarative
 * pipeline (ModelInterpreter.groovy, read for this harness): per stage, a {@code when} marked
 * beforeOptions, then the options' wrapper steps in order (timeout, lock), then a {@code when}
 * marked beforeAgent, then the agent, then the plain {@code when}, the environment, and steps or
 * nested stages (a parent's post runs inside its agent). Stages after a failure are skipped; the
 * pipeline's post runs last. Inside a post condition the run's result is the logical result,
 * SUCCESS included, and it is reset afterwards (runPostConditions, JENKINS-56402); outside post
 * a succeeding build's {@code currentBuild.result} is null. Steps that need a workspace fail
 * without an agent, as in Jenkins. Steps run in the JenkinsPipelineUnit script, so an unknown step
 * fails the test.
 */
@PackageScope
class DeclarativeRunner {

	private static final List<String> RESULT_ORDER = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']

	/** Steps whose descriptor requires a FilePath (a workspace on an agent). */
	static final Set<String> WORKSPACE_STEPS = ['sh', 'junit', 'archiveArtifacts', 'recordCoverage', 'stash',
			'unstash'] as Set

	private static final ThreadLocal<DeclarativeRunner> CURRENT = new ThreadLocal<>()

	private final BuildContext context

	private final Binding binding

	private final SecretRegistry secrets

	private final JobModel job

	private final File jenkinsfile

	final RunResult result = new RunResult()

	private final BuildState build

	private final CurrentBuild currentBuild

	private String currentStage = 'pipeline'

	private String currentPhase = 'setup'

	private final Deque<Map> timeouts = new ArrayDeque<>()

	private final Deque<Map> agents = new ArrayDeque<>()

	private final Deque<String> heldLocks = new ArrayDeque<>()

	private final Set<String> stashes = [] as Set

	private boolean newerBuildStarted

	private Object script

	DeclarativeRunner(BuildContext context, Binding binding, SecretRegistry secrets, JobModel job, File jenkinsfile) {
		this.context = context
		this.binding = binding
		this.secrets = secrets
		this.job = job
		this.jenkinsfile = jenkinsfile
		this.build = new BuildState(number: context.buildNumber, run: result)
		this.currentBuild = new CurrentBuild(number: context.buildNumber, previousBuild: [result: context.previousResult],
				buildCauses: [[_class: context.cause]])
		result.build = build
		binding.setVariable('env', context.environment())
		binding.setVariable('currentBuild', currentBuild)
	}

	static DeclarativeRunner current() {
		CURRENT.get()
	}

	Object variable(String name) {
		binding.getVariable(name)
	}

	void parseAndRun(Closure body) {
		CURRENT.set(this)
		try {
			run(PipelineDsl.parse(body), body.thisObject)
		}
		finally {
			CURRENT.remove()
		}
	}

	void run(PipelineSpec spec, Object script) {
		this.script = script
		result.spec = spec
		if (!job.start(build)) {
			result.result = null
			return
		}
		OptionSpec concurrency = spec.option('disableConcurrentBuilds')
		job.properties = concurrency ? [disableConcurrentBuilds: concurrency.arguments] : [:]
		try {
			withAgent(spec.agent, 'pipeline') {
				withEnvironment(spec.environment) {
					withWrappers(spec.options.findAll { it.name == 'timeout' }, 'pipeline') {
						spec.stages.each { runStage(it) }
						currentStage = 'pipeline'
						runPost(spec.post) { 'SUCCESS' }
					}
				}
			}
		}
		catch (WaitingForLockException ex) {
			build.state = "waiting for lock ${ex.resource} before stage '${currentStage}'".toString()
			return
		}
		currentBuild.result = result.result
		job.complete(build)
		build.state = 'completed'
	}

	private void runStage(StageSpec stage) {
		StageOutcome outcome = new StageOutcome(name: stage.name, status: 'RUNNING')
		result.stages << outcome
		if (result.result != 'SUCCESS') {
			skip(stage, outcome, StageOutcome.SKIPPED_AFTER_FAILURE)
			return
		}
		currentStage = stage.name
		boolean passed = stage.when == null
		Closure<Boolean> when = { ->
			passed = passed || stage.when.matches(env())
			return passed
		}
		if (stage.whenBefore == 'options' && !when()) {
			skip(stage, outcome, StageOutcome.SKIPPED_BY_WHEN)
			return
		}
		String status = 'SUCCESS'
		withWrappers(stage.options, stage.name) {
			if (stage.whenBefore == 'agent' && !when()) {
				return
			}
			withAgent(stage.agent, stage.name) {
				if (!when()) {
					return
				}
				withEnvironment(stage.environment) {
					if (stage.stages) {
						stage.stages.each { runStage(it) }
						currentStage = stage.name
						status = stage.stages.collect { result.statusOf(it.name) }.findAll { it in RESULT_ORDER }
							.inject('SUCCESS') { String sofar, String next -> worst(sofar, next) }
					}
					else {
						status = runPhase('steps', stage.steps)
					}
					String current = status
					status = worst(status, runPost(stage.post) { current })
				}
			}
		}
		if (!passed) {
			skip(stage, outcome, StageOutcome.SKIPPED_BY_WHEN)
			return
		}
		outcome.status = status
	}

	private void skip(StageSpec stage, StageOutcome outcome, String reason) {
		outcome.status = reason
		stage.descendants().each { result.stages << new StageOutcome(name: it.name, status: reason) }
	}

	private String runPost(Map<String, Closure> conditions, Closure<String> stageStatus) {
		String outcome = 'SUCCESS'
		PostDsl.ORDER.findAll { conditions[it] }.each { String condition ->
			String logical = worst(result.result, stageStatus.call())
			if (applies(condition, logical)) {
				String original = currentBuild.result
				currentBuild.result = logical
				try {
					outcome = worst(outcome, runPhase("post:${condition}", conditions[condition]))
				}
				finally {
					currentBuild.result = original
				}
			}
		}
		return outcome
	}

	/** BuildCondition.meetsCondition of each condition, on the combined (logical) result. */
	private boolean applies(String condition, String logical) {
		switch (condition) {
			case 'always':
			case 'cleanup':
				return true
			case 'fixed':
				return logical == 'SUCCESS' && context.previousResult in ['FAILURE', 'UNSTABLE']
			case 'aborted':
				return logical == 'ABORTED'
			case 'success':
				return logical == 'SUCCESS'
			case 'unsuccessful':
				return logical != 'SUCCESS'
			case 'failure':
				return logical == 'FAILURE'
			case 'notBuilt':
				return logical == 'NOT_BUILT'
			default:
				throw UnknownDirectiveException.inSection('post', condition)
		}
	}

	private String runPhase(String phase, Closure body) {
		String previousPhase = currentPhase
		currentPhase = phase
		try {
			// Steps resolve in the Jenkinsfile script, as in Jenkins, not in the harness's DSL delegates.
			Closure steps = body.rehydrate(script, script, script)
			steps.resolveStrategy = Closure.OWNER_FIRST
			steps.call()
			return 'SUCCESS'
		}
		catch (StepFailedException ex) {
			result.failures << "${currentStage} ${phase}: ${ex.message}".toString()
			result.result = worst(result.result, 'FAILURE')
			return 'FAILURE'
		}
		catch (BuildAbortedException ex) {
			result.result = worst(result.result, ex.result)
			return ex.result
		}
		finally {
			currentPhase = previousPhase
		}
	}

	/** A pipeline's or stage's options: each wrapper step around the rest, in the order written. */
	private void withWrappers(List<OptionSpec> options, String scope, Closure body) {
		if (options.isEmpty()) {
			body.call()
			return
		}
		OptionSpec option = options.first()
		Closure rest = { withWrappers(options.drop(1), scope, body) }
		switch (option.name) {
			case 'timeout':
				inTimeout(scope, option.arguments, rest)
				break
			case 'lock':
				inLock((String) option.arguments.resource, rest)
				break
			default:
				throw UnknownDirectiveException.inSection("options of ${scope}", option.name)
		}
	}

	private void inTimeout(String scope, Map arguments, Closure body) {
		timeouts.push([scope: scope] + arguments)
		try {
			body.call()
		}
		finally {
			timeouts.pop()
		}
	}

	private void inLock(String resource, Closure body) {
		job.acquire(resource, build)
		heldLocks.push(resource)
		try {
			body.call()
		}
		finally {
			heldLocks.pop()
			job.release(resource, build)
		}
	}

	/** agent none keeps whatever node encloses it (ModelInterpreter.inDeclarativeAgent); kubernetes asks for a new pod. */
	private void withAgent(Map<String, Object> agent, String scope, Closure body) {
		if (agent == null || agent.kind == 'none') {
			body.call()
			return
		}
		Map pod = [stage: scope, template: agent.inheritFrom, container: agent.defaultContainer,
				id: "pod-${result.agents.size() + 1}".toString()]
		result.agents << pod
		agents.push(pod)
		try {
			body.call()
		}
		finally {
			agents.pop()
		}
	}

	private void withEnvironment(Map<String, Object> variables, Closure body) {
		Map<String, String> values = [:]
		variables.each { String name, Object value ->
			values[name] = value instanceof CredentialRef ? secrets.bind(value.id, name) : (String) value
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

	private void startNewerBuildDuring(String step) {
		if (context.newerBuildDuring == step && !newerBuildStarted) {
			newerBuildStarted = true
			result.newerBuild = PipelineHarness.runInJob(jenkinsfile, context.newerBuild, job)
		}
		if (build.interruptedResult != null) {
			throw new BuildAbortedException(build.interruptedResult, build.interruptedBy)
		}
	}

	// Steps, called from the Jenkinsfile through JenkinsPipelineUnit's interceptors.

	void record(String step, Object[] arguments) {
		StepCall call = new StepCall(stage: currentStage, phase: currentPhase, step: step, arguments: arguments.toList(),
				env: new LinkedHashMap<>(env()), agent: agents.peek(), timeouts: timeouts.toList(),
				locks: heldLocks.toList(), buildResult: currentBuild.result)
		result.steps << call
		if (step in WORKSPACE_STEPS && call.agent == null) {
			result.missingContext << call
			throw new StepFailedException("Required context class hudson.FilePath is missing: ${step} runs outside any agent")
		}
	}

	void sh(Object command) {
		record('sh', [command] as Object[])
		startNewerBuildDuring(String.valueOf(command))
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

	Object withEnv(List<Object> variables, Closure body) {
		record('withEnv', [variables] as Object[])
		withVariables(variables.collectEntries { Object entry ->
			List<String> parts = String.valueOf(entry).split('=', 2) as List
			[(parts[0]): parts.size() > 1 ? parts[1] : '']
		}, body)
		return null
	}

	Object timeout(Map arguments, Closure body) {
		record('timeout', [arguments] as Object[])
		Object value = null
		inTimeout("${currentStage} (step)".toString(), arguments) { value = body.call() }
		return value
	}

	void milestone(Map arguments) {
		record('milestone', [arguments] as Object[])
		job.passMilestone(build, (int) arguments.ordinal)
		if (build.interruptedResult != null) {
			throw new BuildAbortedException(build.interruptedResult, build.interruptedBy)
		}
	}

	void stash(Map arguments) {
		record('stash', [arguments] as Object[])
		stashes << (String) arguments.name
	}

	void unstash(String name) {
		record('unstash', [name] as Object[])
		if (!(name in stashes)) {
			throw new StepFailedException("No such saved stash ‘${name}’")
		}
	}

	Object input(Map arguments) {
		record('input', [arguments] as Object[])
		startNewerBuildDuring('input')
		switch (context.approval) {
			case BuildContext.Approval.APPROVE:
				return null
			case BuildContext.Approval.REJECT:
				throw new BuildAbortedException('ABORTED', "Rejected: ${arguments.message}")
			default:
				if (timeouts.isEmpty()) {
					throw new AssertionError("input '${arguments.message}' is not inside a timeout: "
							+ 'an unanswered approval would hold the build and its agent forever')
				}
				throw new BuildAbortedException('ABORTED', "No answer to '${arguments.message}' within ${timeouts.peek()}")
		}
	}

	/** {@code currentBuild} (workflow-support RunWrapper): result, currentResult, causes. */
	static class CurrentBuild {

		int number

		String result

		Map previousBuild

		List<Map> buildCauses

		String getCurrentResult() {
			result ?: 'SUCCESS'
		}

	}

}
