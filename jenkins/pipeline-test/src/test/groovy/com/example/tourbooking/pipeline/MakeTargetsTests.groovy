package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import groovy.transform.PackageScope
import org.junit.jupiter.api.Test

/**
 * Every make command that the Jenkinsfile (in every simulated build) and the local pipeline run
 * resolves in the real Makefile: {@code make -n} (print, do not run) must succeed for it.
 */
@PackageScope
class MakeTargetsTests {

	@Test
	void everyMakeTargetTheJenkinsfileCallsExists() {
		Set<String> commands = [BuildContext.branch('main'), BuildContext.branch('main').failing('make verify ENV=staging'),
				BuildContext.branch('main').failing('make verify ENV=production'), BuildContext.pullRequest('8', 'main'),
				BuildContext.branch('feature/x')].collectMany { PipelineHarness.run(it).commands() } as Set

		assertThat(commands).contains('make build', 'make deploy ENV=production', 'make rollback-deploy ENV=staging',
				'make k8s-diff')
		assertThat(missing(commands)).as('make commands that do not resolve (make -n)').isEmpty()
	}

	/**
	 * A fresh agent pod has no kubeconfig: every command of the Jenkinsfile that talks to the cluster
	 * must run what {@code make kubeconfig ENV=...} runs (aws eks update-kubeconfig into the
	 * workspace's state directory) before it, whatever way the Makefile wires that in.
	 */
	@Test
	void everyCommandThatTalksToTheClusterGetsItsKubeconfigFromMakeKubeconfig() {
		Set<String> commands = [BuildContext.branch('main').failing('make verify ENV=staging'),
				BuildContext.branch('main').failing('make verify ENV=production')]
			.collectMany { PipelineHarness.run(it).commands() } as Set
		List<String> cluster = commands.findAll { it ==~ /make (deploy|verify|rollback-deploy) ENV=\w+/ }

		assertThat(cluster).hasSize(6)
		cluster.each { String command ->
			String env = command.split('ENV=')[1]
			Map kubeconfig = run(['make', '-n', '--no-print-directory', 'kubeconfig', "ENV=${env}".toString()])
			assertThat(kubeconfig.exitCode).as("make -n kubeconfig ENV=${env}: ${kubeconfig.output}").isEqualTo(0)
			List<String> recipe = kubeconfig.output.readLines().findAll { it.trim() }
			assertThat(recipe).as('make kubeconfig recipe').isNotEmpty()
			Map target = run(['make', '-n', '--no-print-directory'] + command.split(/\s+/).drop(1).toList())
			assertThat(target.output.readLines()).as(command).containsSubsequence(recipe)
		}
	}

	@Test
	void everyMakeTargetTheLocalPipelineCallsExists() {
		List<String> commands = run(['jenkins/bin/pipeline.sh', '--list']).output.readLines()
			.collect { 'make ' + it.split(/ make /, 2)[1] }

		assertThat(commands).hasSize(6)
		assertThat(missing(commands)).as('make commands that do not resolve (make -n)').isEmpty()
	}

	@Test
	void aMissingTargetIsReported() {
		assertThat(missing(['make no-such-target'])).containsOnlyKeys('make no-such-target')
	}

	private static Map<String, String> missing(Collection<String> commands) {
		commands.collectEntries { String command ->
			List<String> words = command.split(/\s+/) as List
			assertThat(words.first()).isEqualTo('make')
			Map result = run(['make', '-n', '--no-print-directory'] + words.drop(1))
			result.exitCode == 0 ? [:] : [(command): result.output.readLines().findAll { it.contains('***') }.join('; ')]
		}
	}

	private static Map run(List<String> command) {
		ScriptRunner.run(command)
	}

}
