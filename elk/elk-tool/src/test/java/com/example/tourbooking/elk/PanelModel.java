package com.example.tourbooking.elk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The test's own answer to a panel's request, computed from the events in plain Java (no
 * Elasticsearch), and compared with what Elasticsearch answered: bucket keys, counts,
 * order and metric values. It knows the query and aggregation types the panels use and
 * fails on any other, so a new kind of panel needs its meaning written here first.
 */
final class PanelModel {

	private final List<Map<String, List<JsonNode>>> events;

	private final List<String> mismatches = new ArrayList<>();

	/** Events as indexed (after routing), flattened to dotted paths. */
	PanelModel(List<JsonNode> indexedEvents) {
		this.events = indexedEvents.stream().map(PanelModel::flatten).toList();
	}

	/** Every difference between the model and Elasticsearch's answer to this body. */
	List<String> compare(String where, JsonNode body, JsonNode response) {
		this.mismatches.clear();
		List<Map<String, List<JsonNode>>> matching = this.events.stream()
			.filter((event) -> !body.has("query") || matches(body.get("query"), event))
			.toList();
		long total = response.path("hits").path("total").path("value").asLong(-1);
		if (total != matching.size()) {
			this.mismatches.add(where + ": hits.total " + total + ", expected " + matching.size());
		}
		compareAggregations(where, body.path("aggs"), matching, response.path("aggregations"));
		return List.copyOf(this.mismatches);
	}

	/** How many indexed events a query matches. */
	long count(JsonNode query) {
		return this.events.stream().filter((event) -> matches(query, event)).count();
	}

	private void compareAggregations(String where, JsonNode aggs, List<Map<String, List<JsonNode>>> events,
			JsonNode actual) {
		for (Map.Entry<String, JsonNode> aggregation : aggs.properties()) {
			String name = aggregation.getKey();
			JsonNode definition = aggregation.getValue();
			JsonNode result = actual.path(name);
			String at = where + " > " + name;
			JsonNode sub = definition.has("aggs") ? definition.get("aggs") : definition.path("aggregations");
			String type = type(definition);
			JsonNode options = definition.get(type);
			switch (type) {
				case "terms" -> compareTerms(at, options, sub, events, result);
				case "date_histogram" -> compareHistogram(at, options, sub, events, result);
				case "filter" -> {
					List<Map<String, List<JsonNode>>> filtered = events.stream()
						.filter((event) -> matches(options, event))
						.toList();
					expectEqual(at + " doc_count", result.path("doc_count").asLong(), (long) filtered.size());
					compareAggregations(at, sub, filtered, result);
				}
				case "sum", "avg", "min", "max", "value_count", "cardinality" ->
					compareMetric(at, type, options.path("field").asText(), events, result);
				case "percentiles" -> comparePercentiles(at, options, events, result);
				case "top_hits" -> compareTopHits(at, options, events, result);
				default -> this.mismatches.add(at + ": aggregation type " + type
						+ " is not modelled by PanelModel: write its meaning there first");
			}
		}
	}

	private void compareTerms(String at, JsonNode options, JsonNode sub, List<Map<String, List<JsonNode>>> events,
			JsonNode result) {
		String field = options.path("field").asText();
		Map<String, List<Map<String, List<JsonNode>>>> groups = new LinkedHashMap<>();
		for (Map<String, List<JsonNode>> event : events) {
			new HashSet<>(keys(event, field))
				.forEach((key) -> groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(event));
		}
		List<String> expected = new ArrayList<>(groups.keySet());
		expected.sort(termsOrder(options.path("order"), sub, groups));
		expected = expected.subList(0, Math.min(expected.size(), options.path("size").asInt(10)));
		List<String> actual = new ArrayList<>();
		result.path("buckets").forEach((bucket) -> actual.add(key(bucket)));
		if (!expected.equals(actual)) {
			this.mismatches.add(at + ": bucket keys " + actual + ", expected " + expected);
			return;
		}
		for (JsonNode bucket : result.path("buckets")) {
			List<Map<String, List<JsonNode>>> members = groups.get(key(bucket));
			expectEqual(at + "[" + key(bucket) + "] doc_count", bucket.path("doc_count").asLong(),
					(long) members.size());
			compareAggregations(at + "[" + key(bucket) + "]", sub, members, bucket);
		}
	}

