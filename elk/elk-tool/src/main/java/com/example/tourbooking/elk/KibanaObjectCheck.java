package com.example.tourbooking.elk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks one Kibana saved object: its references resolve to objects in the repository,
 * the panels and searches name references that exist, and every field it uses (time
 * fields, columns, sorts, KQL, Vega aggregations) is mapped by the index templates of the
 * data streams it reads.
 */
final class KibanaObjectCheck {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][A-Za-z0-9_.@]*)\\s*:");

	private KibanaObjectCheck() {
	}

	static List<String> check(JsonNode object, Map<String, JsonNode> objects,
			Map<String, Map<String, String>> dataViewFields, Function<String, Map<String, String>> patternFields) {
		String self = object.path("type").asText() + ":" + object.path("id").asText();
		List<String> problems = new ArrayList<>();
		Set<String> referenceNames = new HashSet<>();
		for (JsonNode reference : object.path("references")) {
			referenceNames.add(reference.path("name").asText());
			String target = reference.path("type").asText() + ":" + reference.path("id").asText();
			if (!objects.containsKey(target)) {
				problems.add(self + " references " + target + ", which is not in elk/kibana/objects");
			}
		}
		JsonNode attributes = object.path("attributes");
		try {
			switch (object.path("type").asText()) {
				case "index-pattern" -> {
					Map<String, String> fields = dataViewFields.get(object.path("id").asText());
					if (fields.isEmpty()) {
						problems.add(self + " reads " + attributes.path("title").asText()
								+ ", which no index template maps");
					}
					requireField(self, attributes.path("timeFieldName").asText(), fields, problems);
				}
				case "dashboard" -> {
					for (JsonNode panel : JSON.readTree(attributes.path("panelsJSON").asText("[]"))) {
						if (!referenceNames.contains(panel.path("panelRefName").asText())) {
							problems
								.add(self + " has a panel without a matching reference: " + panel.path("panelRefName"));
						}
					}
				}
				case "search" -> {
					JsonNode source = JSON
						.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"));
					String refName = source.path("indexRefName").asText();
					String dataView = null;
					for (JsonNode reference : object.path("references")) {
						if (reference.path("name").asText().equals(refName)) {
							dataView = reference.path("id").asText();
						}
					}
					if (dataView == null) {
						problems.add(self + " has no data view reference named " + refName);
						break;
					}
					Map<String, String> fields = dataViewFields.getOrDefault(dataView, Map.of());
					attributes.path("columns")
						.forEach((column) -> requireField(self, column.asText(), fields, problems));
					attributes.path("sort")
						.forEach((sort) -> requireField(self, sort.path(0).asText(), fields, problems));
					Matcher kql = KQL_FIELD.matcher(source.path("query").path("query").asText(""));
					while (kql.find()) {
						requireField(self, kql.group(1), fields, problems);
					}
				}
				case "visualization" -> {
					JsonNode visState = JSON.readTree(attributes.path("visState").asText("{}"));
					if (!"vega".equals(visState.path("type").asText())) {
						problems.add(self + " is a " + visState.path("type").asText()
								+ " visualization: only vega panels, whose queries the tests run, are used here");
						break;
					}
					JsonNode spec = JSON.readTree(visState.path("params").path("spec").asText());
					for (JsonNode data : spec.path("data")) {
						JsonNode url = data.path("url");
						if (!url.has("index")) {
							continue;
						}
						Map<String, String> fields = patternFields.apply(url.path("index").asText());
						if (fields.isEmpty()) {
							problems.add(
									self + " queries " + url.path("index").asText() + ", which no index template maps");
						}
						if (url.has("%timefield%")) {
							requireField(self, url.path("%timefield%").asText(), fields, problems);
						}
						fieldsIn(url.path("body"), self, fields, problems);
					}
				}
				default -> {
				}
			}
		}
		catch (JsonProcessingException ex) {
			problems.add(self + " holds JSON that does not parse: " + ex.getOriginalMessage());
		}
		return problems;
	}

	private static void fieldsIn(JsonNode node, String self, Map<String, String> fields, List<String> problems) {
		node.properties().forEach((entry) -> {
			if ("field".equals(entry.getKey()) && entry.getValue().isTextual()) {
				requireField(self, entry.getValue().asText(), fields, problems);
			}
			else if (("term".equals(entry.getKey()) || "range".equals(entry.getKey()) || "terms".equals(entry.getKey())
					|| "exists".equals(entry.getKey())) && entry.getValue().isObject()
					&& !entry.getValue().has("field")) {
				entry.getValue().fieldNames().forEachRemaining((name) -> requireField(self, name, fields, problems));
			}
			fieldsIn(entry.getValue(), self, fields, problems);
		});
		if (node.isArray()) {
			node.forEach((item) -> fieldsIn(item, self, fields, problems));
		}
	}

	private static void requireField(String self, String field, Map<String, String> fields, List<String> problems) {
		if (!field.isEmpty() && !field.startsWith("_") && !fields.containsKey(field)) {
			problems.add(self + " uses field " + field + ", which the index templates do not map");
		}
	}

}
