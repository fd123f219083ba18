package com.example.tourbooking.system.logging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.example.tourbooking.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON events the service really writes on stdout (embedded default, LOG_FORMAT=json)
 * follow the field contract of {@code elk/fields.yml}: names, types and presence, for a
 * request, a business event and an error; and no secret or email ever shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tours.logging.format=json")
@ExtendWith(OutputCaptureExtension.class)
class LogFieldContractTests {

	private static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final String PASSWORD = "Un1que-Passw0rd-7731";

	private static final String EMAIL = "contract.tester.7731@example.com";

	@LocalServerPort
	private int port;

	@Test
	void requestBusinessAndErrorEventsFollowTheContractAndLeakNoSecret(CapturedOutput output) throws IOException {
		Api api = new Api(this.port);
		assertThat(api
			.post("/api/auth/signup", Map.of("email", EMAIL, "password", PASSWORD, "name", "Contract Tester"), null)
			.status()).isEqualTo(201);
		Api.Response login = api.post("/api/auth/login", Map.of("email", EMAIL, "password", PASSWORD), null);
		String token = login.json().path("accessToken").asString();
		assertThat(token).isNotBlank();
		long departure = api.get("/api/tours", null)
			.json()
			.path("content")
			.get(0)
			.path("departures")
			.get(0)
			.path("id")
			.asLong();
		Api.Response booking = api.post("/api/reservations", Map.of("departureId", departure, "headcount", 1), token,
				Map.of(RequestLoggingFilter.REQUEST_ID_HEADER, "contract-booking"));
		assertThat(booking.status()).as(booking.body()).isEqualTo(201);
		assertThat(booking.headers().firstValue(RequestLoggingFilter.REQUEST_ID_HEADER)).hasValue("contract-booking");
		LoggerFactory.getLogger(LogFieldContractTests.class)
			.error("Booking failed for token " + token, new IllegalStateException("database gone"));

		Map<String, Map<String, Object>> contract = contract();
		List<JsonNode> events = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map(STRICT_JSON::readTree)
			.toList();
		assertThat(events).isNotEmpty().allSatisfy((event) -> assertFollowsContract(event, contract));

		JsonNode access = single(events, "http-request", "contract-booking");
		assertThat(access.path("http.request.method").asString()).isEqualTo("POST");
		assertThat(access.path("http.route").asString()).isEqualTo("/api/reservations");
		assertThat(access.path("http.response.status_code").asInt()).isEqualTo(201);
		assertThat(access.path("http.response.body.bytes").asLong()).isEqualTo(booking.body().length());
		assertThat(access.path("event.duration_ms").isIntegralNumber()).isTrue();
		assertPresent(access, contract, "request", "access");
		assertThat(access.path("user.id").asString()).matches("\\d+");

		JsonNode confirmed = single(events, "reservation-confirmed", "contract-booking");
		assertPresent(confirmed, contract, "request");
		assertThat(confirmed.path("trace.id").asString()).isEqualTo(access.path("trace.id").asString());
		for (String field : List.of("reservation.id", "tour.id", "departure.id", "reservation.headcount",
				"reservation.total_price", "reservation.currency")) {
			assertThat(confirmed.has(field)).as(field).isTrue();
		}

		JsonNode error = events.stream()
			.filter((event) -> event.path("error.type").asString().equals(IllegalStateException.class.getName()))
			.findFirst()
			.orElseThrow();
		assertPresent(error, contract, "error");
		assertThat(error.path("error.stack_hash").asString()).matches("[0-9a-f]{8,}");

		String everything = output.getAll();
		assertThat(everything).doesNotContain(PASSWORD, token, EMAIL, token.substring(0, 20));
		assertThat(everything).doesNotContainIgnoringCase("bearer ey");
	}

	private static JsonNode single(List<JsonNode> events, String action, String requestId) {
		List<JsonNode> matches = events.stream()
			.filter((event) -> event.path("event.action").asString().equals(action)
					&& event.path("http.request.id").asString().equals(requestId))
			.toList();
		assertThat(matches).as(action + " events of request " + requestId).hasSize(1);
		return matches.get(0);
	}

	private static void assertFollowsContract(JsonNode event, Map<String, Map<String, Object>> contract) {
		assertPresent(event, contract, "always");
		for (Map.Entry<String, JsonNode> field : event.properties()) {
			Map<String, Object> spec = contract.get(field.getKey());
			assertThat(spec).as("field %s is in elk/fields.yml (event %s)", field.getKey(), event).isNotNull();
			assertType(field.getKey(), field.getValue(), (String) spec.get("type"));
		}
	}

	private static void assertType(String name, JsonNode value, String type) {
		switch (type) {
			case "date" -> {
				assertThat(value.asString()).as(name).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
				assertThat(Instant.parse(value.asString())).isNotNull();
			}
			case "long" -> assertThat(value.isIntegralNumber()).as(name + " is an integer").isTrue();
			case "scaled_float" -> assertThat(value.isNumber()).as(name + " is a number").isTrue();
			default -> assertThat(value.isString()).as(name + " is a string").isTrue();
		}
	}

	private static void assertPresent(JsonNode event, Map<String, Map<String, Object>> contract, String... presences) {
		Set<String> wanted = Set.of(presences);
		for (Map.Entry<String, Map<String, Object>> field : contract.entrySet()) {
			if (wanted.contains(field.getValue().get("presence"))) {
				assertThat(event.has(field.getKey())).as("%s on %s", field.getKey(), event).isTrue();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> contract() throws IOException {
		try (InputStream in = Files.newInputStream(Path.of("..", "elk", "fields.yml"))) {
			Map<String, Object> root = new Yaml().load(in);
			Map<String, Object> datasets = (Map<String, Object>) root.get("datasets");
			Map<String, Object> app = (Map<String, Object>) datasets.get("tourbooking.app");
			List<Map<String, Object>> fields = (List<Map<String, Object>>) app.get("fields");
			return fields.stream().collect(Collectors.toMap((field) -> (String) field.get("name"), (field) -> field));
		}
	}

}
