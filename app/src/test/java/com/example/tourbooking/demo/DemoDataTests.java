package com.example.tourbooking.demo;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo accounts' stored hashes: each is its documented password's, and a cost set
 * above theirs hashes afresh.
 */
class DemoDataTests {

	@Test
	void eachStoredHashIsItsPasswordsAndNoOthers() {
		PasswordEncoder encoder = encoder(10);
		DemoData.HASHED_PASSWORDS.forEach((password, hash) -> {
			assertThat(encoder.matches(password, hash)).as(password).isTrue();
			DemoData.HASHED_PASSWORDS.keySet()
				.stream()
				.filter((other) -> !other.equals(password))
				.forEach((other) -> assertThat(encoder.matches(other, hash)).as(other).isFalse());
		});
		assertThat(DemoData.HASHED_PASSWORDS).containsOnlyKeys("admin-pass", "guide-pass", "customer-pass");
	}

	@Test
	void theStoredHashIsUsedAtTheDefaultCostOrBelow() {
		for (int cost : new int[] { 4, 10 }) {
			DemoData demo = new DemoData(new DemoDataProperties(true), null, encoder(cost), Clock.systemUTC());
			assertThat(demo.passwordHash("guide-pass")).isEqualTo(DemoData.HASHED_PASSWORDS.get("guide-pass"));
		}
	}

	@Test
	void aHigherCostHashesAfresh() {
		PasswordEncoder encoder = encoder(11);
		String hash = new DemoData(new DemoDataProperties(true), null, encoder, Clock.systemUTC())
			.passwordHash("customer-pass");
		assertThat(hash).startsWith("{bcrypt}$2a$11$").isNotEqualTo(DemoData.HASHED_PASSWORDS.get("customer-pass"));
		assertThat(encoder.matches("customer-pass", hash)).isTrue();
	}

	/** Switched off at run time, as the AOT image needs: nothing is read or written. */
	@Test
	void switchedOffItTouchesNothing() {
		new DemoData(new DemoDataProperties(false), null, encoder(10), Clock.systemUTC()).run(null);
	}

	/** As SecurityConfiguration#passwordEncoder builds it. */
	private static PasswordEncoder encoder(int cost) {
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
	}

}
