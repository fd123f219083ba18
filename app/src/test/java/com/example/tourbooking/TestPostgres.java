package com.example.tourbooking;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM (unpacked and started on first use), shared by
 * every test context, like the one RDS instance all pods share in production.
 */
public final class TestPostgres {

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	public static synchronized DataSource dataSource() {
		return server().getPostgresDatabase();
	}

	public static synchronized int port() {
		return server().getPort();
	}

	public static synchronized String jdbcUrl() {
		return server().getJdbcUrl("postgres", "postgres");
	}

	/**
	 * A new, empty database on the shared server, for a test that starts its own
	 * application and must not see (or leave data for) the others.
	 * @param name the database name (dropped first if it exists)
	 * @return its JDBC URL, for user {@code postgres} without a password
	 */
	public static synchronized String freshDatabase(String name) {
		try (java.sql.Connection connection = dataSource().getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
			statement.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	private static EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop));
		}
		return server;
	}

	private static synchronized void stop() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// The JVM is exiting; the server's files are temporary anyway.
		}
	}

}
