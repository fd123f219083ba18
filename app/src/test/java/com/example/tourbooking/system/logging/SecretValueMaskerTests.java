package com.example.tourbooking.system.logging;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.logstash.logback.mask.RegexValueMasker;
import net.logstash.logback.mask.ValueMasker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masker writes exactly what the encoder's own regular-expression maskers would
 * ({@code <value>} JWT and bearer with the default mask, then {@code <valueMask>} email),
 * chained in that order as {@code MaskingJsonGenerator} chains them, on values generated
 * from the pieces that make the expressions match or almost match.
 */
class SecretValueMaskerTests {

	private static final List<ValueMasker> ENCODER_MASKERS = List.of(
			new RegexValueMasker(SecretValueMasker.JWT, SecretValueMasker.MASK),
			new RegexValueMasker(SecretValueMasker.BEARER, SecretValueMasker.MASK),
			new RegexValueMasker(SecretValueMasker.EMAIL, SecretValueMasker.EMAIL_MASK));

	private final SecretValueMasker masker = new SecretValueMasker();

	@Property(tries = 5000)
	void masksExactlyAsTheEncodersRegexMaskersDo(@ForAll("logValues") String value) {
		assertThat(written(this.masker.mask(null, value), value)).isEqualTo(byEncoderMaskers(value));
	}

	@Example
	void masksTokensBearerCredentialsAndEmails() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

		assertThat(this.masker.mask(null, "token " + jwt + " for ann@example.com"))
			.isEqualTo("token **** for a***@example.com");
		assertThat(this.masker.mask(null, "Authorization: BEARER abc.def")).isEqualTo("Authorization: ****");
		assertThat(this.masker.mask(null, "GET /api/tours 200")).isNull();
		assertThat(this.masker.mask(null, 42)).isNull();
		assertThat(this.masker.mask(null, new StringBuilder("bob@example.org"))).isEqualTo("b***@example.org");
	}

	@Provide
	Arbitrary<String> logValues() {
		Arbitrary<String> piece = Arbitraries.oneOf(
				Arbitraries.of("eyJ", "eyJhbGciOiJIUzI1NiJ9", ".", "..", "-", "_", "bearer", "Bearer ", "BEARER\t",
						"bEaReR  ", "beare", "Authorization: Bearer ", "@", "@example.com", "ann", "a.b+c", ".org",
						".c", "x", " ", "\n", "=", "/", "~", "%", "é", "ſ", "K", "İ", "🙂", "\u0000"),
				Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12),
				Arbitraries.strings().all().ofMaxLength(4));
		return piece.list().ofMaxSize(12).map((pieces) -> String.join("", pieces));
	}

	private static String byEncoderMaskers(String value) {
		Object current = value;
		for (ValueMasker masker : ENCODER_MASKERS) {
			Object masked = masker.mask(null, current);
			if (masked != null) {
				current = masked;
			}
		}
		return current.toString();
	}

	private static String written(Object masked, String value) {
		return (masked != null) ? masked.toString() : value;
	}

}