	private Comparator<String> termsOrder(JsonNode order, JsonNode sub,
			Map<String, List<Map<String, List<JsonNode>>>> groups) {
		// Elasticsearch's default: doc count descending, then key ascending
		Comparator<String> byCount = Comparator.comparing((String key) -> groups.get(key).size()).reversed();
		if (order.isMissingNode()) {
			return byCount.thenComparing(Comparator.naturalOrder());
		}
		Map.Entry<String, JsonNode> criterion = order.properties().iterator().next();
		boolean descending = "desc".equals(criterion.getValue().asText());
		Comparator<String> comparator = switch (criterion.getKey()) {
			case "_key" -> Comparator.naturalOrder();
			case "_count" -> Comparator.comparing((String key) -> groups.get(key).size());
			default -> {
				JsonNode metric = sub.path(criterion.getKey());
				String type = type(metric);
				String field = metric.path(type).path("field").asText();
				yield Comparator.comparing(
						(String key) -> Objects.requireNonNullElse(metric(type, field, groups.get(key)), Double.NaN));
			}
		};
		return (descending ? comparator.reversed() : comparator).thenComparing(Comparator.naturalOrder());
	}

	private void compareHistogram(String at, JsonNode options, JsonNode sub, List<Map<String, List<JsonNode>>> events,
			JsonNode result) {
		String interval = options.has("fixed_interval") ? options.get("fixed_interval").asText()
				: options.path("calendar_interval").asText();
		long millis = intervalMillis(interval);
		String field = options.path("field").asText();
		Map<Long, List<Map<String, List<JsonNode>>>> buckets = new TreeMap<>();
		for (Map<String, List<JsonNode>> event : events) {
			for (JsonNode value : event.getOrDefault(field, List.of())) {
				long at0 = Math.floorDiv(instant(value).toEpochMilli(), millis) * millis;
				buckets.computeIfAbsent(at0, (k) -> new ArrayList<>()).add(event);
			}
		}
		Map<Long, JsonNode> actual = new TreeMap<>();
		result.path("buckets").forEach((bucket) -> {
			if (bucket.path("doc_count").asLong() > 0) {
				actual.put(bucket.path("key").asLong(), bucket);
			}
		});
		if (!actual.keySet().equals(buckets.keySet())) {
			this.mismatches.add(at + ": non-empty buckets at " + actual.keySet() + ", expected " + buckets.keySet());
			return;
		}
		actual.forEach((key, bucket) -> {
			String where = at + "[" + Instant.ofEpochMilli(key) + "]";
			expectEqual(where + " doc_count", bucket.path("doc_count").asLong(), (long) buckets.get(key).size());
			compareAggregations(where, sub, buckets.get(key), bucket);
		});
	}

