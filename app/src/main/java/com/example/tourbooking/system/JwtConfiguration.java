package com.example.tourbooking.system;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * One HMAC key signs and verifies access tokens. Spring Security's resource server
 * verifies them; the key comes from configuration and is never logged.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

	private static final int MIN_KEY_BYTES = 32;

	@Bean
	SecretKey jwtSigningKey(JwtProperties properties) {
		return new SecretKeySpec(keyBytes(properties), "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey jwtSigningKey, JwtProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// JwtTimestampValidator (Spring Security 7.0) accepts a token without "exp":
		// require
		// it, and allow only a small clock skew between the pods that issue and verify.
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer()),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
		return decoder;
	}

	static byte[] keyBytes(JwtProperties properties) {
		if (properties.secret() == null || properties.secret().isBlank()) {
			if (!properties.allowGeneratedSecret()) {
				throw new IllegalStateException("JWT_SECRET is not set. Set it to a base64 key of at least "
						+ MIN_KEY_BYTES + " bytes (e.g. `openssl rand -base64 32`), from a Secret in Kubernetes.");
			}
			log.warn("JWT_SECRET is not set: using a generated key; tokens stop working when the process stops");
			byte[] generated = new byte[MIN_KEY_BYTES];
			new SecureRandom().nextBytes(generated);
			return generated;
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(properties.secret().trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("JWT_SECRET is not valid base64", ex);
		}
		if (key.length < MIN_KEY_BYTES) {
			throw new IllegalStateException("JWT_SECRET must decode to at least " + MIN_KEY_BYTES + " bytes");
		}
		return key;
	}

}
