package com.example.tourbooking;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed JSON, wrong types, missing fields, out-of-range numbers, oversize strings and
 * unknown ids: every one is a 4xx problem with a stable type, never a 500, and nothing
 * changes.
 */
class BadInputTests extends ApiTestSupport {

	private static final String FUTURE = LocalDate.now().plusDays(30).toString();

	private static final String LONG_TEXT = "x".repeat(5000);

	private Caller guide;

	private long tourId;

	private long departureId;

	@BeforeEach
	void arrange() {
		this.guide = guide();
		Api.Response tour = createTour(this.guide, "Existing", "10.00", 5, 1);
		this.tourId = tour.id();
		this.departureId = firstDeparture(tour);
	}

	static Stream<Arguments> badRequests() {
		String tour = "{\"title\":\"T\",\"description\":\"D\",\"region\":\"R\",\"pricePerPerson\":%s,\"departures\":[%s]}";
		String departure = "{\"date\":\"" + FUTURE + "\",\"capacity\":3}";
		return Stream.of(arguments("POST", "/api/auth/signup", "{not json", 400, "malformed-request"),
				arguments("POST", "/api/auth/signup", "[]", 400, "malformed-request"),
				arguments("POST", "/api/auth/signup",
						"{\"email\":\"not-an-email\",\"password\":\"long-enough\",\"name\":\"N\"}", 400,
						"validation-error"),
				arguments("POST", "/api/auth/signup", "{\"email\":\"a@example.com\",\"password\":\"long-enough\"}", 400,
						"validation-error"),
				arguments("POST", "/api/auth/signup",
						"{\"email\":\"a@example.com\",\"password\":\"long-enough\",\"name\":\"" + LONG_TEXT + "\"}",
						400, "validation-error"),
				arguments("POST", "/api/auth/signup",
						"{\"email\":\"a@example.com\",\"password\":\"" + LONG_TEXT + "\",\"name\":\"N\"}", 400,
						"validation-error"),
				arguments("POST", "/api/auth/signup",
						"{\"email\":\"a@example.com\",\"password\":\"long-enough\",\"name\":\"N\",\"role\":\"KING\"}",
						400, "malformed-request"),
				arguments("POST", "/api/auth/login", "{}", 400, "validation-error"),
				arguments("POST", "/api/tours", tour.formatted("-5", departure), 400, "validation-error"),
				arguments("POST", "/api/tours", tour.formatted("1e12", departure), 400, "validation-error"),
				arguments("POST", "/api/tours", tour.formatted("10.001", departure), 400, "validation-error"),
				arguments("POST", "/api/tours", tour.formatted("\"abc\"", departure), 400, "malformed-request"),
				arguments("POST", "/api/tours", tour.formatted("10", "{\"date\":\"" + FUTURE + "\",\"capacity\":0}"),
						400, "validation-error"),
				arguments("POST", "/api/tours",
						tour.formatted("10", "{\"date\":\"" + FUTURE + "\",\"capacity\":99999999999}"), 400,
						"malformed-request"),
				arguments("POST", "/api/tours", tour.formatted("10", "{\"date\":\"2020-01-01\",\"capacity\":3}"), 400,
						"validation-error"),
				arguments("POST", "/api/tours", tour.formatted("10", "{\"date\":\"next tuesday\",\"capacity\":3}"), 400,
						"malformed-request"),
				arguments("POST", "/api/tours", tour.formatted("10", "null"), 400, "validation-error"),
				arguments("POST", "/api/tours",
						"{\"title\":\"" + LONG_TEXT
								+ "\",\"description\":\"D\",\"region\":\"R\",\"pricePerPerson\":1,\"departures\":[]}",
						400, "validation-error"),
				arguments("POST", "/api/tours", "{\"title\":\"T\",\"pricePerPerson\":1,\"departures\":[]}", 400,
						"validation-error"),
				arguments("PUT", "/api/tours/{tour}", "{\"title\":\"T\"}", 400, "validation-error"),
				arguments("PUT", "/api/tours/424242",
						"{\"title\":\"T\",\"description\":\"D\",\"region\":\"R\",\"pricePerPerson\":1}", 404,
						"not-found"),
				arguments("PUT", "/api/tours/abc",
						"{\"title\":\"T\",\"description\":\"D\",\"region\":\"R\",\"pricePerPerson\":1}", 400,
						"validation-error"),
				arguments("POST", "/api/tours/{tour}/departures", "{\"date\":\"" + FUTURE + "\",\"capacity\":-1}", 400,
						"validation-error"),
				arguments("POST", "/api/reservations", "{\"departureId\":{departure},\"headcount\":-1}", 400,
						"validation-error"),
				arguments("POST", "/api/reservations", "{\"departureId\":{departure},\"headcount\":\"two\"}", 400,
						"malformed-request"),
				arguments("POST", "/api/reservations", "{\"departureId\":{departure},\"headcount\":1000000}", 400,
						"validation-error"),
				arguments("POST", "/api/reservations", "{\"headcount\":1}", 400, "validation-error"),
				arguments("POST", "/api/reservations", "{\"departureId\":424242,\"headcount\":1}", 404, "not-found"),
				arguments("POST", "/api/reservations/424242/cancel", "", 404, "not-found"),
				arguments("GET", "/api/tours?minPrice=abc", null, 400, "validation-error"),
				arguments("GET", "/api/tours?page=-1", null, 400, "validation-error"),
				arguments("GET", "/api/tours?size=0", null, 400, "validation-error"),
				arguments("GET", "/api/tours?from=2026-13-01", null, 400, "validation-error"),
				arguments("GET", "/api/tours?from=2030-01-02&to=2030-01-01", null, 400, "validation-error"),
				arguments("GET", "/api/tours?minPrice=50&maxPrice=10", null, 400, "validation-error"),
				arguments("GET", "/api/tours?sort=password", null, 400, "validation-error"),
				arguments("GET", "/api/tours?sort=title,sideways", null, 400, "validation-error"),
				arguments("GET", "/api/tours?q=" + "x".repeat(101), null, 400, "validation-error"),
				arguments("GET", "/api/tours/abc", null, 400, "validation-error"),
				arguments("GET", "/api/tours/99999999999999999999", null, 400, "validation-error"),
				arguments("GET", "/api/tours/424242", null, 404, "not-found"),
				arguments("GET", "/api/reservations/424242", null, 404, "not-found"),
				arguments("GET", "/api/reservations/abc", null, 400, "validation-error"),
				arguments("GET", "/api/no-such-endpoint", null, 404, "not-found"),
				arguments("DELETE", "/api/reservations/1", null, 405, "method-not-allowed"));
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("badRequests")
	void badInputIsAProblemAndChangesNothing(String method, String path, String body, int status, String type) {
		String resolvedPath = path.replace("{tour}", Long.toString(this.tourId));
		String resolvedBody = (body != null) ? body.replace("{departure}", Long.toString(this.departureId)) : null;
		Map<String, Long> before = snapshot();

		Api.Response response = switch (method) {
			case "GET" -> this.api.get(resolvedPath, this.guide.token());
			case "POST" -> this.api.postRaw(resolvedPath, resolvedBody, this.guide.token(), Map.of());
			case "PUT" -> this.api.putRaw(resolvedPath, resolvedBody, this.guide.token());
			case "DELETE" -> this.api.delete(resolvedPath, this.guide.token());
			default -> throw new IllegalArgumentException(method);
		};

		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
		assertThat(snapshot()).isEqualTo(before);
	}

	@ParameterizedTest(name = "Idempotency-Key \"{0}\" is refused")
	@MethodSource("badKeys")
	void malformedIdempotencyKeysAreRefused(String key) {
		Api.Response response = this.api.post("/api/reservations",
				Map.of("departureId", this.departureId, "headcount", 1), customer().token(),
				Map.of("Idempotency-Key", key));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "validation-error");
		assertThat(this.data.seatsLeft(this.departureId)).isEqualTo(5);
	}

	static Stream<String> badKeys() {
		return Stream.of("has spaces", "k".repeat(101), "semi;colon");
	}

	private Map<String, Long> snapshot() {
		return Map.of("users", this.data.count("users"), "tours", this.data.count("tours"), "departures",
				this.data.count("departures"), "reservations", this.data.count("reservations"), "seatsLeft",
				(long) this.data.seatsLeft(this.departureId));
	}

}
