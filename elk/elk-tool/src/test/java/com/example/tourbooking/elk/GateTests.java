package com.example.tourbooking.elk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gate} and {@code verify} against a real node, on seeded access events: version
 * 1.0.0 is healthy, 1.1.0 answers one request in five with a 500, 1.2.0 logged nothing.
 */
class GateTests {

	static final Instant DEPLOYED_AT = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	static final String[] WINDOW = { "--environment", "gate", "--deployed-at", DEPLOYED_AT.toString(), "--window",
			"PT5M" };

	@BeforeAll
	static void seed() throws Exception {
		SharedNode.setUp();
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			events.add(accessEvent("1.0.0", DEPLOYED_AT.plusSeconds(i), 200));
			events.add(accessEvent("1.1.0", DEPLOYED_AT.plusSeconds(i), (i % 5 == 0) ? 500 : 200));
		}
		// after the window: must not count
		events.add(accessEvent("1.0.0", DEPLOYED_AT.plus(6, ChronoUnit.MINUTES), 500));
		SharedNode.index("logs-tourbooking.app-gate", events);
	}

	@Test
	void gatePassesAHealthyVersion() throws Exception {
		SharedNode.Result healthy = gate("1.0.0");
		assertThat(healthy.exitCode()).as(healthy.output()).isZero();
		assertThat(healthy.output()).contains("events: 50").contains("gate: PASSED");
	}

	@Test
	void gateFailsAnErrorSpikeAndPrintsTheEvidence() throws Exception {
		SharedNode.Result spike = gate("1.1.0");
		assertThat(spike.exitCode()).isEqualTo(1);
		assertThat(spike.output()).contains("error ratio 0.2000 (10 of 50 events) is above 0.0500")
			.contains("10 answers with status 5xx is above 0")
			.contains("error java.lang.IllegalStateException x10")
			.contains("gate: FAILED, roll back");
	}

	@Test
	void gateFailsWhenTheVersionIsSilent() throws Exception {
		SharedNode.Result silence = gate("1.2.0");
		assertThat(silence.exitCode()).isEqualTo(1);
		assertThat(silence.output()).contains("only 0 events arrived (minimum 1)");
	}

	@Test
	void gateToleratesErrorsWithinTheThresholds() throws Exception {
		SharedNode.Result lenient = SharedNode.tool(SharedNodeArgs.of(
				new String[] { "gate", "--service-version", "1.1.0", "--max-error-ratio", "0.25", "--max-5xx", "10" },
				WINDOW));
		assertThat(lenient.exitCode()).as(lenient.output()).isZero();
	}

	@Test
	void gateWaitsUntilTheWindowHasPassed() throws Exception {
		Instant deployedAt = Instant.now();
		SharedNode.index("logs-tourbooking.app-gate", List.of(accessEvent("1.3.0", deployedAt.plusMillis(100), 200)));
		long start = System.nanoTime();
		SharedNode.Result result = SharedNode.tool("gate", "--service-version", "1.3.0", "--environment", "gate",
				"--deployed-at", deployedAt.toString(), "--window", "PT2S");
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
			.isGreaterThan(java.time.Duration.ofMillis(1500));
		assertThat(result.output()).contains("gate: watching 1.3.0 until")
			.contains("events: 1")
			.contains("gate: PASSED");
	}

	@Test
	void verifyCountsEventsByLevel() throws Exception {
		SharedNode.Result verify = SharedNode.tool("verify", "--service-version", "1.1.0", "--environment", "gate",
				"--since", "PT1H");
		assertThat(verify.exitCode()).isZero();
		assertThat(verify.output()).contains("events: 50").contains("INFO   40").contains("ERROR  10");
	}

	@Test
	void anUnreachableClusterIsAReadableFailure() {
		SharedNode.Result result = SharedNode.run(Map.of("ES_URL", "http://127.0.0.1:9"), "verify", "--service-version",
				"1");
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).contains("elk-tool: ").contains("Check the URL");
	}

	@Test
	void aBadThresholdIsAUsageError() {
		SharedNode.Result result = SharedNode.run(Map.of("ES_URL", "http://127.0.0.1:9"), "gate", "--service-version",
				"1", "--max-error-ratio", "lots");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("--max-error-ratio must be a number");
	}

	private static SharedNode.Result gate(String version) throws Exception {
		return SharedNode.tool(SharedNodeArgs.of(new String[] { "gate", "--service-version", version }, WINDOW));
	}

	static String accessEvent(String version, Instant at, int status) throws Exception {
		boolean failed = status >= 500;
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		event.put("@timestamp", at.toString());
		event.put("message", "GET /api/tours " + status);
		event.put("log.level", failed ? "ERROR" : "INFO");
		event.put("log.logger", "com.example.tourbooking.system.logging.RequestLoggingFilter");
		event.put("service.name", "tour-booking");
		event.put("service.version", version);
		event.put("service.environment", "gate");
		event.put("event.dataset", "tourbooking.app");
		event.put("event.action", "http-request");
		event.put("http.route", "/api/tours");
		event.put("http.response.status_code", status);
		event.put("event.duration_ms", 12);
		if (failed) {
			event.put("error.type", "java.lang.IllegalStateException");
		}
		return SharedNode.json(event);
	}

	/** Joins argument arrays. */
	static final class SharedNodeArgs {

		private SharedNodeArgs() {
		}

		static String[] of(String[] first, String[] second) {
			String[] all = new String[first.length + second.length];
			System.arraycopy(first, 0, all, 0, first.length);
			System.arraycopy(second, 0, all, first.length, second.length);
			return all;
		}

	}

}
