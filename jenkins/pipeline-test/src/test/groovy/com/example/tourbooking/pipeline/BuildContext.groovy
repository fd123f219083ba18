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

	BuildContext approval(Approval answer) {
		approval = answer
		return this
	}

	BuildContext afterPreviousBuild(String result) {
		previousResult = result
		return this
	}

	String key() {
		[branchName, changeId, changeTarget, previousResult, approval, failingCommands.sort()].join('|')
	}

	Map<String, String> environment() {
		Map<String, String> env = [
			BRANCH_NAME: branchName,
			JOB_NAME: "tour-booking/${branchName}".toString(),
			BUILD_NUMBER: '42',
			BUILD_URL: "https://jenkins.example.com/job/tour-booking/job/${branchName}/42/".toString(),
			GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
		]
		if (changeId) {
			env.CHANGE_ID = changeId
			env.CHANGE_TARGET = changeTarget
		}
		return env
	}

}
