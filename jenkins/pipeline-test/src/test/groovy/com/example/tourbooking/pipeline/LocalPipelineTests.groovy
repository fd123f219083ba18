package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Files
import java.nio.file.Path

import groovy.transform.PackageScope
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * {@code make pipeline} (jenkins/bin/pipeline.sh) runs the stages in order, skips Deploy and
 * Verify without a cluster, stops at the first failure saying how to resume. Make is replaced by a
 * recorder here, so the stages' own work (tested by their owners) does not run.
 */
@PackageScope
class LocalPipelineTests {

	@TempDir
	Path work

	File calls

	File fakeMake

	@BeforeEach
	void fakeMake() {
		calls = work.resolve('calls.txt').toFile()
		fakeMake = work.resolve('make').toFile()
		fakeMake.text = '''#!/usr/bin/env bash
set -euo pipefail
shift # --no-print-directory
echo "$*" >> "$CALLS"
if [[ -n "${FAIL_ON:-}" && "$*" == "$FAIL_ON" ]]; then echo "boom"; exit 2; fi
'''
		fakeMake.setExecutable(true)
	}

	@Test
	void withoutAClusterItRunsEveryStageUpToPushAndSaysWhyDeployAndVerifyAreSkipped() {
		Map result = pipeline([], [HOME: work.toString()])

		assertThat(result.exitCode).isEqualTo(0)
		assertThat(calls.readLines()).containsExactly('build', 'static-checks', 'registry-up base-image image',
				'push ENV=local')
		assertThat((String) result.output).contains('==> [5/6] Deploy: SKIPPED: no cluster configured')
			.contains('==> [6/6] Verify: SKIPPED: no cluster configured')
			.containsPattern(/==> \[1\/6\] Build & Test: done in \d+s/)
			.contains('==> pipeline passed in')
	}

	@Test
	void withAClusterItDeploysAndVerifiesLocally() {
		File kubeconfig = work.resolve('kubeconfig').toFile()
		kubeconfig.text = '''apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "https://127.0.0.1:6443"}}]
users: [{name: me, user: {token: not-a-real-token}}]
contexts: [{name: local, context: {cluster: local, user: me}}]
current-context: local
'''
		Map result = pipeline([], [HOME: work.toString(), KUBECONFIG: kubeconfig.path])

		assertThat(result.exitCode).as((String) result.output).isEqualTo(0)
		assertThat(calls.readLines()).endsWith('push ENV=local', 'deploy ENV=local', 'verify ENV=local')
	}

	@Test
	void aFailingStageStopsThePipelineAndSaysHowToResume() {
		Map result = pipeline([], [HOME: work.toString(), FAIL_ON: 'static-checks'])

		assertThat(result.exitCode).isEqualTo(1)
		assertThat(calls.readLines()).containsExactly('build', 'static-checks')
		assertThat((String) result.output).contains('==> [2/6] Static checks: FAILED after')
			.contains("make pipeline PIPELINE_ARGS='--from static-checks'")
	}

	@Test
	void fromAndOnlySelectStages() {
		pipeline(['--from', 'image'], [HOME: work.toString()])
		assertThat(calls.readLines()).containsExactly('registry-up base-image image', 'push ENV=local')

		calls.delete()
		pipeline(['--only', 'static-checks'], [HOME: work.toString()])
		assertThat(calls.readLines()).containsExactly('static-checks')
	}

	@Test
	void anUnknownStageIsRefusedWithTheListOfStages() {
		Map result = pipeline(['--only', 'deploy-everything'], [HOME: work.toString()])

		assertThat(result.exitCode).isEqualTo(2)
		assertThat((String) result.output).contains('use one of build static-checks image push deploy verify')
		assertThat(Files.exists(calls.toPath())).isFalse()
	}

	private Map pipeline(List<String> arguments, Map<String, String> environment) {
		ScriptRunner.run(['jenkins/bin/pipeline.sh'] + arguments,
				[MAKE: fakeMake.path, CALLS: calls.path] + environment)
	}

}
