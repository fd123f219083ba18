package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the filter section of one pipeline of elk/logstash/pipeline on an event, as parsed
 * by {@link LogstashConfig}, so the end-to-end test indexes what Logstash would: the
 * branches ({@code if / else if / else}) and the {@code mutate} filters the pipelines
 * use, then the data stream the output's {@code data_stream_auto_routing} picks from
 * {@code [data_stream][type|dataset|namespace]}. Semantics read from Logstash's source:
 * <ul>
 * <li>mutate runs rename, update, replace, convert, ..., copy, then
 * {@code filter_matched} (add_field, add_tag, remove_field)
 * (logstash-plugins/logstash-filter-mutate lib/logstash/filters/mutate.rb at
 * 3232b5c5b59f, {@code filter}); a rename of a missing field does nothing;
 * {@code convert} is left to Elasticsearch, which coerces numeric strings into the mapped
 * number types;</li>
 * <li>{@code add_field} on an existing field appends (logstash-core util/decorators.rb,
 * {@code add_fields});</li>
 * <li>{@code %{[field]}} of a missing field stays literally in the string (logstash-core
 * StringInterpolation.java);</li>
 * <li>{@code [field] == "text"} is false for a missing field or an array (logstash-core
 * EventCondition, FieldEqualsString); a lone {@code [field]} is true unless missing, null
 * or false.</li>
 * </ul>
 * A plugin or an operator the pipelines do not use yet fails the test instead of being
 * guessed.
 */
final class LogstashRouting {

	private static final Pattern REFERENCE = Pattern.compile("%\\{([^}]+)\\}");

	private final String pipeline;

	private final List<LogstashConfig.Node> filters;

	private LogstashRouting(String pipeline, List<LogstashConfig.Node> filters) {
		this.pipeline = pipeline;
		this.filters = filters;
	}

	static LogstashRouting read(Path pipelineFile) throws IOException {
		LogstashConfig config = LogstashConfig.parse(Files.readString(pipelineFile, StandardCharsets.UTF_8));
		return new LogstashRouting(pipelineFile.getFileName().toString(),
				config.sections().getOrDefault("filter", List.of()));
	}

	/** The event as the pipeline would index it, and the data stream it goes to. */
	Routed route(ObjectNode original) {
		ObjectNode event = original.deepCopy();
		run(this.filters, event);
		String dataStream = text(event, "[data_stream][type]") + "-" + text(event, "[data_stream][dataset]") + "-"
				+ text(event, "[data_stream][namespace]");
		return new Routed(this.pipeline, dataStream, event);
	}

	/** One event after the pipeline, and where it is indexed. */
	record Routed(String pipeline, String dataStream, ObjectNode event) {
	}

	private void run(List<LogstashConfig.Node> nodes, ObjectNode event) {
		for (LogstashConfig.Node node : nodes) {
			if (node instanceof LogstashConfig.Branch branch) {
				int taken = -1;
				for (int i = 0; i < branch.conditions().size() && taken < 0; i++) {
					if (holds(branch.conditions().get(i), event)) {
						taken = i;
					}
				}
				if (taken < 0 && branch.bodies().size() > branch.conditions().size()) {
					taken = branch.bodies().size() - 1;
				}
				if (taken >= 0) {
					run(branch.bodies().get(taken), event);
				}
			}
			else if (node instanceof LogstashConfig.Plugin plugin) {
				if (!"mutate".equals(plugin.name())) {
					throw new UnsupportedOperationException(this.pipeline + ": filter " + plugin.name() + " ("
							+ plugin.id() + ") would run on a producer's event: LogstashRouting does not model it");
				}
				mutate(plugin.settings(), event);
			}
		}
	}

	private void mutate(Map<String, Object> settings, ObjectNode event) {
		for (String setting : settings.keySet()) {
			if (!List.of("id", "rename", "replace", "convert", "copy", "add_field", "add_tag", "remove_field")
				.contains(setting)) {
				throw new UnsupportedOperationException(
						this.pipeline + ": mutate " + setting + " is not modelled by LogstashRouting");
			}
		}
		hash(settings.get("rename")).forEach((from, to) -> {
			JsonNode value = remove(event, from);
			if (value != null) {
				set(event, to, value);
			}
		});
		hash(settings.get("replace")).forEach((field, value) -> set(event, field, text(interpolate(event, value))));
		hash(settings.get("copy")).forEach((from, to) -> {
			JsonNode value = get(event, from);
			if (value != null) {
				set(event, to, value.deepCopy());
			}
		});
		hash(settings.get("add_field")).forEach((field, value) -> {
			JsonNode existing = get(event, field);
			JsonNode added = text(interpolate(event, value));
			if (existing == null) {
				set(event, field, added);
			}
			else {
				ArrayNode appended = existing.isArray() ? (ArrayNode) existing
						: JsonNodeFactory.instance.arrayNode().add(existing);
				set(event, field, appended.add(added));
			}
		});
		for (Object tag : list(settings.get("add_tag"))) {
			JsonNode tags = event.get("tags");
			ArrayNode array = (tags instanceof ArrayNode a) ? a : event.putArray("tags");
			array.add(interpolate(event, String.valueOf(tag)));
		}
		for (Object field : list(settings.get("remove_field"))) {
			remove(event, String.valueOf(field));
		}
	}

