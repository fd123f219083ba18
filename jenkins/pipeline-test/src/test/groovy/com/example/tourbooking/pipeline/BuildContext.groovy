package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * The build a test simulates: which branch or pull request Jenkins built, how the previous build
 * ended, what the approver does, and which {@code sh} commands fail.
 */
@PackageScope
class BuildContext {

	/** What happens at the production approval step. */
	enum Approval {

		APPROVE, REJECT, NO_ANSWER

	}

	String branchName

	String changeId

	String changeTarget

	String previousResult = 'SUCCESS'

	Approval approval = Approval.APPROVE

	Set<String> failingCommands = [] as Set

	int buildNumber = 42

	/** The class of the build's first cause, as {@code currentBuild.buildCauses[0]._class} gives it. */
	String cause = 'jenkins.branch.BranchEventCause'

	/** While this build runs the step with this key (an sh command, or 'input'), a newer build of the job runs. */
	String newerBuildDuring

	BuildContext newerBuild

	static BuildContext branch(String name) {
		new BuildContext(branchName: name)
	}

	static BuildContext pullRequest(String id, String target) {
		new BuildContext(branchName: "PR-${id}".toString(), changeId: id, changeTarget: target)
	}

	BuildContext failing(String command) {
		failingCommands << command
		return this
	}

	/**
	 * A newer build of the same job (next number) starts while this one runs {@code step} (an sh
	 * command or 'input') and runs until it ends or waits for a lock this build holds.
	 */
	BuildContext newerBuildDuring(String step, BuildContext newer) {
		newerBuildDuring = step
		newerBuild = newer
		newer.buildNumber = buildNumber + 1
		return this
	}

	BuildContext approval(Approval answer) {
		approval = answer
		return this
	}

	BuildContext afterPreviousBuild(String result) {
		previousResult = result
		return this
	}

	String key() {
		[branchName, changeId, changeTarget, previousResult, approval, failingCommands.sort(), buildNumber, cause,
				newerBuildDuring, newerBuild?.key()].join('|')
	}

	Map<String, String> environment() {
		Map<String, String> env = [
			BRANCH_NAME: branchName,
			JOB_NAME: "tour-booking/${branchName}".toString(),
			BUILD_NUMBER: String.valueOf(buildNumber),
			BUILD_URL: "https://jenkins.example.com/job/tour-booking/job/${branchName}/${buildNumber}/".toString(),
			GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
		]
		if (changeId) {
			env.CHANGE_ID = changeId
			env.CHANGE_TARGET = changeTarget
		}
		return env
	}

}
