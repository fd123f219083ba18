package com.example.tourbooking.elk;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Elasticsearch node of its own for the dashboard tests, set up with
 * {@code setup --core-only}: they index the producers' events under the producers' own
 * data stream names (staging, default, ...), which other test classes also use on the
 * shared node with assumptions of their own. Started on first use in its own home
 * directory, killed when the test JVM exits.
 */
final class DashboardsNode {

	private static ElasticsearchNode node;

	private DashboardsNode() {
	}

	static synchronized String url() throws IOException, InterruptedException {
		if (node == null) {
			String sharedHome = System.getProperty("es-node.home");
			System.setProperty("es-node.home", sharedHome + "-dashboards");
			try {
				node = ElasticsearchNode.start();
			}
			finally {
				System.setProperty("es-node.home", sharedHome);
			}
			SharedNode.Result setup = tool("setup", "--core-only");
			assertThat(setup.exitCode()).as(setup.output()).isZero();
		}
		return node.url();
	}

	static SharedNode.Result tool(String... args) throws IOException, InterruptedException {
		return SharedNode.run(Map.of("ES_URL", url(), "ELK_ASSETS", SharedNode.ELK), args);
	}

	static ElasticsearchConnection connect() throws IOException, InterruptedException {
		return ElasticsearchConnection.open(url(), null, null, null);
	}

	/**
	 * Bulk-creates documents in a data stream and refreshes it; fails on any item error.
	 */
	static void index(String dataStream, List<String> documents) throws IOException, InterruptedException {
		StringBuilder bulk = new StringBuilder();
		for (String document : documents) {
			bulk.append("{\"create\":{}}\n").append(document.strip()).append('\n');
		}
		try (ElasticsearchConnection connection = connect()) {
			JsonNode result = connection.sendNdjson("/" + dataStream + "/_bulk?refresh=true", bulk.toString());
			assertThat(result.path("errors").asBoolean()).as(result.toString()).isFalse();
		}
	}

}
