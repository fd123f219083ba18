package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Logstash pipelines run by the stand-in (LogstashStandIn, Logstash's semantics read
 * from its source): every rule sample in elk/logstash/tests gives its expected event and
 * data stream, every filter rule is exercised by a sample, and the real producers' output
 * (elk/samples/captured/ and the application's encoder) becomes events the contract
 * allows, carrying every value the dashboards, saved searches, pipelines and gate filter
 * on and every field the panels aggregate.
 */
class LogstashPipelineTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final Path ELK = Path.of(SharedNode.ELK);

	/**
	 * Each producer's captured file, the pipeline that receives it and through which
	 * input.
	 */
	record Producer(String file, String pipeline, String input) {
	}

	static final List<Producer> PRODUCERS = List.of(new Producer("gate-events.ndjson", "deploy", "http"),
			new Producer("ansible-deploy-events.ndjson", "deploy", "http"),
			new Producer("jenkins-stage-events.ndjson", "jenkins", "http"),
			new Producer("jenkins-plugin-success.json", "jenkins", "tcp"),
			new Producer("jenkins-plugin-failure.json", "jenkins", "tcp"));

	/** Literals whose producer is not a sample, with the reason. */
	static final Map<String, String> NOT_FROM_PRODUCERS = Map.of("tags",
			"made by Logstash itself (the codec or a routing rule), shown by the rule samples", "service.environment",
			"routing: a producer's sample comes from one environment; each branch has its rule sample");

	static AppEncoder encoder;

	/** Processed documents of the real producers, by dataset. */
	static final Map<String, List<Map<String, Object>>> documents = new LinkedHashMap<>();

	static final List<String> producerProblems = new ArrayList<>();

	@BeforeAll
	static void runTheProducersThroughThePipelines() throws Exception {
		encoder = new AppEncoder("3.0.0");
		List<String> lines = EncoderEventsTests.logSampleEvents(encoder);
		for (String line : lines) {
			process("app", "tcp", line, "the application's encoder");
		}
		for (Producer producer : PRODUCERS) {
			Path file = ELK.resolve("samples/captured").resolve(producer.file());
			if (!Files.isRegularFile(file)) {
				producerProblems.add(file + " is missing: the producer's test writes it (UPDATE_SAMPLES=1)");
				continue;
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			List<String> events = producer.file().endsWith(".ndjson")
					? text.lines().filter((line) -> !line.isBlank()).toList()
					: List.of(JSON.writeValueAsString(JSON.readTree(text)));
			if (events.isEmpty()) {
				producerProblems.add(file + " holds no event");
			}
			for (String event : events) {
				process(producer.pipeline(), producer.input(), event, producer.file());
			}
		}
	}

	@AfterAll
	static void stopEncoder() {
		encoder.stop();
	}

	private static void process(String pipeline, String input, String body, String source) throws IOException {
		LogstashStandIn standIn = standIn(pipeline);
		Map<String, Object> event = "http".equals(input) ? standIn.fromHttpPost(body, "10.0.0.1")
				: LogstashStandIn.fromJsonLine(body);
		standIn.filter(event);
		Map<String, Object> document = LogstashStandIn.document(event);
		String dataset = String.valueOf(LogstashStandIn.get(document, "[data_stream][dataset]"));
		String stream = standIn.dataStream(event);
		if (stream.endsWith("-unrouted")) {
			producerProblems.add(source + ": routed to " + stream + ": " + document);
		}
		new ContractValidator(ELK).problems(dataset, document)
			.forEach((problem) -> producerProblems.add(source + " (" + stream + "): " + problem));
		documents.computeIfAbsent(dataset, (key) -> new ArrayList<>()).add(document);
	}

	private static final Map<String, LogstashStandIn> STAND_INS = new HashMap<>();

	static LogstashStandIn standIn(String pipeline) throws IOException {
		LogstashStandIn standIn = STAND_INS.get(pipeline);
		if (standIn == null) {
			standIn = new LogstashStandIn(
					Files.readString(ELK.resolve("logstash/pipeline/" + pipeline + ".conf"), StandardCharsets.UTF_8));
			STAND_INS.put(pipeline, standIn);
		}
		return standIn;
	}

	@Test
	void everyRuleSampleGivesItsExpectedEventAndDataStream() throws IOException {
		List<Path> cases = cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
		for (Path file : cases) {
			JsonNode sample = JSON.readTree(file.toFile());
			String pipeline = file.getParent().getFileName().toString();
			LogstashStandIn standIn = new LogstashStandIn(
					Files.readString(ELK.resolve("logstash/pipeline/" + pipeline + ".conf"), StandardCharsets.UTF_8));
			String body = sample.path("in").isTextual() ? sample.path("in").asText()
					: JSON.writeValueAsString(sample.path("in"));
			Map<String, Object> event = "http".equals(sample.path("input").asText())
					? standIn.fromHttpPost(body, "10.0.0.1") : LogstashStandIn.fromJsonLine(body);
			standIn.filter(event);
			JsonNode actual = JSON.valueToTree(LogstashStandIn.document(event));
			assertThat(actual).as(file.toString()).isEqualTo(sample.path("out"));
			assertThat(standIn.dataStream(event)).as(file.toString()).isEqualTo(sample.path("data_stream").asText());
		}
	}

	@Test
	void everyFilterRuleIsExercisedByARuleSample() throws IOException {
		Map<String, LogstashStandIn> byPipeline = new HashMap<>();
		for (Path file : cases()) {
			JsonNode sample = JSON.readTree(file.toFile());
			String pipeline = file.getParent().getFileName().toString();
			LogstashStandIn standIn = byPipeline.computeIfAbsent(pipeline, (name) -> {
				try {
					return new LogstashStandIn(Files.readString(ELK.resolve("logstash/pipeline/" + name + ".conf"),
							StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			String body = sample.path("in").isTextual() ? sample.path("in").asText()
					: JSON.writeValueAsString(sample.path("in"));
			standIn.filter("http".equals(sample.path("input").asText()) ? standIn.fromHttpPost(body, "10.0.0.1")
					: LogstashStandIn.fromJsonLine(body));
		}
		try (Stream<Path> files = Files.list(ELK.resolve("logstash/pipeline"))) {
			for (Path conf : files.filter((path) -> path.toString().endsWith(".conf")).toList()) {
				String pipeline = conf.getFileName().toString().replace(".conf", "");
				LogstashStandIn standIn = byPipeline.get(pipeline);
				assertThat(standIn).as("rule samples for " + conf + " in elk/logstash/tests/" + pipeline).isNotNull();
				assertThat(standIn.ran()).as("rules of %s without a sample in elk/logstash/tests/%s", conf, pipeline)
					.containsAll(standIn.filterIds());
			}
		}
	}

	@Test
	void everyProducersOutputBecomesEventsTheContractAllows() {
		assertThat(producerProblems).isEmpty();
		assertThat(documents).containsKeys("tourbooking.app", "tourbooking.deploy", "jenkins.build");
	}

	@Test
	void everyValueSomethingFiltersOnIsSentBySomeProducer() throws IOException {
		List<String> unsent = new ArrayList<>();
		for (FilterLiterals.Literal literal : FilterLiterals.all(ELK, FieldContract.load(ELK))) {
			if (NOT_FROM_PRODUCERS.containsKey(literal.field())) {
				continue;
			}
			boolean sent = documents.getOrDefault(literal.dataset(), List.of()).stream().anyMatch((document) -> {
				Object value = ContractValidator.flatten(document).get(literal.field());
				return (value instanceof List<?> list)
						? list.stream().anyMatch((item) -> literal.value().equals(String.valueOf(item)))
						: literal.value().equals(String.valueOf(value));
			});
			if (!sent) {
				unsent.add(literal.source() + " filters " + literal.dataset() + " " + literal.field() + " on \""
						+ literal.value() + "\", which no producer's captured output sends");
			}
		}
		assertThat(unsent).isEmpty();
	}

	@Test
	void everyFieldAPanelAggregatesIsSentBySomeProducer() throws IOException {
		FieldContract contract = FieldContract.load(ELK);
		Set<String> missing = new TreeSet<>();
		for (Path file : kibanaObjects()) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode object = JSON.readTree(line);
				JsonNode visState = JSON.readTree(object.path("attributes").path("visState").asText("{}"));
				if (!visState.path("params").has("spec")) {
					continue;
				}
				for (JsonNode data : JSON.readTree(visState.path("params").path("spec").asText()).path("data")) {
					if (!data.path("url").has("index")) {
						continue;
					}
					List<String> fields = new ArrayList<>();
					aggregatedFields(data.path("url").path("body").path("aggs"), fields);
					for (String dataset : contract.datasetsMatching(data.path("url").path("index").asText())) {
						for (String field : fields) {
							boolean sent = documents.getOrDefault(dataset, List.of())
								.stream()
								.anyMatch((document) -> ContractValidator.flatten(document).containsKey(field));
							if (!sent) {
								missing.add(object.path("id").asText() + " aggregates " + dataset + " " + field
										+ ", which no producer's captured output sends");
							}
						}
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static void aggregatedFields(JsonNode node, List<String> into) {
		node.properties().forEach((entry) -> {
			if ("field".equals(entry.getKey()) && entry.getValue().isTextual()) {
				into.add(entry.getValue().asText());
			}
			else if ("includes".equals(entry.getKey())) {
				entry.getValue().forEach((field) -> into.add(field.asText()));
			}
			else {
				aggregatedFields(entry.getValue(), into);
			}
		});
	}

	private static List<Path> kibanaObjects() throws IOException {
		try (Stream<Path> files = Files.list(ELK.resolve("kibana/objects"))) {
			return files.filter((path) -> path.toString().endsWith(".ndjson")).sorted().toList();
		}
	}

	private static List<Path> cases() throws IOException {
		try (Stream<Path> files = Files.walk(ELK.resolve("logstash/tests"))) {
			return files.filter((path) -> path.toString().endsWith(".json")).sorted().toList();
		}
	}

}
