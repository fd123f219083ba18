package com.example.tourbooking.system;

import java.io.IOException;

/**
 * Thrown while reading a request body that is over the size limit or took too long to
 * arrive. An {@link IOException}, so whatever reads the body (Jackson, Spring MVC) passes
 * it on and {@link KnownFailures} turns it into a 413 or 408.
 */
final class RequestLimitExceededException extends IOException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private RequestLimitExceededException(ProblemType type, String detail) {
		super(detail);
		this.type = type;
	}

	static RequestLimitExceededException tooLarge(long maxBytes) {
		return new RequestLimitExceededException(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + maxBytes + " bytes.");
	}

	static RequestLimitExceededException tooSlow(long seconds) {
		return new RequestLimitExceededException(ProblemType.REQUEST_TIMEOUT,
				"The request body did not arrive within " + seconds + " seconds.");
	}

	ProblemType type() {
		return this.type;
	}

}
