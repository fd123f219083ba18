package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import groovy.transform.PackageScope
import org.junit.jupiter.api.Test

/**
 * Where each step runs and what bounds it (issue 11, point 7): the approval holds no agent pod,
 * every stage has its own timeout and the approval's hour counts against nothing else, and each
 * environment's deploy and verify run in one pod under that environment's lock.
 */
@PackageScope
class AgentsAndTimeoutsTests {

	@Test
	void theApprovalHoldsNoAgentPod() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		StepCall input = run.calls('input').first()
		assertThat(input.agent).isNull()
		assertThat(run.agents*.stage).containsExactly('Build', 'Staging', 'Production')
		assertThat(run.agents*.template.toSet()).containsExactly('tour-booking-agent')
	}

	@Test
	void everyStepRunsUnderItsOwnStagesTimeoutAndNoneUnderTheApprovals() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		run.steps.findAll { it.phase == 'steps' }.each { StepCall call ->
			assertThat(call.timeouts*.scope).as(call.toString()).contains(call.stage).doesNotContain('pipeline')
			if (call.stage != 'Approve production') {
				assertThat(call.timeouts*.scope).as(call.toString()).doesNotContain('Approve production')
			}
		}
		run.spec.allStages().findAll { it.steps }.each { StageSpec stage ->
			Map timeout = stage.option('timeout')?.arguments
			assertThat(timeout).as("timeout of stage ${stage.name}").isNotNull()
		}
	}

	@Test
	void eachEnvironmentIsDeployedAndVerifiedInOnePodUnderItsLock() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		['staging', 'production'].each { String env ->
			StepCall deploy = run.command("make deploy ENV=${env}")
			StepCall verify = run.command("make verify ENV=${env}")
			assertThat(verify.agent).isEqualTo(deploy.agent)
			assertThat(deploy.locks).containsExactly("tour-booking-${env}".toString())
			assertThat(verify.locks).containsExactly("tour-booking-${env}".toString())
			StepCall milestone = run.calls('milestone').find { it.stage == "Deploy ${env}".toString() }
			assertThat(milestone.locks).as('milestone inside the lock').containsExactly("tour-booking-${env}".toString())
			assertThat(run.steps.indexOf(milestone)).isLessThan(run.steps.indexOf(deploy))
		}
		assertThat(run.calls('milestone')*.namedArguments()*.ordinal).containsExactly(10, 20, 30)
	}

	@Test
	void aDeployInAFreshPodGetsTheDigestTheImageStageBuilt() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		['staging', 'production'].each { String env ->
			StepCall deploy = run.command("make deploy ENV=${env}")
			StepCall unstash = run.calls('unstash').find { it.agent == deploy.agent }
			assertThat(unstash).as("unstash in the ${env} pod").isNotNull()
			assertThat(unstash.argument()).isEqualTo('image-digest')
		}
	}

	@Test
	void aWorkspaceStepOutsideAnyAgentFailsTheBuildAsInJenkins() {
		RunResult run = PipelineHarness.runFixture('sh-without-agent.jenkinsfile', BuildContext.branch('main'))

		assertThat(run.result).isEqualTo('FAILURE')
		assertThat(run.missingContext*.argument()).containsExactly('make release-info ENV=production')
	}

	@Test
	void aStageAgentNoneInsideAPipelineAgentStillHoldsThePipelinesPod() {
		RunResult run = PipelineHarness.runFixture('approval-inside-pipeline-agent.jenkinsfile', BuildContext.branch('main'))

		assertThat(run.calls('input').first().agent).isNotNull()
	}

	@Test
	void insidePostTheResultIsTheLogicalResultAndInStepsASucceedingBuildHasNone() {
		RunResult run = PipelineHarness.run(BuildContext.branch('main'))

		assertThat(run.calls('sh').findAll { it.phase == 'steps' }*.buildResult).isNotEmpty().containsOnlyNulls()
		assertThat(run.calls('logstashSend').first().buildResult).isEqualTo('SUCCESS')
		RunResult failed = PipelineHarness.run(BuildContext.branch('main').failing('make image'))
		assertThat(failed.calls('logstashSend').first().buildResult).isEqualTo('FAILURE')
	}

}
