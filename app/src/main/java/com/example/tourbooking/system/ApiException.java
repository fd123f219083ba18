package com.example.tourbooking.system;

/**
 * A failure the client caused or can act on. Features subclass it with static factories
 * ({@code TourNotFoundException.forId(id)}); the message is written for the client and
 * must never carry secrets or internals.
 */
public abstract class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	protected ApiException(ProblemType type, String detail) {
		super(detail, null, false, false);
		this.type = type;
	}

	public ProblemType type() {
		return this.type;
	}

}
