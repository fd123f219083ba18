package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.reservation.ReservationService.Booked;
import com.example.tourbooking.tour.TourBookings.BookingTerms;

/**
 * A booking on PostgreSQL as one statement: the seat counter's conditional update and the
 * reservation's insert in one data-modifying {@code WITH} query, sent in auto-commit. A
 * single statement is atomic on its own, so a booking needs no transaction to manage: one
 * round trip instead of three (the driver's {@code BEGIN} with the update, the insert,
 * {@code COMMIT}), a third less of the database's CPU per booking (pgbench, issue 15),
 * and a connection held for one statement.
 *
 * <p>
 * The update takes the seats only on a bookable departure (it exists, runs {@code today}
 * or later, its tour is not deleted, enough seats are left) and only when the total fits
 * {@code reservations.total_price}; the insert reads what the update returned
 * (PostgreSQL: sub-statements of a {@code WITH} share one snapshot and see each other's
 * rows only through {@code RETURNING}). Nothing taken, nothing inserted: the caller asks
 * why afterwards. A failed insert (a customer's idempotency key used twice) fails the
 * whole statement, so the seats stay. The conditions are those of
 * {@code tour.SeatCounter}, the embedded default's way (H2 has no data-modifying
 * {@code WITH}); the API tests run both.
 */
@Component
class OneStatementBooking {

	private static final String BOOK = """
			with taken as (
			  update departures d set seats_left = d.seats_left - :seats
			  from tours t
			  where d.id = :departure and d.seats_left >= :seats and d.departure_date >= :today
			    and t.id = d.tour_id and t.deleted_at is null and t.price_per_person * :seats <= :maxTotal
			  returning d.id, d.tour_id, t.title, d.departure_date, d.capacity, t.price_per_person
			), booked as (
			  insert into reservations (customer_id, tour_id, departure_id, departure_date, headcount,
			    total_price, status, created_at, idempotency_key, request_fingerprint)
			  select :customer, tour_id, id, departure_date, :seats, price_per_person * :seats, :status,
			    :createdAt, :key, :fingerprint
			  from taken
			  returning id, total_price
			)
			select b.id, b.total_price, t.tour_id, t.title, t.departure_date, t.capacity, t.price_per_person
			from booked b cross join taken t""";

	private final JdbcClient jdbc;

	private final boolean available;

	OneStatementBooking(JdbcClient jdbc, EntityManagerFactory entityManagerFactory, DataSource dataSource) {
		this.jdbc = jdbc;
		Dialect dialect = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
		if (!(dialect instanceof PostgreSQLDialect) && !(dialect instanceof H2Dialect)) {
			throw new IllegalStateException("Bookings need PostgreSQL or H2; the database's dialect is " + dialect);
		}
		this.available = dialect instanceof PostgreSQLDialect;
		if (this.available) {
			requireAutoCommit(dataSource);
		}
	}

	/**
	 * Refuses to start on a pool whose connections are not in auto-commit: the statement
	 * would never be committed, and HikariCP rolls back what a connection returned to it
	 * left open ({@code ProxyConnection.close}:
	 * {@code isCommitStateDirty && !isAutoCommit}), so every booking would answer 201 and
	 * leave nothing behind. Pools other than HikariCP (Spring Boot's default) cannot be
	 * asked and are trusted to follow JDBC's default, auto-commit on.
	 */
	static void requireAutoCommit(DataSource dataSource) {
		HikariDataSource pool;
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				return;
			}
			pool = dataSource.unwrap(HikariDataSource.class);
		}
		catch (SQLException ex) {
			return;
		}
		if (!pool.isAutoCommit()) {
			throw new IllegalStateException("Bookings on PostgreSQL are single statements sent in auto-commit, but"
					+ " the connection pool turns auto-commit off (spring.datasource.hikari.auto-commit=false):"
					+ " every booking would be rolled back. Remove that setting.");
		}
	}

	/**
	 * Whether the database is PostgreSQL, the only one this statement is written for; on
	 * H2 the booking is {@code TourBookings.takeSeats} and {@link NewReservations} in one
	 * transaction.
	 */
	boolean available() {
		return this.available;
	}

	/**
	 * Takes the seats and stores the reservation, committed when this returns.
	 * @return the reservation and its terms, or empty when nothing was taken
	 * @throws org.springframework.dao.DuplicateKeyException when the customer already
	 * used the idempotency key
	 */
	Optional<Booked> book(long customerId, long departureId, int headcount, BigDecimal maxTotal, LocalDate today,
			Instant createdAt, String idempotencyKey, String requestFingerprint) {
		// Typed nulls: an untyped one in the insert's select list would leave PostgreSQL
		// to guess the parameter's type. The driver binds OffsetDateTime to timestamptz.
		return this.jdbc.sql(BOOK)
			.param("seats", headcount)
			.param("departure", departureId)
			.param("today", today)
			.param("maxTotal", maxTotal)
			.param("customer", customerId)
			.param("status", ReservationStatus.CONFIRMED.name())
			.param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
			.param("key", idempotencyKey, Types.VARCHAR)
			.param("fingerprint", requestFingerprint, Types.VARCHAR)
			.query((rs, row) -> {
				BookingTerms terms = new BookingTerms(rs.getLong("tour_id"), rs.getString("title"), departureId,
						rs.getObject("departure_date", LocalDate.class), rs.getInt("capacity"),
						rs.getBigDecimal("price_per_person"));
				ReservationResponse reservation = new ReservationResponse(rs.getLong("id"), customerId, terms.tourId(),
						departureId, terms.date(), headcount, rs.getBigDecimal("total_price"), ReservationApi.CURRENCY,
						ReservationStatus.CONFIRMED, createdAt, null);
				return new Booked(reservation, terms);
			})
			.optional();
	}

}
