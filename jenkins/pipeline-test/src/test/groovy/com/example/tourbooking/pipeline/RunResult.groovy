package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/** What one simulated build did: stage outcomes in order, every step call, the build result. */
@PackageScope
class RunResult {

	PipelineSpec spec

	String result = 'SUCCESS'

	List<StageOutcome> stages = []

	List<StepCall> steps = []

	/** Every agent pod the build asked for, in order: stage, pod template, id. */
	List<Map> agents = []

	/** Steps that needed a workspace and ran outside any agent (Jenkins fails them). */
	List<StepCall> missingContext = []

	List<String> failures = []

	BuildState build

	/** The newer build of the same job that ran while this one was in the step BuildContext names. */
	RunResult newerBuild

	List<String> stagesRun() {
		stages.findAll { it.ran() }*.name
	}

	String statusOf(String stage) {
		stages.find { it.name == stage }?.status
	}

	List<String> commands() {
		steps.findAll { it.step == 'sh' }*.argument()
	}

	List<StepCall> calls(String step) {
		steps.findAll { it.step == step }
	}

	StepCall command(String command) {
		StepCall call = steps.find { it.step == 'sh' && it.argument() == command }
		if (call == null) {
			throw new AssertionError("'${command}' did not run; commands were ${commands()}")
		}
		return call
	}

}

/** How a stage ended: SUCCESS, FAILURE, ABORTED, or skipped (by its when, or after a failure). */
@PackageScope
class StageOutcome {

	static final String SKIPPED_BY_WHEN = 'SKIPPED_BY_WHEN'

	static final String SKIPPED_AFTER_FAILURE = 'SKIPPED_AFTER_FAILURE'

	String name

	String status

	boolean ran() {
		!status.startsWith('SKIPPED')
	}

}

/** One step call, with where it happened and the environment variables it saw. */
@PackageScope
class StepCall {

	String stage

	String phase

	String step

	List<Object> arguments

	Map<String, String> env

	/** The agent pod the step ran in; null outside any agent. */
	Map agent

	/** The timeouts around the step, innermost first, each with the scope that set it. */
	List<Map> timeouts

	/** The lockable resources the build held during the step. */
	List<String> locks

	/** {@code currentBuild.result} when the step ran. */
	String buildResult

	String argument() {
		String.valueOf(arguments[0])
	}

	Map<String, Object> namedArguments() {
		(Map<String, Object>) arguments[0]
	}

	@Override
	String toString() {
		"${stage} ${phase}: ${step}(${arguments.join(', ')})"
	}

}
