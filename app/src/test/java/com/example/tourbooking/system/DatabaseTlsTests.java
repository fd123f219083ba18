package com.example.tourbooking.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.tourbooking.TourBookingApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code postgres} profile as production runs it on RDS: a server that offers TLS
 * with a certificate from its own CA, and a client with {@code sslmode=verify-full} that
 * trusts only the bundle named by {@code sslrootcert}. A wrong or missing bundle stops
 * start-up at once with a message saying what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseTlsTests {

	private static final String JWT_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@TempDir
	static Path certificates;

	private static TestCertificates databaseCa;

	private static EmbeddedPostgres server;

	@BeforeAll
	static void startTlsServer() throws IOException {
		databaseCa = TestCertificates.authority(certificates, "database-ca");
		TestCertificates.ServerFiles serverFiles = databaseCa.issueServerCertificate("database");
		server = EmbeddedPostgres.builder()
			.setServerConfig("ssl", "on")
			.setServerConfig("ssl_cert_file", serverFiles.certificate().toString())
			.setServerConfig("ssl_key_file", serverFiles.key().toString())
			.start();
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@Test
	@Timeout(120)
	void theServiceStartsOverVerifiedTlsWithTheConfiguredCaBundle() {
		try (ConfigurableApplicationContext context = start(databaseCa.caPem())) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

			assertThat(jdbc.queryForObject("select ssl from pg_stat_ssl where pid = pg_backend_pid()", Boolean.class))
				.as("the connection is encrypted")
				.isTrue();
			assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
				.as("Flyway migrated over it")
				.isPositive();
		}
	}

	@Test
	@Timeout(60)
	void aBundleFromAnotherCaStopsStartUpSayingWhatToSet(CapturedOutput output) {
		Path otherCa = TestCertificates.authority(certificates, "other-ca").caPem();

		FailureAnalysis analysis = analyze(catchThrowable(() -> start(otherCa).close()));

		assertThat(analysis.getDescription()).contains("not signed by a CA in the configured bundle");
		assertThat(analysis.getAction()).contains("sslrootcert", "DB_URL", "global-bundle.pem");
		assertThat(output).as("the start-up report an operator reads")
			.contains("APPLICATION FAILED TO START", "not signed by a CA in the configured bundle",
					"sslmode=verify-full&sslrootcert=<file>");
	}

	@Test
	@Timeout(60)
	void aMissingBundleStopsStartUpSayingWhatToSet() {
		FailureAnalysis analysis = analyze(catchThrowable(() -> start(certificates.resolve("absent.pem")).close()));

		assertThat(analysis.getDescription()).contains("cannot be read", "absent.pem");
		assertThat(analysis.getAction()).contains("sslrootcert");
	}

	private static ConfigurableApplicationContext start(Path caBundle) {
		String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?sslmode=verify-full&sslrootcert="
				+ caBundle;
		return new SpringApplicationBuilder(TourBookingApplication.class).profiles("postgres")
			.run("--DB_URL=" + url, "--DB_USERNAME=postgres", "--tours.security.jwt.secret=" + JWT_KEY,
					"--server.port=0", "--management.server.port=-1", "--logging.level.root=WARN");
	}

	private static FailureAnalysis analyze(Throwable startFailure) {
		assertThat(startFailure).as("start-up failed").isNotNull();
		FailureAnalysis analysis = new DatabaseTlsFailureAnalyzer().analyze(startFailure);
		assertThat(analysis).as("analysis of %s", startFailure).isNotNull();
		return analysis;
	}

}
