package com.example.tourbooking.tour;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.system.ProblemType;

/**
 * The problems the tour endpoints answer with.
 */
final class TourExceptions {

	private TourExceptions() {
	}

	/** No tour (or a deleted one) with that id. */
	static final class TourNotFoundException extends ApiException {

		private static final long serialVersionUID = 1L;

		private TourNotFoundException(String detail) {
			super(ProblemType.NOT_FOUND, detail);
		}

		static TourNotFoundException forId(long id) {
			return new TourNotFoundException("No tour with id " + id + ".");
		}

		static TourNotFoundException forDeparture(long departureId) {
			return new TourNotFoundException("No departure with id " + departureId + ".");
		}

	}

	/** The caller is neither the tour's guide nor an admin. */
	static final class NotTourGuideException extends ApiException {

		private static final long serialVersionUID = 1L;

		private NotTourGuideException(long id) {
			super(ProblemType.FORBIDDEN, "Only the guide of tour " + id + " or an admin can do this.");
		}

		static NotTourGuideException forTour(long id) {
			return new NotTourGuideException(id);
		}

	}

	/** Deleting a tour that people are still booked on. */
	static final class TourHasReservationsException extends ApiException {

		private static final long serialVersionUID = 1L;

		private TourHasReservationsException(long id) {
			super(ProblemType.TOUR_HAS_RESERVATIONS,
					"Tour " + id + " has confirmed reservations on future departures; cancel them first.");
		}

		static TourHasReservationsException forTour(long id) {
			return new TourHasReservationsException(id);
		}

	}

	/**
	 * A search with {@code from} after {@code to}, or {@code minPrice} above
	 * {@code maxPrice}.
	 */
	static final class InvalidRangeException extends ApiException {

		private static final long serialVersionUID = 1L;

		private InvalidRangeException(String detail) {
			super(ProblemType.VALIDATION, detail);
		}

		static InvalidRangeException of(String lower, String upper) {
			return new InvalidRangeException("Parameter '" + lower + "' must not be after '" + upper + "'.");
		}

	}

}
