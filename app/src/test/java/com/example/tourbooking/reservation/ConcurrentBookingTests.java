package com.example.tourbooking.reservation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;
import com.example.tourbooking.PostgresTestConfiguration;
import com.example.tourbooking.TourBookingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one PostgreSQL database, many threads racing for the last
 * seats: the database, not a JVM lock, decides who gets them.
 */
class ConcurrentBookingTests extends ApiTestSupport {

	/**
	 * A signing key generated per run, shared by both instances as it would be via a
	 * Secret.
	 */
	private static final String SHARED_KEY = randomKey();

	private static final int CAPACITY = 10;

	private static final int ATTEMPTS = 40;

	private ConfigurableApplicationContext secondInstance;

	private Api secondApi;

	@DynamicPropertySource
	static void sharedSigningKey(DynamicPropertyRegistry registry) {
		registry.add("tours.security.jwt.secret", () -> SHARED_KEY);
	}

	@BeforeEach
	void startSecondInstance() {
		this.secondInstance = new SpringApplicationBuilder(TourBookingApplication.class,
				PostgresTestConfiguration.class)
			.profiles("test")
			.run("--server.port=0", "--management.server.port=-1", "--tours.security.jwt.secret=" + SHARED_KEY);
		int port = ((WebServerApplicationContext) this.secondInstance).getWebServer().getPort();
		this.secondApi = new Api(port);
	}

	@AfterEach
	void stopSecondInstance() {
		this.secondInstance.close();
	}

	@Test
	void racingForTheLastSeatsConfirmsExactlyTheCapacity() throws Exception {
		long departure = firstDeparture(createTour(guide(), "Race", "25.00", CAPACITY, 1));
		List<Caller> customers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			customers.add(customer());
		}

		List<Integer> statuses = race(departure, customers);

		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(CAPACITY);
		assertThat(this.data.seatsLeft(departure)).isZero();
		assertThat(this.data.confirmedHeadcount(departure)).isEqualTo(CAPACITY);
		assertThat(this.secondApi.get("/api/tours?q=race", null)
			.json()
			.path("content")
			.get(0)
			.path("departures")
			.get(0)
			.path("seatsLeft")
			.asInt()).isZero();
	}

	@Test
	void cancellingAfterTheRaceFreesExactlyItsSeats() throws Exception {
		long departure = firstDeparture(createTour(guide(), "Race", "25.00", CAPACITY, 1));
		Caller customer = customer();
		race(departure, List.of(customer, customer(), customer()));
		long reservation = this.api.get("/api/reservations", customer.token())
			.json()
			.path("content")
			.get(0)
			.path("id")
			.asLong();

		Api.Response cancelled = this.secondApi.post("/api/reservations/" + reservation + "/cancel", null,
				customer.token());

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(this.data.seatsLeft(departure)).isEqualTo(1);
		assertThat(this.data.confirmedHeadcount(departure)).isEqualTo(CAPACITY - 1);
		assertThat(book(customer(), departure, 1).status()).isEqualTo(201);
		assertThat(book(customer(), departure, 1).status()).isEqualTo(409);
	}

	private List<Integer> race(long departure, List<Caller> customers) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> results = new ArrayList<>();
		try {
			for (int i = 0; i < ATTEMPTS; i++) {
				Api instance = (i % 2 == 0) ? this.api : this.secondApi;
				Caller customer = customers.get(i % customers.size());
				Callable<Integer> attempt = () -> {
					start.await();
					return instance
						.post("/api/reservations", Map.of("departureId", departure, "headcount", 1), customer.token())
						.status();
				};
				results.add(pool.submit(attempt));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get(60, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
