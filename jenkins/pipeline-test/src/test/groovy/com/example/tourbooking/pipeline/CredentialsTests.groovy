package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import groovy.transform.PackageScope
import org.junit.jupiter.api.Test

/**
 * Credentials are bound only in the stages that need them and reach the shell only as
 * environment variables, never through a Groovy-interpolated string.
 */
@PackageScope
class CredentialsTests {

	static final File JENKINSFILE = new File(PipelineHarness.ROOT, 'Jenkinsfile')

	@Test
	void noCredentialIsInterpolatedAnywhereInTheJenkinsfile() {
		CredentialUsageScanner scanner = CredentialUsageScanner.scan(JENKINSFILE)

		assertThat(scanner.credentialVariables).containsExactlyInAnyOrder('DEPLOY_EVENT_TOKEN', 'JENKINS_EVENTS_TOKEN',
				'ES_API_KEY')
		assertThat(scanner.interpolatedCredentials()).isEmpty()
		assertThat(scanner.nonConstantShellScripts).isEmpty()
	}

	@Test
	void theScannerFindsAnInterpolatedCredential() {
		CredentialUsageScanner scanner = CredentialUsageScanner.scan(new File(PipelineHarness.FIXTURES,
				'interpolated-secret.jenkinsfile'))

		assertThat(scanner.interpolatedCredentials()).containsExactly('line 12: TOKEN')
		assertThat(scanner.nonConstantShellScripts).hasSize(1)
	}

	@Test
	void aRunFailsWhenACredentialReachesAStepThroughGroovy() {
		assertThatThrownBy {
			PipelineHarness.runFixture('interpolated-secret.jenkinsfile', BuildContext.branch('main'))
		}.isInstanceOf(AssertionError).hasMessageContaining('credential TOKEN reached step \'sh\'')
	}

	@Test
	void eachCredentialIsBoundOnlyInTheStagesThatNeedIt() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=production'))

		Map<String, Set<String>> credentialsByStage = run.calls('sh').collectEntries { StepCall call ->
			[(call.argument()): call.env.findAll { it.value.startsWith('fake-secret-of-') }.keySet()]
		}
		// No AWS key anywhere: the pods reach AWS through their service account (IRSA, jenkins/casc.yaml).
		assertThat(credentialsByStage).isEqualTo([
			'make build': [] as Set,
			'make static-checks': [] as Set,
			'make image': [] as Set,
			'make push ENV=staging': [] as Set,
			'make stage-events': ['JENKINS_EVENTS_TOKEN'] as Set,
			'make deploy ENV=staging': ['DEPLOY_EVENT_TOKEN'] as Set,
			'make verify ENV=staging': ['DEPLOY_EVENT_TOKEN', 'ES_API_KEY'] as Set,
			'make release-info ENV=production': [] as Set,
			'make deploy ENV=production': ['DEPLOY_EVENT_TOKEN'] as Set,
			'make verify ENV=production': ['DEPLOY_EVENT_TOKEN', 'ES_API_KEY'] as Set,
			'make rollback-deploy ENV=production': ['DEPLOY_EVENT_TOKEN', 'ES_API_KEY'] as Set,
		])
	}

	@Test
	void credentialsAreReleasedWhenTheirStageEnds() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall logstash = run.calls('logstashSend').first()
		assertThat(logstash.env.keySet()).doesNotContain('DEPLOY_EVENT_TOKEN', 'ES_API_KEY', 'JENKINS_EVENTS_TOKEN')
	}

}
