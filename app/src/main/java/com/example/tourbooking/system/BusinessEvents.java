package com.example.tourbooking.system;

import java.util.LinkedHashMap;
import java.util.Map;

import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.Markers;

/**
 * Builds the marker that turns a log statement into a business event of the field
 * contract ({@code elk/fields.yml}): {@code event.kind}, {@code event.category},
 * {@code event.action}, {@code event.outcome} and the event's own fields, written as JSON
 * fields by the encoder.
 */
public final class BusinessEvents {

	private BusinessEvents() {
	}

	/**
	 * A marker for one business event.
	 * @param action the {@code event.action}, e.g. {@code reservation-confirmed}
	 * @param outcome {@code success} or {@code failure}
	 * @param keyValues alternating field names and values, e.g. {@code "tour.id", 42}
	 * @return the marker to pass as the first argument of the log call
	 */
	public static LogstashMarker event(String action, String outcome, Object... keyValues) {
		if (keyValues.length % 2 != 0) {
			throw new IllegalArgumentException("keyValues must alternate names and values");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("event.kind", "event");
		fields.put("event.category", "business");
		fields.put("event.action", action);
		fields.put("event.outcome", outcome);
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] != null) {
				fields.put((String) keyValues[i], keyValues[i + 1]);
			}
		}
		return Markers.appendEntries(fields);
	}

}
