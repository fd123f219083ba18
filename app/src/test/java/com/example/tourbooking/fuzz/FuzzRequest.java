package com.example.tourbooking.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One generated request, before its placeholders ({@code @@tour@@},
 * {@code @@token:admin@@}) are replaced with ids and tokens that exist when it is sent.
 *
 * @param operation the OpenAPI operation it was generated for
 * @param method the method sent (usually the operation's)
 * @param target path and query, raw
 * @param headers header names and raw values
 * @param body the raw body, or {@code null}
 */
record FuzzRequest(String operation, String method, String target, List<Map.Entry<String, String>> headers,
		String body) {

	@Override
	public String toString() {
		return this.method + " " + this.target + " "
				+ this.headers.stream().map((h) -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining(" | "))
				+ ((this.body != null) ? " BODY " + this.body.substring(0, Math.min(300, this.body.length())) : "");
	}

	static byte[] bytes(String raw) {
		// A generated "\u00FF..." marks bytes to send as they are (invalid UTF-8 on
		// purpose).
		if (raw.startsWith(RAW_BYTES)) {
			return raw.substring(RAW_BYTES.length()).getBytes(StandardCharsets.ISO_8859_1);
		}
		return raw.getBytes(StandardCharsets.UTF_8);
	}

	/** Prefix of a value sent as ISO-8859-1 bytes rather than UTF-8. */
	static final String RAW_BYTES = "@@raw@@";

}
