package com.example.tourbooking.system;

import java.time.Duration;

/**
 * A client that went over a rate limit; answered 429 with {@code Retry-After}.
 */
public final class TooManyRequestsException extends ApiException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	private TooManyRequestsException(String detail, Duration retryAfter) {
		super(ProblemType.TOO_MANY_REQUESTS, detail);
		this.retryAfter = retryAfter;
	}

	/**
	 * @param what what was limited, for the detail ("login attempts for this account")
	 * @param retryAfter when the next attempt will be accepted
	 */
	public static TooManyRequestsException of(String what, Duration retryAfter) {
		return new TooManyRequestsException(
				"Too many " + what + "; retry after " + Math.max(1, retryAfter.toSeconds()) + " seconds.", retryAfter);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
