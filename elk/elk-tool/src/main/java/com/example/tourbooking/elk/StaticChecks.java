package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * The static checks of elk/ that need no running service: templates against the field
 * contract, retention and least privilege, the Logstash pipelines' syntax, ids, outputs
 * and field references, and every Kibana object's syntax, references and fields.
 */
final class StaticChecks {

	/** Built-in 'logs' index template priority: ours must be above it. */
	static final int BUILT_IN_LOGS_PRIORITY = 100;

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Kibana feature privileges deprecated in 8.18 and what replaces them (elastic/kibana
	 * x-pack/platform/plugins/shared/features/server/oss_features.ts,
	 * deprecated.replacedBy).
	 */
	static final Map<String, String> DEPRECATED_KIBANA_FEATURES = Map.of("feature_dashboard", "feature_dashboard_v2",
			"feature_discover", "feature_discover_v2", "feature_visualize", "feature_visualize_v2");

	private final Path assets;

	StaticChecks(Path assets) {
		this.assets = assets;
	}

	List<String> run(PrintStream out) throws IOException {
		FieldContract contract = FieldContract.load(this.assets);
		List<String> problems = new ArrayList<>();
		problems.addAll(checkTemplates(contract));
		out.println("check: elasticsearch templates, ILM, roles, users");
		problems.addAll(checkLogstash(contract));
		out.println("check: logstash pipelines");
		problems.addAll(checkKibana(contract));
		out.println("check: kibana saved objects");
		problems.addAll(checkLiterals(contract));
		out.println("check: filtered values against the contract");
		problems.addAll(checkCompose());
		out.println("check: docker-compose.yml start order");
		return problems;
	}

