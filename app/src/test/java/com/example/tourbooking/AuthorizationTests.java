package com.example.tourbooking;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every protected endpoint, called without a token and with the wrong role: 401 and 403
 * problems, and bodies that leak nothing.
 */
class AuthorizationTests extends ApiTestSupport {

	static Stream<Arguments> protectedEndpoints() {
		return Stream.of(arguments("GET", "/api/users/me"), arguments("GET", "/api/admin/users"),
				arguments("PUT", "/api/admin/users/1/role"), arguments("POST", "/api/tours"),
				arguments("PUT", "/api/tours/1"), arguments("DELETE", "/api/tours/1"),
				arguments("POST", "/api/tours/1/departures"), arguments("GET", "/api/tours/1/reservations"),
				arguments("POST", "/api/reservations"), arguments("GET", "/api/reservations"),
				arguments("GET", "/api/reservations/1"), arguments("POST", "/api/reservations/1/cancel"));
	}

	static Stream<Arguments> staffAndAdminEndpoints() {
		return Stream.of(arguments("GET", "/api/admin/users"), arguments("PUT", "/api/admin/users/1/role"),
				arguments("POST", "/api/tours"), arguments("PUT", "/api/tours/1"), arguments("DELETE", "/api/tours/1"),
				arguments("POST", "/api/tours/1/departures"));
	}

	@ParameterizedTest(name = "{0} {1} without a token is 401")
	@MethodSource("protectedEndpoints")
	void protectedEndpointsNeedAToken(String method, String path) {
		Api.Response response = call(method, path, null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> value.startsWith("Bearer"));
	}

	@ParameterizedTest(name = "{0} {1} by a customer is 403")
	@MethodSource("staffAndAdminEndpoints")
	void customersCannotUseStaffEndpoints(String method, String path) {
		Api.Response response = call(method, path, customer().token());

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
	}

	@Test
	void guidesCannotUseTheAdminApi() {
		Caller guide = guide();

		assertThat(call("GET", "/api/admin/users", guide.token()).status()).isEqualTo(403);
		assertThat(this.api.put("/api/admin/users/" + guide.id() + "/role", Map.of("role", "ADMIN"), guide.token())
			.status()).isEqualTo(403);
	}

	@Test
	void anotherGuideCannotDeleteOrExtendATour() {
		Api.Response tour = createTour(guide(), "Mine", "10.00", 3, 1);
		Caller other = guide();

		Api.Response delete = this.api.delete("/api/tours/" + tour.id(), other.token());

		assertThat(delete.status()).isEqualTo(403);
		assertThat(this.api.get("/api/tours/" + tour.id(), null).status()).isEqualTo(200);
	}

	@Test
	void actuatorIsNotServedOnTheApiPort() {
		assertThat(this.api.get("/actuator/health", null).status()).isIn(401, 404);
		assertThat(this.api.get("/actuator/prometheus", customer().token()).status()).isEqualTo(404);
	}

	@Test
	void theLoadBalancerProbesAreOpenOnTheApiPort() {
		Api.Response readiness = this.api.get("/readyz", null);

		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
		assertThat(this.api.get("/livez", null).status()).isEqualTo(200);
	}

	private Api.Response call(String method, String path, String token) {
		String body = "{\"role\":\"ADMIN\",\"departureId\":1,\"headcount\":1,\"title\":\"T\",\"description\":\"D\","
				+ "\"region\":\"R\",\"pricePerPerson\":1,\"departures\":[],\"date\":\"2099-01-01\",\"capacity\":1}";
		return switch (method) {
			case "GET" -> this.api.get(path, token);
			case "POST" -> this.api.postRaw(path, body, token, Map.of());
			case "PUT" -> this.api.putRaw(path, body, token);
			case "DELETE" -> this.api.delete(path, token);
			default -> throw new IllegalArgumentException(method);
		};
	}

}
