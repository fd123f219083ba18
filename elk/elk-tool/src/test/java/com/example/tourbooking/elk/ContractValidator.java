package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * Checks one indexed document against the contract of its dataset (elk/fields.yml,
 * elk/elasticsearch/datasets.yml, plus the fields Logstash adds): every field is in the
 * contract with a value of its type, every enumerated field has an allowed value, and
 * every "presence: always" field is there.
 */
final class ContractValidator {

	/** One field of the contract. */
	record Field(String type, String presence, List<String> values) {
	}

	private final Map<String, Map<String, Field>> datasets = new LinkedHashMap<>();

	ContractValidator(Path elk) throws IOException {
		read(elk.resolve("fields.yml"));
		read(elk.resolve("elasticsearch/datasets.yml"));
	}

	@SuppressWarnings("unchecked")
	private void read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			Map<String, Object> root = new Yaml().load(reader);
			((Map<String, Object>) root.get("datasets")).forEach((name, value) -> {
				Map<String, Field> fields = new LinkedHashMap<>();
				for (Map<String, Object> field : (List<Map<String, Object>>) ((Map<String, Object>) value)
					.get("fields")) {
					List<String> values = (field.get("values") instanceof List<?> list)
							? list.stream().map(String::valueOf).toList() : null;
					fields.put(String.valueOf(field.get("name")), new Field(String.valueOf(field.get("type")),
							String.valueOf(field.get("presence")), values));
				}
				this.datasets.put(name, fields);
			});
		}
	}

	Map<String, Field> fieldsOf(String dataset) {
		Map<String, Field> fields = new LinkedHashMap<>(this.datasets.getOrDefault(dataset, Map.of()));
		fields.putAll(this.datasets.get("logstash.pipeline"));
		return fields;
	}

	/** Flattens nested objects into dotted names; keys with dots stay as they are. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> flatten(Map<String, Object> document) {
		Map<String, Object> flat = new LinkedHashMap<>();
		document.forEach((key, value) -> {
			if (value instanceof Map) {
				flatten((Map<String, Object>) value).forEach((inner, item) -> flat.put(key + "." + inner, item));
			}
			else {
				flat.put(key, value);
			}
		});
		return flat;
	}

	List<String> problems(String dataset, Map<String, Object> document) {
		Map<String, Field> contract = fieldsOf(dataset);
		Map<String, Object> flat = flatten(document);
		List<String> problems = new ArrayList<>();
		flat.forEach((name, value) -> {
			Field field = contract.get(name);
			if (field == null) {
				problems.add(name + " is not in the contract of " + dataset);
				return;
			}
			List<?> items = (value instanceof List<?> list) ? list
					: List.of(String.valueOf(value).isEmpty() ? "" : value);
			for (Object item : items) {
				if (!hasType(item, field.type())) {
					problems.add(name + " = " + item + " is not a " + field.type());
				}
				if (field.values() != null && !field.values().contains(String.valueOf(item))) {
					problems.add(name + " = " + item + " is not one of " + field.values());
				}
			}
		});
		contract.forEach((name, field) -> {
			if ("always".equals(field.presence()) && !flat.containsKey(name)) {
				problems.add(name + " is missing (presence: always in " + dataset + ")");
			}
		});
		return problems;
	}

	private static boolean hasType(Object value, String type) {
		return switch (type) {
			case "keyword", "match_only_text", "text", "wildcard" -> value instanceof String;
			case "long", "integer" -> value instanceof Integer || value instanceof Long;
			case "scaled_float", "double", "float" -> value instanceof Number;
			case "boolean" -> value instanceof Boolean;
			case "date" -> value instanceof String text && isDate(text);
			default -> true;
		};
	}

	private static boolean isDate(String text) {
		if (text.startsWith("<") && text.endsWith(">")) {
			// a placeholder of a captured sample (elk/samples/captured/README.md) or the
			// ingest time
			return true;
		}
		try {
			OffsetDateTime.parse(text);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
