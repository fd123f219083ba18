package com.example.tourbooking.system;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues the signed access tokens that the resource server later verifies. The subject is
 * the user id and the {@code role} claim becomes the caller's authority.
 */
@Service
public class TokenService {

	/** The claim that carries the user's role. */
	public static final String ROLE_CLAIM = "role";

	private final JwtEncoder encoder;

	private final JwtProperties properties;

	private final Clock clock;

	TokenService(JwtEncoder encoder, JwtProperties properties, Clock clock) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	public IssuedToken issue(long userId, String role) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(Long.toString(userId))
			.issuedAt(now)
			.expiresAt(now.plus(this.properties.ttl()))
			.claim(ROLE_CLAIM, role)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, this.properties.ttl().toSeconds());
	}

	/**
	 * A signed token and its lifetime.
	 *
	 * @param value the compact JWT
	 * @param expiresInSeconds seconds until it expires
	 */
	public record IssuedToken(String value, long expiresInSeconds) {
	}

}
