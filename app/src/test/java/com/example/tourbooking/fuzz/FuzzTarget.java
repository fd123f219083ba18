package com.example.tourbooking.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.tourbooking.TourBookingApplication;

/**
 * The service under fuzzing: started in this JVM on a random port with production limits,
 * a known signing key (so the fuzzer can mint expired and forged tokens), a customer, two
 * guides and an admin, and a direct database connection to check the invariants after
 * every request.
 */
final class FuzzTarget implements AutoCloseable {

	static final String SECRET = "ZnV6ei10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMzItYnl0ZXMhIQ==";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final RawHttp http;

	private final Connection db;

	private final Map<String, String> tokens = new HashMap<>();

	private final Map<String, List<Long>> ids = new HashMap<>();

	private final Random random = new Random();

	private int sinceRefresh;

	private FuzzTarget(ConfigurableApplicationContext context, Connection db) {
		this.context = context;
		this.db = db;
		this.http = new RawHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/**
	 * Starts the service.
	 * @param profile {@code test} (PostgreSQL URL given) or {@code default} (embedded H2)
	 * @param jdbcUrl where the service and the checks connect
	 * @param username database user
	 */
	static FuzzTarget start(String profile, String jdbcUrl, String username) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TourBookingApplication.class)
			.profiles(profile)
			// Command-line arguments: they win over the profile's own settings.
			.run("--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + jdbcUrl,
					"--spring.datasource.username=" + username, "--spring.datasource.password=",
					"--tours.security.jwt.secret=" + SECRET, "--tours.security.login-throttle.per-address=30",
					// bcrypt's cheapest cost: hashing time is not what is fuzzed, and at
					// cost 10
					// the sign-ups and logins took most of the time budget.
					"--tours.security.password-hash-cost=4", "--tours.demo-data.enabled=false",
					"--logging.level.root=ERROR", "--spring.jpa.properties.hibernate.generate_statistics=false");
		FuzzTarget target = new FuzzTarget(context, DriverManager.getConnection(jdbcUrl, username, ""));
		target.arrange();
		return target;
	}

	private void arrange() throws Exception {
		this.tokens.put("customer", signUpAndLogin("fuzz-customer@example.com", "CUSTOMER"));
		this.tokens.put("guide", signUpAndLogin("fuzz-guide@example.com", "GUIDE"));
		String admin = signUpAndLogin("fuzz-admin@example.com", "CUSTOMER");
		try (Statement statement = this.db.createStatement()) {
			statement.executeUpdate("update users set role = 'ADMIN' where email = 'fuzz-admin@example.com'");
		}
		this.tokens.put("admin", login("fuzz-admin@example.com"));
		byte[] key = java.util.Base64.getDecoder().decode(SECRET);
		Instant now = Instant.now();
		this.tokens.put("expired", mint(key, "1", "ADMIN", now.minusSeconds(7200), now.minusSeconds(3600)));
		this.tokens.put("no-exp", mint(key, "1", "ADMIN", now, null));
		this.tokens.put("ghost-admin", mint(key, "987654321", "ADMIN", now, now.plusSeconds(3600)));
		this.tokens.put("forged", mint("not-the-key-but-32-bytes-long!!!".getBytes(StandardCharsets.UTF_8), "1",
				"ADMIN", now, now.plusSeconds(3600)));
		String tour = "{\"title\":\"Seed\",\"description\":\"Seed tour\",\"region\":\"Portugal\",\"pricePerPerson\":12.5,"
				+ "\"departures\":[{\"date\":\"" + java.time.LocalDate.now().plusDays(20) + "\",\"capacity\":30}]}";
		post("/api/tours", tour, this.tokens.get("guide"));
		refreshIds();
		post("/api/reservations", "{\"departureId\":" + this.ids.get("departure").get(0) + ",\"headcount\":2}",
				this.tokens.get("customer"));
		refreshIds();
	}

	private String signUpAndLogin(String email, String role) throws Exception {
		post("/api/auth/signup", "{\"email\":\"" + email
				+ "\",\"password\":\"fuzz-password\",\"name\":\"Fuzz\",\"role\":\"" + role + "\"}", null);
		return login(email);
	}

	private String login(String email) throws Exception {
		return JSON
			.readTree(post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"fuzz-password\"}", null))
			.path("accessToken")
			.asString();
	}

	private String post(String path, String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException("Arranging the fuzz target failed: " + path + " answered "
					+ response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	private static String mint(byte[] key, String subject, String role, Instant issuedAt, Instant expiresAt)
			throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("tour-booking")
			.subject(subject)
			.claim("role", role)
			.issueTime(java.util.Date.from(issuedAt));
		if (expiresAt != null) {
			claims.expirationTime(java.util.Date.from(expiresAt));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
		jwt.sign(new MACSigner(new SecretKeySpec(key, "HmacSHA256")));
		return jwt.serialize();
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	JsonNode openApi() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	RawHttp.Response send(FuzzRequest request) throws SQLException {
		if (++this.sinceRefresh >= 50) {
			refreshIds();
		}
		List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
		for (Map.Entry<String, String> header : request.headers()) {
			headers.add(Map.entry(header.getKey(), FuzzRequest.bytes(resolve(header.getValue()))));
		}
		byte[] body = (request.body() != null) ? FuzzRequest.bytes(resolve(request.body())) : null;
		return this.http.send(request.method(), resolve(request.target()), headers, body);
	}

	private String resolve(String raw) {
		String resolved = raw;
		for (String token : List.of("customer", "guide", "admin", "expired", "no-exp", "ghost-admin", "forged")) {
			resolved = resolved.replace("@@token:" + token + "@@", this.tokens.get(token));
		}
		for (String entity : List.of("tour", "departure", "reservation", "user")) {
			while (resolved.contains("@@" + entity + "@@")) {
				List<Long> known = this.ids.getOrDefault(entity, List.of());
				String id = known.isEmpty() ? "1" : String.valueOf(known.get(this.random.nextInt(known.size())));
				resolved = resolved.replaceFirst("@@" + entity + "@@", id);
			}
		}
		return resolved.replaceAll("@@[a-z]+@@", "1");
	}

	private void refreshIds() throws SQLException {
		this.sinceRefresh = 0;
		this.ids.put("tour", idsOf("tours"));
		this.ids.put("departure", idsOf("departures"));
		this.ids.put("reservation", idsOf("reservations"));
		this.ids.put("user", idsOf("users"));
	}

	private List<Long> idsOf(String table) throws SQLException {
		List<Long> found = new ArrayList<>();
		try (Statement statement = this.db.createStatement();
				ResultSet rows = statement.executeQuery("select id from " + table + " order by id desc limit 50")) {
			while (rows.next()) {
				found.add(rows.getLong(1));
			}
		}
		return found;
	}

	/**
	 * What a refused request must leave as it was: row counts and the columns the API can
	 * change.
	 */
	List<Object> state() throws SQLException {
		String sql = "select (select count(*) from users), (select count(*) from users where role = 'ADMIN'),"
				+ " (select count(*) from users where role = 'GUIDE'), (select count(*) from tours),"
				+ " (select count(*) from tours where deleted_at is not null),"
				+ " (select coalesce(sum(price_per_person), 0) from tours),"
				+ " (select coalesce(sum(length(title) + length(description) + length(region)), 0) from tours),"
				+ " (select count(*) from departures), (select coalesce(sum(seats_left), 0) from departures),"
				+ " (select count(*) from reservations), (select count(*) from reservations where status = 'CANCELLED')";
		List<Object> state = new ArrayList<>();
		try (Statement statement = this.db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			for (int i = 1; i <= 11; i++) {
				state.add(row.getBigDecimal(i));
			}
		}
		return state;
	}

	/** Departures whose free seats and confirmed headcount do not add up to capacity. */
	long brokenSeatCounts() throws SQLException {
		String sql = "select count(*) from departures d where d.seats_left + coalesce((select sum(r.headcount)"
				+ " from reservations r where r.departure_id = d.id and r.status = 'CONFIRMED'), 0) <> d.capacity";
		try (Statement statement = this.db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getLong(1);
		}
	}

	static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	@Override
	public void close() throws SQLException {
		this.db.close();
		this.context.close();
	}

}
