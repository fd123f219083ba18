package com.example.tourbooking.pipeline

import java.util.concurrent.TimeUnit

import groovy.transform.PackageScope

/** Runs a command in the repository root with extra environment variables, bounded in time. */
@PackageScope
class ScriptRunner {

	static Map run(List<String> command, Map<String, String> environment = [:]) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(PipelineHarness.ROOT).redirectErrorStream(true)
		builder.environment().remove('STAGE_LOG')
		builder.environment().remove('STAGE_NAME')
		builder.environment().remove('KUBECONFIG')
		builder.environment().putAll(environment)
		Process process = builder.start()
		StringBuilder output = new StringBuilder()
		Thread reader = Thread.start { output << process.inputStream.text }
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly()
			throw new AssertionError("${command} did not finish within 120 s")
		}
		reader.join(5000)
		return [exitCode: process.exitValue(), output: output.toString()]
	}

}
