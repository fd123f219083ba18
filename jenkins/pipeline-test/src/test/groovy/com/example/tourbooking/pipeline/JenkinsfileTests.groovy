package com.example.tourbooking.pipeline

import static com.example.tourbooking.pipeline.BuildContext.Approval.NO_ANSWER
import static com.example.tourbooking.pipeline.BuildContext.Approval.REJECT
import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import groovy.transform.PackageScope
import org.junit.jupiter.api.Test

/**
 * The Jenkinsfile, run in JenkinsPipelineUnit with the declarative harness for a push to main, a
 * pull request and a feature branch, with approvals answered or not and with failing stages.
 */
@PackageScope
class JenkinsfileTests {

	static final List<String> MAIN_STAGES = ['Build & Test', 'Static checks', 'Image', 'Push', 'Deploy staging',
			'Verify staging', 'Approve production', 'Deploy production', 'Verify production']

	@Test
	void pushToMainBuildsPushesDeploysAndVerifiesStagingThenProduction() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactlyElementsOf(MAIN_STAGES)
		assertThat(run.statusOf('Manifests diff')).isEqualTo(StageOutcome.SKIPPED_BY_WHEN)
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make image',
				'make push ENV=staging', 'make deploy ENV=staging', 'make verify ENV=staging',
				'make release-info ENV=production', 'make deploy ENV=production', 'make verify ENV=production',
				'make stage-events')
		assertThat(run.calls('slackSend')).isEmpty()
	}

	@Test
	void pullRequestBuildsChecksAndDiffsManifestsButNeverPushesOrDeploys() {
		RunResult run = PipelineHarness.run(BuildContext.pullRequest('17', 'main'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactly('Build & Test', 'Static checks', 'Manifests diff')
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make k8s-diff',
				'make stage-events')
		assertThat(run.calls('withCredentials')*.stage).containsExactly('pipeline')
		assertThat(run.calls('input')).isEmpty()
	}

	@Test
	void featureBranchBuildsChecksAndPackagesTheImageButNeverPushesOrDeploys() {
		RunResult run = PipelineHarness.run(BuildContext.branch('feature/waiting-list'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactly('Build & Test', 'Static checks', 'Image')
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make image',
				'make stage-events')
		assertThat(run.calls('withCredentials')*.stage).containsExactly('pipeline')
	}

	@Test
	void testReportsAndCoverageAreRecordedAndTheImageArchived() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall junit = run.calls('junit').first()
		assertThat(junit.stage).isEqualTo('Build & Test')
		assertThat(junit.phase).isEqualTo('post:always')
		assertThat(junit.namedArguments().testResults).isEqualTo('**/target/surefire-reports/*.xml')
		StepCall coverage = run.calls('recordCoverage').first()
		assertThat(coverage.namedArguments().tools)
			.isEqualTo([[parser: 'JACOCO', pattern: 'app/target/site/jacoco/jacoco.xml']])
		StepCall archive = run.calls('archiveArtifacts').first()
		assertThat(archive.stage).isEqualTo('Image')
		assertThat(archive.namedArguments().artifacts)
			.isEqualTo('app/target/jib-image.tar, app/target/jib-image.digest')
	}

	@Test
	void failingTestsStillRecordTheirReportsAndStopThePipeline() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make build'))

		assertThat(run.result).isEqualTo('FAILURE')
		assertThat(run.commands()).containsExactly('make build', 'make stage-events')
		assertThat(run.calls('junit')).hasSize(1)
		assertThat(run.calls('recordCoverage')).hasSize(1)
		assertThat(run.stages.findAll { it.status == StageOutcome.SKIPPED_AFTER_FAILURE }*.name)
			.containsExactly('Static checks', 'Manifests diff', 'Image', 'Push', 'Deploy staging', 'Verify staging',
					'Approve production', 'Deploy production', 'Verify production')
	}

	@Test
	void productionWaitsForAnApprovalThatTimesOutWithinAnHour() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall timeout = run.calls('timeout').first()
		StepCall input = run.calls('input').first()
		assertThat(timeout.stage).isEqualTo('Approve production')
		assertThat(timeout.namedArguments()).isEqualTo([time: 1, unit: 'HOURS'])
		assertThat(input.stage).isEqualTo('Approve production')
		assertThat(run.steps.indexOf(timeout)).isLessThan(run.steps.indexOf(input))
		assertThat(run.steps.indexOf(run.command('make release-info ENV=production')))
			.isLessThan(run.steps.indexOf(input))
		assertThat(run.commands().indexOf('make deploy ENV=production'))
			.isGreaterThan(run.commands().indexOf('make verify ENV=staging'))
	}

	@Test
	void unansweredApprovalAbortsTheBuildWithoutTouchingProduction() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').approval(NO_ANSWER))

		assertThat(run.result).isEqualTo('ABORTED')
		assertThat(run.statusOf('Approve production')).isEqualTo('ABORTED')
		assertThat(run.commands()).doesNotContain('make deploy ENV=production', 'make rollback ENV=staging')
		assertThat(run.statusOf('Deploy production')).isEqualTo(StageOutcome.SKIPPED_AFTER_FAILURE)
		assertThat(run.calls('logstashSend')).hasSize(1)
	}

	@Test
	void rejectedApprovalAbortsTheBuildWithoutTouchingProduction() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').approval(REJECT))

		assertThat(run.result).isEqualTo('ABORTED')
		assertThat(run.commands()).endsWith('make verify ENV=staging', 'make release-info ENV=production',
				'make stage-events')
	}

	@Test
	void approvalWithoutTimeoutIsRejectedByTheHarness() {
		assertThatThrownBy {
			PipelineHarness.runFixture('approval-without-timeout.jenkinsfile', BuildContext.branch('main').approval(NO_ANSWER))
		}.isInstanceOf(AssertionError).hasMessageContaining('not inside a timeout')
	}

	@Test
	void failedVerifyOnStagingRollsStagingBackAndRecordsTheEvent() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=staging'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall rollback = run.command('make rollback ENV=staging')
		assertThat(rollback.stage).isEqualTo('Verify staging')
		assertThat(rollback.phase).isEqualTo('post:failure')
		// make rollback records the rolled-back event on Logstash's http input with this token.
		assertThat(rollback.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-logstash-token-DEPLOY_EVENT_TOKEN')
		assertThat(rollback.env.AWS_SECRET_ACCESS_KEY).isEqualTo('fake-secret-of-aws-deploy-AWS_SECRET_ACCESS_KEY')
		assertThat(run.commands()).doesNotContain('make deploy ENV=production')
		assertThat(run.calls('input')).isEmpty()
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void failedVerifyOnProductionRollsProductionBackAndRecordsTheEvent() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=production'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall rollback = run.command('make rollback ENV=production')
		assertThat(rollback.stage).isEqualTo('Verify production')
		assertThat(rollback.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-logstash-token-DEPLOY_EVENT_TOKEN')
		assertThat(run.commands()).doesNotContain('make rollback ENV=staging')
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void failedDeployLeavesTheRollbackToTheDeployTargetAndStops() {
		// make deploy rolls back by itself and records that event (ansible k8s_deploy role); a second
		// rollback here would return to the failed revision, so the pipeline must not run one.
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make deploy ENV=staging'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall deploy = run.command('make deploy ENV=staging')
		assertThat(deploy.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-logstash-token-DEPLOY_EVENT_TOKEN')
		assertThat(run.commands().findAll { it.startsWith('make rollback') }).isEmpty()
		assertThat(run.stagesRun()).endsWith('Deploy staging')
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void failedProductionDeployStopsWithoutASecondRollback() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make deploy ENV=production'))

		assertThat(run.result).isEqualTo('FAILURE')
		assertThat(run.commands().findAll { it.startsWith('make rollback') }).isEmpty()
		assertThat(run.statusOf('Verify production')).isEqualTo(StageOutcome.SKIPPED_AFTER_FAILURE)
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void everyBuildSendsItsStageTimingsWithTheLogstashToken() {
		[BuildContext.branch('main'), BuildContext.pullRequest('3', 'main'), BuildContext.branch('fix/x').failing('make image')]
			.each { BuildContext context ->
				RunResult run = PipelineHarness.run(context)
				StepCall events = run.command('make stage-events')
				assertThat(events.stage).isEqualTo('pipeline')
				assertThat(events.phase).isEqualTo('post:always')
				assertThat(events.env.JENKINS_EVENTS_TOKEN).isEqualTo('fake-secret-of-logstash-token-JENKINS_EVENTS_TOKEN')
				assertThat(events.env.STAGE_LOG).isEqualTo('target/pipeline/stage-starts.tsv')
			}
	}

	@Test
	void everyBuildSendsItsResultToLogstashOnce() {
		[BuildContext.branch('main'), BuildContext.pullRequest('3', 'main'), BuildContext.branch('fix/x').failing('make image')]
			.each { BuildContext context ->
				RunResult run = PipelineHarness.run(context)
				assertThat(run.calls('logstashSend')).hasSize(1)
				StepCall send = run.calls('logstashSend').first()
				assertThat(send.stage).isEqualTo('pipeline')
				assertThat(send.phase).isEqualTo('post:always')
				assertThat(send.namedArguments().failBuild).isEqualTo(false)
			}
	}

	@Test
	void aFixedBuildIsAnnouncedOnSlack() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').afterPreviousBuild('FAILURE'))

		assertThat(run.calls('slackSend')).hasSize(1)
		assertThat(run.calls('slackSend').first().namedArguments().color).isEqualTo('good')
	}

	@Test
	void optionsBoundTheBuildKeepHistoryAbortThePreviousBuildAndTimestampTheLog() {
		PipelineSpec spec = PipelineHarness.run(BuildContext.branch('main')).spec

		assertThat(spec.options*.name).containsExactlyInAnyOrder('timeout', 'buildDiscarder',
				'disableConcurrentBuilds', 'timestamps')
		assertThat(spec.option('timeout').arguments).isEqualTo([time: 90, unit: 'MINUTES'])
		assertThat(spec.option('buildDiscarder').arguments.logRotator).containsKeys('numToKeepStr')
		assertThat(spec.option('disableConcurrentBuilds').arguments).isEqualTo([abortPrevious: true])
		assertThat(spec.agent).isEqualTo([kind: 'kubernetes', inheritFrom: 'tour-booking-agent', defaultContainer: 'build'])
	}

	@Test
	void everyStageRunsOneOrTwoShellLinesThatCallMake() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=production'))
		RunResult pullRequest = PipelineHarness.run(BuildContext.pullRequest('5', 'main'))

		(run.calls('sh') + pullRequest.calls('sh')).groupBy { "${it.stage} ${it.phase}" }.each { where, calls ->
			assertThat(calls).as(where).hasSizeBetween(1, 2)
			calls.each { assertThat(it.argument()).as(where).startsWith('make ') }
		}
	}

	@Test
	void unknownDirectiveFailsTheTest() {
		assertThatThrownBy { PipelineHarness.runFixture('unknown-directive.jenkinsfile', BuildContext.branch('main')) }
			.isInstanceOf(UnknownDirectiveException)
			.hasMessageContaining("'triggers' in pipeline")
	}

	@Test
	void unknownStepFailsTheTest() {
		assertThatThrownBy { PipelineHarness.runFixture('unknown-step.jenkinsfile', BuildContext.branch('main')) }
			.isInstanceOf(MissingMethodException)
			.hasMessageContaining('bat')
	}

	@Test
	void unknownWhenConditionFailsTheTest() {
		assertThatThrownBy { PipelineHarness.runFixture('unknown-condition.jenkinsfile', BuildContext.branch('main')) }
			.isInstanceOf(UnknownDirectiveException)
			.hasMessageContaining("'environment' in when")
	}

	private static void assertBuildEventAndFailureNotification(RunResult run) {
		assertThat(run.calls('logstashSend')).hasSize(1)
		assertThat(run.calls('slackSend')).hasSize(1)
		StepCall slack = run.calls('slackSend').first()
		assertThat(slack.namedArguments().color).isEqualTo('danger')
		assertThat(String.valueOf(slack.namedArguments().message)).contains('tour-booking/main #42')
	}

}
