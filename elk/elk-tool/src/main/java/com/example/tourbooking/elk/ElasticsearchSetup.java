package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies elk/elasticsearch to a cluster, idempotently: every object carries the hash of
 * its content in its metadata, so an object whose hash matches is left alone
 * ("unchanged") and a re-run changes nothing. Order matters: policies and component
 * templates before the index templates that use them, roles before users.
 */
final class ElasticsearchSetup {

	/**
	 * Field types that live outside Elasticsearch's server core, and their closest core
	 * type.
	 */
	static final Map<String, String> CORE_TYPES = Map.of("match_only_text", "text", "wildcard", "keyword",
			"scaled_float", "double");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String HASH = "content_hash";

	private final ElasticsearchConnection connection;

	private final Path assets;

	private final Options options;

	private final PrintStream out;

	ElasticsearchSetup(ElasticsearchConnection connection, Path assets, Options options, PrintStream out) {
		this.connection = connection;
		this.assets = assets;
		this.options = options;
		this.out = out;
	}

	/**
	 * How to apply.
	 *
	 * @param retention overrides the delete phase's min_age of every ILM policy (null
	 * keeps it)
	 * @param replicas overrides index.number_of_replicas of the settings component
	 * templates (null keeps the file's 1, the production value; a single node needs 0)
	 * @param coreOnly the cluster runs only the server core (no x-pack, no modules), like
	 * the embedded test node: skip ILM, roles and users; map module field types to core
	 * types
	 * @param environment where user passwords are read (the variable named by
	 * password_env)
	 */
	record Options(String retention, Integer replicas, boolean coreOnly, UnaryOperator<String> environment) {
	}

	/** Counts of what the run did. */
	record Summary(int created, int updated, int unchanged, int skipped) {

		Summary plus(String outcome) {
			return switch (outcome) {
				case "created" -> new Summary(this.created + 1, this.updated, this.unchanged, this.skipped);
				case "updated" -> new Summary(this.created, this.updated + 1, this.unchanged, this.skipped);
				case "unchanged" -> new Summary(this.created, this.updated, this.unchanged + 1, this.skipped);
				default -> new Summary(this.created, this.updated, this.unchanged, this.skipped + 1);
			};
		}

		int changed() {
			return this.created + this.updated;
		}

	}

	Summary apply() throws IOException {
		Summary summary = new Summary(0, 0, 0, 0);
		for (Path file : files("ilm-policies")) {
			summary = summary.plus(applyPolicy(file));
		}
		for (Path file : files("component-templates")) {
			summary = summary
				.plus(applyTemplate(file, "_component_template", "component_templates", "component_template"));
		}
		for (Path file : files("index-templates")) {
			summary = summary.plus(applyTemplate(file, "_index_template", "index_templates", "index_template"));
		}
		for (Path file : files("roles")) {
			summary = summary.plus(applySecurity(file, "role"));
		}
		for (Path file : files("users")) {
			summary = summary.plus(applySecurity(file, "user"));
		}
		this.out.printf("elasticsearch: %d created, %d updated, %d unchanged, %d skipped%n", summary.created(),
				summary.updated(), summary.unchanged(), summary.skipped());
		return summary;
	}

	private String applyPolicy(Path file) throws IOException {
		String name = nameOf(file);
		if (this.options.coreOnly()) {
			return report("ilm policy", name, "skipped (no ILM on a core-only cluster; checked structurally)");
		}
		ObjectNode body = read(file);
		ObjectNode policy = (ObjectNode) body.get("policy");
		if (this.options.retention() != null) {
			((ObjectNode) policy.path("phases").path("delete")).put("min_age", this.options.retention());
		}
		String hash = stamp(policy.withObjectProperty("_meta"), body);
		JsonNode existing = this.connection.get("/_ilm/policy/" + name);
		String current = (existing == null) ? null
				: existing.path(name).path("policy").path("_meta").path(HASH).asText(null);
		return put("ilm policy", name, "/_ilm/policy/" + name, body, existing != null, hash.equals(current));
	}

