package com.example.tourbooking.elk;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.tourbooking.system.BusinessEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events written by the application's real encoder (its json-encoder.xml, its context
 * provider and business-event markers) are indexed by a real node with no mapping
 * conflict, every field they carry is in the contract, and each gets the contract's type.
 */
class EncoderEventsTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static AppEncoder encoder;

	static List<String> lines;

	@BeforeAll
	static void logThroughTheRealEncoder() throws Exception {
		encoder = new AppEncoder("3.0.0");
		lines = logSampleEvents(encoder);
		SharedNode.setUp();
		SharedNode.index("logs-tourbooking.app-encoder", lines);
	}

	@AfterAll
	static void stopEncoder() {
		encoder.stop();
	}

	/**
	 * One access event, three business events, one error and a cancellation, as the
	 * service logs them (the fields of ReservationEvents and UserEvents).
	 */
	static List<String> logSampleEvents(AppEncoder encoder) {
		Logger access = encoder.logger(EncoderEventsTests.class);
		MDC.put("http.request.id", "req-1");
		MDC.put("user.id", "42");
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		MDC.put("spanId", "00f067aa0ba902b7");
		try {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("event.kind", "event");
			fields.put("event.category", "web");
			fields.put("event.action", "http-request");
			fields.put("event.outcome", "success");
			fields.put("http.request.method", "POST");
			fields.put("http.route", "/api/tours/{id}/reservations");
			fields.put("http.response.status_code", 201);
			fields.put("http.response.body.bytes", 312L);
			fields.put("event.duration_ms", 37L);
			access.info(Markers.appendEntries(fields), "POST /api/tours/{id}/reservations 201 37 ms");
			access.info(
					BusinessEvents.event("reservation-confirmed", "success", "reservation.id", "7", "tour.id", "3",
							"tour.title", "Alps in autumn", "departure.id", "11", "reservation.headcount", 2,
							"reservation.total_price", new BigDecimal("1250.50"), "reservation.currency", "EUR"),
					"Reservation 7 confirmed");
			access.info(
					BusinessEvents.event("reservation-refused", "failure", "event.reason", "sold-out", "tour.id", "3",
							"tour.title", "Alps in autumn", "departure.id", "11", "reservation.headcount", 4),
					"Reservation refused");
			access.info(BusinessEvents.event("login-failed", "failure", "event.reason", "bad-credentials"),
					"Login failed for ann@example.com");
			access.error("Unexpected failure",
					new IllegalStateException("boom", new IllegalArgumentException("cause")));
			access.info(BusinessEvents.event("reservation-cancelled", "success", "reservation.id", "7", "tour.id", "3",
					"departure.id", "11", "reservation.headcount", 2, "reservation.total_price",
					new BigDecimal("1250.50"), "reservation.currency", "EUR"), "Reservation 7 cancelled");
		}
		finally {
			MDC.clear();
		}
		return encoder.lines();
	}

	@Test
	void everyFieldTheEncoderWritesIsInTheContract() throws Exception {
		FieldContract contract = FieldContract.load(Path.of(SharedNode.ELK));
		Set<String> contractFields = contract.fieldsOf("tourbooking.app").keySet();
		Set<String> written = new TreeSet<>();
		for (String line : lines) {
			JSON.readTree(line).fieldNames().forEachRemaining(written::add);
		}
		assertThat(lines).hasSize(6);
		assertThat(written).isSubsetOf(contractFields)
			.contains("@timestamp", "log.level", "service.version", "git.commit", "http.request.id", "trace.id",
					"error.stack_hash", "reservation.total_price");
	}

	@Test
	void indexedFieldsGetTheContractTypes() throws Exception {
		Map<String, String> contract = FieldContract.load(Path.of(SharedNode.ELK)).fieldsOf("tourbooking.app");
		Map<String, String> mapped = new HashMap<>();
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			JsonNode mappings = connection.get("/logs-tourbooking.app-encoder/_mapping");
			String backingIndex = mappings.fieldNames().next();
			assertThat(backingIndex).as("a data stream's backing index")
				.startsWith(".ds-logs-tourbooking.app-encoder-");
			TemplateMappings.flatten(mappings.path(backingIndex).path("mappings").path("properties"), "", mapped);
		}
		for (String line : lines) {
			JSON.readTree(line).fieldNames().forEachRemaining((field) -> {
				String expected = ElasticsearchSetup.CORE_TYPES.getOrDefault(contract.get(field), contract.get(field));
				assertThat(mapped.get(field)).as(field).isEqualTo(expected);
			});
		}
	}

	@Test
	void errorsCarryTheirTypeAndStackHashAndSecretsAreMasked() throws Exception {
		JsonNode error = JSON.readTree(lines.get(4));
		assertThat(error.path("log.level").asText()).isEqualTo("ERROR");
		assertThat(error.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
		assertThat(error.path("error.stack_hash").asText()).isNotBlank();
		assertThat(lines.get(3)).doesNotContain("ann@example.com").contains("a***@example.com");
		try (ElasticsearchConnection connection = SharedNode.connect()) {
			JsonNode hits = connection.send("POST", "/logs-tourbooking.app-encoder/_search",
					"{\"query\":{\"term\":{\"error.stack_hash\":\"" + error.path("error.stack_hash").asText()
							+ "\"}}}");
			assertThat(hits.path("hits").path("total").path("value").asInt()).isEqualTo(1);
		}
	}

}
