package com.example.tourbooking.elk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code setup} against a real Elasticsearch 8.19 node: every template is applied, a
 * re-run changes nothing, a template changed by hand is put back. The node has no x-pack
 * and no modules, so ILM policies, roles and users are skipped (--core-only) and checked
 * statically.
 */
class SetupTests {

	@Test
	void setupAppliesEveryTemplateAndARerunChangesNothing() throws Exception {
		SharedNode.Result first = SharedNode.tool("setup", "--core-only");
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).containsPattern("elasticsearch: \\d created, 0 updated, \\d unchanged, 5 skipped")
			.contains("kibana: skipped, KIBANA_URL is not set")
			.contains("core-only: tourbooking-app-mappings maps message as text instead of match_only_text")
			.contains("core-only: tourbooking-logs-settings drops setting index.lifecycle.name");
		SharedNode.Result second = SharedNode.tool("setup", "--core-only");
		assertThat(second.output()).contains("elasticsearch: 0 created, 0 updated, 8 unchanged, 5 skipped");
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			for (String name : new String[] { "logs-tourbooking.app", "logs-tourbooking.deploy",
					"logs-jenkins.build" }) {
				JsonNode template = connection.get("/_index_template/" + name).path("index_templates").path(0);
				assertThat(template.path("index_template").path("priority").asInt()).isEqualTo(300);
				assertThat(template.path("index_template").has("data_stream")).isTrue();
			}
		}
	}

	@Test
	void replicasZeroKeepsAOneNodeClusterGreenAndTheDefaultIsOneReplica() throws Exception {
		SharedNode.Result zero = SharedNode.tool("setup", "--core-only", "--replicas", "0");
		assertThat(zero.exitCode()).as(zero.output()).isZero();
		SharedNode.index("logs-tourbooking.deploy-replicas0",
				java.util.List.of("{\"@timestamp\":\"2026-12-01T10:00:00Z\"}"));
		SharedNode.Result one = SharedNode.tool("setup", "--core-only");
		assertThat(one.output()).containsPattern("component template +tourbooking-logs-settings +updated");
		SharedNode.index("logs-tourbooking.deploy-replicas1",
				java.util.List.of("{\"@timestamp\":\"2026-12-01T10:00:00Z\"}"));
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			assertThat(connection.get("/_cluster/health/logs-tourbooking.deploy-replicas0").path("status").asText())
				.isEqualTo("green");
			assertThat(connection.get("/_cluster/health/logs-tourbooking.deploy-replicas1").path("status").asText())
				.as("the production default, one replica, cannot be allocated on one node")
				.isEqualTo("yellow");
		}
		assertThat(SharedNode.tool("setup", "--replicas", "many").output())
			.contains("--replicas must be a small whole number");
	}

	@Test
	void aTemplateChangedByHandIsPutBack() throws Exception {
		SharedNode.setUp();
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			connection.send("PUT", "/_component_template/jenkins-build-mappings",
					"{\"template\":{\"mappings\":{\"properties\":{\"x\":{\"type\":\"keyword\"}}}}}");
		}
		SharedNode.Result repaired = SharedNode.tool("setup", "--core-only");
		assertThat(repaired.output()).containsPattern("component template +jenkins-build-mappings +updated")
			.contains("elasticsearch: 0 created, 1 updated, 7 unchanged, 5 skipped");
	}

	@Test
	void aCaCertificateThatIsNotPemIsAReadableFailure() throws Exception {
		SharedNode.Result result = SharedNode.run(java.util.Map.of("ES_URL", SharedNode.url(), "ELK_ASSETS",
				SharedNode.ELK, "ES_CA_CERT", SharedNode.ELK + "/fields.yml"), "setup", "--core-only");
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).contains("as a CA certificate (PEM)");
	}

	@Test
	void aMissingAssetsFolderIsAUsageError() {
		SharedNode.Result result = SharedNode.run(java.util.Map.of("ES_URL", "http://127.0.0.1:9"), "setup", "--assets",
				"/nonexistent");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("is not the elk/ folder");
	}

}