	private String applyTemplate(Path file, String endpoint, String listField, String itemField) throws IOException {
		String name = nameOf(file);
		ObjectNode body = read(file);
		if (this.options.coreOnly()) {
			adaptToCore(name, body);
		}
		JsonNode settings = body.path("template").path("settings");
		if (this.options.replicas() != null && settings.has("index.number_of_replicas")) {
			((ObjectNode) settings).put("index.number_of_replicas", this.options.replicas());
		}
		String hash = stamp(body.withObjectProperty("_meta"), body);
		JsonNode existing = this.connection.get("/" + endpoint + "/" + name);
		String current = null;
		if (existing != null) {
			for (JsonNode item : existing.path(listField)) {
				current = item.path(itemField).path("_meta").path(HASH).asText(null);
			}
		}
		return put(endpoint.substring(1).replace('_', ' '), name, "/" + endpoint + "/" + name, body, existing != null,
				hash.equals(current));
	}

	private String applySecurity(Path file, String kind) throws IOException {
		String name = nameOf(file);
		if (this.options.coreOnly()) {
			return report(kind, name, "skipped (no security on a core-only cluster; checked structurally)");
		}
		ObjectNode body = read(file);
		String passwordVariable = body.has("password_env") ? body.remove("password_env").asText() : null;
		String hash = stamp(body.withObjectProperty("metadata"), body);
		JsonNode existing = this.connection.get("/_security/" + kind + "/" + name);
		String current = (existing == null) ? null : existing.path(name).path("metadata").path(HASH).asText(null);
		if (existing == null && passwordVariable != null) {
			String password = this.options.environment().apply(passwordVariable);
			if (password == null || password.isBlank()) {
				throw new IOException("user " + name + " does not exist yet: set " + passwordVariable
						+ " to its password (at least 6 characters) and run setup again");
			}
			body.put("password", password);
		}
		return put(kind, name, "/_security/" + kind + "/" + name, body, existing != null, hash.equals(current));
	}

	private String put(String kind, String name, String path, ObjectNode body, boolean exists, boolean same)
			throws IOException {
		if (same) {
			return report(kind, name, "unchanged");
		}
		this.connection.send("PUT", path, JSON.writeValueAsString(body));
		return report(kind, name, exists ? "updated" : "created");
	}

	private String report(String kind, String name, String outcome) {
		this.out.printf("  %-20s %-32s %s%n", kind, name, outcome);
		return outcome.startsWith("skipped") ? "skipped" : outcome;
	}

	private void adaptToCore(String name, ObjectNode body) {
		JsonNode template = body.path("template");
		if (template.path("settings") instanceof ObjectNode settings) {
			Iterator<String> keys = settings.fieldNames();
			while (keys.hasNext()) {
				String key = keys.next();
				if (key.startsWith("index.lifecycle.")) {
					keys.remove();
					this.out.printf("  core-only: %s drops setting %s%n", name, key);
				}
			}
		}
		adaptTypes(name, template.path("mappings").path("properties"), "");
	}

	private void adaptTypes(String template, JsonNode properties, String prefix) {
		properties.properties().forEach((entry) -> {
			if (entry.getValue() instanceof ObjectNode field) {
				String type = field.path("type").asText("");
				if (CORE_TYPES.containsKey(type)) {
					field.put("type", CORE_TYPES.get(type));
					field.remove("scaling_factor");
					this.out.printf("  core-only: %s maps %s%s as %s instead of %s%n", template, prefix, entry.getKey(),
							CORE_TYPES.get(type), type);
				}
				adaptTypes(template, field.path("properties"), prefix + entry.getKey() + ".");
			}
		});
	}

	private List<Path> files(String folder) throws IOException {
		Path dir = this.assets.resolve("elasticsearch").resolve(folder);
		if (!Files.isDirectory(dir)) {
			throw new IOException("missing folder " + dir + ": pass --assets pointing at the repository's elk/ folder");
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((path) -> path.toString().endsWith(".json")).sorted().toList();
		}
	}

	private static ObjectNode read(Path file) throws IOException {
		JsonNode node = JSON.readTree(file.toFile());
		if (!(node instanceof ObjectNode object)) {
			throw new IOException(file + " must hold one JSON object");
		}
		return object;
	}

	private static String nameOf(Path file) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - ".json".length());
	}

	/** Hashes the body without the hash itself, then records it in the given metadata. */
	private static String stamp(ObjectNode metadata, ObjectNode body) throws IOException {
		metadata.remove(HASH);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
			String hash = HexFormat.of().formatHex(digest, 0, 12);
			metadata.put(HASH, hash);
			return hash;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException("SHA-256 is not available in this JVM", ex);
		}
	}

}
