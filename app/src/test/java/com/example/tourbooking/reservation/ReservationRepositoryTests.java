package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.tourbooking.RepositoryTest;
import com.example.tourbooking.TestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reservations on PostgreSQL: one reservation per customer and idempotency key, and a
 * cancellation that only happens once.
 */
@RepositoryTest
class ReservationRepositoryTests {

	@Autowired
	private ReservationRepository reservations;

	@Autowired
	private DataSource dataSource;

	private long customerId;

	private long tourId;

	private long departureId;

	@BeforeEach
	void arrange() {
		new TestData(this.dataSource).wipe();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		this.customerId = jdbc
			.sql("insert into users (email, password_hash, name, role, created_at) "
					+ "values ('c@example.com', 'x', 'C', 'CUSTOMER', now()) returning id")
			.query(Long.class)
			.single();
		this.tourId = jdbc
			.sql("insert into tours (title, description, region, price_per_person, guide_id, created_at) "
					+ "values ('T', 'D', 'R', 10, ?, now()) returning id")
			.param(this.customerId)
			.query(Long.class)
			.single();
		this.departureId = jdbc
			.sql("insert into departures (tour_id, departure_date, capacity, seats_left) "
					+ "values (?, '2030-01-01', 10, 10) returning id")
			.param(this.tourId)
			.query(Long.class)
			.single();
	}

	@Test
	void anIdempotencyKeyIsUniquePerCustomer() {
		this.reservations.saveAndFlush(reservation("key-1"));

		assertThat(this.reservations.findByCustomerIdAndIdempotencyKey(this.customerId, "key-1")).isPresent();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.reservations.saveAndFlush(reservation("key-1")));
	}

	@Test
	void reservationsWithoutAKeyNeverCollide() {
		this.reservations.saveAndFlush(reservation(null));
		this.reservations.saveAndFlush(reservation(null));

		assertThat(this.reservations.count()).isEqualTo(2);
	}

	@Test
	void aReservationIsCancelledOnlyOnce() {
		Reservation saved = this.reservations.saveAndFlush(reservation(null));

		assertThat(this.reservations.cancel(saved.getId(), Instant.now())).isEqualTo(1);
		assertThat(this.reservations.cancel(saved.getId(), Instant.now())).isZero();
		assertThat(this.reservations.findById(saved.getId()).orElseThrow().getStatus())
			.isEqualTo(ReservationStatus.CANCELLED);
	}

	private Reservation reservation(String key) {
		return new Reservation(this.customerId, this.tourId, this.departureId, LocalDate.of(2030, 1, 1), 2,
				new BigDecimal("20.00"), Instant.now(), key, (key != null) ? this.departureId + ":2" : null);
	}

}
