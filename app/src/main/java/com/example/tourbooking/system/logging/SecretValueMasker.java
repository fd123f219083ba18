package com.example.tourbooking.system.logging;

import java.util.regex.Pattern;

import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks secrets inside every string value of a JSON log event: JSON web tokens, bearer
 * credentials, and emails (kept as their first character and domain). The same three
 * regular expressions the encoder's {@code <value>} and {@code <valueMask>} elements
 * would run, in the same order, each applied to the previous one's result as
 * {@code MaskingJsonGenerator} chains value maskers; but a regular expression runs only
 * when the value holds the literal text it cannot match without ("eyJ", "bearer" in any
 * ASCII case, "@"). Running all three on every value took a tenth of a booking's CPU
 * (issue 15). {@code SecretValueMaskerTests} compares it with {@code RegexValueMasker} on
 * generated values.
 */
public final class SecretValueMasker implements ValueMasker {

	/** What a JWT or a bearer credential becomes. */
	static final String MASK = "****";

	static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");

	static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

	static final String EMAIL_MASK = "$1***@$2";

	@Override
	public Object mask(TokenStreamContext context, Object value) {
		if (!(value instanceof CharSequence text)) {
			return null;
		}
		String original = text.toString();
		String masked = original;
		if (masked.contains("eyJ")) {
			masked = JWT.matcher(masked).replaceAll(MASK);
		}
		if (containsBearer(masked)) {
			masked = BEARER.matcher(masked).replaceAll(MASK);
		}
		if (masked.indexOf('@') >= 0) {
			masked = EMAIL.matcher(masked).replaceAll(EMAIL_MASK);
		}
		return masked.equals(original) ? null : masked;
	}

	/**
	 * Whether "bearer" occurs in any case: never false where {@code (?i)bearer} matches
	 * (without {@code UNICODE_CASE} that flag folds ASCII letters only, so a match starts
	 * with 'b' or 'B'; String's case-insensitive comparison accepts at least the ASCII
	 * case variants of the rest). The rest is compared only at a 'b': comparing at every
	 * index was a quarter of the masking's cost.
	 */
	private static boolean containsBearer(String value) {
		for (int i = 0; i <= value.length() - 6; i++) {
			if ((value.charAt(i) | 0x20) == 'b' && value.regionMatches(true, i + 1, "earer", 0, 5)) {
				return true;
			}
		}
		return false;
	}

}
