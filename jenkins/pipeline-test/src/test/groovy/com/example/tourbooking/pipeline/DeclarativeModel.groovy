package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * What the harness understood of a declarative {@code pipeline { }} block: the directives
 * Jenkins would validate before running anything, kept so that tests can assert on them.
 */
@PackageScope
class PipelineSpec {

	Map<String, Object> agent = [:]

	List<OptionSpec> options = []

	Map<String, Object> environment = [:]

	List<StageSpec> stages = []

	Map<String, Closure> post = [:]

	OptionSpec option(String name) {
		options.find { it.name == name }
	}

	StageSpec stage(String name) {
		stages.find { it.name == name }
	}

}

/** One entry of an {@code options { }} block, such as {@code timeout(time: 90, unit: 'MINUTES')}. */
@PackageScope
class OptionSpec {

	String name

	Map<String, Object> arguments

}

/** One {@code stage('name') { }} with its condition, environment, steps and post conditions. */
@PackageScope
class StageSpec {

	String name

	Condition when

	Map<String, Object> environment = [:]

	Closure steps

	Map<String, Closure> post = [:]

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
