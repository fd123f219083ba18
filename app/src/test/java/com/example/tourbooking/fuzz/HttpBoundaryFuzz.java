package com.example.tourbooking.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.tourbooking.fuzz.OpenApiOperations.Operation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends generated requests (jqwik generators built from the service's OpenAPI document,
 * {@link RequestGenerators}) to every operation of a running service and checks, after
 * each one: no 5xx; every error is a problem body with a stable type; a refused request
 * changed nothing; seats and confirmed headcounts still add up to capacity. The seed is
 * printed (and taken from {@code -Dfuzz.seed}) so a finding can be replayed; findings
 * join {@code src/test/resources/fuzz/regressions.tsv}.
 */
abstract class HttpBoundaryFuzz {

	private static final String PROBLEMS = "https://tour-booking.example.com/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Runs the fuzzer.
	 * @param target the running service
	 * @param perOperation requests per operation
	 * @param budget the time after which the remaining operations get fewer requests
	 */
	static void fuzz(FuzzTarget target, int perOperation, Duration budget) throws Exception {
		long seed = Long.getLong("fuzz.seed", new Random().nextLong());
		int requests = Integer.getInteger("fuzz.requests", perOperation);
		System.out.println("HTTP fuzz: seed " + seed + " (-Dfuzz.seed=" + seed + " replays it), " + requests
				+ " requests per operation");
		Random random = new Random(seed);
		List<Operation> operations = OpenApiOperations.of(target.openApi());
		assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThanOrEqualTo(16);
		Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
		Map<String, RandomGenerator<FuzzRequest>> generators = new LinkedHashMap<>();
		for (Operation operation : operations) {
			generators.put(operation.name(), RequestGenerators.forOperation(operation).generator(1000));
			statuses.put(operation.name(), new TreeMap<>());
		}
		List<String> findings = new ArrayList<>();
		long started = System.nanoTime();
		// Round robin: when the time budget runs out, every operation got the same share.
		for (int round = 0; round < requests && FuzzTarget.elapsedSince(started).compareTo(budget) < 0; round++) {
			for (Map.Entry<String, RandomGenerator<FuzzRequest>> generator : generators.entrySet()) {
				FuzzRequest request = generator.getValue().next(random).value();
				List<Object> before = target.state();
				RawHttp.Response response = target.send(request);
				statuses.get(generator.getKey()).merge(response.status(), 1, Integer::sum);
				String problem = check(target, request, response, before);
				if (problem != null) {
					findings.add(problem);
				}
			}
		}
		Duration took = FuzzTarget.elapsedSince(started);
		int total = statuses.values().stream().flatMap((m) -> m.values().stream()).mapToInt(Integer::intValue).sum();
		System.out.println("HTTP fuzz: " + total + " requests to " + operations.size() + " operations in "
				+ took.toSeconds() + " s, " + findings.size() + " findings; statuses per operation: " + statuses);
		assertThat(findings.subList(0, Math.min(20, findings.size())))
			.as(findings.size() + " findings (seed " + seed + "), the first ones")
			.isEmpty();
		assertThat(total).as("requests sent within the time budget").isGreaterThanOrEqualTo(operations.size() * 100);
	}

	private static String check(FuzzTarget target, FuzzRequest request, RawHttp.Response response, List<Object> before)
			throws Exception {
		if (response.status() >= 500) {
			return response.status() + " for " + request + " -> " + response.body();
		}
		if (target.brokenSeatCounts() != 0) {
			return "seats and confirmed headcount disagree after " + request;
		}
		if (response.status() >= 400) {
			if (!"HEAD".equals(request.method()) && !isProblem(response)) {
				return "not a problem body (" + response.status() + " " + response.contentType() + ") for " + request
						+ " -> " + response.body();
			}
			List<Object> after = target.state();
			if (!after.equals(before)) {
				return response.status() + " but the data changed " + before + " -> " + after + " for " + request;
			}
		}
		return null;
	}

	private static boolean isProblem(RawHttp.Response response) {
		if (!response.contentType().startsWith("application/problem+json")) {
			return false;
		}
		try {
			JsonNode body = JSON.readTree(response.body());
			return body.path("type").asString("").startsWith(PROBLEMS)
					&& body.path("status").asInt() == response.status();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
