package com.example.tourbooking.system;

import javax.net.ssl.SSLException;

import org.postgresql.util.PSQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused TLS connection to PostgreSQL at start-up into a message that says what
 * to set. pgjdbc reports every TLS failure as a {@link PSQLException}: a missing or
 * unreadable {@code sslrootcert} from {@code LibPQFactory} ("Could not open SSL root
 * certificate file", defaulting to {@code ~/.postgresql/root.crt}), a certificate the CA
 * did not sign as "SSL error: ..." around the {@link SSLException} from the handshake,
 * and a host name the certificate does not name from {@code MakeSSL.verifyPeerName}
 * (pgjdbc 42.7, {@code org.postgresql.ssl}).
 */
class DatabaseTlsFailureAnalyzer extends AbstractFailureAnalyzer<PSQLException> {

	private static final String ACTION = """
			Point the JDBC URL (DB_URL) at the CA bundle that signed the database's certificate, \
			with sslmode=verify-full&sslrootcert=<file>. On Amazon RDS that is the RDS global bundle \
			(global-bundle.pem), mounted from the ConfigMap tour-booking-db-ca at \
			/etc/tour-booking/db-ca/global-bundle.pem (k8s/README.md, "Database TLS"). Connect by the \
			host name the certificate names (the RDS endpoint, not an IP address or alias).""";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PSQLException cause) {
		String problem = problem(cause);
		if (problem == null) {
			return null;
		}
		return new FailureAnalysis(
				"The database refused a verified TLS connection: " + problem + " (pgjdbc: " + cause.getMessage() + ")",
				ACTION, cause);
	}

	private static String problem(PSQLException failure) {
		String message = String.valueOf(failure.getMessage());
		if (message.contains("SSL root certificate")) {
			return "the CA bundle named by sslrootcert cannot be read";
		}
		if (failure.getCause() instanceof SSLException) {
			return "the server's certificate is not signed by a CA in the configured bundle";
		}
		if (message.contains("could not be verified by hostnameverifier")) {
			return "the server's certificate does not name the host in the JDBC URL";
		}
		if (message.contains("does not support SSL")) {
			return "the server does not offer TLS";
		}
		return null;
	}

}
