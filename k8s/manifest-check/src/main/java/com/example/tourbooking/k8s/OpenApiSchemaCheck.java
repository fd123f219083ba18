package com.example.tourbooking.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates objects against the Kubernetes OpenAPI schema (types, formats and required
 * fields) with the npm package {@code kubernetes-models}, run by Node.js: the fabric8
 * model that {@link ModelSchemaCheck} uses does not know which fields are required.
 */
final class OpenApiSchemaCheck {

	static final String SCRIPT = "src/main/node/validate-schema.mjs";

	private static final long TIMEOUT_SECONDS = 120;

	private final ObjectMapper json = JsonMapper.builder().build();

	private final Path nodeDir;

	private final String node;

	/**
	 * @param nodeDir the directory holding {@code package.json}, {@code node_modules} and
	 * the validation script (the module's base directory)
	 * @param node the Node.js executable
	 */
	OpenApiSchemaCheck(Path nodeDir, String node) {
		this.nodeDir = nodeDir;
		this.node = node;
	}

	List<Finding> check(List<ManifestObject> objects) {
		List<Finding> findings = new ArrayList<>();
		if (objects.isEmpty()) {
			return findings;
		}
		JsonNode results = validate(objects.stream().map(ManifestObject::tree).toList());
		for (int i = 0; i < objects.size(); i++) {
			ManifestObject object = objects.get(i);
			JsonNode result = results.path(i);
			if (!result.path("known").asBoolean(false)) {
				findings.add(Finding.of(object, "schema-kind", object.apiVersion() + " " + object.kind()
						+ " is not in the Kubernetes OpenAPI schema (check apiVersion and kind)"));
				continue;
			}
			for (JsonNode error : result.path("errors")) {
				String rule = "required".equals(error.path("keyword").asString()) ? "schema-required" : "schema-type";
				findings.add(Finding.of(object, rule,
						error.path("path").asString() + ": " + error.path("message").asString()));
			}
		}
		return findings;
	}

	private JsonNode validate(List<JsonNode> trees) {
		Path script = this.nodeDir.resolve(SCRIPT);
		if (!Files.isRegularFile(script)
				|| !Files.isDirectory(this.nodeDir.resolve("node_modules/kubernetes-models"))) {
			throw new IllegalStateException("The OpenAPI schema validator is not installed in " + this.nodeDir
					+ ": run `npm install` there (or build the module with ./mvnw -pl k8s/manifest-check package)");
		}
		Process process;
		try {
			process = new ProcessBuilder(this.node, script.toString()).directory(this.nodeDir.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run Node.js (`" + this.node
					+ "`), needed for the schema check: install it (apt-get install nodejs) or pass --node PATH", ex);
		}
		try {
			CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			try (OutputStream input = process.getOutputStream()) {
				input.write(this.json.writeValueAsBytes(trees));
			}
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"The OpenAPI schema validator did not finish in " + TIMEOUT_SECONDS + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("The OpenAPI schema validator failed with exit code "
						+ process.exitValue() + " (its error is printed above)");
			}
			return this.json.readTree(new String(output.get(), StandardCharsets.UTF_8));
		}
		catch (IOException | ExecutionException ex) {
			throw new IllegalStateException("Cannot talk to the OpenAPI schema validator", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while validating", ex);
		}
	}

	private static byte[] readAll(InputStream stream) {
		try (stream) {
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the validator's output", ex);
		}
	}

}
