package com.example.tourbooking.elk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real Elasticsearch node for every test class of the run (started on first use,
 * killed when the test JVM exits), and the helpers the tests share: run the tool, index
 * events.
 */
final class SharedNode {

	static final String ELK = System.getProperty("elk.dir");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static ElasticsearchNode node;

	private SharedNode() {
	}

	static synchronized String url() throws IOException, InterruptedException {
		if (node == null) {
			node = ElasticsearchNode.start();
			Runtime.getRuntime().addShutdownHook(new Thread(node::close, "es-node-stop"));
		}
		return node.url();
	}

	/** Applies elk/ to the node (core-only: the node has no x-pack and no modules). */
	static void setUp() throws IOException, InterruptedException {
		Result result = tool("setup", "--core-only");
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	static Result tool(String... args) throws IOException, InterruptedException {
		return run(Map.of("ES_URL", url(), "ELK_ASSETS", ELK), args);
	}

	static Result run(Map<String, String> environment, String... args) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		int code = ElkTool.run(args, environment::get, out, out);
		return new Result(code, buffer.toString(StandardCharsets.UTF_8));
	}

	static ElasticsearchConnection connect() throws IOException, InterruptedException {
		return ElasticsearchConnection.open(url(), null, null, null);
	}

	/**
	 * Bulk-creates JSON documents in a data stream and refreshes it; fails on any item
	 * error.
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

	static String json(Object value) throws IOException {
		return JSON.writeValueAsString(value);
	}

	/** Exit code and everything the tool printed. */
	record Result(int exitCode, String output) {
	}

}
