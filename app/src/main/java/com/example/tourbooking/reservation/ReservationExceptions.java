package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.system.ProblemType;

/**
 * The problems the reservation endpoints answer with.
 */
final class ReservationExceptions {

	private ReservationExceptions() {
	}

	/** Unknown, or not visible to the caller (both look the same, so nothing leaks). */
	static final class ReservationNotFoundException extends ApiException {

		private static final long serialVersionUID = 1L;

		private ReservationNotFoundException(long id) {
			super(ProblemType.NOT_FOUND, "No reservation with id " + id + ".");
		}

		static ReservationNotFoundException forId(long id) {
			return new ReservationNotFoundException(id);
		}

	}

	/** Fewer seats left than asked for. */
	static final class SoldOutException extends ApiException {

		private static final long serialVersionUID = 1L;

		private SoldOutException(long departureId, int headcount) {
			super(ProblemType.SOLD_OUT,
					"Departure " + departureId + " has fewer than " + headcount + " seats left; nothing was booked.");
		}

		static SoldOutException forDeparture(long departureId, int headcount) {
			return new SoldOutException(departureId, headcount);
		}

	}

	/** Booking a departure that already left. */
	static final class DepartureClosedException extends ApiException {

		private static final long serialVersionUID = 1L;

		private DepartureClosedException(long departureId, LocalDate date) {
			super(ProblemType.DEPARTURE_CLOSED, "Departure " + departureId + " left on " + date + ".");
		}

		static DepartureClosedException forDeparture(long departureId, LocalDate date) {
			return new DepartureClosedException(departureId, date);
		}

	}

	/** A group larger than the departure could ever take. */
	static final class HeadcountExceedsCapacityException extends ApiException {

		private static final long serialVersionUID = 1L;

		private HeadcountExceedsCapacityException(int headcount, int capacity) {
			super(ProblemType.HEADCOUNT_EXCEEDS_CAPACITY,
					"Headcount " + headcount + " exceeds the departure's capacity of " + capacity + ".");
		}

		static HeadcountExceedsCapacityException of(int headcount, int capacity) {
			return new HeadcountExceedsCapacityException(headcount, capacity);
		}

	}

	/** Cancelling twice, or after the departure date. */
	static final class NotCancellableException extends ApiException {

		private static final long serialVersionUID = 1L;

		private NotCancellableException(String detail) {
			super(ProblemType.RESERVATION_NOT_CANCELLABLE, detail);
		}

		static NotCancellableException alreadyCancelled(long id) {
			return new NotCancellableException("Reservation " + id + " is already cancelled.");
		}

		static NotCancellableException departed(long id, LocalDate date) {
			return new NotCancellableException("Reservation " + id + " departed on " + date + ".");
		}

	}

	/** A customer may cancel; a guide may only look. */
	static final class CancelForbiddenException extends ApiException {

		private static final long serialVersionUID = 1L;

		private CancelForbiddenException(long id) {
			super(ProblemType.FORBIDDEN, "Only the customer or an admin can cancel reservation " + id + ".");
		}

		static CancelForbiddenException forId(long id) {
			return new CancelForbiddenException(id);
		}

	}

	/** The same {@code Idempotency-Key} sent with a different body. */
	static final class IdempotencyKeyReusedException extends ApiException {

		private static final long serialVersionUID = 1L;

		private IdempotencyKeyReusedException() {
			super(ProblemType.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was used for a different booking; use a new key for a new booking.");
		}

		static IdempotencyKeyReusedException create() {
			return new IdempotencyKeyReusedException();
		}

	}

	/** A total the database could not store exactly. */
	static final class TotalOutOfRangeException extends ApiException {

		private static final long serialVersionUID = 1L;

		private TotalOutOfRangeException(BigDecimal max) {
			super(ProblemType.AMOUNT_OUT_OF_RANGE,
					"The booking's total would exceed " + max.toPlainString() + " EUR; book fewer seats.");
		}

		static TotalOutOfRangeException over(BigDecimal max) {
			return new TotalOutOfRangeException(max);
		}

	}

}
