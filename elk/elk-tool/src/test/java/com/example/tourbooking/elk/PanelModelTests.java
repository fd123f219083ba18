package com.example.tourbooking.elk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end test trusts {@link PanelModel} to say what a panel should show; here the
 * model meets Elasticsearch on generated events: every panel's real request, over events
 * made by shuffling the producers' own field values (dropped fields, values taken from
 * other events, times anywhere in the hour), must get the same answer from both.
 */
class PanelModelTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void modelAndElasticsearchAgreeOnGeneratedEvents() throws Exception {
		DashboardsNode.url();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		List<LogstashRouting.Routed> produced = new ProducedEvents(now).produce().routed();
		KibanaQueryContext lastHour = new KibanaQueryContext(now.minus(1, ChronoUnit.HOURS), now);
		List<String> problems = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			Random random = new Random(round);
			Map<String, List<JsonNode>> streams = new LinkedHashMap<>();
			for (LogstashRouting.Routed routed : produced) {
				String dataset = routed.dataStream().split("-")[1];
				streams.computeIfAbsent("logs-" + dataset + "-model" + round, (s) -> new ArrayList<>())
					.add(routed.event());
			}
			for (Map.Entry<String, List<JsonNode>> stream : streams.entrySet()) {
				List<JsonNode> generated = shuffle(stream.getValue(), random, now);
				stream.setValue(generated);
				List<String> documents = new ArrayList<>();
				for (JsonNode event : generated) {
					documents.add(JSON.writeValueAsString(event));
				}
				DashboardsNode.index(stream.getKey(), documents);
			}
			try (ElasticsearchConnection connection = DashboardsNode.connect()) {
				for (String visualization : DashboardsEndToEndTests.dashboardPanels()) {
					for (JsonNode data : DashboardsEndToEndTests.spec(visualization).path("data")) {
						if (!data.path("url").has("index")) {
							continue;
						}
						ObjectNode request = lastHour.request(data.get("url"));
						String dataset = request.path("index").asText().split("-")[1];
						String stream = "logs-" + dataset + "-model" + round;
						JsonNode body = request.path("body");
						JsonNode response = connection.send("POST", "/" + stream + "/_search",
								JSON.writeValueAsString(body));
						problems.addAll(new PanelModel(streams.getOrDefault(stream, List.of()))
							.compare("round " + round + " " + visualization, body, response));
					}
				}
			}
		}
		assertThat(problems).as("differences between the model and Elasticsearch").isEmpty();
	}

	/**
	 * New events from the producers' ones: each leaf keeps its field but takes, at
	 * random, its own value, another event's value of that field, or disappears; times
	 * spread over the hour.
	 */
	private static List<JsonNode> shuffle(List<JsonNode> events, Random random, Instant now) {
		Map<String, List<JsonNode>> pools = new LinkedHashMap<>();
		for (JsonNode event : events) {
			PanelModel.flatten(event)
				.forEach((path, values) -> pools.computeIfAbsent(path, (p) -> new ArrayList<>()).addAll(values));
		}
		List<JsonNode> generated = new ArrayList<>();
		for (JsonNode event : events) {
			ObjectNode copy = JSON.createObjectNode();
			PanelModel.flatten(event).forEach((path, values) -> {
				int roll = random.nextInt(10);
				if ("@timestamp".equals(path)) {
					copy.put(path, now.minusMillis(random.nextInt(3_600_000)).toString());
				}
				else if (path.startsWith("data_stream.") || roll >= 3) {
					copy.set(path, values.get(0));
				}
				else if (roll >= 1) {
					List<JsonNode> pool = pools.get(path);
					copy.set(path, pool.get(random.nextInt(pool.size())));
				}
			});
			generated.add(copy);
		}
		return generated;
	}

}
