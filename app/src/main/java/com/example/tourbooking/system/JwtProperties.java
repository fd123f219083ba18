package com.example.tourbooking.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How access tokens are signed and how long they live.
 *
 * @param secret base64 HMAC-SHA256 key of at least 32 bytes ({@code JWT_SECRET}); comes
 * from a Secret in Kubernetes
 * @param ttl lifetime of an access token ({@code JWT_TTL})
 * @param issuer the {@code iss} claim written and required
 * @param clockSkew how far the clocks of the pod that issued a token and the one
 * verifying it may differ; a token is accepted this long after its {@code exp}
 * ({@code JWT_CLOCK_SKEW})
 * @param allowGeneratedSecret whether a random key may be generated when {@code secret}
 * is empty (the embedded default only: tokens then die with the process)
 */
@ConfigurationProperties("tours.security.jwt")
record JwtProperties(String secret, Duration ttl, String issuer, Duration clockSkew, boolean allowGeneratedSecret) {
}
