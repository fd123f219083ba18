package com.example.tourbooking.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verified-token cache answers a token it has verified without checking its signature
 * again, and nothing else: altered tokens, expired tokens and tokens of another key are
 * refused exactly as without the cache. Real Nimbus encoder and decoder.
 */
class VerifiedTokenCacheTests {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final SecretKey key = new SecretKeySpec(new byte[32], "HmacSHA256");

	private final MutableClock clock = new MutableClock(T0);

	private final AtomicInteger signatureChecks = new AtomicInteger();

	@Test
	void aTokenSeenBeforeIsNotVerifiedAgain() {
		VerifiedTokenCache cache = cache(100);
		String token = issue("42", Duration.ofHours(1));

		Jwt first = cache.decode(token);
		Jwt second = cache.decode(token);

		assertThat(second.getSubject()).isEqualTo("42");
		assertThat(second).isSameAs(first);
		assertThat(this.signatureChecks).hasValue(1);
	}

	@Test
	void aCachedTokenExpiresWhenAnUncachedOneWould() {
		VerifiedTokenCache cache = cache(100);
		String token = issue("42", Duration.ofMinutes(5));
		cache.decode(token);

		// The default validator allows 60 s of clock skew, with or without the cache.
		this.clock.set(T0.plus(Duration.ofMinutes(6)));
		assertThat(cache.decode(token).getSubject()).isEqualTo("42");
		this.clock.set(T0.plus(Duration.ofMinutes(6)).plusSeconds(1));

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(token))
			.withMessageContaining("expired");
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(token));
	}

	@Test
	void everyAlteredTokenIsRefusedAfterTheRealOneWasCached() {
		VerifiedTokenCache cache = cache(100);
		String token = issue("42", Duration.ofHours(1));
		cache.decode(token);
		Random random = new Random(15);
		for (int i = 0; i < 300; i++) {
			char[] chars = token.toCharArray();
			int at = random.nextInt(chars.length);
			char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
				.charAt(random.nextInt(65));
			if (chars[at] == replacement) {
				continue;
			}
			chars[at] = replacement;
			String altered = new String(chars);
			assertThatExceptionOfType(JwtException.class).as(altered).isThrownBy(() -> cache.decode(altered));
		}
		assertThat(cache.decode(token).getSubject()).isEqualTo("42");
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() {
		VerifiedTokenCache cache = cache(100);
		byte[] other = new byte[32];
		other[0] = 1;
		String foreign = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(other, "HmacSHA256")))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
					claims("42", Duration.ofHours(1))))
			.getTokenValue();

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(foreign));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(foreign));
		assertThat(cache.size()).isZero();
	}

	@Test
	void theCacheStaysBoundedAndStillAnswersCorrectly() {
		VerifiedTokenCache cache = cache(50);
		for (int i = 0; i < 500; i++) {
			String token = issue(Integer.toString(i), Duration.ofHours(1));
			assertThat(cache.decode(token).getSubject()).isEqualTo(Integer.toString(i));
			assertThat(cache.size()).isLessThanOrEqualTo(50);
		}
	}

	private VerifiedTokenCache cache(int maxEntries) {
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(this.key).macAlgorithm(MacAlgorithm.HS256).build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(this.clock);
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestamps,
				new JwtIssuerValidator("tour-booking"));
		nimbus.setJwtValidator(validator);
		JwtDecoder counting = (token) -> {
			this.signatureChecks.incrementAndGet();
			return nimbus.decode(token);
		};
		return new VerifiedTokenCache(counting, validator, maxEntries, this.clock);
	}

	private String issue(String subject, Duration ttl) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(this.key))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims(subject, ttl)))
			.getTokenValue();
	}

	private JwtClaimsSet claims(String subject, Duration ttl) {
		return JwtClaimsSet.builder()
			.issuer("tour-booking")
			.subject(subject)
			.issuedAt(this.clock.instant())
			.expiresAt(this.clock.instant().plus(ttl))
			.build();
	}

	/** A clock the test moves forward. */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