	private void compareMetric(String at, String type, String field, List<Map<String, List<JsonNode>>> events,
			JsonNode result) {
		Double expected = metric(type, field, events);
		JsonNode value = result.path("value");
		Double actual = value.isNumber() ? value.asDouble() : null;
		if (expected == null || actual == null) {
			if (!Objects.equals(expected, actual)) {
				this.mismatches.add(at + ": " + type + " " + actual + ", expected " + expected);
			}
			return;
		}
		if (Math.abs(actual - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
			this.mismatches.add(at + ": " + type + " " + actual + ", expected " + expected);
		}
	}

	private static Double metric(String type, String field, List<Map<String, List<JsonNode>>> events) {
		List<Double> values = numbers(events, field);
		return switch (type) {
			case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
			case "avg" ->
				values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
			case "min" -> values.stream().min(Double::compare).orElse(null);
			case "max" -> values.stream().max(Double::compare).orElse(null);
			case "value_count" -> (double) values.size();
			case "cardinality" -> (double) new HashSet<>(values).size();
			default -> throw new IllegalArgumentException(type);
		};
	}

	/**
	 * Percentiles are estimates (t-digest): each must lie between the smallest and the
	 * largest value, and equal them when all values are equal.
	 */
	private void comparePercentiles(String at, JsonNode options, List<Map<String, List<JsonNode>>> events,
			JsonNode result) {
		List<Double> values = numbers(events, options.path("field").asText());
		for (JsonNode percent : options.path("percents")) {
			String key = BigDecimal.valueOf(percent.asDouble()).setScale(1).toPlainString();
			JsonNode value = result.path("values").path(key);
			if (values.isEmpty()) {
				if (!value.isNull() && !value.isMissingNode()) {
					this.mismatches.add(at + ": p" + key + " " + value + " without values");
				}
				continue;
			}
			double min = values.stream().min(Double::compare).get();
			double max = values.stream().max(Double::compare).get();
			if (!value.isNumber() || value.asDouble() < min - 1e-9 || value.asDouble() > max + 1e-9) {
				this.mismatches.add(at + ": p" + key + " " + value + " outside the values' range " + min + ".." + max);
			}
		}
	}

	private void compareTopHits(String at, JsonNode options, List<Map<String, List<JsonNode>>> events,
			JsonNode result) {
		Map.Entry<String, JsonNode> sort = options.path("sort").path(0).properties().iterator().next();
		String field = sort.getKey();
		Comparator<Map<String, List<JsonNode>>> order = Comparator
			.comparing((Map<String, List<JsonNode>> event) -> numbers(List.of(event), field).stream()
				.findFirst()
				.orElse(Double.NaN));
		List<Map<String, List<JsonNode>>> sorted = new ArrayList<>(events);
		sorted.sort("desc".equals(sort.getValue().path("order").asText()) ? order.reversed() : order);
		JsonNode hits = result.path("hits").path("hits");
		expectEqual(at + " hits", (long) hits.size(), (long) Math.min(options.path("size").asInt(3), sorted.size()));
		for (int i = 0; i < hits.size() && i < sorted.size(); i++) {
			Map<String, List<JsonNode>> source = flatten(hits.get(i).path("_source"));
			Map<String, List<JsonNode>> expected = sorted.get(i);
			List<String> fields = new ArrayList<>();
			options.path("_source").path("includes").forEach((f) -> fields.add(f.asText()));
			if (fields.isEmpty()) {
				fields.add(field);
			}
			for (String name : fields) {
				expectEqual(at + " hit " + i + " " + name, texts(source.get(name)), texts(expected.get(name)));
			}
		}
	}

	private boolean matches(JsonNode query, Map<String, List<JsonNode>> event) {
		String type = type(query);
		JsonNode options = query.get(type);
		return switch (type) {
			case "match_all" -> true;
			case "match_none" -> false;
			case "bool" -> all(options.path("must"), event) && all(options.path("filter"), event)
					&& none(options.path("must_not"), event) && should(options, event);
			case "term" -> {
				Map.Entry<String, JsonNode> term = options.properties().iterator().next();
				JsonNode value = term.getValue().isObject() ? term.getValue().path("value") : term.getValue();
				yield keys(event, term.getKey()).contains(text(value));
			}
			case "terms" -> {
				Map.Entry<String, JsonNode> terms = options.properties().iterator().next();
				Set<String> wanted = new HashSet<>();
				terms.getValue().forEach((value) -> wanted.add(text(value)));
				yield keys(event, terms.getKey()).stream().anyMatch(wanted::contains);
			}
			case "exists" -> !keys(event, options.path("field").asText()).isEmpty();
			case "range" -> range(options, event);
			default -> throw new IllegalArgumentException(
					"query type " + type + " is not modelled by PanelModel: write its meaning there first");
		};
	}

	private boolean all(JsonNode clauses, Map<String, List<JsonNode>> event) {
		List<JsonNode> list = list(clauses);
		return list.stream().allMatch((clause) -> matches(clause, event));
	}

	private boolean none(JsonNode clauses, Map<String, List<JsonNode>> event) {
		return list(clauses).stream().noneMatch((clause) -> matches(clause, event));
	}

	private boolean should(JsonNode bool, Map<String, List<JsonNode>> event) {
		List<JsonNode> should = list(bool.path("should"));
		boolean onlyShould = list(bool.path("must")).isEmpty() && list(bool.path("filter")).isEmpty();
		return should.isEmpty() || !onlyShould || should.stream().anyMatch((clause) -> matches(clause, event));
	}

	private static List<JsonNode> list(JsonNode clauses) {
		List<JsonNode> list = new ArrayList<>();
		if (clauses.isArray()) {
			clauses.forEach(list::add);
		}
		else if (clauses.isObject()) {
			list.add(clauses);
		}
		return list;
	}

	private static boolean range(JsonNode options, Map<String, List<JsonNode>> event) {
		Map.Entry<String, JsonNode> range = options.properties().iterator().next();
		JsonNode bounds = range.getValue();
		for (JsonNode value : event.getOrDefault(range.getKey(), List.of())) {
			double v = number(value);
			if (within(bounds, v)) {
				return true;
			}
		}
		return false;
	}

	private static boolean within(JsonNode bounds, double v) {
		return (!bounds.has("gte") || v >= number(bounds.get("gte")))
				&& (!bounds.has("gt") || v > number(bounds.get("gt")))
				&& (!bounds.has("lte") || v <= number(bounds.get("lte")))
				&& (!bounds.has("lt") || v < number(bounds.get("lt")));
	}

	private static String type(JsonNode definition) {
		for (Iterator<String> names = definition.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!"aggs".equals(name) && !"aggregations".equals(name) && !"meta".equals(name)) {
				return name;
			}
		}
		throw new IllegalArgumentException("no type in " + definition);
	}

