package com.example.tourbooking.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API answers with, each with a stable {@code type} URI that
 * clients can switch on. Forks change {@link #BASE} to their own documentation address.
 */
public enum ProblemType {

	VALIDATION("validation-error", HttpStatus.BAD_REQUEST, "Invalid request"),

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),

	REJECTED_REQUEST("rejected-request", HttpStatus.BAD_REQUEST, "Request rejected"),

	AMOUNT_OUT_OF_RANGE("amount-out-of-range", HttpStatus.BAD_REQUEST, "Amount out of range"),

	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),

	BAD_CREDENTIALS("bad-credentials", HttpStatus.UNAUTHORIZED, "Wrong email or password"),

	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),

	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request took too long to send"),

	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflicting change"),

	ROLE_CHANGE_REFUSED("role-change-refused", HttpStatus.CONFLICT, "Role change refused"),

	EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email already registered"),

	SOLD_OUT("sold-out", HttpStatus.CONFLICT, "Not enough seats left"),

	DEPARTURE_CLOSED("departure-closed", HttpStatus.CONFLICT, "Departure is in the past"),

	HEADCOUNT_EXCEEDS_CAPACITY("headcount-exceeds-capacity", HttpStatus.BAD_REQUEST,
			"Headcount exceeds the departure's capacity"),

	TOUR_HAS_RESERVATIONS("tour-has-reservations", HttpStatus.CONFLICT, "Tour has confirmed future reservations"),

	RESERVATION_NOT_CANCELLABLE("reservation-not-cancellable", HttpStatus.CONFLICT,
			"Reservation can no longer be cancelled"),

	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"Idempotency key already used for another request"),

	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable");

	/** Where the problem types are documented; every {@code type} URI starts with it. */
	public static final String BASE = "https://tour-booking.example.com/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	public URI uri() {
		return URI.create(BASE + this.slug);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> VALIDATION;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 408 -> REQUEST_TIMEOUT;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_REQUESTS;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> (status >= 500) ? INTERNAL : MALFORMED_REQUEST;
		};
	}

}
