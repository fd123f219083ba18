package com.example.tourbooking;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default as {@code make run} and the image start it (no profile: H2 and
 * demo data): readiness turns UP only once the demo data is in, and booking works on H2
 * with the same answers as on PostgreSQL (the seat statement has an H2 form of its own).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "logging.level.root=WARN" })
class EmbeddedDefaultTests {

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private SeedingAtReadiness seedingAtReadiness;

	@Test
	void readinessTurnsUpOnlyAfterTheDemoDataIsSeeded() {
		assertThat(this.seedingAtReadiness.usersAndTours.get()).as("users and tours when readiness turned UP")
			.isEqualTo(new long[] { 3, 12 });
	}

	@Test
	void searchesGiveTheirConnectionsBack() throws SQLException {
		Api api = new Api(this.port);
		int searches = 3 * this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();

		for (int i = 0; i < searches; i++) {
			Api.Response found = api.get("/api/tours?q=the", null);
			assertThat(found.status()).as("search %d of %d: %s", i + 1, searches, found.body()).isEqualTo(200);
			assertThat(found.json().path("content").get(0).path("departures").size()).isEqualTo(3);
		}
	}

	@Test
	void theDemoCustomerBooksRefusedWhenTooManyAndSoldOutOnH2() {
		Api api = new Api(this.port);
		Api.Response login = api.post("/api/auth/login",
				Map.of("email", "customer@example.com", "password", "customer-pass"), null);
		String token = login.json().path("accessToken").asString();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		long departure = jdbc.sql("select min(id) from departures where seats_left = capacity")
			.query(Long.class)
			.single();
		int capacity = jdbc.sql("select capacity from departures where id = ?")
			.param(departure)
			.query(Integer.class)
			.single();

		Api.Response booked = api.post("/api/reservations", Map.of("departureId", departure, "headcount", 2), token);
		Api.Response tooMany = api.post("/api/reservations",
				Map.of("departureId", departure, "headcount", capacity + 1), token);
		Api.Response rest = api.post("/api/reservations", Map.of("departureId", departure, "headcount", capacity - 2),
				token);
		Api.Response soldOut = api.post("/api/reservations", Map.of("departureId", departure, "headcount", 1), token);
		Api.Response unknown = api.post("/api/reservations", Map.of("departureId", 999_999, "headcount", 1), token);

		assertThat(booked.status()).as(booked.body()).isEqualTo(201);
		assertThat(booked.json().path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
		assertThat(tooMany.problemType()).endsWith("/headcount-exceeds-capacity");
		assertThat(rest.status()).as(rest.body()).isEqualTo(201);
		assertThat(soldOut.status()).as(soldOut.body()).isEqualTo(409);
		assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
		assertThat(jdbc.sql("select seats_left from departures where id = ?")
			.param(departure)
			.query(Integer.class)
			.single()).isZero();
	}

	/**
	 * Counts the demo users and tours at the moment readiness turns to accepting traffic.
	 */
	static final class SeedingAtReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

		private final DataSource dataSource;

		final AtomicReference<long[]> usersAndTours = new AtomicReference<>();

		SeedingAtReadiness(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
			if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
				JdbcClient jdbc = JdbcClient.create(this.dataSource);
				this.usersAndTours.set(new long[] { jdbc.sql("select count(*) from users").query(Long.class).single(),
						jdbc.sql("select count(*) from tours").query(Long.class).single() });
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ReadinessProbe {

		@Bean
		SeedingAtReadiness seedingAtReadiness(DataSource dataSource) {
			return new SeedingAtReadiness(dataSource);
		}

	}

}
