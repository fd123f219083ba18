package com.example.tourbooking.reservation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.system.BusinessEvents;
import com.example.tourbooking.tour.TourBookings.BookingTerms;

/**
 * Logs bookings, cancellations and sold-out refusals as business events (the bookings
 * dashboard is built on them).
 */
@Component
class ReservationEvents {

	private static final Logger log = LoggerFactory.getLogger(ReservationEvents.class);

	void confirmed(ReservationResponse reservation, BookingTerms terms) {
		log.info(
				BusinessEvents.event("reservation-confirmed", "success", "reservation.id",
						String.valueOf(reservation.id()), "tour.id", String.valueOf(terms.tourId()), "tour.title",
						terms.tourTitle(), "departure.id", String.valueOf(terms.departureId()), "reservation.headcount",
						reservation.headcount(), "reservation.total_price", reservation.totalPrice(),
						"reservation.currency", ReservationApi.CURRENCY),
				"Reservation {} confirmed: {} seats on departure {}", reservation.id(), reservation.headcount(),
				terms.departureId());
	}

	void refused(BookingTerms terms, int headcount) {
		log.info(
				BusinessEvents.event("reservation-refused", "failure", "event.reason", "sold-out", "tour.id",
						String.valueOf(terms.tourId()), "tour.title", terms.tourTitle(), "departure.id",
						String.valueOf(terms.departureId()), "reservation.headcount", headcount),
				"Reservation refused: departure {} has fewer than {} seats left", terms.departureId(), headcount);
	}

	void cancelled(Reservation reservation) {
		log.info(
				BusinessEvents.event("reservation-cancelled", "success", "reservation.id",
						String.valueOf(reservation.getId()), "tour.id", String.valueOf(reservation.getTourId()),
						"departure.id", String.valueOf(reservation.getDepartureId()), "reservation.headcount",
						reservation.getHeadcount(), "reservation.total_price", reservation.getTotalPrice(),
						"reservation.currency", ReservationApi.CURRENCY),
				"Reservation {} cancelled: {} seats freed on departure {}", reservation.getId(),
				reservation.getHeadcount(), reservation.getDepartureId());
	}

}
