package com.example.tourbooking.elk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: what the real producers send (elk/samples/captured/ and the application's
 * encoder, see {@link ProducedEvents}) is routed as the Logstash pipelines route it,
 * indexed into the real Elasticsearch node through the templates {@code setup} applies,
 * and every panel of the three dashboards is asked exactly what Kibana would ask it
 * ({@link KibanaQueryContext}); each answer must equal what the test computes from the
 * events itself ({@link PanelModel}) and must not be empty. The deploy annotations and
 * the gate are checked the same way. The answers are written to
 * target/dashboards/panel-results.json for elk/dashboards-render, which draws them.
 */
class DashboardsEndToEndTests {

	static final Path RESULTS = Path.of(SharedNode.ELK, "elk-tool", "target", "dashboards", "panel-results.json");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static ProducedEvents produced;

	private static Map<String, List<JsonNode>> streams;

	private static KibanaQueryContext lastHour;

	@BeforeAll
	static void indexWhatTheProducersSent() throws Exception {
		DashboardsNode.url();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		produced = new ProducedEvents(now).produce();
		streams = new TreeMap<>();
		produced.routed()
			.forEach((routed) -> streams.computeIfAbsent(routed.dataStream(), (s) -> new ArrayList<>())
				.add(routed.event()));
		for (Map.Entry<String, List<JsonNode>> stream : streams.entrySet()) {
			List<String> documents = new ArrayList<>();
			for (JsonNode event : stream.getValue()) {
				documents.add(JSON.writeValueAsString(event));
			}
			DashboardsNode.index(stream.getKey(), documents);
		}
		// the time picker on "Last 1 hour"
		lastHour = new KibanaQueryContext(now.minus(1, ChronoUnit.HOURS), now);
	}

	@Test
	void everyProducersEventIsRoutedToADataStreamOfItsDataset() {
		Map<String, String> expectedDataset = Map.of("app.conf", "tourbooking.app", "deploy.conf", "tourbooking.deploy",
				"jenkins.conf", "jenkins.build");
		for (LogstashRouting.Routed routed : produced.routed()) {
			assertThat(routed.dataStream()).as("%s routes %s", routed.pipeline(), routed.event())
				.startsWith("logs-" + expectedDataset.get(routed.pipeline()) + "-")
				.doesNotContain("%{")
				.doesNotEndWith("-unrouted");
			Iterable<JsonNode> tags = routed.event().path("tags");
			assertThat(tags).as("tags %s set on %s", routed.pipeline(), routed.event()).isEmpty();
		}
	}

