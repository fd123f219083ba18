package com.example.tourbooking.elk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A STAND-IN for Logstash 8.19 (which cannot run on the build machines): it runs the
 * inputs' decoration and the filter section of our pipelines on one event, with the
 * semantics read from Logstash's source, and refuses anything it does not model, so a
 * pipeline cannot use a construct whose behaviour the tests do not see. Modelled:
 * <ul>
 * <li>org.logstash.Event: "@version" set to "1" on every event; field references
 * ({@code [a][b]}, {@code [a.b]} is one key with a dot); tag() de-duplicates.</li>
 * <li>EventCondition (logstash-core config/ir/compiler): FieldTruthy (non-null, toString
 * non-empty and not "false"), FieldEqualsString (a list never equals a string),
 * FieldInConstantList (toString of the value equals an item), ConstantStringInField
 * (substring of a string or element of a list), !, and, or, !=, not in.</li>
 * <li>logstash-filter-mutate mutate.rb: rename, replace, convert (integer, float,
 * string), copy, in that order, then filter_matched (filters/base.rb): add_field (APPENDS
 * to an existing field, util/decorators.rb), remove_field, add_tag (util/decorators.rb,
 * no de-duplication).</li>
 * <li>StringInterpolation.java for %{[field]}: a list is joined with ",", a missing field
 * stays literally.</li>
 * <li>logstash-filter-json without target: the parsed object's keys are set at the root;
 * a line that is not a JSON object gets tag_on_failure.</li>
 * <li>logstash-input-http 4.x add_ecs_fields under ECS v8 (http.version,
 * user_agent.original, url.domain, url.port, http.method, url.path,
 * http.request.body.bytes, http.request.mime_type) and remote_host_target_field.</li>
 * </ul>
 */
final class LogstashStandIn {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern SPRINTF = Pattern.compile("%\\{([^}]+)\\}");

	private final LogstashConfig config;

	LogstashStandIn(String pipelineText) {
		this.config = LogstashConfig.parse(pipelineText);
	}

