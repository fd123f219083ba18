package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.RepositoryTest;
import com.example.tourbooking.TestData;
import com.example.tourbooking.reservation.ReservationService.Booked;
import com.example.tourbooking.tour.TourBookings.BookingTerms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The one-statement booking on PostgreSQL, run as production runs it: outside any
 * transaction, in auto-commit (the slice's test transaction is turned off, tables are
 * wiped instead). The conditions are those {@code tour.SeatCounterTests} checks on H2.
 */
@RepositoryTest
@Import(OneStatementBooking.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OneStatementBookingTests {

	private static final LocalDate TODAY = LocalDate.of(2029, 6, 1);

	private static final BigDecimal MAX_TOTAL = ReservationService.MAX_TOTAL;

	@Autowired
	private OneStatementBooking booking;

	@Autowired
	private DataSource dataSource;

	private JdbcClient jdbc;

	private long guideId;

	private long customerId;

	@BeforeEach
	void arrange() {
		new TestData(this.dataSource).wipe();
		this.jdbc = JdbcClient.create(this.dataSource);
		this.guideId = user("guide@example.com", "GUIDE");
		this.customerId = user("customer@example.com", "CUSTOMER");
	}

	@AfterEach
	void wipe() {
		new TestData(this.dataSource).wipe();
	}

	@Test
	void aBookingTakesTheSeatsAndStoresTheReservationWithItsTerms() {
		long tour = tour("Terms", "12.50");
		long departure = departure(tour, LocalDate.of(2030, 1, 1), 3);

		Booked booked = book(departure, 2, "key-1").orElseThrow();

		assertThat(booked.terms()).isEqualTo(
				new BookingTerms(tour, "Terms", departure, LocalDate.of(2030, 1, 1), 3, new BigDecimal("12.50")));
		assertThat(booked.reservation().totalPrice()).isEqualByComparingTo("25.00");
		assertThat(booked.reservation().status()).isEqualTo(ReservationStatus.CONFIRMED);
		assertThat(seatsLeft(departure)).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select customer_id, tour_id, departure_id, headcount, total_price, status, idempotency_key,"
					+ " request_fingerprint from reservations where id = ?")
			.param(booked.reservation().id())
			.query()
			.singleRow()).containsEntry("customer_id", this.customerId)
			.containsEntry("tour_id", tour)
			.containsEntry("departure_id", departure)
			.containsEntry("headcount", 2)
			.containsEntry("total_price", new BigDecimal("25.00"))
			.containsEntry("status", "CONFIRMED")
			.containsEntry("idempotency_key", "key-1")
			.containsEntry("request_fingerprint", departure + ":2");
	}

	@Test
	void seatsNeverGoBelowZero() {
		long departure = departure(tour("T", "10.00"), LocalDate.of(2030, 1, 1), 3);

		assertThat(book(departure, 2, null)).isPresent();
		assertThat(book(departure, 2, null)).isEmpty();
		assertThat(book(departure, 1, null)).isPresent();
		assertThat(seatsLeft(departure)).isZero();
		assertThat(reservations()).isEqualTo(2);
	}

	@Test
	void nothingIsWrittenForPastDeparturesDeletedToursUnknownDeparturesOrTotalsTooLarge() {
		long tour = tour("T", "10.00");
		long past = departure(tour, TODAY.minusDays(1), 3);
		long today = departure(tour, TODAY, 3);
		long deletedTour = tour("Gone", "10.00");
		long ofDeleted = departure(deletedTour, TODAY.plusDays(9), 3);
		this.jdbc.sql("update tours set deleted_at = now() where id = ?").param(deletedTour).update();
		// 101 x 99,999,999.99 exceeds reservations.total_price NUMERIC(12,2); 100 x fits.
		long priceless = departure(tour("Priceless", "99999999.99"), TODAY.plusDays(9), 200);

		assertThat(book(past, 1, null)).isEmpty();
		assertThat(book(ofDeleted, 1, null)).isEmpty();
		assertThat(book(-1, 1, null)).isEmpty();
		assertThat(book(priceless, 101, null)).isEmpty();
		assertThat(book(today, 1, null)).isPresent();
		assertThat(book(priceless, 100, null)).isPresent();
		assertThat(seatsLeft(past)).isEqualTo(3);
		assertThat(seatsLeft(ofDeleted)).isEqualTo(3);
		assertThat(seatsLeft(priceless)).isEqualTo(100);
		assertThat(reservations()).isEqualTo(2);
	}

	@Test
	void aRepeatedIdempotencyKeyFailsTheWholeStatement() {
		long departure = departure(tour("T", "10.00"), LocalDate.of(2030, 1, 1), 5);
		book(departure, 2, "same");

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> book(departure, 2, "same"));
		assertThat(seatsLeft(departure)).isEqualTo(3);
		assertThat(reservations()).isEqualTo(1);
	}

	@Test
	void aPoolWithoutAutoCommitIsRefusedEvenBehindAWrapper() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setAutoCommit(false);

			assertThatIllegalStateException().isThrownBy(() -> OneStatementBooking.requireAutoCommit(pool))
				.withMessageContaining("spring.datasource.hikari.auto-commit=false");
			assertThatIllegalStateException()
				.isThrownBy(() -> OneStatementBooking.requireAutoCommit(new DelegatingDataSource(pool)));
		}
	}

	@Test
	void hikarisDefaultAutoCommitIsAccepted() {
		try (HikariDataSource pool = new HikariDataSource()) {
			assertThatNoException().isThrownBy(() -> OneStatementBooking.requireAutoCommit(pool));
		}
	}

	private Optional<Booked> book(long departureId, int headcount, String key) {
		return this.booking.book(this.customerId, departureId, headcount, MAX_TOTAL, TODAY, Instant.now(), key,
				(key != null) ? departureId + ":" + headcount : null);
	}

	private long user(String email, String role) {
		return this.jdbc
			.sql("insert into users (email, password_hash, name, role, created_at)"
					+ " values (?, 'x', 'U', ?, now()) returning id")
			.params(email, role)
			.query(Long.class)
			.single();
	}

	private long tour(String title, String price) {
		return this.jdbc
			.sql("insert into tours (title, description, region, price_per_person, guide_id, created_at)"
					+ " values (?, 'A tour', 'Portugal', ?, ?, now()) returning id")
			.params(title, new BigDecimal(price), this.guideId)
			.query(Long.class)
			.single();
	}

	private long departure(long tourId, LocalDate date, int capacity) {
		return this.jdbc
			.sql("insert into departures (tour_id, departure_date, capacity, seats_left) values (?, ?, ?, ?)"
					+ " returning id")
			.params(tourId, date, capacity, capacity)
			.query(Long.class)
			.single();
	}

	private int seatsLeft(long departureId) {
		return this.jdbc.sql("select seats_left from departures where id = ?")
			.param(departureId)
			.query(Integer.class)
			.single();
	}

	private long reservations() {
		return this.jdbc.sql("select count(*) from reservations").query(Long.class).single();
	}

}