	private static long intervalMillis(String interval) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(interval);
		if (!m.matches()) {
			throw new IllegalArgumentException("interval " + interval + " is not modelled by PanelModel");
		}
		long unit = switch (m.group(2)) {
			case "ms" -> 1;
			case "s" -> 1000;
			case "m" -> 60_000;
			case "h" -> 3_600_000;
			default -> 86_400_000;
		};
		return Long.parseLong(m.group(1)) * unit;
	}

	private void expectEqual(String what, Object actual, Object expected) {
		if (!Objects.equals(actual, expected)) {
			this.mismatches.add(what + ": " + actual + ", expected " + expected);
		}
	}

	/** A bucket key as text: key_as_string for dates, else the key. */
	private static String key(JsonNode bucket) {
		JsonNode key = bucket.path("key");
		return key.isNumber() ? text(key) : key.asText();
	}

	private static List<String> keys(Map<String, List<JsonNode>> event, String field) {
		List<String> keys = new ArrayList<>();
		event.getOrDefault(field, List.of()).forEach((value) -> {
			if (!value.isNull()) {
				keys.add(text(value));
			}
		});
		return keys;
	}

	private static List<String> texts(List<JsonNode> values) {
		return (values == null) ? List.of() : values.stream().map(PanelModel::text).toList();
	}

	/** Numbers compare by value (200 == 200.0); everything else as its text. */
	private static String text(JsonNode value) {
		if (value.isNumber()) {
			return value.decimalValue().stripTrailingZeros().toPlainString();
		}
		return value.asText();
	}

	private static List<Double> numbers(List<Map<String, List<JsonNode>>> events, String field) {
		List<Double> numbers = new ArrayList<>();
		events.forEach((event) -> event.getOrDefault(field, List.of()).forEach((value) -> {
			if (!value.isNull()) {
				numbers.add(number(value));
			}
		}));
		return numbers;
	}

	/** A number, or a date as epoch milliseconds. */
	private static double number(JsonNode value) {
		if (value.isNumber()) {
			return value.asDouble();
		}
		try {
			return Double.parseDouble(value.asText());
		}
		catch (NumberFormatException ex) {
			return instant(value).toEpochMilli();
		}
	}

	private static Instant instant(JsonNode value) {
		if (value.isNumber()) {
			return Instant.ofEpochMilli(value.asLong());
		}
		try {
			return Instant.parse(value.asText());
		}
		catch (DateTimeParseException ex) {
			return OffsetDateTime.parse(value.asText()).toInstant();
		}
	}

	/** Leaf values by dotted path: {"a":{"b":1}} and {"a.b":1} both give a.b = [1]. */
	static Map<String, List<JsonNode>> flatten(JsonNode event) {
		Map<String, List<JsonNode>> leaves = new LinkedHashMap<>();
		flatten("", event, leaves::computeIfAbsent);
		return leaves;
	}

	private static void flatten(String prefix, JsonNode node,
			java.util.function.BiFunction<String, java.util.function.Function<String, List<JsonNode>>, List<JsonNode>> leaf) {
		if (node.isObject()) {
			node.properties()
				.forEach((field) -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
						field.getValue(), leaf));
		}
		else if (node.isArray()) {
			node.forEach((item) -> flatten(prefix, item, leaf));
		}
		else {
			leaf.apply(prefix, (k) -> new ArrayList<>()).add(node);
		}
	}

	static void forEachBucket(JsonNode response, String property, Consumer<JsonNode> action) {
		JsonNode node = response;
		for (String part : property.split("\\.")) {
			node = node.path(part);
		}
		node.forEach(action);
	}

}
