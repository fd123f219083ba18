package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.tour.TourBookings.BookingTerms;

/**
 * Stores a confirmed booking's reservation with one {@code INSERT}, in the booking's
 * transaction on the embedded default (H2; on PostgreSQL {@link OneStatementBooking}
 * inserts it with the seats' update). A booking never reads the reservation back, so it
 * needs no managed entity: through JPA, persisting and flushing it was the largest part
 * of Hibernate's share of a booking's CPU (JFR, issue 15).
 */
@Component
class NewReservations {

	private final JdbcClient jdbc;

	NewReservations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the customer already
	 * used the idempotency key
	 */
	ReservationResponse insert(long customerId, BookingTerms terms, int headcount, BigDecimal totalPrice,
			Instant createdAt, String idempotencyKey, String requestFingerprint) {
		KeyHolder key = new GeneratedKeyHolder();
		// The PostgreSQL driver binds OffsetDateTime, not Instant, to timestamptz.
		this.jdbc
			.sql("insert into reservations (customer_id, tour_id, departure_id, departure_date, headcount,"
					+ " total_price, status, created_at, idempotency_key, request_fingerprint)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(customerId, terms.tourId(), terms.departureId(), terms.date(), headcount, totalPrice,
					ReservationStatus.CONFIRMED.name(), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
					idempotencyKey, requestFingerprint)
			.update(key, "id");
		return new ReservationResponse(key.getKeyAs(Long.class), customerId, terms.tourId(), terms.departureId(),
				terms.date(), headcount, totalPrice, ReservationApi.CURRENCY, ReservationStatus.CONFIRMED, createdAt,
				null);
	}

}
