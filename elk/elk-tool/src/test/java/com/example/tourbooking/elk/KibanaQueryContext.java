package com.example.tourbooking.elk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a Vega panel's {@code data.url} into the Elasticsearch request Kibana sends, the
 * way Kibana's {@code EsQueryParser} does (elastic/kibana,
 * src/plugins/vis_types/vega/public/data_model/es_query_parser.ts, read at the 8.x
 * revision 36ec3d8623f3: {@code parseUrl}, {@code _injectContextVars},
 * {@code _createRangeFilter}, {@code _getTimeBound}):
 * <ul>
 * <li>{@code %context%} / {@code %timefield%} build {@code body.query} from the dashboard
 * filters plus a range on the time field; with {@code body.query} set they are an
 * error;</li>
 * <li>in the query, the array elements {@code "%dashboard_context-must_clause%"},
 * {@code -filter_clause%} and {@code -must_not_clause%} are replaced by the dashboard's
 * clauses of that kind (spliced in; removed when there are none);</li>
 * <li>{@code {"%timefilter%": true}} becomes {@code {gte, lte, format:
 * strict_date_optional_time}} of the time picker (with {@code shift}/{@code unit}),
 * {@code "min"}/{@code "max"} become the bound in epoch milliseconds;</li>
 * </ul>
 * A {@code date_histogram} {@code interval} (Kibana rewrites it with
 * {@code dateHistogramInterval}, not read) fails here instead of being guessed. The
 * dashboard context is what Kibana builds with no query and no filter: every clause list
 * empty.
 */
final class KibanaQueryContext {

	private static final String TIMEFILTER = "%timefilter%";

	private static final Map<String, String> CONTEXT_CLAUSES = Map.of("%dashboard_context-must_clause%", "must",
			"%dashboard_context-filter_clause%", "filter", "%dashboard_context-must_not_clause%", "must_not");

	/** moment's toISOString(): UTC with milliseconds. */
	private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(java.time.ZoneOffset.UTC);

	private final Instant min;

	private final Instant max;

	private final ObjectNode filters;

	KibanaQueryContext(Instant min, Instant max) {
		this.min = min;
		this.max = max;
		this.filters = JsonNodeFactory.instance.objectNode();
		ObjectNode bool = this.filters.putObject("bool");
		bool.putArray("must");
		bool.putArray("filter");
		bool.putArray("should");
		bool.putArray("must_not");
	}

	Instant min() {
		return this.min;
	}

	Instant max() {
		return this.max;
	}

	/** The request for one {@code data.url}: {@code index} and {@code body}. */
	ObjectNode request(JsonNode dataUrl) {
		ObjectNode url = dataUrl.deepCopy();
		JsonNode context = url.remove("%context%");
		JsonNode timefield = url.remove("%timefield%");
		boolean usesContext = context != null || timefield != null;
		if (url.has("%context_query%")) {
			throw new IllegalArgumentException("legacy %context_query% is deprecated in Kibana: use %context%");
		}
		if (!url.has("body")) {
			url.putObject("body");
		}
		if (!url.path("body").isObject()) {
			throw new IllegalArgumentException("url.body must be an object");
		}
		ObjectNode body = (ObjectNode) url.path("body");
		if (body.has("query")) {
			if (usesContext) {
				throw new IllegalArgumentException(
						"url.%context% and url.%timefield% must not be used when " + "url.body.query is set");
			}
			body.set("query", inject(body.get("query"), true, null));
		}
		else if (usesContext) {
			ObjectNode range = null;
			if (timefield != null && !timefield.asText().isEmpty()) {
				range = JsonNodeFactory.instance.objectNode();
				ObjectNode bounds = range.putObject("range").putObject(timefield.asText());
				bounds.put(TIMEFILTER, true);
				rangeFilter(bounds);
				body.set("query", range);
			}
			if (context != null && context.asBoolean(false)) {
				ObjectNode query = this.filters.deepCopy();
				if (range != null) {
					((ArrayNode) query.path("bool").path("must")).add(range);
				}
				body.set("query", query);
			}
		}
		if (body.has("aggs")) {
			body.set("aggs", inject(body.get("aggs"), false, null));
		}
		return url;
	}

	private JsonNode inject(JsonNode node, boolean isQuery, String key) {
		if (node.isArray()) {
			ArrayNode result = JsonNodeFactory.instance.arrayNode();
			for (JsonNode item : node) {
				String clause = item.isTextual() ? CONTEXT_CLAUSES.get(item.asText()) : null;
				if (isQuery && clause != null) {
					this.filters.path("bool").path(clause).forEach((c) -> result.add(c.deepCopy()));
				}
				else {
					result.add(inject(item, isQuery, null));
				}
			}
			return result;
		}
		if (!node.isObject()) {
			return node;
		}
		ObjectNode object = (ObjectNode) node;
		for (String property : new ArrayList<>(iterable(object))) {
			JsonNode value = object.get(property);
			if ("interval".equals(property) && "date_histogram".equals(key)) {
				// Kibana rewrites it with data/common's dateHistogramInterval, not
				// modelled here
				throw new UnsupportedOperationException("date_histogram \"interval\" (or %autointerval%) is "
						+ "not modelled by this test: use fixed_interval or calendar_interval in the panel");
			}
			if (!value.isObject() || !value.has(TIMEFILTER)) {
				object.set(property, inject(value, isQuery, property));
				continue;
			}
			JsonNode bound = value.get(TIMEFILTER);
			if (bound.isBoolean() && bound.asBoolean()) {
				rangeFilter((ObjectNode) value);
			}
			else if ("min".equals(bound.asText()) || "max".equals(bound.asText())) {
				object.put(property, timeBound(value, bound.asText()).toEpochMilli());
			}
			else {
				throw new IllegalArgumentException(
						"\"%timefilter%\" property must be set to true, \"min\", or \"max\"");
			}
		}
		return object;
	}

	private void rangeFilter(ObjectNode object) {
		Instant gte = timeBound(object, "min");
		Instant lte = timeBound(object, "max");
		object.remove(List.of(TIMEFILTER, "shift", "unit"));
		object.put("gte", ISO.format(gte));
		object.put("lte", ISO.format(lte));
		object.put("format", "strict_date_optional_time");
	}

	private Instant timeBound(JsonNode options, String type) {
		Instant bound = "min".equals(type) ? this.min : this.max;
		if (!options.has("shift")) {
			return bound;
		}
		if (!options.get("shift").isNumber()) {
			throw new IllegalArgumentException("\"shift\" must be a numeric value");
		}
		Duration unit = switch (options.path("unit").asText("d")) {
			case "w", "week" -> Duration.ofDays(7);
			case "d", "day" -> Duration.ofDays(1);
			case "h", "hour" -> Duration.ofHours(1);
			case "m", "minute" -> Duration.ofMinutes(1);
			case "s", "second" -> Duration.ofSeconds(1);
			default -> throw new IllegalArgumentException(
					"Unknown \"unit\" value. Must be one of: [\"week\", \"day\", \"hour\", \"minute\", \"second\"]");
		};
		return bound.plusMillis((long) (options.get("shift").asDouble() * unit.toMillis()));
	}

	private static List<String> iterable(ObjectNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

}
