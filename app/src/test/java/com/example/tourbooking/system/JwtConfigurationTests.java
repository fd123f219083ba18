package com.example.tourbooking.system;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A missing or weak signing key stops the service at start with a message saying what to
 * set, except on the embedded default, which generates one.
 */
class JwtConfigurationTests {

	@Test
	void aMissingKeyIsRefusedUnlessGeneratingIsAllowed() {
		assertThatIllegalStateException().isThrownBy(() -> JwtConfiguration.keyBytes(properties("", false)))
			.withMessageContaining("JWT_SECRET is not set");
		assertThat(JwtConfiguration.keyBytes(properties("", true))).hasSize(32);
	}

	@Test
	void generatedKeysDifferFromStartToStart() {
		assertThat(JwtConfiguration.keyBytes(properties(null, true)))
			.isNotEqualTo(JwtConfiguration.keyBytes(properties(null, true)));
	}

	@Test
	void shortOrMalformedKeysAreRefused() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

		assertThatIllegalStateException().isThrownBy(() -> JwtConfiguration.keyBytes(properties(shortKey, false)))
			.withMessageContaining("at least 32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> JwtConfiguration.keyBytes(properties("not base64!", false)))
			.withMessageContaining("not valid base64");
	}

	@Test
	void aConfiguredKeyIsUsedAsGiven() {
		byte[] key = new byte[48];
		key[0] = 7;

		assertThat(JwtConfiguration.keyBytes(properties(Base64.getEncoder().encodeToString(key), false)))
			.isEqualTo(key);
	}

	private static JwtProperties properties(String secret, boolean allowGenerated) {
		return new JwtProperties(secret, Duration.ofHours(1), "tour-booking", Duration.ofSeconds(30), allowGenerated);
	}

}
