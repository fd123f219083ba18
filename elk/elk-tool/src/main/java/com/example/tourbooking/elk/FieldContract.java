package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

/**
 * The field contract: elk/fields.yml (the application dataset, owned by the logs issue)
 * and elk/elasticsearch/datasets.yml (deployment events, Jenkins builds and the fields
 * Logstash adds). Maps each dataset to its fields and their Elasticsearch types, and each
 * enumerated field ({@code values:}) to the values it may take.
 */
record FieldContract(Map<String, Map<String, String>> datasets, Map<String, Map<String, List<String>>> values) {

	static FieldContract load(Path assets) throws IOException {
		Map<String, Map<String, String>> datasets = new LinkedHashMap<>();
		Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
		read(assets.resolve("fields.yml"), datasets, values);
		read(assets.resolve("elasticsearch").resolve("datasets.yml"), datasets, values);
		return new FieldContract(datasets, values);
	}

	@SuppressWarnings("unchecked")
	private static void read(Path file, Map<String, Map<String, String>> into,
			Map<String, Map<String, List<String>>> valuesInto) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			Map<String, Object> root = new Yaml().load(reader);
			Map<String, Object> datasets = (Map<String, Object>) root.get("datasets");
			datasets.forEach((name, value) -> {
				Map<String, String> fields = new LinkedHashMap<>();
				Map<String, List<String>> allowed = new LinkedHashMap<>();
				for (Map<String, Object> field : (List<Map<String, Object>>) ((Map<String, Object>) value)
					.get("fields")) {
					String fieldName = String.valueOf(field.get("name"));
					fields.put(fieldName, String.valueOf(field.get("type")));
					if (field.get("values") instanceof List<?> list) {
						allowed.put(fieldName, list.stream().map(String::valueOf).toList());
					}
				}
				into.put(name, fields);
				valuesInto.put(name, allowed);
			});
		}
	}

	/**
	 * The values an enumerated field may take in a dataset (those Logstash adds
	 * included), or null when the field is not enumerated.
	 */
	List<String> allowedValues(String dataset, String field) {
		List<String> own = this.values.getOrDefault(dataset, Map.of()).get(field);
		return (own != null) ? own : this.values.getOrDefault("logstash.pipeline", Map.of()).get(field);
	}

	/** The fields of a dataset plus those Logstash adds to every event. */
	Map<String, String> fieldsOf(String dataset) {
		Map<String, String> fields = new LinkedHashMap<>(this.datasets.getOrDefault(dataset, Map.of()));
		fields.putAll(this.datasets.getOrDefault("logstash.pipeline", Map.of()));
		return fields;
	}

	Set<String> allFields() {
		Set<String> all = new TreeSet<>();
		this.datasets.values().forEach((fields) -> all.addAll(fields.keySet()));
		return all;
	}

	/**
	 * The datasets whose data streams an index pattern such as logs-tourbooking.app-*
	 * reads.
	 */
	List<String> datasetsMatching(String indexPattern) {
		return this.datasets.keySet()
			.stream()
			.filter((dataset) -> !"logstash.pipeline".equals(dataset))
			.filter((dataset) -> patternMatches(indexPattern, "logs-" + dataset + "-x"))
			.toList();
	}

	private static boolean patternMatches(String pattern, String name) {
		for (String single : pattern.split(",")) {
			String regex = single.strip().replace(".", "\\.").replace("*", ".*");
			if (name.matches(regex)) {
				return true;
			}
		}
		return false;
	}

}
