package com.example.tourbooking.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds three demo accounts (admin, guide, customer) and a dozen tours with future
 * departures into an empty database. Departure dates are relative to today, so the demo
 * never goes stale.
 * <p>
 * Always a bean, and {@code tours.demo-data.enabled} read when it runs: the image runs
 * AOT-processed, where bean conditions were decided at build time with the embedded
 * default's settings; a condition here would seed demo accounts into production's
 * database.
 */
@Component
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final List<DemoTour> TOURS = List.of(
			new DemoTour("Lisbon Old Town Walk", "Alfama's lanes, fado houses and viewpoints.", "Portugal", "35.00"),
			new DemoTour("Douro Valley Wine Day", "Terraced vineyards, two quintas and a river cruise.", "Portugal",
					"129.00"),
			new DemoTour("Alhambra at Dawn", "The Nasrid palaces before the crowds.", "Spain", "79.50"),
			new DemoTour("Picos de Europa Hike", "A full-day mountain hike with a local guide.", "Spain", "95.00"),
			new DemoTour("Cinque Terre Coastal Trail", "Five villages linked by cliff paths.", "Italy", "110.00"),
			new DemoTour("Rome Underground", "Catacombs, crypts and the city beneath the city.", "Italy", "65.00"),
			new DemoTour("Dolomites Via Ferrata", "Protected climbing routes for beginners.", "Italy", "189.00"),
			new DemoTour("Provence Lavender Fields", "Valensole plateau and hilltop villages.", "France", "89.00"),
			new DemoTour("Mont Blanc Glacier Walk", "Roped walk on the Mer de Glace.", "France", "149.00"),
			new DemoTour("Fjord Kayak Morning", "Paddle the Naeroyfjord at sunrise.", "Norway", "139.00"),
			new DemoTour("Reykjavik Northern Lights", "An evening chase for the aurora.", "Iceland", "99.00"),
			new DemoTour("Highlands Whisky Trail", "Three distilleries and a loch-side lunch.", "Scotland", "119.00"));

	/**
	 * The demo passwords hashed once at the default cost (10), as {@code encode} would:
	 * three BCrypt hashes at every start were a tenth of the start-up work before
	 * readiness on 2 cores (JFR, issue 15). A cost set higher than these hashes makes the
	 * seeding hash afresh ({@code upgradeEncoding}); DemoDataTests checks each hash
	 * against its password.
	 */
	static final Map<String, String> HASHED_PASSWORDS = Map.of("admin-pass",
			"{bcrypt}$2a$10$4.p09XaeWyTke5ru0.gr7.7JdOvhk74F9ElI7ITdQN/f9GcWySW2a", "guide-pass",
			"{bcrypt}$2a$10$2tqtvGlnK3TBBmipj85SI.hQLUY2liRrawFDW7towIkPY49vhBGUW", "customer-pass",
			"{bcrypt}$2a$10$g3Bc8VCFj7JLnupDZTPkbOonDV1fREQxH9sUY6RAX7igjaEY0trBq");

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final DemoDataProperties properties;

	DemoData(DemoDataProperties properties, JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.properties.enabled()) {
			return;
		}
		if (this.jdbc.sql("select count(*) from users").query(Long.class).single() > 0) {
			log.info("Demo data skipped: the database already has users");
			return;
		}
		// The PostgreSQL driver binds OffsetDateTime, not Instant, to timestamptz.
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		addUser("admin@example.com", "admin-pass", "Ada Admin", "ADMIN", now);
		long guide = addUser("guide@example.com", "guide-pass", "Gil Guide", "GUIDE", now);
		addUser("customer@example.com", "customer-pass", "Cora Customer", "CUSTOMER", now);
		LocalDate today = LocalDate.now(this.clock);
		for (int i = 0; i < TOURS.size(); i++) {
			long tour = addTour(TOURS.get(i), guide, now);
			for (int week = 1; week <= 3; week++) {
				addDeparture(tour, today.plusDays(7L * week + i), 8 + 2 * (i % 4));
			}
		}
		log.info("Demo data seeded: 3 users (admin, guide, customer @example.com) and {} tours", TOURS.size());
	}

	private long addUser(String email, String password, String name, String role, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into users (email, password_hash, name, role, created_at) values (?, ?, ?, ?, ?)")
			.params(email, passwordHash(password), name, role, now)
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	String passwordHash(String password) {
		String hashed = HASHED_PASSWORDS.get(password);
		return this.passwordEncoder.upgradeEncoding(hashed) ? this.passwordEncoder.encode(password) : hashed;
	}

	private long addTour(DemoTour tour, long guide, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into tours (title, description, region, price_per_person, guide_id, created_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(tour.title(), tour.description(), tour.region(), new BigDecimal(tour.price()), guide, now)
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	private void addDeparture(long tour, LocalDate date, int capacity) {
		this.jdbc.sql("insert into departures (tour_id, departure_date, capacity, seats_left) values (?, ?, ?, ?)")
			.params(tour, date, capacity, capacity)
			.update();
	}

	private record DemoTour(String title, String description, String region, String price) {
	}

}
