package com.example.tourbooking.elk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's verdict as a deploy event, sent by the real {@code gate} command to a
 * capturing HTTPS input with basic auth (CapturingLogstashInput), against a real node: a
 * passing and a silent version give gate-passed and gate-failed. What was sent is the
 * producer sample elk/samples/captured/gate-events.ndjson (volatile values replaced, see
 * its README); the test fails when it differs, UPDATE_SAMPLES=1 rewrites it. A wrong
 * token or an unreachable input is reported and never changes the verdict; silence names
 * ES_URL.
 */
class GateEventTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final Path SAMPLE = Path.of(SharedNode.ELK, "samples/captured/gate-events.ndjson");

	static final Instant DEPLOYED_AT = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	@TempDir
	static Path work;

	static CapturingLogstashInput input;

	@BeforeAll
	static void seedAndListen() throws Exception {
		SharedNode.setUp();
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			events.add(
					GateTests.accessEvent("2.0.0", DEPLOYED_AT.plusSeconds(i), 200).replace("\"gate\"", "\"staging\""));
		}
		SharedNode.index("logs-tourbooking.app-staging", events);
		input = CapturingLogstashInput.start(work);
	}

	@AfterAll
	static void stop() {
		input.close();
	}

	@Test
	void theVerdictsAreSentAsDeployEventsAndMatchTheCapturedSample() throws Exception {
		int before = input.bodies().size();
		SharedNode.Result passed = gate("2.0.0", CapturingLogstashInput.TOKEN, input.url());
		assertThat(passed.exitCode()).as(passed.output()).isZero();
		assertThat(passed.output()).contains("gate: sent gate-passed to " + input.url());
		SharedNode.Result failed = gate("2.1.0", CapturingLogstashInput.TOKEN, input.url());
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
		assertThat(failed.output()).contains("gate: sent gate-failed to " + input.url());
		List<String> sent = input.bodies().subList(before, before + 2);
		StringBuilder normalised = new StringBuilder();
		for (String body : sent) {
			ObjectNode event = (ObjectNode) JSON.readTree(body);
			assertThat(Instant.parse(event.path("@timestamp").asText())).isAfter(DEPLOYED_AT);
			event.put("@timestamp", "<timestamp>");
			normalised.append(JSON.writeValueAsString(event)).append('\n');
		}
		if ("1".equals(System.getenv("UPDATE_SAMPLES"))) {
			Files.writeString(SAMPLE, normalised.toString(), StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(SAMPLE, StandardCharsets.UTF_8))
			.as("the gate's events differ from %s: check the change, then rerun with UPDATE_SAMPLES=1", SAMPLE)
			.isEqualTo(normalised.toString());
	}

	@Test
	void silenceNamesEsUrlAndTellsWhetherAnythingArrivesThere() throws Exception {
		SharedNode.Result silent = gate("2.1.0", CapturingLogstashInput.TOKEN, input.url());
		assertThat(silent.output())
			.contains("gate: ES_URL=" + SharedNode.url().replaceAll("/?$", "/")
					+ " has no event of service.version 2.1.0 in logs-tourbooking.app-staging")
			.contains("but 20 events of other versions arrived there")
			.contains("gate: deploy events of 2.1.0 in logs-tourbooking.deploy-staging: 0");
		SharedNode.Result elsewhere = SharedNode.tool("gate", "--service-version", "2.0.0", "--environment",
				"production", "--deployed-at", DEPLOYED_AT.toString(), "--window", "PT5M");
		assertThat(elsewhere.exitCode()).as(elsewhere.output()).isEqualTo(1);
		assertThat(elsewhere.output())
			.contains("ES_URL is probably not the Elasticsearch the pods' Logstash writes to");
	}

	@Test
	void aRefusedOrUnreachableInputIsReportedAndTheVerdictStands() throws Exception {
		SharedNode.Result refused = gate("2.0.0", "wrong-token", input.url());
		assertThat(refused.exitCode()).isZero();
		assertThat(refused.output()).contains("answered HTTP 401 to the gate event (check DEPLOY_EVENT_TOKEN)");
		SharedNode.Result unreachable = gate("2.1.0", CapturingLogstashInput.TOKEN, "https://127.0.0.1:9/");
		assertThat(unreachable.exitCode()).isEqualTo(1);
		assertThat(unreachable.output()).contains("could not send the gate event to https://127.0.0.1:9/")
			.contains("gate: FAILED, roll back");
	}

	@Test
	void missingDeployFactsSkipTheEventAndSayWhatToSet() throws Exception {
		Map<String, String> environment = environment(CapturingLogstashInput.TOKEN, input.url());
		environment.remove("IMAGE_DIGEST");
		SharedNode.Result result = SharedNode.run(environment, "gate", "--service-version", "2.0.0", "--environment",
				"staging", "--deployed-at", DEPLOYED_AT.toString(), "--window", "PT5M");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("the gate event is not sent, set IMAGE_DIGEST (--image-digest)");
	}

	private static SharedNode.Result gate(String version, String token, String url) throws Exception {
		return SharedNode.run(environment(token, url), "gate", "--service-version", version, "--environment", "staging",
				"--deployed-at", DEPLOYED_AT.toString(), "--window", "PT5M");
	}

	private static Map<String, String> environment(String token, String url) throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("ES_URL", SharedNode.url());
		environment.put("ELK_ASSETS", SharedNode.ELK);
		environment.put("DEPLOY_EVENT_URL", url);
		environment.put("DEPLOY_EVENT_TOKEN", token);
		environment.put("DEPLOY_EVENT_CA_CERT", input.caCertificate().toString());
		environment.put("IMAGE_NAME", "registry.example.org/tour-booking");
		environment.put("IMAGE_DIGEST", "sha256:0000000000000000000000000000000000000000000000000000000000000000");
		environment.put("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
		environment.put("BUILD_NUMBER", "42");
		return environment;
	}

}
