package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import com.example.tourbooking.tour.TourExceptions.NotTourGuideException;
import com.example.tourbooking.tour.TourExceptions.TourNotFoundException;
import com.example.tourbooking.user.CurrentUser;

/**
 * What the reservation feature may ask of the catalogue: the terms of a departure, its
 * seat counter, and who manages a tour. Seat changes join the caller's transaction so a
 * reservation and its seats commit or roll back together.
 */
@Service
public class TourBookings {

	private final TourRepository tours;

	private final DepartureRepository departures;

	private final SeatCounter seats;

	TourBookings(TourRepository tours, DepartureRepository departures, SeatCounter seats) {
		this.tours = tours;
		this.departures = departures;
		this.seats = seats;
	}

	/**
	 * The terms of booking a departure of a tour that is not deleted.
	 * @param departureId the departure
	 * @return its terms
	 */
	@Transactional(readOnly = true)
	public BookingTerms termsOf(long departureId) {
		Departure departure = this.departures.findById(departureId)
			.orElseThrow(() -> TourNotFoundException.forDeparture(departureId));
		Tour tour = this.tours.findByIdAndDeletedAtIsNull(departure.getTourId())
			.orElseThrow(() -> TourNotFoundException.forDeparture(departureId));
		return new BookingTerms(tour.getId(), tour.getTitle(), departure.getId(), departure.getDate(),
				departure.getCapacity(), tour.getPricePerPerson());
	}

	/**
	 * Takes seats on a bookable departure (not in the past, of a tour not deleted) if
	 * enough are left, atomically in the database, in one statement, on the embedded
	 * default (H2; PostgreSQL books in one statement with the insert). Must run in the
	 * caller's transaction: the booking's plain JDBC one, which the JPA transaction
	 * manager behind {@code @Transactional} cannot see (it would refuse
	 * {@code MANDATORY}), so the check is made here, without a transaction interceptor
	 * per booking (a {@code SUPPORTS} one cost 3 % of a booking's CPU, JFR).
	 * @return the terms the seats were taken on; empty when nothing was taken (ask
	 * {@link #termsOf} why)
	 */
	public Optional<BookingTerms> takeSeats(long departureId, int seats, LocalDate today) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"Seats are taken in the booking's transaction, with its reservation");
		return this.seats.takeSeats(departureId, seats, today);
	}

	/** Gives seats back after a cancellation. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void releaseSeats(long departureId, int seats) {
		if (this.departures.releaseSeats(departureId, seats) != 1) {
			throw new IllegalStateException("Departure " + departureId + " cannot take back " + seats + " seats");
		}
	}

	/**
	 * The guide of a tour, deleted or not (reservation history stays visible to them).
	 */
	public long guideOf(long tourId) {
		return this.tours.findById(tourId).orElseThrow(() -> TourNotFoundException.forId(tourId)).getGuideId();
	}

	/**
	 * Checks that the caller may see a tour's reservations.
	 * @throws com.example.tourbooking.system.ApiException 404 for an unknown tour, 403
	 * for anyone but its guide or an admin
	 */
	public void requireManager(long tourId, CurrentUser caller) {
		Tour tour = this.tours.findById(tourId).orElseThrow(() -> TourNotFoundException.forId(tourId));
		if (!tour.isManagedBy(caller.id(), caller.isAdmin())) {
			throw NotTourGuideException.forTour(tourId);
		}
	}

	/**
	 * What a booking needs to know about a departure.
	 *
	 * @param tourId the tour
	 * @param tourTitle its title, for business events
	 * @param departureId the departure
	 * @param date when it runs
	 * @param capacity seats in total
	 * @param pricePerPerson current price, in EUR
	 */
	public record BookingTerms(long tourId, String tourTitle, long departureId, LocalDate date, int capacity,
			BigDecimal pricePerPerson) {

		/**
		 * What a group pays: the booking's total and the site's price preview.
		 * @param headcount seats booked
		 * @return the total price, in EUR
		 */
		public BigDecimal priceFor(int headcount) {
			return this.pricePerPerson.multiply(BigDecimal.valueOf(headcount));
		}

	}

}