	@Test
	void everyPanelOfTheThreeDashboardsShowsWhatTheEventsImply() throws Exception {
		List<String> problems = new ArrayList<>();
		ObjectNode results = JSON.createObjectNode();
		results.put("timeMin", lastHour.min().toString()).put("timeMax", lastHour.max().toString());
		ObjectNode responses = results.putObject("responses");
		int requests = 0;
		try (ElasticsearchConnection connection = DashboardsNode.connect()) {
			for (String visualization : dashboardPanels()) {
				JsonNode spec = spec(visualization);
				for (JsonNode data : spec.path("data")) {
					if (!data.path("url").has("index")) {
						continue;
					}
					String where = visualization + " data '" + data.path("name").asText() + "'";
					ObjectNode request = lastHour.request(data.get("url"));
					List<String> indices = matching(request.path("index").asText());
					if (indices.isEmpty()) {
						problems.add(where + ": no events were routed to " + request.path("index").asText()
								+ " (captured producer files: " + capturedFiles() + ")");
						continue;
					}
					JsonNode body = request.path("body");
					JsonNode response = connection.send("POST", "/" + String.join(",", indices) + "/_search",
							JSON.writeValueAsString(body));
					requests++;
					(responses.has(visualization) ? (ObjectNode) responses.get(visualization)
							: responses.putObject(visualization))
						.set(data.path("name").asText(), response);
					List<JsonNode> events = indices.stream().flatMap((index) -> streams.get(index).stream()).toList();
					problems.addAll(new PanelModel(events).compare(where, body, response));
					if (!showsSomething(response, data.path("format").path("property").asText())) {
						problems.add(where + ": returns nothing at " + data.path("format").path("property").asText()
								+ " (" + response.path("hits").path("total") + " hits)");
					}
				}
			}
		}
		Files.createDirectories(RESULTS.getParent());
		Files.writeString(RESULTS, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results),
				StandardCharsets.UTF_8);
		assertThat(requests).as("panel requests run").isGreaterThanOrEqualTo(dashboardPanels().size());
		assertThat(problems).as("panels that differ from the events or show nothing").isEmpty();
	}

	@Test
	void deployAnnotationsMarkEverySuccessfulDeployAndRollbackOfTheCapturedRun() throws Exception {
		List<JsonNode> deploys = produced.captured("ansible-deploy-events");
		assertThat(deploys).as("Ansible's captured deploy events, elk/samples/captured/ansible-deploy-events.ndjson")
			.isNotEmpty();
		Map<String, Long> expected = new TreeMap<>();
		for (JsonNode event : deploys) {
			String action = ProducedEvents.field(event, "event.action");
			if ("deploy-succeeded".equals(action) || "rollback-succeeded".equals(action)) {
				expected.merge(ProducedEvents.field(event, "service.version"),
						Instant.parse(event.path("@timestamp").asText()).toEpochMilli(), Math::max);
			}
		}
		assertThat(expected).as("successful deploys or rollbacks in the captured run").isNotEmpty();

		Map<String, Long> annotated = new TreeMap<>();
		try (ElasticsearchConnection connection = DashboardsNode.connect()) {
			for (String visualization : panelsOf("dashboard-service")) {
				for (JsonNode data : spec(visualization).path("data")) {
					ObjectNode request = data.path("url").has("index") ? lastHour.request(data.get("url")) : null;
					if (request == null || !request.path("index").asText().startsWith("logs-tourbooking.deploy-")) {
						continue;
					}
					JsonNode response = connection.send("POST",
							"/" + String.join(",", matching(request.path("index").asText())) + "/_search",
							JSON.writeValueAsString(request.path("body")));
					PanelModel.forEachBucket(response, data.path("format").path("property").asText(),
							(bucket) -> annotated.put(bucket.path("key").asText(), latestTime(bucket)));
				}
			}
		}
		assertThat(annotated).as("deploy annotations on the service dashboard: version -> time").isEqualTo(expected);
	}

	@Test
	void gateJudgesTheDeployedVersionByItsOwnEvents() throws Exception {
		ProducedEvents.Deploy deploy = produced.deploy();
		Instant end = lastHour.max();
		Verdict deployed = expectedVerdict(deploy.version(), deploy.at(), end);
		Verdict previous = expectedVerdict(deploy.previousVersion(), lastHour.min(), deploy.at());
		assertThat(deployed.events()).as("events of the deployed version after the deploy").isPositive();
		assertThat(previous.serverErrors()).as("the previous version's 5xx answers before the deploy").isPositive();

		for (Verdict verdict : List.of(deployed, previous)) {
			SharedNode.Result gate = DashboardsNode.tool("gate", "--service-version", verdict.version(),
					"--environment", verdict.environment(), "--deployed-at", verdict.from().toString(), "--window",
					Duration.between(verdict.from(), verdict.to()).toString());
			assertThat(gate.output()).as(gate.output())
				.contains("events: " + verdict.events())
				.contains(String.format("requests: %d, 5xx: %d", verdict.requests(), verdict.serverErrors()))
				.contains(verdict.passes() ? "gate: PASSED" : "gate: FAILED, roll back");
			assertThat(gate.exitCode()).as(gate.output()).isEqualTo(verdict.passes() ? 0 : 1);
		}
		assertThat(deployed.passes()).as("the captured deploy's version is healthy").isTrue();
		assertThat(previous.passes()).as("the version it replaced answered 5xx").isFalse();
	}

	/** The gate's verdict with its default thresholds, from the app events themselves. */
	private static Verdict expectedVerdict(String version, Instant from, Instant to) {
		List<JsonNode> events = produced.routed()
			.stream()
			.filter((r) -> "app.conf".equals(r.pipeline()))
			.<JsonNode>map(LogstashRouting.Routed::event)
			.filter((e) -> version.equals(ProducedEvents.field(e, "service.version")))
			.filter((e) -> {
				Instant at = Instant.parse(e.path("@timestamp").asText());
				return !at.isBefore(from) && at.isBefore(to);
			})
			.toList();
		String environment = events.isEmpty() ? "local" : ProducedEvents.field(events.get(0), "service.environment");
		long errors = events.stream().filter((e) -> "ERROR".equals(ProducedEvents.field(e, "log.level"))).count();
		long requests = events.stream()
			.filter((e) -> "http-request".equals(ProducedEvents.field(e, "event.action")))
			.count();
		long serverErrors = events.stream().filter((e) -> {
			String status = ProducedEvents.field(e, "http.response.status_code");
			return status != null && Integer.parseInt(status) >= 500;
		}).count();
		boolean passes = !events.isEmpty() && (double) errors / events.size() <= 0.05 && serverErrors == 0;
		return new Verdict(version, environment, from, to, events.size(), requests, serverErrors, passes);
	}

	private record Verdict(String version, String environment, Instant from, Instant to, long events, long requests,
			long serverErrors, boolean passes) {
	}

	/** The visualizations on the three dashboards, in dashboard and panel order. */
	static List<String> dashboardPanels() throws Exception {
		List<String> panels = new ArrayList<>();
		for (String dashboard : List.of("dashboard-service", "dashboard-bookings", "dashboard-cicd")) {
			panels.addAll(panelsOf(dashboard));
		}
		return panels;
	}

	private static List<String> panelsOf(String dashboard) throws Exception {
		JsonNode object = JSON.readTree(Files.readString(objects().resolve(dashboard + ".ndjson")));
		Map<String, String> references = new LinkedHashMap<>();
		object.path("references").forEach((r) -> references.put(r.path("name").asText(), r.path("id").asText()));
		List<String> panels = new ArrayList<>();
		for (JsonNode panel : JSON.readTree(object.path("attributes").path("panelsJSON").asText())) {
			panels.add(references.get(panel.path("panelRefName").asText()));
		}
		assertThat(panels).as(dashboard + " panels").isNotEmpty().doesNotContainNull();
		return panels;
	}

	static JsonNode spec(String visualization) throws Exception {
		try (Stream<Path> files = Files.list(objects())) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("visualization-")).toList()) {
				JsonNode object = JSON.readTree(Files.readString(file));
				if (visualization.equals(object.path("id").asText())) {
					JsonNode state = JSON.readTree(object.path("attributes").path("visState").asText());
					return JSON.readTree(state.path("params").path("spec").asText());
				}
			}
		}
		throw new IllegalStateException("no saved visualization with id " + visualization);
	}

	private static Path objects() {
		return Path.of(SharedNode.ELK, "kibana", "objects");
	}

	/** The data streams this test wrote that an index pattern names. */
	private static List<String> matching(String indexPattern) {
		List<Pattern> patterns = Stream.of(indexPattern.split(","))
			.map((p) -> Pattern.compile(Pattern.quote(p.strip()).replace("*", "\\E.*\\Q")))
			.toList();
		return streams.keySet()
			.stream()
			.filter((stream) -> patterns.stream().anyMatch((p) -> p.matcher(stream).matches()))
			.toList();
	}

	private static Set<String> capturedFiles() throws Exception {
		if (!Files.isDirectory(ProducedEvents.CAPTURED)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.list(ProducedEvents.CAPTURED)) {
			return files.map((f) -> f.getFileName().toString())
				.collect(Collectors.toCollection(java.util.TreeSet::new));
		}
	}

	/**
	 * At least one bucket with documents (or a non-empty metric) where the panel reads
	 * its rows.
	 */
	private static boolean showsSomething(JsonNode response, String property) {
		List<JsonNode> rows = new ArrayList<>();
		PanelModel.forEachBucket(response, property, rows::add);
		return rows.stream().anyMatch((row) -> row.path("doc_count").asLong() > 0 || row.path("value").isNumber());
	}

	/**
	 * The largest date-valued metric in an annotation bucket (when the deploy happened).
	 */
	private static long latestTime(JsonNode bucket) {
		long latest = -1;
		for (JsonNode child : bucket) {
			if (child.isObject() && child.path("value").isNumber()) {
				latest = Math.max(latest, child.path("value").asLong());
			}
		}
		return latest;
	}

}