	private boolean holds(LogstashConfig.Condition condition, ObjectNode event) {
		List<Object> operands = condition.operands();
		return switch (condition.operator()) {
			case "and" -> holds(operand(operands, 0), event) && holds(operand(operands, 1), event);
			case "or" -> holds(operand(operands, 0), event) || holds(operand(operands, 1), event);
			case "xor" -> holds(operand(operands, 0), event) ^ holds(operand(operands, 1), event);
			case "nand" -> !(holds(operand(operands, 0), event) && holds(operand(operands, 1), event));
			case "!" -> !holds(operand(operands, 0), event);
			case "value" -> truthy(value(operands.get(0), event));
			case "==" -> equal(value(operands.get(0), event), value(operands.get(1), event));
			case "!=" -> !equal(value(operands.get(0), event), value(operands.get(1), event));
			case "=~", "!~" -> {
				JsonNode left = value(operands.get(0), event);
				String pattern = ((LogstashConfig.Operand) operands.get(1)).value().toString();
				boolean found = left != null && left.isValueNode()
						&& Pattern.compile(pattern).matcher(left.asText()).find();
				yield "=~".equals(condition.operator()) == found;
			}
			case "in", "not in" -> {
				JsonNode needle = value(operands.get(0), event);
				JsonNode haystack = value(operands.get(1), event);
				boolean found = false;
				if (needle != null && haystack != null && haystack.isArray()) {
					for (JsonNode item : haystack) {
						found |= equal(item, needle);
					}
				}
				else if (needle != null && haystack != null && haystack.isTextual()) {
					found = haystack.asText().contains(needle.asText());
				}
				yield "in".equals(condition.operator()) == found;
			}
			default -> throw new UnsupportedOperationException(
					this.pipeline + ": condition operator " + condition.operator() + " is not modelled");
		};
	}

	private static LogstashConfig.Condition operand(List<Object> operands, int index) {
		Object operand = operands.get(index);
		if (operand instanceof LogstashConfig.Condition condition) {
			return condition;
		}
		return new LogstashConfig.Condition("value", List.of(operand));
	}

	private static JsonNode value(Object operand, ObjectNode event) {
		if (operand instanceof LogstashConfig.Condition) {
			throw new UnsupportedOperationException("a condition used as a value: " + operand);
		}
		LogstashConfig.Operand value = (LogstashConfig.Operand) operand;
		return switch (value.kind()) {
			case "field" -> get(event, value.value().toString());
			case "number" -> JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.value().toString()));
			case "list" -> {
				ArrayNode array = JsonNodeFactory.instance.arrayNode();
				list(value.value()).forEach((item) -> array.add(String.valueOf(item)));
				yield array;
			}
			default -> text(value.value().toString());
		};
	}

	private static boolean truthy(JsonNode value) {
		return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
	}

	/** Missing fields and arrays never equal a string or a number (FieldEqualsString). */
	private static boolean equal(JsonNode left, JsonNode right) {
		if (left == null || right == null || left.isContainerNode() || right.isContainerNode()) {
			return false;
		}
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue()) == 0;
		}
		return left.asText().equals(right.asText()) && left.isNumber() == right.isNumber();
	}

	private static Map<String, String> hash(Object setting) {
		Map<String, String> hash = new java.util.LinkedHashMap<>();
		if (setting instanceof Map<?, ?> map) {
			map.forEach((key, value) -> hash.put(String.valueOf(key), String.valueOf(value)));
		}
		else if (setting instanceof List<?> pairs) {
			// the older array form: [ "key", "value", ... ]
			for (int i = 0; i + 1 < pairs.size(); i += 2) {
				hash.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
			}
		}
		return hash;
	}

	private static List<?> list(Object setting) {
		if (setting == null) {
			return List.of();
		}
		return (setting instanceof List<?> list) ? list : List.of(setting);
	}

	private static JsonNode text(String value) {
		return JsonNodeFactory.instance.textNode(value);
	}

	private static String text(ObjectNode event, String reference) {
		JsonNode value = get(event, reference);
		return (value == null) ? "%{" + reference + "}" : value.asText();
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

}
