package com.example.tourbooking.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password flood is cut off per account and per client address with 429 and
 * {@code Retry-After}, before any password is hashed, while other requests go on; an
 * {@code X-Forwarded-For} from a proxy that is not trusted changes nothing.
 */
@TestPropertySource(
		properties = { "tours.security.login-throttle.per-account=3", "tours.security.login-throttle.per-address=12",
				"tours.security.login-throttle.period=PT1H", "server.tomcat.remoteip.internal-proxies=10\\.1\\.2\\.3" })
class LoginThrottleTests extends ApiTestSupport {

	@Test
	void aPasswordFloodIsThrottledPerAccountAndPerAddress() {
		Caller victim = customer();
		Caller bystander = customer();

		for (int i = 0; i < 3; i++) {
			assertThat(login(victim.email(), "wrong-password-" + i, "203.0.113." + i).status()).isEqualTo(401);
		}
		Api.Response locked = login(victim.email(), victim.password(), "203.0.113.99");

		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.problemType()).isEqualTo(PROBLEMS + "too-many-requests");
		assertThat(locked.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
		assertThat(login(bystander.email(), bystander.password(), "198.51.100.1").status())
			.as("another account from the same address")
			.isEqualTo(200);
		assertThat(this.api.get("/api/tours", null).status()).as("other requests go on").isEqualTo(200);

		// Two sign-ups, two logins and the attempts above used 9 of the address's 12.
		int refusedAt = -1;
		for (int i = 0; i < 5 && refusedAt < 0; i++) {
			if (login("nobody" + i + "@example.com", "password-x", "192.0.2." + i).status() == 429) {
				refusedAt = i;
			}
		}
		assertThat(refusedAt).as("the address limit holds whatever X-Forwarded-For says").isBetween(0, 3);
		Api.Response signup = this.api.post("/api/auth/signup",
				Map.of("email", "late@example.com", "password", "password-1", "name", "Late"), null);
		assertThat(signup.status()).isEqualTo(429);
		assertThat(this.data.count("users")).isEqualTo(2);
	}

	private Api.Response login(String email, String password, String forwardedFor) {
		return this.api.post("/api/auth/login", Map.of("email", email, "password", password), null,
				Map.of("X-Forwarded-For", forwardedFor));
	}

}
