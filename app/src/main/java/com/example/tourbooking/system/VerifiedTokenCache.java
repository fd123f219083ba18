package com.example.tourbooking.system;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Skips the repeated signature check and claims parsing of a token seen before. A client
 * sends the same bearer token with every request of its session; verifying its HMAC and
 * parsing its JSON again each time was a third of the booking's CPU (issue 15).
 *
 * <p>
 * Only the exact token string that passed the full check is a hit, so a forged or altered
 * token always goes to the real decoder. Every hit is checked again by the same validator
 * (expiry with the decoder's clock skew, issuer) so a cached token expires exactly when
 * an uncached one would. The cache is bounded: expired entries are dropped when it fills,
 * and if that frees nothing it starts over. Anything decided per request after decoding
 * (the user's role and revocation in the database) still runs on every request.
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final int maxEntries;

	private final Clock clock;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	VerifiedTokenCache(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, int maxEntries, Clock clock) {
		this.decoder = decoder;
		this.validator = validator;
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.verified.get(token);
		if (cached != null) {
			if (!this.validator.validate(cached).hasErrors()) {
				return cached;
			}
			this.verified.remove(token);
		}
		Jwt jwt = this.decoder.decode(token);
		remember(token, jwt);
		return jwt;
	}

	int size() {
		return this.verified.size();
	}

	private void remember(String token, Jwt jwt) {
		if (this.verified.size() >= this.maxEntries) {
			Instant now = this.clock.instant();
			this.verified.values()
				.removeIf((entry) -> entry.getExpiresAt() == null || entry.getExpiresAt().isBefore(now));
			if (this.verified.size() >= this.maxEntries) {
				this.verified.clear();
			}
		}
		this.verified.put(token, jwt);
	}

}
