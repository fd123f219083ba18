package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one Logstash pipeline of elk/logstash/pipeline does to an event before its
 * elasticsearch output, as far as the dashboards depend on it: the {@code mutate}
 * {@code rename}s (the Jenkins plugin payload into jenkins.build), the
 * {@code remove_field}s, and the routing {@code replace} (the hash that sets
 * {@code [data_stream]}), whose values give the data stream name the output's
 * {@code data_stream_auto_routing} writes to ({@code <type>-<dataset>-<namespace>}). Read
 * from the pipeline file itself, so a change there changes this test. Semantics read from
 * Logstash's source: {@code mutate} applies rename before replace and remove_field last
 * (logstash-plugins/logstash-filter-mutate lib/logstash/filters/mutate.rb at
 * 3232b5c5b59f, {@code filter}: rename, update, replace, ..., then
 * {@code filter_matched}); a rename of a missing field does nothing; a {@code %{[field]}}
 * reference to a missing field stays literally in the string (logstash-core,
 * StringInterpolation.java). Conditionals are not evaluated: the renames only ever find
 * their source fields in the payload they are meant for.
 */
final class LogstashRouting {

	private static final Pattern REFERENCE = Pattern.compile("%\\{([^}]+)\\}");

	private final String pipeline;

	private final Map<String, String> renames = new LinkedHashMap<>();

	private final Map<String, String> routing = new LinkedHashMap<>();

	private final List<String> removals = new ArrayList<>();

	private LogstashRouting(String pipeline) {
		this.pipeline = pipeline;
	}

	static LogstashRouting read(Path pipelineFile) throws IOException {
		String text = Files.readString(pipelineFile, StandardCharsets.UTF_8);
		LogstashRouting routing = new LogstashRouting(pipelineFile.getFileName().toString());
		String filter = text.substring(text.indexOf("filter {"), text.lastIndexOf("output {"));
		for (Map<String, String> hash : hashes(filter, "rename")) {
			routing.renames.putAll(hash);
		}
		for (Map<String, String> hash : hashes(filter, "replace")) {
			if (hash.keySet().stream().anyMatch((key) -> key.startsWith("[data_stream]"))) {
				routing.routing.putAll(hash);
			}
		}
		Matcher removal = Pattern.compile("remove_field\\s*=>\\s*\\[([^\\]]*(?:\\][^\\],]*)*)\\]").matcher(filter);
		while (removal.find()) {
			Matcher field = Pattern.compile("\"([^\"]+)\"").matcher(removal.group(1));
			while (field.find()) {
				routing.removals.add(field.group(1));
			}
		}
		if (!routing.routing.containsKey("[data_stream][dataset]")
				|| !routing.routing.containsKey("[data_stream][namespace]")) {
			throw new IllegalStateException(pipelineFile + " no longer sets [data_stream][dataset] and "
					+ "[data_stream][namespace] in one mutate replace: update LogstashRouting to its new routing");
		}
		return routing;
	}

	/** The event as the pipeline would index it, and the data stream it goes to. */
	Routed route(ObjectNode original) {
		ObjectNode event = original.deepCopy();
		this.renames.forEach((from, to) -> {
			JsonNode value = remove(event, from);
			if (value != null) {
				set(event, to, value);
			}
		});
		Map<String, String> replaced = new LinkedHashMap<>();
		this.routing.forEach((field, value) -> replaced.put(field, interpolate(event, value)));
		replaced.forEach((field, value) -> set(event, field, event.textNode(value)));
		this.removals.forEach((field) -> remove(event, field));
		String dataStream = replaced.get("[data_stream][type]") + "-" + replaced.get("[data_stream][dataset]") + "-"
				+ replaced.get("[data_stream][namespace]");
		return new Routed(this.pipeline, dataStream, event);
	}

	/** One event after the pipeline, and where it is indexed. */
	record Routed(String pipeline, String dataStream, ObjectNode event) {
	}

	private static String interpolate(ObjectNode event, String value) {
		Matcher reference = REFERENCE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (reference.find()) {
			JsonNode field = get(event, reference.group(1));
			String replacement = (field == null || field.isContainerNode()) ? reference.group() : field.asText();
			reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		reference.appendTail(result);
		return result.toString();
	}

	/** "[a][b]" is a nested path; "[a.b]" a top-level key with a dot (the encoder's). */
	private static List<String> path(String reference) {
		List<String> parts = new ArrayList<>();
		Matcher part = Pattern.compile("\\[([^\\]]+)\\]").matcher(reference);
		while (part.find()) {
			parts.add(part.group(1));
		}
		if (parts.isEmpty()) {
			parts.add(reference);
		}
		return parts;
	}

	private static JsonNode get(ObjectNode event, String reference) {
		JsonNode node = event;
		for (String part : path(reference)) {
			node = node.get(part);
			if (node == null) {
				return null;
			}
		}
		return node;
	}

	private static JsonNode remove(ObjectNode event, String reference) {
		List<String> parts = path(reference);
		JsonNode parent = event;
		for (String part : parts.subList(0, parts.size() - 1)) {
			parent = parent.get(part);
			if (parent == null || !parent.isObject()) {
				return null;
			}
		}
		return ((ObjectNode) parent).remove(parts.get(parts.size() - 1));
	}

	private static void set(ObjectNode event, String reference, JsonNode value) {
		List<String> parts = path(reference);
		ObjectNode parent = event;
		for (String part : parts.subList(0, parts.size() - 1)) {
			JsonNode child = parent.get(part);
			parent = (child instanceof ObjectNode object) ? object : parent.putObject(part);
		}
		parent.set(parts.get(parts.size() - 1), value);
	}

	/** Every {@code NAME => { "k" => "v", ... }} hash in the text, keys and values. */
	private static List<Map<String, String>> hashes(String text, String name) {
		List<Map<String, String>> hashes = new ArrayList<>();
		Matcher start = Pattern.compile("\\b" + name + "\\s*=>\\s*\\{").matcher(text);
		while (start.find()) {
			Map<String, String> hash = new LinkedHashMap<>();
			int position = start.end();
			List<String> strings = new ArrayList<>();
			while (position < text.length() && text.charAt(position) != '}') {
				char c = text.charAt(position);
				if (c == '"' || c == '\'') {
					int end = text.indexOf(c, position + 1);
					strings.add(text.substring(position + 1, end));
					position = end + 1;
				}
				else {
					position++;
				}
			}
			for (int i = 0; i + 1 < strings.size(); i += 2) {
				hash.put(strings.get(i), strings.get(i + 1));
			}
			hashes.add(hash);
		}
		return hashes;
	}

}
