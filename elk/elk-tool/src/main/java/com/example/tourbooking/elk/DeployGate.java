package com.example.tourbooking.elk;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a freshly deployed version stays: it fails when nothing arrived (a
 * silent pipeline is a failure, not a pass), when the error ratio or the count of 5xx
 * answers is above its threshold. Pure logic; the evidence comes from
 * {@link VersionEvents}.
 */
record DeployGate(long minEvents, double maxErrorRatio, long maxServerErrors) {

	/**
	 * The values the gate filters on or sends (VersionEvents' queries, GateEvent): each
	 * must be in the contract and, for what it reads, sent by a producer.
	 */
	static final List<FilterLiterals.Literal> LITERALS = List.of(
			new FilterLiterals.Literal("gate", "tourbooking.app", "event.action", VersionEvents.ACCESS_ACTION),
			new FilterLiterals.Literal("gate", "tourbooking.app", "log.level", VersionEvents.ERROR_LEVEL),
			new FilterLiterals.Literal("gate", "tourbooking.deploy", "event.action", "gate-passed"),
			new FilterLiterals.Literal("gate", "tourbooking.deploy", "event.action", "gate-failed"));

	/**
	 * The outcome, every reason for it, and a short code of the first failure
	 * (event.reason of the gate event).
	 */
	record Verdict(boolean passed, List<String> reasons, String code) {
	}

	Verdict judge(VersionEvents events) {
		List<String> failures = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		if (events.total() < this.minEvents) {
			codes.add("too-few-events");
			failures.add(String.format("only %d events arrived (minimum %d): the version or the log pipeline is silent",
					events.total(), this.minEvents));
		}
		if (events.total() > 0 && events.errorRatio() > this.maxErrorRatio) {
			codes.add("error-ratio");
			failures.add(String.format("error ratio %.4f (%d of %d events) is above %.4f", events.errorRatio(),
					events.errors(), events.total(), this.maxErrorRatio));
		}
		if (events.serverErrors() > this.maxServerErrors) {
			codes.add("server-errors");
			failures.add(String.format("%d answers with status 5xx is above %d", events.serverErrors(),
					this.maxServerErrors));
		}
		if (failures.isEmpty()) {
			return new Verdict(true,
					List.of(String.format("%d events, error ratio %.4f <= %.4f, %d 5xx <= %d", events.total(),
							events.errorRatio(), this.maxErrorRatio, events.serverErrors(), this.maxServerErrors)),
					null);
		}
		return new Verdict(false, failures, codes.get(0));
	}

}
