package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every literal value something filters on: the Vega panels' queries (term, terms, match,
 * match_phrase; not the terms aggregation), the saved searches' KQL
 * ({@code field: "value"}), the Logstash conditionals ({@code [f] == "v"},
 * {@code [f] in [...]}, {@code "v" in [f]}) and the gate's own queries. Each must be a
 * value the contract allows for that field and a value some producer really sends; a
 * filter on a value nobody sends shows an empty panel.
 */
final class FilterLiterals {

	/** Where a literal is used, the dataset it filters, the field and the value. */
	record Literal(String source, String dataset, String field, String value) {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern KQL_VALUE = Pattern
		.compile("([A-Za-z_@][A-Za-z0-9_.@]*)\\s*:\\s*(?:\"([^\"]*)\"|([A-Za-z0-9_.-]+))");

	private FilterLiterals() {
	}

	static List<Literal> all(Path assets, FieldContract contract) throws IOException {
		List<Literal> literals = new ArrayList<>();
		literals.addAll(ofKibana(assets, contract));
		literals.addAll(ofLogstash(assets));
		literals.addAll(DeployGate.LITERALS);
		return literals;
	}

	static List<Literal> ofKibana(Path assets, FieldContract contract) throws IOException {
		List<Literal> literals = new ArrayList<>();
		Map<String, String> dataViews = new java.util.HashMap<>();
		List<JsonNode> objects = new ArrayList<>();
		try (Stream<Path> files = Files.list(assets.resolve("kibana/objects"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".ndjson")).sorted().toList()) {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					if (!line.isBlank()) {
						objects.add(JSON.readTree(line));
					}
				}
			}
		}
		for (JsonNode object : objects) {
			if ("index-pattern".equals(object.path("type").asText())) {
				dataViews.put(object.path("id").asText(), object.path("attributes").path("title").asText());
			}
		}
		for (JsonNode object : objects) {
			String self = object.path("type").asText() + ":" + object.path("id").asText();
			JsonNode attributes = object.path("attributes");
			if ("search".equals(object.path("type").asText())) {
				JsonNode source = JSON
					.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"));
				String dataView = null;
				for (JsonNode reference : object.path("references")) {
					if ("index-pattern".equals(reference.path("type").asText())) {
						dataView = dataViews.get(reference.path("id").asText());
					}
				}
				Matcher kql = KQL_VALUE.matcher(source.path("query").path("query").asText(""));
				while (kql.find()) {
					String value = (kql.group(2) != null) ? kql.group(2) : kql.group(3);
					for (String dataset : contract.datasetsMatching(String.valueOf(dataView))) {
						literals.add(new Literal(self, dataset, kql.group(1), value));
					}
				}
			}
			else if ("visualization".equals(object.path("type").asText())) {
				JsonNode visState = JSON.readTree(attributes.path("visState").asText("{}"));
				if (!visState.path("params").has("spec")) {
					continue;
				}
				JsonNode spec = JSON.readTree(visState.path("params").path("spec").asText());
				for (JsonNode data : spec.path("data")) {
					JsonNode url = data.path("url");
					if (url.has("index")) {
						for (String dataset : contract.datasetsMatching(url.path("index").asText())) {
							collect(url.path("body"), self, dataset, literals);
						}
					}
				}
			}
		}
		return literals;
	}

	private static void collect(JsonNode node, String self, String dataset, List<Literal> into) {
		node.properties().forEach((entry) -> {
			String key = entry.getKey();
			JsonNode value = entry.getValue();
			if (List.of("term", "terms", "match", "match_phrase").contains(key) && value.isObject()
					&& !value.has("field")) {
				value.properties().forEach((clause) -> {
					JsonNode given = clause.getValue().isObject()
							? clause.getValue().path(clause.getValue().has("value") ? "value" : "query")
							: clause.getValue();
					if (given.isArray()) {
						given.forEach((item) -> into.add(new Literal(self, dataset, clause.getKey(), item.asText())));
					}
					else if (given.isValueNode()) {
						into.add(new Literal(self, dataset, clause.getKey(), given.asText()));
					}
				});
			}
			else {
				collect(value, self, dataset, into);
			}
		});
		if (node.isArray()) {
			node.forEach((item) -> collect(item, self, dataset, into));
		}
	}

	static List<Literal> ofLogstash(Path assets) throws IOException {
		List<Literal> literals = new ArrayList<>();
		try (Stream<Path> files = Files.list(assets.resolve("logstash/pipeline"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".conf")).sorted().toList()) {
				LogstashConfig config;
				try {
					config = LogstashConfig.parse(Files.readString(file, StandardCharsets.UTF_8));
				}
				catch (LogstashConfig.SyntaxException ex) {
					continue; // reported by the pipeline checks
				}
				String dataset = datasetOf(config);
				walk(config.sections().getOrDefault("filter", List.of()), file.getFileName().toString(), dataset,
						literals);
			}
		}
		return literals;
	}

	/** The dataset a pipeline writes: its elasticsearch output's data_stream_dataset. */
	static String datasetOf(LogstashConfig config) {
		for (LogstashConfig.Plugin plugin : config.plugins()) {
			if ("output".equals(plugin.section()) && plugin.settings().containsKey("data_stream_dataset")) {
				return String.valueOf(plugin.settings().get("data_stream_dataset"));
			}
		}
		return "unknown";
	}

	private static void walk(List<LogstashConfig.Node> nodes, String file, String dataset, List<Literal> into) {
		for (LogstashConfig.Node node : nodes) {
			if (node instanceof LogstashConfig.Branch branch) {
				branch.conditions().forEach((condition) -> condition(condition, file, dataset, into));
				branch.bodies().forEach((body) -> walk(body, file, dataset, into));
			}
		}
	}

	private static void condition(LogstashConfig.Condition condition, String file, String dataset, List<Literal> into) {
		List<Object> operands = condition.operands();
		if (List.of("==", "!=", "in", "not in").contains(condition.operator())) {
			LogstashConfig.Operand left = (LogstashConfig.Operand) operands.get(0);
			LogstashConfig.Operand right = (LogstashConfig.Operand) operands.get(1);
			LogstashConfig.Operand field = "field".equals(left.kind()) ? left : right;
			LogstashConfig.Operand value = (field == left) ? right : left;
			if ("field".equals(field.kind())) {
				String name = fieldName(String.valueOf(field.value()));
				if ("string".equals(value.kind()) || "number".equals(value.kind())) {
					into.add(new Literal(file, dataset, name, String.valueOf(value.value())));
				}
				else if ("list".equals(value.kind())) {
					((List<?>) value.value())
						.forEach((item) -> into.add(new Literal(file, dataset, name, String.valueOf(item))));
				}
			}
			return;
		}
		operands.stream()
			.filter(LogstashConfig.Condition.class::isInstance)
			.forEach((inner) -> condition((LogstashConfig.Condition) inner, file, dataset, into));
	}

	/** [a][b] and [a.b] both name the field a.b of the contract. */
	static String fieldName(String reference) {
		return reference.substring(1, reference.length() - 1).replace("][", ".");
	}

}
