package com.example.tourbooking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under light traffic and comes back: requests fail fast with 503
 * and {@code Retry-After}, readiness goes DOWN and UP again, health never hangs, and no
 * booking is left half-done. The service connects through its own Hikari pool (the
 * production settings) as its own role on the real PostgreSQL; the cut blocks that role
 * and terminates its connections, as a failover or a revoked credential would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DatabaseOutageTests {

	private static final String ROLE = "outage_app";

	private static final Duration FAST = Duration.ofMillis(3_500);

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource appDataSource;

	@DynamicPropertySource
	static void ownDatabaseAndRole(DynamicPropertyRegistry registry) {
		superuser((statement) -> {
			statement.execute("drop database if exists outage with (force)");
			statement.execute("drop role if exists " + ROLE);
			statement.execute("create role " + ROLE + " login password 'outage'");
			statement.execute("create database outage owner " + ROLE);
		});
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + TestPostgres.port() + "/outage");
		registry.add("spring.datasource.username", () -> ROLE);
		registry.add("spring.datasource.password", () -> "outage");
	}

	@AfterAll
	static void restoreRole() {
		superuser((statement) -> statement.execute("alter role " + ROLE + " login"));
	}

	@Test
	void aDatabaseCutFailsRequestsFastAndTheServiceRecoversWithoutRestart() throws Exception {
		Api api = new Api(this.port);
		TestData data = new TestData(this.appDataSource);
		String guide = signUp(api, "guide@example.com", "GUIDE");
		String customer = signUp(api, "customer@example.com", "CUSTOMER");
		Api.Response tour = api.post("/api/tours",
				Map.of("title", "Outage", "description", "D", "region", "R", "pricePerPerson", "10.00", "departures",
						List.of(Map.of("date", java.time.LocalDate.now().plusDays(5).toString(), "capacity", 500))),
				guide);
		long departure = tour.json().path("departures").get(0).path("id").asLong();

		AtomicBoolean cut = new AtomicBoolean();
		AtomicLong booked = new AtomicLong();
		ConcurrentLinkedQueue<String> slowOrWrong = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> cutMillis = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService traffic = Executors.newFixedThreadPool(3);
		for (int t = 0; t < 3; t++) {
			int kind = t;
			traffic.submit(() -> {
				while (running.get()) {
					boolean duringCut = cut.get();
					long start = System.nanoTime();
					Api.Response response = switch (kind) {
						case 0 -> api.get("/api/tours", null);
						case 1 ->
							api.post("/api/reservations", Map.of("departureId", departure, "headcount", 1), customer);
						default -> api.post("/api/tours/" + tour.id() + "/departures",
								Map.of("date", java.time.LocalDate.now().plusDays(9).toString(), "capacity", 2), guide);
					};
					long millis = (System.nanoTime() - start) / 1_000_000;
					if (response.status() == 201 && kind == 1) {
						booked.incrementAndGet();
					}
					if (response.status() >= 500 && response.status() != 503) {
						slowOrWrong.add(response.status() + " " + response.body());
					}
					if (duringCut && cut.get()) {
						cutMillis.add(millis);
						if (response.status() != 503 || response.headers().firstValue("Retry-After").isEmpty()
								|| !response.contentType().startsWith("application/problem+json")) {
							slowOrWrong.add("during the cut: " + response.status() + " " + response.body());
						}
						if (millis > FAST.toMillis()) {
							slowOrWrong.add("during the cut: answered after " + millis + " ms");
						}
					}
					sleep(50);
				}
				return null;
			});
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> booked.get() >= 3);

		superuser((statement) -> {
			statement.execute("alter role " + ROLE + " nologin");
			statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + ROLE + "'");
		});
		// Requests already inside the database when it went may still complete.
		sleep(FAST.toMillis());
		cut.set(true);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(timedGet("/readyz").statusCode()).isEqualTo(503);
		});
		for (String path : List.of("/readyz", "/livez")) {
			long start = System.nanoTime();
			HttpResponse<String> health = timedGet(path);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path + " answers fast").isLessThan(FAST);
			assertThat(health.statusCode()).isEqualTo(path.equals("/livez") ? 200 : 503);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> cutMillis.size() >= 6);
		cut.set(false);

		superuser((statement) -> statement.execute("alter role " + ROLE + " login"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(timedGet("/readyz").statusCode()).isEqualTo(200));
		long bookedBefore = booked.get();
		await().atMost(Duration.ofSeconds(20)).until(() -> booked.get() > bookedBefore);
		running.set(false);
		traffic.shutdown();
		assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		System.out.println("Database outage: " + cutMillis.size() + " requests during the cut, slowest "
				+ cutMillis.stream().mapToLong(Long::longValue).max().orElse(0) + " ms");
		assertThat(slowOrWrong).isEmpty();
		assertThat(data.seatsLeft(departure) + data.confirmedHeadcount(departure)).isEqualTo(500);
		assertThat(data.confirmedHeadcount(departure)).as("every acknowledged booking is kept")
			.isGreaterThanOrEqualTo((int) booked.get());
	}

	private HttpResponse<String> timedGet(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String signUp(Api api, String email, String role) {
		api.post("/api/auth/signup", Map.of("email", email, "password", "password-1", "name", "N", "role", role), null);
		return api.post("/api/auth/login", Map.of("email", email, "password", "password-1"), null)
			.json()
			.path("accessToken")
			.asString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void superuser(SqlAction action) {
		try (Connection connection = TestPostgres.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			action.run(statement);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A statement run as the database superuser. */
	@FunctionalInterface
	interface SqlAction {

		void run(Statement statement) throws SQLException;

	}

}