	/**
	 * An event as the tcp json_lines input makes it from one line: the JSON object, or
	 * {message, tags: [_jsonparsefailure]} for a line that is not one
	 * (logstash-codec-json_lines); @timestamp is the ingest time when the line has none.
	 */
	static Map<String, Object> fromJsonLine(String line) {
		Map<String, Object> event;
		try {
			event = JSON.readValue(line,
					new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
					});
		}
		catch (JsonProcessingException ex) {
			event = new LinkedHashMap<>();
			event.put("message", line);
			event.put("tags", new ArrayList<>(List.of("_jsonparsefailure")));
		}
		event.putIfAbsent("@version", "1");
		event.putIfAbsent("@timestamp", INGEST_TIME);
		return event;
	}

	/** Stands for the time Logstash received an event without @timestamp. */
	static final String INGEST_TIME = "<ingest time>";

	private final java.util.Set<String> ran = new java.util.TreeSet<>();

	/** The ids of the filter plugins that ran on some event so far. */
	java.util.Set<String> ran() {
		return this.ran;
	}

	/** The ids of every filter plugin of the pipeline. */
	java.util.Set<String> filterIds() {
		java.util.Set<String> ids = new java.util.TreeSet<>();
		this.config.plugins()
			.stream()
			.filter((plugin) -> "filter".equals(plugin.section()))
			.forEach((plugin) -> ids.add(plugin.id()));
		return ids;
	}

	/**
	 * The data stream the elasticsearch output writes the event to
	 * (logstash-output-elasticsearch data_stream_support.rb data_stream_name with
	 * auto-routing: the event's data_stream.* or the output's settings).
	 */
	String dataStream(Map<String, Object> event) {
		Map<String, Object> output = this.config.plugins()
			.stream()
			.filter((plugin) -> "output".equals(plugin.section()) && "elasticsearch".equals(plugin.name()))
			.findFirst()
			.orElseThrow()
			.settings();
		Object type = get(event, "[data_stream][type]");
		Object dataset = get(event, "[data_stream][dataset]");
		Object namespace = get(event, "[data_stream][namespace]");
		return ((type != null) ? type : output.get("data_stream_type")) + "-"
				+ ((dataset != null) ? dataset : output.get("data_stream_dataset")) + "-"
				+ ((namespace != null) ? namespace : output.get("data_stream_namespace"));
	}

	/** The document as indexed: the event without @metadata (outputs never send it). */
	static Map<String, Object> document(Map<String, Object> event) {
		Map<String, Object> document = new LinkedHashMap<>(event);
		document.remove("@metadata");
		return document;
	}

	/** An event as the http input makes it from a JSON body POSTed by a client. */
	Map<String, Object> fromHttpPost(String body, String clientAddress) {
		Map<String, Object> event = fromJsonLine(body);
		LogstashConfig.Plugin http = this.config.plugins()
			.stream()
			.filter((plugin) -> "input".equals(plugin.section()) && "http".equals(plugin.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the pipeline has no http input"));
		set(event, "[http][version]", "HTTP/1.1");
		set(event, "[user_agent][original]", "curl/7.88.1");
		set(event, "[url][domain]", "logstash");
		set(event, "[url][port]", Integer.parseInt(String.valueOf(http.settings().get("port"))));
		set(event, "[http][method]", "POST");
		set(event, "[url][path]", "/");
		set(event, "[http][request][body][bytes]", String.valueOf(body.length()));
		set(event, "[http][request][mime_type]", "application/json");
		Object target = http.settings().getOrDefault("remote_host_target_field", "[host][ip]");
		set(event, String.valueOf(target), clientAddress);
		return event;
	}

	/** Runs the filter section on the event, in place, and returns it. */
	Map<String, Object> filter(Map<String, Object> event) {
		run(this.config.sections().getOrDefault("filter", List.of()), event);
		return event;
	}

	private void run(List<LogstashConfig.Node> nodes, Map<String, Object> event) {
		for (LogstashConfig.Node node : nodes) {
			if (node instanceof LogstashConfig.Branch branch) {
				for (int i = 0; i < branch.bodies().size(); i++) {
					if (i >= branch.conditions().size() || holds(branch.conditions().get(i), event)) {
						run(branch.bodies().get(i), event);
						break;
					}
				}
			}
			else {
				apply((LogstashConfig.Plugin) node, event);
			}
		}
	}

	static boolean holds(LogstashConfig.Condition condition, Map<String, Object> event) {
		List<Object> operands = condition.operands();
		return switch (condition.operator()) {
			case "and" -> holds(sub(operands, 0), event) && holds(sub(operands, 1), event);
			case "or" -> holds(sub(operands, 0), event) || holds(sub(operands, 1), event);
			case "!" -> !holds(sub(operands, 0), event);
			case "value" -> truthy(fieldValue(operand(operands, 0), event));
			case "==" -> equalsLiteral(operands, event);
			case "!=" -> !equalsLiteral(operands, event);
			case "in" -> in(operand(operands, 0), operand(operands, 1), event);
			case "not in" -> !in(operand(operands, 0), operand(operands, 1), event);
			default -> throw new UnsupportedOperationException(
					"the stand-in does not model '" + condition.operator() + "': keep pipelines to what tests see");
		};
	}

	private static boolean truthy(Object value) {
		if (value == null) {
			return false;
		}
		String text = value.toString();
		return !text.isEmpty() && !"false".equals(text);
	}

	private static boolean equalsLiteral(List<Object> operands, Map<String, Object> event) {
		LogstashConfig.Operand left = operand(operands, 0);
		LogstashConfig.Operand right = operand(operands, 1);
		LogstashConfig.Operand field = "field".equals(left.kind()) ? left : right;
		LogstashConfig.Operand literal = (field == left) ? right : left;
		if (!"field".equals(field.kind())) {
			throw new UnsupportedOperationException("== needs a field on one side");
		}
		Object value = get(event, String.valueOf(field.value()));
		if ("string".equals(literal.kind())) {
			return value instanceof String && value.equals(literal.value());
		}
		if ("number".equals(literal.kind()) && !String.valueOf(literal.value()).contains(".")) {
			return (value instanceof Integer || value instanceof Long)
					&& ((Number) value).longValue() == Long.parseLong(String.valueOf(literal.value()));
		}
		throw new UnsupportedOperationException("== with " + literal.kind() + " is not modelled");
	}

	private static boolean in(LogstashConfig.Operand left, LogstashConfig.Operand right, Map<String, Object> event) {
		if ("field".equals(left.kind()) && "list".equals(right.kind())) {
			Object found = get(event, String.valueOf(left.value()));
			return found != null
					&& ((List<?>) right.value()).stream().anyMatch((item) -> item.equals(found.toString()));
		}
		if ("string".equals(left.kind()) && "field".equals(right.kind())) {
			Object found = get(event, String.valueOf(right.value()));
			return (found instanceof String text && text.contains(String.valueOf(left.value())))
					|| (found instanceof List<?> list && list.contains(left.value()));
		}
		throw new UnsupportedOperationException("in with " + left.kind() + " and " + right.kind() + " is not modelled");
	}

	private static LogstashConfig.Condition sub(List<Object> operands, int index) {
		return (LogstashConfig.Condition) operands.get(index);
	}

	private static LogstashConfig.Operand operand(List<Object> operands, int index) {
		return (LogstashConfig.Operand) operands.get(index);
	}

	private static Object fieldValue(LogstashConfig.Operand operand, Map<String, Object> event) {
		if (!"field".equals(operand.kind())) {
			throw new UnsupportedOperationException("a lone " + operand.kind() + " is not a condition here");
		}
		return get(event, String.valueOf(operand.value()));
	}

	@SuppressWarnings("unchecked")
	private void apply(LogstashConfig.Plugin plugin, Map<String, Object> event) {
		Map<String, Object> settings = plugin.settings();
		this.ran.add(plugin.id());
		switch (plugin.name()) {
			case "mutate" -> {
				only(plugin, "id", "rename", "replace", "convert", "copy", "add_field", "remove_field", "add_tag");
				((Map<String, Object>) settings.getOrDefault("rename", Map.of())).forEach((from, to) -> {
					if (includes(event, from)) {
						set(event, String.valueOf(to), remove(event, from));
					}
				});
				((Map<String, Object>) settings.getOrDefault("replace", Map.of()))
					.forEach((field, value) -> set(event, field, sprintf(event, String.valueOf(value))));
				((Map<String, Object>) settings.getOrDefault("convert", Map.of()))
					.forEach((field, type) -> convert(event, field, String.valueOf(type)));
				((Map<String, Object>) settings.getOrDefault("copy", Map.of())).forEach((from, to) -> {
					Object original = get(event, from);
					if (original != null) {
						set(event, String.valueOf(to), copyOf(original));
					}
				});
			}
			case "json" -> {
				only(plugin, "id", "source", "tag_on_failure");
				Object source = get(event, String.valueOf(settings.get("source")));
				try {
					Object parsed = (source instanceof String text) ? JSON.readValue(text, Object.class) : null;
					if (!(parsed instanceof Map)) {
						throw new IllegalArgumentException("not a JSON object");
					}
					((Map<String, Object>) parsed).forEach(event::put);
				}
				catch (JsonProcessingException | IllegalArgumentException ex) {
					for (Object tag : (List<Object>) settings.getOrDefault("tag_on_failure",
							List.of("_jsonparsefailure"))) {
						tag(event, String.valueOf(tag));
					}
					return;
				}
			}
			default -> throw new UnsupportedOperationException(
					"filter " + plugin.name() + " (" + plugin.id() + ") is not modelled by the stand-in");
		}
		filterMatched(settings, event);
	}

	@SuppressWarnings("unchecked")
	private static void filterMatched(Map<String, Object> settings, Map<String, Object> event) {
		((Map<String, Object>) settings.getOrDefault("add_field", Map.of())).forEach((field, value) -> {
			String resolved = sprintf(event, field);
			String text = sprintf(event, String.valueOf(value));
			if (includes(event, resolved)) {
				Object existing = get(event, resolved);
				List<Object> list = (existing instanceof List) ? new ArrayList<>((List<Object>) existing)
						: new ArrayList<>(List.of(existing));
				list.add(text);
				set(event, resolved, list);
			}
			else {
				set(event, resolved, text);
			}
		});
		for (Object field : (List<Object>) settings.getOrDefault("remove_field", List.of())) {
			remove(event, sprintf(event, String.valueOf(field)));
		}
		for (Object tag : (List<Object>) settings.getOrDefault("add_tag", List.of())) {
			Object tags = event.get("tags");
			List<Object> list = (tags instanceof List) ? new ArrayList<>((List<Object>) tags)
					: (tags == null) ? new ArrayList<>() : new ArrayList<>(List.of(tags));
			list.add(sprintf(event, String.valueOf(tag)));
			event.put("tags", list);
		}
	}

	private static void only(LogstashConfig.Plugin plugin, String... modelled) {
		for (String setting : plugin.settings().keySet()) {
			if (!List.of(modelled).contains(setting)) {
				throw new UnsupportedOperationException(plugin.name() + " " + setting + " (" + plugin.id()
						+ ") is not modelled by the stand-in: keep pipelines to what tests see");
			}
		}
	}

	private static void convert(Map<String, Object> event, String field, String type) {
		Object value = get(event, field);
		if (value == null || value instanceof Map) {
			return;
		}
		if (value instanceof List) {
			throw new UnsupportedOperationException("convert of a list is not modelled");
		}
		Object converted = switch (type) {
			case "integer" -> (value instanceof Number number) ? (Object) number.longValue()
					: (Object) Long.parseLong(value.toString().strip().replace(",", ""));
			case "float" -> (value instanceof Number number) ? (Object) number.doubleValue()
					: (Object) Double.parseDouble(value.toString().strip().replace(",", ""));
			case "string" -> value.toString();
			default -> throw new UnsupportedOperationException("convert to " + type + " is not modelled");
		};
		set(event, field, converted);
	}

	@SuppressWarnings("unchecked")
	private static void tag(Map<String, Object> event, String tag) {
		Object tags = event.get("tags");
		List<Object> list = (tags instanceof List) ? new ArrayList<>((List<Object>) tags)
				: (tags == null) ? new ArrayList<>() : new ArrayList<>(List.of(tags));
		if (!list.contains(tag)) {
			list.add(tag);
		}
		event.put("tags", list);
	}

	static String sprintf(Map<String, Object> event, String template) {
		return SPRINTF.matcher(template).replaceAll((match) -> {
			Object value = get(event, match.group(1));
			if (value == null) {
				return java.util.regex.Matcher.quoteReplacement(match.group());
			}
			String text = (value instanceof List<?> list)
					? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
			return java.util.regex.Matcher.quoteReplacement(text);
		});
	}

	private static List<String> path(String reference) {
		if (!reference.startsWith("[")) {
			return List.of(reference);
		}
		return List.of(reference.substring(1, reference.length() - 1).split("\\]\\["));
	}

	@SuppressWarnings("unchecked")
	static Object get(Map<String, Object> event, String reference) {
		Object current = event;
		for (String key : path(reference)) {
			if (!(current instanceof Map)) {
				return null;
			}
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static boolean includes(Map<String, Object> event, String reference) {
		List<String> keys = path(reference);
		Object current = event;
		for (int i = 0; i < keys.size() - 1; i++) {
			current = (current instanceof Map) ? ((Map<String, Object>) current).get(keys.get(i)) : null;
		}
		return current instanceof Map && ((Map<String, Object>) current).containsKey(keys.get(keys.size() - 1));
	}

	@SuppressWarnings("unchecked")
	static void set(Map<String, Object> event, String reference, Object value) {
		List<String> keys = path(reference);
		Map<String, Object> current = event;
		for (int i = 0; i < keys.size() - 1; i++) {
			Object next = current.get(keys.get(i));
			if (!(next instanceof Map)) {
				next = new LinkedHashMap<String, Object>();
				current.put(keys.get(i), next);
			}
			current = (Map<String, Object>) next;
		}
		current.put(keys.get(keys.size() - 1), value);
	}

	@SuppressWarnings("unchecked")
	static Object remove(Map<String, Object> event, String reference) {
		List<String> keys = path(reference);
		Object current = event;
		for (int i = 0; i < keys.size() - 1; i++) {
			current = (current instanceof Map) ? ((Map<String, Object>) current).get(keys.get(i)) : null;
		}
		return (current instanceof Map) ? ((Map<String, Object>) current).remove(keys.get(keys.size() - 1)) : null;
	}

	private static Object copyOf(Object value) {
		return JSON.convertValue(value, Object.class);
	}

}
