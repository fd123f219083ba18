package com.example.tourbooking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the full-stack tests: a clean database before each test and helpers that act
 * the way clients do (sign up, log in, create tours) through the public API.
 */
@ApplicationTest
public abstract class ApiTestSupport {

	/** Problem type URIs start with this. */
	protected static final String PROBLEMS = "https://tour-booking.example.com/problems/";

	private static final AtomicInteger USERS = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	protected Api api;

	protected TestData data;

	@BeforeEach
	void resetDatabase() {
		this.data = new TestData(this.dataSource);
		this.data.wipe();
		this.api = new Api(this.port);
	}

	protected Caller customer() {
		return signUp("CUSTOMER");
	}

	protected Caller guide() {
		return signUp("GUIDE");
	}

	protected Caller admin() {
		Caller user = signUp("CUSTOMER");
		this.data.makeAdmin(user.id());
		return login(user.email(), user.password());
	}

	protected Caller signUp(String role) {
		int n = USERS.incrementAndGet();
		String email = "user" + n + "@example.com";
		String password = "password-" + n;
		Api.Response signup = this.api.post("/api/auth/signup",
				Map.of("email", email, "password", password, "name", "User " + n, "role", role), null);
		assertThat(signup.status()).as(signup.body()).isEqualTo(201);
		return login(email, password);
	}

	protected Caller login(String email, String password) {
		Api.Response login = this.api.post("/api/auth/login", Map.of("email", email, "password", password), null);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		String token = login.json().path("accessToken").asString();
		long id = this.api.get("/api/users/me", token).id();
		return new Caller(id, email, password, token);
	}

	protected Api.Response createTour(Caller guide, String title, String price, int capacity, int departures) {
		List<Map<String, Object>> dates = new ArrayList<>();
		for (int i = 1; i <= departures; i++) {
			dates.add(Map.of("date", LocalDate.now().plusDays(10L * i).toString(), "capacity", capacity));
		}
		Api.Response tour = this.api.post("/api/tours", Map.of("title", title, "description", "A tour called " + title,
				"region", "Portugal", "pricePerPerson", price, "departures", dates), guide.token());
		assertThat(tour.status()).as(tour.body()).isEqualTo(201);
		return tour;
	}

	protected long firstDeparture(Api.Response tour) {
		return tour.json().path("departures").get(0).path("id").asLong();
	}

	protected Api.Response book(Caller customer, long departureId, int headcount) {
		return this.api.post("/api/reservations", Map.of("departureId", departureId, "headcount", headcount),
				customer.token());
	}

	/**
	 * A signed-in user.
	 *
	 * @param id user id
	 * @param email login email
	 * @param password login password
	 * @param token bearer token
	 */
	protected record Caller(long id, String email, String password, String token) {
	}

}