	List<String> checkTemplates(FieldContract contract) throws IOException {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, String> mapping : ContractMappings.TEMPLATES.entrySet()) {
			Path file = this.assets.resolve("elasticsearch/component-templates/" + mapping.getKey() + ".json");
			String expected = ContractMappings.render(mapping.getValue(), contract.datasets().get(mapping.getValue()));
			if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
				problems.add(mapping.getKey() + ".json differs from the field contract: run 'elk-tool mappings'");
			}
		}
		for (String dataset : dataStreamDatasets(contract)) {
			String name = "logs-" + dataset;
			Path file = this.assets.resolve("elasticsearch/index-templates/" + name + ".json");
			if (!Files.isRegularFile(file)) {
				problems.add("no index template " + file + " for dataset " + dataset);
				continue;
			}
			JsonNode template = JSON.readTree(file.toFile());
			if (!template.path("index_patterns").toString().equals("[\"" + name + "-*\"]")) {
				problems.add(name + ": index_patterns must be [\"" + name + "-*\"]");
			}
			if (!template.has("data_stream")) {
				problems.add(name + ": must create data streams (\"data_stream\": {})");
			}
			if (template.path("priority").asInt() <= BUILT_IN_LOGS_PRIORITY) {
				problems
					.add(name + ": priority must be above the built-in logs template (" + BUILT_IN_LOGS_PRIORITY + ")");
			}
			Map<String, String> mapped = TemplateMappings.ofIndexTemplate(this.assets, name);
			Map<String, String> expected = contract.fieldsOf(dataset);
			expected.forEach((field, type) -> {
				if (!type.equals(mapped.get(field))) {
					problems.add(
							name + ": " + field + " is mapped as " + mapped.get(field) + ", the contract says " + type);
				}
			});
			mapped.keySet()
				.stream()
				.filter((field) -> !expected.containsKey(field))
				.forEach((field) -> problems.add(name + ": maps " + field + ", which is not in the contract"));
			JsonNode settings = component(template, "tourbooking-logs-settings").path("template").path("settings");
			String policy = settings.path("index.lifecycle.name").asText("");
			if (!Files.isRegularFile(this.assets.resolve("elasticsearch/ilm-policies/" + policy + ".json"))) {
				problems.add(name + ": index.lifecycle.name '" + policy + "' has no policy file");
			}
		}
		for (Path file : list("elasticsearch/ilm-policies", ".json")) {
			JsonNode phases = JSON.readTree(file.toFile()).path("policy").path("phases");
			if (phases.path("hot").path("actions").path("rollover").isMissingNode()) {
				problems.add(file.getFileName() + ": hot phase must roll over");
			}
			if (!phases.path("delete").path("min_age").asText("").matches("\\d+d")
					|| phases.path("delete").path("actions").path("delete").isMissingNode()) {
				problems.add(file.getFileName() + ": needs a delete phase with a min_age in days (the retention)");
			}
		}
		Set<String> roles = new HashSet<>();
		for (Path file : list("elasticsearch/roles", ".json")) {
			roles.add(file.getFileName().toString().replace(".json", ""));
			JsonNode role = JSON.readTree(file.toFile());
			for (JsonNode application : role.path("applications")) {
				for (JsonNode privilege : application.path("privileges")) {
					String replacement = DEPRECATED_KIBANA_FEATURES
						.get(privilege.asText().replaceAll("\\.[a-z_]+$", ""));
					if (replacement != null) {
						problems.add(file.getFileName() + ": " + privilege.asText()
								+ " is deprecated since Kibana 8.18, use " + replacement
								+ privilege.asText().substring(privilege.asText().lastIndexOf('.')));
					}
				}
			}
			if (file.getFileName().toString().contains("writer")) {
				for (JsonNode indices : role.path("indices")) {
					for (JsonNode privilege : indices.path("privileges")) {
						if (!Set.of("create_doc", "auto_configure").contains(privilege.asText())) {
							problems.add(file.getFileName()
									+ ": a writer needs only create_doc and auto_configure, not " + privilege.asText());
						}
					}
				}
			}
		}
		for (Path file : list("elasticsearch/users", ".json")) {
			JsonNode user = JSON.readTree(file.toFile());
			if (user.has("password") || user.has("password_hash")) {
				problems.add(file.getFileName() + ": passwords never live in the repository (use password_env)");
			}
			user.path("roles").forEach((role) -> {
				if (!roles.contains(role.asText())) {
					problems
						.add(file.getFileName() + ": role " + role.asText() + " has no file in elasticsearch/roles");
				}
			});
		}
		return problems;
	}

	/**
	 * Every value a panel, a saved search, a pipeline conditional or the gate filters on
	 * is one the contract allows for that field.
	 */
	List<String> checkLiterals(FieldContract contract) throws IOException {
		List<String> problems = new ArrayList<>();
		for (FilterLiterals.Literal literal : FilterLiterals.all(this.assets, contract)) {
			List<String> allowed = contract.allowedValues(literal.dataset(), literal.field());
			if (allowed == null) {
				problems.add(literal.source() + " filters " + literal.field() + " on \"" + literal.value()
						+ "\", but the contract does not enumerate " + literal.field() + " in " + literal.dataset()
						+ " (add values: to it)");
			}
			else if (!allowed.contains(literal.value())) {
				problems.add(literal.source() + " filters " + literal.field() + " on \"" + literal.value()
						+ "\", which the contract does not allow in " + literal.dataset() + " " + allowed);
			}
		}
		return problems;
	}

	List<String> checkCompose() throws IOException {
		try (Reader reader = Files.newBufferedReader(this.assets.resolve("docker-compose.yml"))) {
			return ComposeCheck.check(new Yaml().load(reader));
		}
	}

	List<String> checkLogstash(FieldContract contract) throws IOException {
		List<String> problems = new ArrayList<>();
		Path logstash = this.assets.resolve("logstash");
		List<Map<String, Object>> pipelines;
		try (Reader reader = Files.newBufferedReader(logstash.resolve("pipelines.yml"))) {
			pipelines = new Yaml().load(reader);
		}
		Set<String> ids = new HashSet<>();
		Set<String> known = contract.allFields();
		boolean supportEscapes;
		try (Reader reader = Files.newBufferedReader(logstash.resolve("config/logstash.yml"))) {
			Map<String, Object> settings = new Yaml().load(reader);
			supportEscapes = Boolean.TRUE.equals(settings.get("config.support_escapes"));
		}
		for (Map<String, Object> pipeline : pipelines) {
			String config = String.valueOf(pipeline.get("path.config"));
			Path file = logstash.resolve("pipeline").resolve(Path.of(config).getFileName());
			if (!config.startsWith("/usr/share/logstash/pipeline/") || !Files.isRegularFile(file)) {
				problems.add("pipelines.yml: " + pipeline.get("pipeline.id") + " points at " + config
						+ ", which is not a file in elk/logstash/pipeline");
				continue;
			}
			if (!"persisted".equals(pipeline.get("queue.type"))) {
				problems.add("pipelines.yml: " + pipeline.get("pipeline.id") + " must use the persisted queue");
			}
			problems.addAll(checkPipeline(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
					ids, known, supportEscapes));
		}
		return problems;
	}

	static List<String> checkPipeline(String name, String text, Set<String> ids, Set<String> knownFields,
			boolean supportEscapes) {
		List<String> problems = new ArrayList<>();
		LogstashConfig config;
		try {
			config = LogstashConfig.parse(text);
		}
		catch (LogstashConfig.SyntaxException ex) {
			return List.of(name + ": syntax error at " + ex.getMessage());
		}
		for (LogstashConfig.Plugin plugin : config.plugins()) {
			String where = name + ":" + plugin.line() + " " + plugin.section() + "/" + plugin.name();
			if (plugin.id() == null) {
				problems.add(where + " has no id");
			}
			else if (!ids.add(plugin.id())) {
				problems.add(where + " repeats the id " + plugin.id());
			}
			if ("filter".equals(plugin.section()) && plugin.settings().containsKey("add_field")) {
				problems.add(where + " uses add_field, which appends to a field that exists (logstash-core"
						+ " util/decorators.rb): set values with mutate replace, or in the producer");
			}
			if (!"input".equals(plugin.section())) {
				strings(plugin.settings()).stream()
					.filter((value) -> value.contains("%{"))
					.forEach((value) -> problems
						.add(where + " interpolates " + value + ": an array field becomes \"a,b\" (logstash-core"
								+ " StringInterpolation.java); route with == conditionals and literal values"));
			}
			if (!supportEscapes) {
				strings(plugin.settings()).stream()
					.filter((value) -> value.contains("\\"))
					.forEach((value) -> problems
						.add(where + " writes " + value + ": without config.support_escapes (off by default) the"
								+ " backslash is kept literally"));
			}
			if ("output".equals(plugin.section()) && "elasticsearch".equals(plugin.name())) {
				Object dataset = plugin.settings().get("data_stream_dataset");
				if (!"true".equals(String.valueOf(plugin.settings().get("data_stream"))) || dataset == null
						|| "generic".equals(dataset)) {
					problems.add(where + " must write a named data stream (data_stream => true, data_stream_dataset)");
				}
				if (plugin.settings().containsKey("password")
						&& !String.valueOf(plugin.settings().get("password")).startsWith("${")) {
					problems.add(where + " has a literal password: use ${VARIABLE} (environment or keystore)");
				}
			}
		}
		for (String reference : config.fieldReferences()) {
			String field = reference.substring(1, reference.length() - 1).replace("][", ".");
			if (!field.startsWith("@metadata") && !knownFields.contains(field)) {
				problems.add(name + ": references " + reference + ", which is not in the field contract");
			}
		}
		return problems;
	}

	private static List<String> strings(Object value) {
		List<String> strings = new ArrayList<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> {
				strings.add(String.valueOf(key));
				strings.addAll(strings(item));
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> strings.addAll(strings(item)));
		}
		else if (value != null) {
			strings.add(String.valueOf(value));
		}
		return strings;
	}

	List<String> checkKibana(FieldContract contract) throws IOException {
		List<String> problems = new ArrayList<>();
		Map<String, JsonNode> objects = new LinkedHashMap<>();
		for (Path file : list("kibana/objects", ".ndjson")) {
			int line = 0;
			for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				line++;
				if (text.isBlank()) {
					continue;
				}
				try {
					JsonNode object = JSON.readTree(text);
					String key = object.path("type").asText() + ":" + object.path("id").asText();
					if (!object.path("attributes").isObject() || object.path("id").asText("").isEmpty()) {
						problems.add(file.getFileName() + ":" + line + " needs type, id and attributes");
					}
					else if (objects.put(key, object) != null) {
						problems.add(file.getFileName() + ":" + line + " repeats " + key);
					}
				}
				catch (JsonProcessingException ex) {
					problems.add(file.getFileName() + ":" + line + " is not JSON: " + ex.getOriginalMessage());
				}
			}
		}
		Map<String, Map<String, String>> dataViewFields = new HashMap<>();
		for (JsonNode object : objects.values()) {
			if ("index-pattern".equals(object.path("type").asText())) {
				dataViewFields.put(object.path("id").asText(),
						fieldsOfPattern(contract, object.path("attributes").path("title").asText()));
			}
		}
		for (JsonNode object : objects.values()) {
			problems.addAll(KibanaObjectCheck.check(object, objects, dataViewFields,
					(pattern) -> fieldsOfPattern(contract, pattern)));
		}
		return problems;
	}

	/** The fields the index templates map for the data streams an index pattern reads. */
	Map<String, String> fieldsOfPattern(FieldContract contract, String pattern) {
		Map<String, String> fields = new HashMap<>();
		for (String dataset : contract.datasetsMatching(pattern)) {
			try {
				fields.putAll(TemplateMappings.ofIndexTemplate(this.assets, "logs-" + dataset));
			}
			catch (IOException ex) {
				// reported by the template checks
			}
		}
		return fields;
	}

	private JsonNode component(JsonNode indexTemplate, String name) throws IOException {
		for (JsonNode component : indexTemplate.path("composed_of")) {
			if (component.asText().equals(name)) {
				return JSON
					.readTree(this.assets.resolve("elasticsearch/component-templates/" + name + ".json").toFile());
			}
		}
		return JSON.createObjectNode();
	}

	private static List<String> dataStreamDatasets(FieldContract contract) {
		return contract.datasets()
			.keySet()
			.stream()
			.filter((dataset) -> !"logstash.pipeline".equals(dataset) && !dataset.endsWith("-payload"))
			.toList();
	}

	private List<Path> list(String folder, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(this.assets.resolve(folder))) {
			return files.filter((path) -> path.toString().endsWith(suffix)).sorted().toList();
		}
	}

}
