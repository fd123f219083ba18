package com.example.tourbooking.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The operations of the service as its own OpenAPI document ({@code /v3/api-docs}, as
 * springdoc writes it) describes them: what the fuzzer generates requests for.
 */
final class OpenApiOperations {

	private OpenApiOperations() {
	}

	static List<Operation> of(JsonNode document) {
		List<Operation> operations = new ArrayList<>();
		JsonNode schemas = document.path("components").path("schemas");
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				JsonNode operation = method.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters")) {
					parameters.add(new Parameter(parameter.path("name").asString(), parameter.path("in").asString(),
							parameter.path("required").asBoolean(false), resolve(parameter.path("schema"), schemas)));
				}
				JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
				operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters,
						body.isMissingNode() ? null : resolve(body, schemas), schemas));
			}
		}
		return operations;
	}

	static JsonNode resolve(JsonNode schema, JsonNode schemas) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/components/schemas/")) {
			return schemas.path(ref.substring("#/components/schemas/".length()));
		}
		return schema;
	}

	/**
	 * One operation.
	 *
	 * @param method HTTP method
	 * @param path path template, e.g. {@code /api/tours/{id}}
	 * @param parameters path, query and header parameters
	 * @param body the JSON body schema, or {@code null}
	 * @param schemas the document's component schemas, to resolve references
	 */
	record Operation(String method, String path, List<Parameter> parameters, JsonNode body, JsonNode schemas) {

		String name() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * One parameter.
	 *
	 * @param name its name
	 * @param in {@code path}, {@code query} or {@code header}
	 * @param required whether the document says it is required
	 * @param schema its schema
	 */
	record Parameter(String name, String in, boolean required, JsonNode schema) {
	}

}
