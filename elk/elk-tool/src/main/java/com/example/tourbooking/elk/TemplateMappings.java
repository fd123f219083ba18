package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields an index template maps, flattened to dotted names, merged from its component
 * templates in order (as Elasticsearch composes them).
 */
final class TemplateMappings {

	private static final ObjectMapper JSON = new ObjectMapper();

	private TemplateMappings() {
	}

	static Map<String, String> ofIndexTemplate(Path assets, String indexTemplate) throws IOException {
		Path elasticsearch = assets.resolve("elasticsearch");
		JsonNode template = JSON
			.readTree(elasticsearch.resolve("index-templates").resolve(indexTemplate + ".json").toFile());
		Map<String, String> fields = new LinkedHashMap<>();
		for (JsonNode component : template.path("composed_of")) {
			Path file = elasticsearch.resolve("component-templates").resolve(component.asText() + ".json");
			if (!file.toFile().isFile()) {
				throw new IOException(
						indexTemplate + " is composed of " + component.asText() + ", which has no file " + file);
			}
			flatten(JSON.readTree(file.toFile()).path("template").path("mappings").path("properties"), "", fields);
		}
		flatten(template.path("template").path("mappings").path("properties"), "", fields);
		return fields;
	}

	static void flatten(JsonNode properties, String prefix, Map<String, String> into) {
		properties.properties().forEach((entry) -> {
			String name = prefix + entry.getKey();
			JsonNode field = entry.getValue();
			if (field.has("type")) {
				into.put(name, field.path("type").asText());
			}
			if (field.has("properties")) {
				flatten(field.path("properties"), name + ".", into);
			}
		});
	}

}
