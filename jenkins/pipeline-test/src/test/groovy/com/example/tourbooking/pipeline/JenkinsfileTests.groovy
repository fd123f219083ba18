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

	static final List<String> MAIN_STAGES = ['Build', 'Build & Test', 'Static checks', 'Image', 'Push', 'Staging',
			'Deploy staging', 'Verify staging', 'Release info', 'Approve production', 'Production', 'Deploy production',
			'Verify production']

	@Test
	void pushToMainBuildsPushesDeploysAndVerifiesStagingThenProduction() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactlyElementsOf(MAIN_STAGES)
		assertThat(run.statusOf('Manifests diff')).isEqualTo(StageOutcome.SKIPPED_BY_WHEN)
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make image',
				'make push ENV=staging', 'make stage-events', 'make deploy ENV=staging', 'make verify ENV=staging',
				'make release-info ENV=production', 'make stage-events', 'make deploy ENV=production',
				'make verify ENV=production', 'make stage-events')
		assertThat(run.calls('slackSend')).isEmpty()
		assertThat(run.missingContext).isEmpty()
	}

	@Test
	void pullRequestBuildsChecksAndDiffsManifestsButNeverPushesOrDeploys() {
		RunResult run = PipelineHarness.run(BuildContext.pullRequest('17', 'main'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactly('Build', 'Build & Test', 'Static checks', 'Manifests diff')
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make k8s-diff',
				'make stage-events')
		assertThat(run.calls('input')).isEmpty()
		assertThat(run.calls('milestone')).isEmpty()
		// The staging and production stages are skipped before their lock and their pod.
		assertThat(run.agents*.stage).containsExactly('Build')
		assertThat(run.steps*.locks.flatten()).isEmpty()
	}

	@Test
	void featureBranchBuildsChecksAndPackagesTheImageButNeverPushesOrDeploys() {
		RunResult run = PipelineHarness.run(BuildContext.branch('feature/waiting-list'))

		assertThat(run.result).isEqualTo('SUCCESS')
		assertThat(run.stagesRun()).containsExactly('Build', 'Build & Test', 'Static checks', 'Image')
		assertThat(run.commands()).containsExactly('make build', 'make static-checks', 'make image',
				'make stage-events')
		assertThat(run.agents*.stage).containsExactly('Build')
	}

	@Test
	void testReportsAndCoverageAreRecordedAndOnlyTheImageDigestIsArchived() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall junit = run.calls('junit').first()
		assertThat(junit.stage).isEqualTo('Build & Test')
		assertThat(junit.phase).isEqualTo('post:always')
		assertThat(junit.namedArguments().testResults).isEqualTo('**/target/surefire-reports/*.xml')
		StepCall coverage = run.calls('recordCoverage').first()
		assertThat(coverage.namedArguments().tools)
			.isEqualTo([[parser: 'JACOCO', pattern: 'app/target/site/jacoco/jacoco.xml']])
		// The image lives in the registry; the controller's volume keeps only its digest (issue 11, point 9).
		StepCall archive = run.calls('archiveArtifacts').first()
		assertThat(archive.stage).isEqualTo('Image')
		// The deploy stages need the multi-arch index's digest: the amd64 one alone fails on arm64 nodes.
		String digests = 'app/target/jib-image.digest,app/target/jib-image-index.digest'
		assertThat(archive.namedArguments().artifacts).isEqualTo(digests)
		assertThat(run.calls('stash')*.namedArguments()*.includes).containsExactly(digests)
	}

	@Test
	void failingTestsStillRecordTheirReportsAndStopThePipeline() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make build'))

		assertThat(run.result).isEqualTo('FAILURE')
		assertThat(run.commands()).containsExactly('make build', 'make stage-events')
		assertThat(run.calls('junit')).hasSize(1)
		assertThat(run.calls('recordCoverage')).hasSize(1)
		assertThat(run.stages.findAll { it.status == StageOutcome.SKIPPED_AFTER_FAILURE }*.name)
			.containsExactly('Static checks', 'Manifests diff', 'Image', 'Push', 'Staging', 'Deploy staging',
					'Verify staging', 'Release info', 'Approve production', 'Production', 'Deploy production',
					'Verify production')
	}

	@Test
	void productionWaitsForAnApprovalThatTimesOutWithinAnHour() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall input = run.calls('input').first()
		assertThat(input.stage).isEqualTo('Approve production')
		assertThat(input.timeouts).containsExactly([scope: 'Approve production', time: 1, unit: 'HOURS'])
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
		assertThat(run.commands()).doesNotContain('make deploy ENV=production', 'make rollback-deploy ENV=staging')
		assertThat(run.statusOf('Deploy production')).isEqualTo(StageOutcome.SKIPPED_AFTER_FAILURE)
		assertThat(run.agents*.stage).doesNotContain('Production')
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
	void failedVerifyOnStagingUndoesOnlyThisBuildsStagingDeploy() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=staging'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall rollback = run.command('make rollback-deploy ENV=staging')
		assertThat(rollback.stage).isEqualTo('Verify staging')
		assertThat(rollback.phase).isEqualTo('post:failure')
		// Same pod and workspace as the deploy: make rollback-deploy reads that deploy's record.
		assertThat(rollback.agent).isEqualTo(run.command('make deploy ENV=staging').agent)
		assertThat(rollback.locks).containsExactly('tour-booking-staging')
		// make rollback-deploy records the rollback event on Logstash's http input with this token.
		assertThat(rollback.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-deploy-events-token-DEPLOY_EVENT_TOKEN')
		assertThat(run.commands()).doesNotContain('make deploy ENV=production', 'make rollback ENV=staging')
		assertThat(run.calls('input')).isEmpty()
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void failedVerifyOnProductionUndoesOnlyThisBuildsProductionDeploy() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make verify ENV=production'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall rollback = run.command('make rollback-deploy ENV=production')
		assertThat(rollback.stage).isEqualTo('Verify production')
		assertThat(rollback.agent).isEqualTo(run.command('make deploy ENV=production').agent)
		assertThat(rollback.locks).containsExactly('tour-booking-production')
		assertThat(rollback.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-deploy-events-token-DEPLOY_EVENT_TOKEN')
		assertThat(run.commands().findAll { it.startsWith('make rollback') }).containsExactly('make rollback-deploy ENV=production')
		assertBuildEventAndFailureNotification(run)
	}

	@Test
	void failedDeployLeavesTheRollbackToTheDeployTargetAndStops() {
		// make deploy rolls back by itself when it changed something (ansible k8s_deploy role); a
		// second rollback here could only undo someone else's revision.
		RunResult run = PipelineHarness.run(BuildContext.branch('main').failing('make deploy ENV=staging'))

		assertThat(run.result).isEqualTo('FAILURE')
		StepCall deploy = run.command('make deploy ENV=staging')
		assertThat(deploy.env.DEPLOY_EVENT_TOKEN).isEqualTo('fake-secret-of-deploy-events-token-DEPLOY_EVENT_TOKEN')
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
	void everyAgentPodSendsTheTimingsOfItsStagesWithTheJenkinsEventsToken() {
		[BuildContext.branch('main'), BuildContext.pullRequest('3', 'main'), BuildContext.branch('fix/x').failing('make image')]
			.each { BuildContext context ->
				RunResult run = PipelineHarness.run(context)
				List<StepCall> events = run.steps.findAll { it.step == 'sh' && it.argument() == 'make stage-events' }
				assertThat(events*.agent).as('one report per pod').containsExactlyElementsOf(run.agents)
				events.each { StepCall call ->
					assertThat(call.phase).isEqualTo('post:always')
					assertThat(call.env.JENKINS_EVENTS_TOKEN).isEqualTo('fake-secret-of-jenkins-events-token-JENKINS_EVENTS_TOKEN')
					assertThat(call.env.STAGE_LOG).isEqualTo('target/pipeline/stage-starts.tsv')
					assertThat(call.env.BUILD_RESULT).isEqualTo(run.result)
					assertThat(call.env.BUILD_CAUSE).isEqualTo('jenkins.branch.BranchEventCause')
				}
			}
	}

	@Test
	void everyBuildSendsItsResultToLogstashOnceWithTheResultKnown() {
		[BuildContext.branch('main'), BuildContext.pullRequest('3', 'main'), BuildContext.branch('fix/x').failing('make image'),
				BuildContext.branch('main').approval(REJECT)].each { BuildContext context ->
			RunResult run = PipelineHarness.run(context)
			assertThat(run.calls('logstashSend')).hasSize(1)
			StepCall send = run.calls('logstashSend').first()
			assertThat(send.stage).isEqualTo('pipeline')
			assertThat(send.phase).isEqualTo('post:always')
			assertThat(send.namedArguments().failBuild).isEqualTo(false)
			// BuildData.updateResult (logstash 2.4.0) copies the run's result only when it is not null.
			assertThat(send.buildResult).isEqualTo(run.result)
			assertThat(send.timeouts*.scope).containsExactly('pipeline (step)')
		}
	}

	@Test
	void aFixedBuildIsAnnouncedOnSlack() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main').afterPreviousBuild('FAILURE'))

		assertThat(run.calls('slackSend')).hasSize(1)
		assertThat(run.calls('slackSend').first().namedArguments().color).isEqualTo('good')
	}

	@Test
	void optionsKeepHistoryAndTimestampTheLogWithoutAPipelineWideTimeoutOrAbortPrevious() {
		PipelineSpec spec = PipelineHarness.run(BuildContext.branch('main')).spec

		assertThat(spec.options*.name).containsExactlyInAnyOrder('buildDiscarder', 'timestamps')
		assertThat(spec.option('buildDiscarder').arguments.logRotator).containsKeys('numToKeepStr')
		assertThat(spec.agent).isEqualTo([kind: 'none'])
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
