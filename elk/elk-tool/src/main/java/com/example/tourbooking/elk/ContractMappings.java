package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the mapping component templates from the field contract, so that a field added
 * to elk/fields.yml or elk/elasticsearch/datasets.yml reaches Elasticsearch by running
 * {@code elk-tool mappings} (and {@code check} fails until it is run).
 */
final class ContractMappings {

	/** Component template file name to the dataset it maps. */
	static final Map<String, String> TEMPLATES = Map.of("tourbooking-app-mappings", "tourbooking.app",
			"tourbooking-deploy-mappings", "tourbooking.deploy", "jenkins-build-mappings", "jenkins.build",
			"logstash-pipeline-mappings", "logstash.pipeline");

	private static final ObjectMapper JSON = new ObjectMapper();

	private ContractMappings() {
	}

	static int write(Path assets, PrintStream out) throws IOException {
		FieldContract contract = FieldContract.load(assets);
		int changed = 0;
		for (Map.Entry<String, String> template : new java.util.TreeMap<>(TEMPLATES).entrySet()) {
			Path file = assets.resolve("elasticsearch/component-templates/" + template.getKey() + ".json");
			String text = render(template.getValue(), contract.datasets().get(template.getValue()));
			if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
				Files.writeString(file, text, StandardCharsets.UTF_8);
				out.println("mappings: wrote " + file);
				changed++;
			}
			else {
				out.println("mappings: " + file + " unchanged");
			}
		}
		return changed;
	}

	static String render(String dataset, Map<String, String> fields) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode meta = root.putObject("_meta");
		meta.put("description", "Mappings of " + dataset + ", written by 'elk-tool mappings' from the field contract.");
		meta.put("managed_by", "elk/elk-tool setup");
		ObjectNode mappings = root.putObject("template").putObject("mappings");
		mappings.put("dynamic", "true");
		ObjectNode properties = mappings.putObject("properties");
		fields.forEach((name, type) -> {
			if ("tags".equals(name) && !"logstash.pipeline".equals(dataset)) {
				return;
			}
			ObjectNode node = properties;
			String[] parts = name.split("\\.");
			for (int i = 0; i < parts.length - 1; i++) {
				node = node.withObjectProperty(parts[i]).withObjectProperty("properties");
			}
			ObjectNode field = node.putObject(parts[parts.length - 1]);
			if ("event.original".equals(name)) {
				field.put("type", "keyword").put("index", false).put("doc_values", false);
			}
			else {
				field.put("type", type);
				if ("scaled_float".equals(type)) {
					field.put("scaling_factor", 100);
				}
				else if ("keyword".equals(type) && !"tags".equals(name)) {
					field.put("ignore_above", 1024);
				}
			}
		});
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
			.withArrayIndenter(new DefaultIndenter("  ", "\n"));
		return JSON.writer(printer).writeValueAsString(root) + "\n";
	}

}
