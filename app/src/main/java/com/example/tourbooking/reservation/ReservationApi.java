package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The request and response bodies of the reservation endpoints.
 */
final class ReservationApi {

	/** The currency of every amount in the API. */
	static final String CURRENCY = "EUR";

	private ReservationApi() {
	}

	/** Book seats on a departure. */
	record BookReservationRequest(@NotNull @Positive Long departureId, @NotNull @Min(1) @Max(1000) Integer headcount) {

		String fingerprint() {
			return this.departureId + ":" + this.headcount;
		}

	}

	/**
	 * A reservation as the API shows it; {@code totalPrice} is headcount × price at
	 * booking time.
	 */
	record ReservationResponse(long id, long customerId, long tourId, long departureId, LocalDate departureDate,
			int headcount, BigDecimal totalPrice, String currency, ReservationStatus status, Instant createdAt,
			Instant cancelledAt) {

		static ReservationResponse of(Reservation reservation) {
			return new ReservationResponse(reservation.getId(), reservation.getCustomerId(), reservation.getTourId(),
					reservation.getDepartureId(), reservation.getDepartureDate(), reservation.getHeadcount(),
					reservation.getTotalPrice(), CURRENCY, reservation.getStatus(), reservation.getCreatedAt(),
					reservation.getCancelledAt());
		}

	}

	/**
	 * The outcome of a booking: the reservation, and whether it was replayed for a
	 * retried key.
	 */
	record BookingResult(ReservationResponse reservation, boolean replayed) {
	}

}
