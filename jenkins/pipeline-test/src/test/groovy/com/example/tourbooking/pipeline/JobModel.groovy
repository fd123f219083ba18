package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * What the builds of one branch job share in Jenkins: the job properties the last build set, the
 * milestones its builds passed, the lockable resources they hold, and which builds are running.
 * Models the pinned plugins' source, not their documentation:
 * <ul>
 * <li>workflow-job {@code WorkflowRun.run()}: when a build starts and the job has
 * {@code disableConcurrentBuilds(abortPrevious: true)}, the previous build's executor is
 * interrupted with NOT_BUILT, whatever step it is in; without abortPrevious the new build waits in
 * the queue ({@code WorkflowJob.isConcurrentBuild()}).</li>
 * <li>pipeline-milestone-step 119.vdfdc43fc3b_9a_ {@code MilestoneStepExecution.tryToPass/exit}: a
 * build passing ordinal N leaves the milestone it was in sight of and cancels the older builds still
 * in sight of that one; a build older than the last one that passed N is cancelled; a completed
 * build leaves its milestone the same way.</li>
 * <li>lockable-resources {@code LockStep}: a resource has one holder; other builds wait, holding
 * nothing else (the stage's lock option is applied before its agent, ModelInterpreter.evaluateStage).</li>
 * </ul>
 */
@PackageScope
class JobModel {

	final Map<Integer, BuildState> builds = new TreeMap<>()

	/** The job properties the newest build's options set (ModelInterpreter.executeProperties). */
	Map<String, Object> properties = [:]

	final Map<Integer, Milestone> milestones = new TreeMap<>()

	final Map<String, Integer> locks = [:]

	/** A build starts; false when it has to wait in the queue for the running one. */
	boolean start(BuildState build) {
		BuildState previous = builds.values().findAll { it.number < build.number && it.running }.max { it.number }
		Map disable = (Map) properties.disableConcurrentBuilds
		if (previous != null && disable != null) {
			if (!disable.abortPrevious) {
				build.state = 'waiting in the queue: concurrent builds are disabled'
				builds[build.number] = build
				return false
			}
			previous.interrupt('NOT_BUILT', "Superseded by #${build.number} (disableConcurrentBuilds abortPrevious)")
		}
		build.running = true
		builds[build.number] = build
		return true
	}

	void passMilestone(BuildState build, int ordinal) {
		Milestone milestone = milestones.computeIfAbsent(ordinal) { new Milestone(ordinal: it) }
		milestones.values().findAll { it.ordinal != ordinal && it.inSight.remove(build.number) }.each { Milestone left ->
			if (left.ordinal >= ordinal) {
				throw new StepFailedException("Unordered milestone. Found ordinal ${ordinal} but ${left.ordinal + 1} (or bigger) was expected.")
			}
			cancelOldersInSight(left, build)
		}
		if (milestone.lastBuild != null && build.number < milestone.lastBuild) {
			build.interrupt('NOT_BUILT', "Superseded by #${milestone.lastBuild} at milestone ${ordinal}")
			return
		}
		milestone.lastBuild = build.number
		milestone.inSight << build.number
		build.milestones << ordinal
	}

	void complete(BuildState build) {
		build.running = false
		milestones.values().findAll { it.inSight.remove(build.number) }.each { cancelOldersInSight(it, build) }
		locks.findAll { it.value == build.number }*.key.each { locks.remove(it) }
	}

	/** Takes the resource, or throws when another build holds it (the caller models waiting). */
	void acquire(String resource, BuildState build) {
		Integer holder = locks[resource]
		if (holder != null && holder != build.number) {
			throw new WaitingForLockException(resource, holder)
		}
		locks[resource] = build.number
	}

	void release(String resource, BuildState build) {
		locks.remove(resource, build.number)
	}

	private void cancelOldersInSight(Milestone milestone, BuildState build) {
		milestone.inSight.findAll { it < build.number }.each { Integer older ->
			builds[older]?.interrupt('NOT_BUILT', "Superseded by #${build.number} (milestone ${milestone.ordinal})")
		}
	}

	/** One milestone ordinal: the builds in sight of it (passed it, not yet another) and the newest that passed. */
	static class Milestone {

		int ordinal

		Set<Integer> inSight = new TreeSet<>()

		Integer lastBuild

	}

}

/** One build of the job as the other builds see it. */
@PackageScope
class BuildState {

	int number

	boolean running

	String state = 'running'

	List<Integer> milestones = []

	/** Set when another build interrupted this one: the result and why. */
	String interruptedResult

	String interruptedBy

	RunResult run

	void interrupt(String result, String cause) {
		if (running && interruptedResult == null) {
			interruptedResult = result
			interruptedBy = cause
		}
	}

}

/** A build asked for a lock another build holds: in Jenkins it waits; the simulation stops it there. */
@PackageScope
class WaitingForLockException extends RuntimeException {

	final String resource

	WaitingForLockException(String resource, int holder) {
		super("waiting for lock ${resource} held by #${holder}")
		this.resource = resource
	}

}
