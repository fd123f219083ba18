package com.example.tourbooking.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

import org.hibernate.exception.JDBCConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures that are not our bug although they surface as exceptions, wherever they are
 * thrown (controller, security filter, servlet container): input Tomcat could not decode,
 * a body over the limit, a database that cannot be reached. Everything else that escapes
 * is a 5xx and logged as our bug. The API answers them as problems, the site as friendly
 * pages ({@code web.PageErrorResolver}).
 */
public final class KnownFailures {

	/** How long a client should wait before retrying while the database is away. */
	static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

	private KnownFailures() {
	}

	/**
	 * @param thrown what escaped a controller, a filter or the container
	 * @return what to answer, when it is not our bug
	 */
	public static Optional<Failure> classify(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			Optional<Failure> failure = classifyOne(cause);
			if (failure.isPresent()) {
				return failure;
			}
		}
		return Optional.empty();
	}

	private static Optional<Failure> classifyOne(Throwable cause) {
		// StrictHttpFirewall (Spring Security 7.0) checks header values when they are
		// read, so a refused header can surface in a controller.
		if (cause instanceof RequestRejectedException) {
			return Optional.of(new Failure(ProblemType.REJECTED_REQUEST,
					"The request URL or headers contain characters this service refuses.", null));
		}
		if (cause instanceof RequestLimitExceededException limit) {
			return Optional.of(new Failure(limit.type(), limit.getMessage(), null));
		}
		// Tomcat refuses to decode a parameter (invalid UTF-8, too many parameters) only
		// when the application first asks for parameters: read in
		// org.apache.catalina.connector.Request#parseParameters (Tomcat 11.0).
		if (cause instanceof org.apache.tomcat.util.http.InvalidParameterException) {
			return Optional.of(new Failure(ProblemType.MALFORMED_REQUEST,
					"A query or form parameter could not be decoded: send UTF-8, percent-encoded.", null));
		}
		// SQLSTATE class 08 (connection exception) and 57P01-03 (the server shut down or
		// terminated the session): PostgreSQL's errcodes, also what Hikari sets on a
		// closed connection.
		if (cause instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
			return Optional.of(databaseUnavailable());
		}
		// HikariCP 7.0's proxy of a connection the server already closed says so without
		// a
		// SQLSTATE (seen when a rollback follows a terminated session).
		if (cause instanceof SQLException sql && sql.getSQLState() == null
				&& "Connection is closed".equals(sql.getMessage())) {
			return Optional.of(databaseUnavailable());
		}
		if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
				|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
				|| cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException) {
			return Optional.of(databaseUnavailable());
		}
		return Optional.empty();
	}

	private static Failure databaseUnavailable() {
		return new Failure(ProblemType.SERVICE_UNAVAILABLE,
				"The database cannot be reached right now; retry in a few seconds.", DATABASE_RETRY_AFTER);
	}

	/**
	 * What to answer for a known failure.
	 *
	 * @param type the problem type
	 * @param detail a client-safe detail
	 * @param retryAfter when to retry, or {@code null} when retrying the same request is
	 * pointless
	 */
	public record Failure(ProblemType type, String detail, Duration retryAfter) {

		ProblemDetail problem() {
			return ProblemDetails.of(this.type, this.detail);
		}

	}

}
