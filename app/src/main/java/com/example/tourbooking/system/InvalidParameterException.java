package com.example.tourbooking.system;

/**
 * A request parameter or header that passed type conversion but is still out of range.
 */
public final class InvalidParameterException extends ApiException {

	private static final long serialVersionUID = 1L;

	private InvalidParameterException(String detail) {
		super(ProblemType.VALIDATION, detail);
	}

	public static InvalidParameterException of(String parameter, String rule) {
		return new InvalidParameterException("Parameter '" + parameter + "' " + rule + ".");
	}

	public static InvalidParameterException header(String header, String rule) {
		return new InvalidParameterException("Header '" + header + "' " + rule + ".");
	}

}
