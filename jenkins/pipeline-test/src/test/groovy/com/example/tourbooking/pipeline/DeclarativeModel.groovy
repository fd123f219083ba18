package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * What the harness understood of a declarative {@code pipeline { }} block: the directives
 * Jenkins would validate before running anything, kept so that tests can assert on them.
 */
@PackageScope
class PipelineSpec {

	/** {@code [kind: 'none']} or {@code [kind: 'kubernetes', inheritFrom: ..., defaultContainer: ...]}. */
	Map<String, Object> agent = [:]

	List<OptionSpec> options = []

	Map<String, Object> environment = [:]

	List<StageSpec> stages = []

	Map<String, Closure> post = [:]

	OptionSpec option(String name) {
		options.find { it.name == name }
	}

	/** The stage with this name, at any depth. */
	StageSpec stage(String name) {
		allStages().find { it.name == name }
	}

	List<StageSpec> allStages() {
		stages.collectMany { [it] + it.descendants() }
	}

}

/** One entry of an {@code options { }} block, such as {@code timeout(time: 90, unit: 'MINUTES')}. */
@PackageScope
class OptionSpec {

	String name

	Map<String, Object> arguments

}

/**
 * One {@code stage('name') { }}: its condition (and when Jenkins evaluates it), options, agent,
 * environment, and either steps or nested stages, with its post conditions.
 */
@PackageScope
class StageSpec {

	String name

	Condition when

	/** The earliest point the condition is evaluated: 'options', 'agent' or null (inside the agent). */
	String whenBefore

	List<OptionSpec> options = []

	/** Null when the stage inherits its parent's agent. */
	Map<String, Object> agent

	Map<String, Object> environment = [:]

	Closure steps

	List<StageSpec> stages = []

	Map<String, Closure> post = [:]

	List<StageSpec> descendants() {
		stages.collectMany { [it] + it.descendants() }
	}

	OptionSpec option(String name) {
		options.find { it.name == name }
	}

}

/** A {@code when { }} condition, evaluated against the build's environment variables. */
@PackageScope
class Condition {

	String description

	Closure<Boolean> test

	boolean matches(Map<String, String> env) {
		test.call(env)
	}

	@Override
	String toString() {
		description
	}

}

/** The value of {@code credentials('id')} in an {@code environment { }} block. */
@PackageScope
class CredentialRef {

	String id

}
