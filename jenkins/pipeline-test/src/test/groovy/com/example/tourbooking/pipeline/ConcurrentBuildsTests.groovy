package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import groovy.transform.PackageScope
import org.junit.jupiter.api.Test

/**
 * Two builds of main at once (issue 11, point 7): a newer commit never interrupts a deploy, never
 * lets an older build deploy over it, and waits for an environment without holding a pod. The
 * builds share a {@link JobModel} (milestones, locks, job properties as the pinned plugins implement
 * them); the newer build runs while the older one is inside the named step.
 */
@PackageScope
class ConcurrentBuildsTests {

	@Test
	void aNewerBuildNeverAbortsAProductionDeployAndWaitsForItWithoutAPod() {
		RunResult older = PipelineHarness.run(BuildContext.branch('main')
			.newerBuildDuring('make deploy ENV=production', BuildContext.branch('main')))

		assertThat(older.result).isEqualTo('SUCCESS')
		assertThat(older.commands()).endsWith('make deploy ENV=production', 'make verify ENV=production', 'make stage-events')
		RunResult newer = older.newerBuild
		assertThat(newer.build.state).isEqualTo("waiting for lock tour-booking-production before stage 'Production'")
		assertThat(newer.agents*.stage).containsExactly('Build', 'Staging')
		assertThat(newer.commands()).doesNotContain('make deploy ENV=production')
	}

	@Test
	void aNewerBuildNeverAbortsAStagingDeployOrItsVerify() {
		['make deploy ENV=staging', 'make verify ENV=staging'].each { String step ->
			RunResult older = PipelineHarness.run(BuildContext.branch('main').newerBuildDuring(step, BuildContext.branch('main')))

			assertThat(older.result).as(step).isEqualTo('SUCCESS')
			assertThat(older.newerBuild.build.state).as(step)
				.isEqualTo("waiting for lock tour-booking-staging before stage 'Staging'")
			assertThat(older.newerBuild.agents*.stage).as(step).containsExactly('Build')
		}
	}

	@Test
	void anOlderBuildAwaitingApprovalIsCancelledOnceANewerOneIsApprovedAndNeverDeploysOverIt() {
		RunResult older = PipelineHarness.run(BuildContext.branch('main')
			.newerBuildDuring('input', BuildContext.branch('main')))

		RunResult newer = older.newerBuild
		assertThat(newer.result).isEqualTo('SUCCESS')
		assertThat(newer.commands()).contains('make deploy ENV=production')
		assertThat(older.result).isEqualTo('NOT_BUILT')
		assertThat(older.build.interruptedBy).contains('Superseded by #43')
		assertThat(older.commands()).doesNotContain('make deploy ENV=production')
	}

	@Test
	void aRejectedNewerBuildLeavesTheOlderOneToBeApproved() {
		RunResult older = PipelineHarness.run(BuildContext.branch('main')
			.newerBuildDuring('make deploy ENV=production', BuildContext.branch('main').approval(BuildContext.Approval.REJECT)))

		assertThat(older.newerBuild.result).isEqualTo('ABORTED')
		assertThat(older.result).isEqualTo('SUCCESS')
	}

	@Test
	void theJobModelCancelsWhatThePinnedPluginsCancel() {
		// abortPrevious interrupts the running build whatever it is doing (workflow-job WorkflowRun.run()).
		JobModel job = new JobModel(properties: [disableConcurrentBuilds: [abortPrevious: true]])
		BuildState deploying = new BuildState(number: 1)
		job.start(deploying)
		job.start(new BuildState(number: 2))
		assertThat(deploying.interruptedResult).isEqualTo('NOT_BUILT')

		// Milestones (119.vdfdc43fc3b_9a_): passing a later ordinal cancels older builds in sight of the earlier one only.
		JobModel milestones = new JobModel()
		BuildState first = new BuildState(number: 1)
		BuildState second = new BuildState(number: 2)
		BuildState third = new BuildState(number: 3)
		[first, second, third].each { milestones.start(it) }
		milestones.passMilestone(first, 10)
		milestones.passMilestone(first, 30)
		milestones.passMilestone(second, 10)
		milestones.passMilestone(third, 10)
		milestones.passMilestone(third, 20)
		assertThat(first.interruptedResult).as('in sight of 30 only').isNull()
		assertThat(second.interruptedResult).as('in sight of 10').isEqualTo('NOT_BUILT')
		BuildState late = new BuildState(number: 2)
		JobModel ordered = new JobModel()
		ordered.start(late)
		ordered.start(third)
		ordered.passMilestone(third, 20)
		ordered.passMilestone(late, 20)
		assertThat(late.interruptedResult).as('older than the last build past 20').isEqualTo('NOT_BUILT')
	}

}
