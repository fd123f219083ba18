package com.example.tourbooking.elk;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.example.tourbooking.system.BusinessEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the query behind every dashboard panel (the Vega specs' Elasticsearch requests,
 * with Kibana's context placeholders replaced by the last hour) on seeded events, and
 * checks the numbers each panel would draw. Application events come from the real
 * encoder; deployment and Jenkins events are written in the shape the Logstash pipelines
 * produce. Each panel's index pattern is narrowed to this test's data streams (namespace
 * "dash").
 */
class DashboardPanelsTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static AppEncoder encoder;

	@BeforeAll
	static void seed() throws Exception {
		SharedNode.setUp();
		encoder = new AppEncoder("4.0.0");
		Logger log = encoder.logger(DashboardPanelsTests.class);
		access(log, "GET", "/api/tours", 200, 10);
		access(log, "GET", "/api/tours", 200, 20);
		access(log, "GET", "/api/tours", 500, 90);
		access(log, "POST", "/api/tours/{id}/reservations", 201, 100);
		access(log, "POST", "/api/tours/{id}/reservations", 409, 200);
		access(log, "GET", "/api/tours/{id}", 404, 5);
		booking(log, "reservation-confirmed", "Alps", 2, "200.00");
		booking(log, "reservation-confirmed", "Alps", 1, "100.00");
		booking(log, "reservation-confirmed", "Rome", 4, "480.00");
		booking(log, "reservation-cancelled", "Alps", 1, "100.00");
		for (int i = 0; i < 2; i++) {
			log.info(BusinessEvents.event("reservation-refused", "failure", "event.reason", "sold-out", "tour.id", "2",
					"tour.title", "Rome", "departure.id", "5", "reservation.headcount", 2), "refused");
		}
		for (int i = 0; i < 2; i++) {
			log.error("Unexpected failure", failure());
		}
		log.error("Database down", new java.io.UncheckedIOException(new java.io.IOException("connection refused")));
		SharedNode.index("logs-tourbooking.app-dash", encoder.lines());

		Instant now = Instant.now();
		SharedNode.index("logs-jenkins.build-dash",
				List.of(build(now, "tour-booking/main", 1, "SUCCESS", 60000),
						build(now, "tour-booking/main", 2, "FAILURE", 30000),
						build(now, "tour-booking/PR-5", 1, "SUCCESS", 90000), stage(now, "Build", 20000),
						stage(now, "Build", 40000), stage(now, "Deploy", 10000)));
		SharedNode.index("logs-tourbooking.deploy-dash",
				List.of(deploy(now.minus(40, ChronoUnit.MINUTES), "deploy-succeeded", "1.0.0"),
						deploy(now.minus(30, ChronoUnit.MINUTES), "deploy-failed", "1.1.0"),
						deploy(now.minus(29, ChronoUnit.MINUTES), "rollback-succeeded", "1.0.0"),
						deploy(now.minus(10, ChronoUnit.MINUTES), "deploy-succeeded", "1.2.0")));
	}

	@AfterAll
	static void stopEncoder() {
		encoder.stop();
	}

	@Test
	void everyPanelQueryReturnsTheExpectedNumbers() throws Exception {
		Map<String, Consumer<List<JsonNode>>> expectations = new LinkedHashMap<>();
		expectations.put("service-requests-per-minute", (r) -> {
			assertThat(sum(buckets(r.get(0), "per_minute"), "doc_count")).isEqualTo(6);
			assertThat(keys(buckets(r.get(1), "deploys"))).containsExactlyInAnyOrder("1.0.0", "1.2.0");
		});
		expectations.put("service-error-rate", (r) -> {
			// the ratio itself is a Vega formula (errors.doc_count / doc_count) over
			// these buckets
			List<JsonNode> minutes = buckets(r.get(0), "per_minute");
			assertThat(sum(minutes, "doc_count")).isEqualTo(15);
			assertThat(minutes.stream().mapToLong((b) -> b.path("errors").path("doc_count").asLong()).sum())
				.isEqualTo(3);
		});
		expectations.put("service-p95-latency-per-route", (r) -> {
			Map<String, JsonNode> routes = byKey(buckets(r.get(0), "routes"));
			assertThat(routes).containsOnlyKeys("/api/tours", "/api/tours/{id}/reservations", "/api/tours/{id}");
			assertThat(routes.get("/api/tours/{id}").path("latency").path("values").path("95.0").asDouble())
				.isEqualTo(5.0);
			assertThat(routes.get("/api/tours").path("latency").path("values").path("95.0").asDouble()).isBetween(20.0,
					90.0);
		});
		expectations.put("service-status-codes", (r) -> assertThat(counts(buckets(r.get(0), "codes")))
			.isEqualTo(Map.of("200", 2L, "500", 1L, "201", 1L, "409", 1L, "404", 1L)));
		expectations.put("service-top-error-stacks", (r) -> {
			List<JsonNode> stacks = buckets(r.get(0), "stacks");
			assertThat(stacks).hasSize(2);
			assertThat(stacks.get(0).path("doc_count").asLong()).isEqualTo(2);
			assertThat(stacks.get(0).path("type").path("buckets").path(0).path("key").asText())
				.isEqualTo("java.lang.IllegalStateException");
		});
		expectations.put("service-slowest-routes", (r) -> {
			List<JsonNode> routes = buckets(r.get(0), "routes");
			assertThat(routes.get(0).path("key").asText()).isEqualTo("/api/tours/{id}/reservations");
			assertThat(routes.get(0).path("avg_duration").path("value").asDouble()).isEqualTo(150.0);
		});
		expectations.put("bookings-over-time", (r) -> {
			Map<String, Long> actions = new HashMap<>();
			buckets(r.get(0), "per_hour").forEach((hour) -> hour.path("actions")
				.path("buckets")
				.forEach((a) -> actions.merge(a.path("key").asText(), a.path("doc_count").asLong(), Long::sum)));
			assertThat(actions)
				.isEqualTo(Map.of("reservation-confirmed", 3L, "reservation-cancelled", 1L, "reservation-refused", 2L));
		});
		expectations.put("bookings-refusals-by-reason",
				(r) -> assertThat(counts(buckets(r.get(0), "reasons"))).isEqualTo(Map.of("sold-out", 2L)));
		expectations.put("bookings-seats-per-tour", (r) -> assertThat(values(buckets(r.get(0), "tours"), "seats"))
			.isEqualTo(Map.of("Alps", 3.0, "Rome", 4.0)));
		expectations.put("bookings-revenue-per-tour", (r) -> assertThat(values(buckets(r.get(0), "tours"), "revenue"))
			.isEqualTo(Map.of("Alps", 300.0, "Rome", 480.0)));
		expectations.put("cicd-builds-by-result", (r) -> assertThat(counts(buckets(r.get(0), "results")))
			.isEqualTo(Map.of("SUCCESS", 2L, "FAILURE", 1L)));
		expectations.put("cicd-duration-per-job", (r) -> assertThat(values(buckets(r.get(0), "jobs"), "duration"))
			.isEqualTo(Map.of("tour-booking/main", 45000.0, "tour-booking/PR-5", 90000.0)));
		expectations.put("cicd-duration-per-stage", (r) -> assertThat(values(buckets(r.get(0), "stages"), "duration"))
			.isEqualTo(Map.of("Build", 30000.0, "Deploy", 10000.0)));
		expectations.put("cicd-deploys-over-time", (r) -> {
			Map<String, Long> actions = new HashMap<>();
			Map<String, String> latestVersion = new HashMap<>();
			buckets(r.get(0), "per_day").forEach((day) -> day.path("actions").path("buckets").forEach((a) -> {
				actions.merge(a.path("key").asText(), a.path("doc_count").asLong(), Long::sum);
				latestVersion.put(a.path("key").asText(),
						a.path("latest")
							.path("hits")
							.path("hits")
							.path(0)
							.path("_source")
							.path("service")
							.path("version")
							.asText());
			}));
			assertThat(actions)
				.isEqualTo(Map.of("deploy-succeeded", 2L, "deploy-failed", 1L, "rollback-succeeded", 1L));
			assertThat(latestVersion.get("deploy-succeeded")).isEqualTo("1.2.0");
		});

		Map<String, List<JsonNode>> panels = panelQueries();
		assertThat(panels.keySet()).as("every panel has its expected numbers here").isEqualTo(expectations.keySet());
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			for (Map.Entry<String, List<JsonNode>> panel : panels.entrySet()) {
				List<JsonNode> responses = new ArrayList<>();
				for (JsonNode url : panel.getValue()) {
					String index = url.path("index").asText().replace("-*", "-dash");
					responses.add(connection.send("POST", "/" + index + "/_search",
							JSON.writeValueAsString(url.path("body"))));
				}
				expectations.get(panel.getKey()).accept(responses);
			}
		}
	}

	/**
	 * Panel id to its data requests, Kibana's placeholders replaced as Kibana does for
	 * the last hour.
	 */
	static Map<String, List<JsonNode>> panelQueries() throws Exception {
		Map<String, List<JsonNode>> panels = new LinkedHashMap<>();
		List<Path> files;
		try (Stream<Path> list = Files.list(Path.of(SharedNode.ELK, "kibana", "objects"))) {
			files = list.filter((p) -> p.getFileName().toString().startsWith("visualization-")).sorted().toList();
		}
		for (Path file : files) {
			JsonNode object = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
			JsonNode spec = JSON.readTree(JSON.readTree(object.path("attributes").path("visState").asText())
				.path("params")
				.path("spec")
				.asText());
			List<JsonNode> urls = new ArrayList<>();
			for (JsonNode data : spec.path("data")) {
				if (data.path("url").has("index")) {
					urls.add(withContext((ObjectNode) data.path("url").deepCopy()));
				}
			}
			panels.put(object.path("id").asText(), urls);
		}
		return panels;
	}

	static JsonNode withContext(ObjectNode url) throws Exception {
		String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
		String to = Instant.now().plus(1, ChronoUnit.MINUTES).toString();
		String text = JSON.writeValueAsString(url)
			.replace("\"%dashboard_context-must_clause%\"", "{\"match_all\":{}}")
			.replace("\"%dashboard_context-filter_clause%\"", "{\"match_all\":{}}")
			.replace("\"%dashboard_context-must_not_clause%\"", "{\"match_none\":{}}")
			.replace("{\"%timefilter%\":true}", "{\"gte\":\"" + from + "\",\"lte\":\"" + to + "\"}");
		ObjectNode replaced = (ObjectNode) JSON.readTree(text);
		if (replaced.path("%context%").asBoolean(false)) {
			ObjectNode body = (ObjectNode) replaced.path("body");
			ObjectNode range = JSON.createObjectNode();
			range.putObject("range").putObject(replaced.path("%timefield%").asText()).put("gte", from).put("lte", to);
			body.set("query", range);
		}
		return replaced;
	}

	private static void access(Logger log, String method, String route, int status, long millis) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("event.kind", "event");
		fields.put("event.category", "web");
		fields.put("event.action", "http-request");
		fields.put("event.outcome", (status < 400) ? "success" : "failure");
		fields.put("http.request.method", method);
		fields.put("http.route", route);
		fields.put("http.response.status_code", status);
		fields.put("http.response.body.bytes", 100L);
		fields.put("event.duration_ms", millis);
		log.info(Markers.appendEntries(fields), "{} {} {} {} ms", method, route, status, millis);
	}

	private static void booking(Logger log, String action, String tour, int seats, String price) {
		log.info(BusinessEvents.event(action, "success", "reservation.id", "1", "tour.id",
				tour.equals("Alps") ? "1" : "2", "tour.title", tour, "departure.id", "5", "reservation.headcount",
				seats, "reservation.total_price", new BigDecimal(price), "reservation.currency", "EUR"), "{}", action);
	}

	private static IllegalStateException failure() {
		return new IllegalStateException("seat count went negative");
	}

	private static String build(Instant at, String job, int number, String result, long millis) throws Exception {
		return SharedNode.json(Map.of("@timestamp", at.toString(), "event",
				Map.of("dataset", "jenkins.build", "kind", "event", "outcome",
						"SUCCESS".equals(result) ? "success" : "failure", "duration_ms", millis),
				"jenkins", Map.of("job", Map.of("name", job), "build", Map.of("number", number, "result", result, "url",
						"https://jenkins.example.org/job/" + job + "/" + number + "/"))));
	}

	private static String stage(Instant at, String name, long millis) throws Exception {
		return SharedNode.json(Map.of("@timestamp", at.toString(), "event",
				Map.of("dataset", "jenkins.build", "kind", "event"), "jenkins", Map.of("job",
						Map.of("name", "tour-booking/main"), "stage", Map.of("name", name, "duration_ms", millis))));
	}

	private static String deploy(Instant at, String action, String version) throws Exception {
		return SharedNode.json(Map.of("@timestamp", at.toString(), "message", action + " " + version, "event",
				Map.of("dataset", "tourbooking.deploy", "kind", "event", "category", "configuration", "action", action,
						"outcome", action.endsWith("failed") ? "failure" : "success"),
				"service", Map.of("name", "tour-booking", "version", version, "environment", "dash"), "container",
				Map.of("image", Map.of("name", "registry.example.org/tour-booking", "digest", "sha256:" + version)),
				"git", Map.of("commit", "abc123"), "build", Map.of("number", "7"), "deploy",
				Map.of("tool", "ansible")));
	}

	private static List<JsonNode> buckets(JsonNode response, String aggregation) {
		List<JsonNode> buckets = new ArrayList<>();
		JsonNode node = response.path("aggregations").path(aggregation).path("buckets");
		assertThat(node).as(aggregation + " in " + response).isInstanceOf(ArrayNode.class);
		node.forEach(buckets::add);
		return buckets;
	}

	private static long sum(List<JsonNode> buckets, String field) {
		return buckets.stream().mapToLong((bucket) -> bucket.path(field).asLong()).sum();
	}

	private static List<String> keys(List<JsonNode> buckets) {
		return buckets.stream().map((bucket) -> bucket.path("key").asText()).toList();
	}

	private static Map<String, JsonNode> byKey(List<JsonNode> buckets) {
		Map<String, JsonNode> map = new HashMap<>();
		buckets.forEach((bucket) -> map.put(bucket.path("key").asText(), bucket));
		return map;
	}

	private static Map<String, Long> counts(List<JsonNode> buckets) {
		Map<String, Long> map = new HashMap<>();
		buckets.forEach((bucket) -> map.put(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
		return map;
	}

	private static Map<String, Double> values(List<JsonNode> buckets, String metric) {
		Map<String, Double> map = new HashMap<>();
		buckets.forEach((bucket) -> map.put(bucket.path("key").asText(), bucket.path(metric).path("value").asDouble()));
		return map;
	}

}
