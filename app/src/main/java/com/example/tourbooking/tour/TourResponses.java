package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The response bodies of the tour endpoints.
 */
final class TourResponses {

	/** The currency of every amount in the API. */
	static final String CURRENCY = "EUR";

	private TourResponses() {
	}

	/** A tour with its departures. */
	record TourResponse(long id, String title, String description, String region, BigDecimal pricePerPerson,
			String currency, long guideId, List<DepartureResponse> departures) {

		static TourResponse of(Tour tour, List<Departure> departures) {
			return new TourResponse(tour.getId(), tour.getTitle(), tour.getDescription(), tour.getRegion(),
					tour.getPricePerPerson(), CURRENCY, tour.getGuideId(),
					departures.stream().map(DepartureResponse::of).toList());
		}

	}

	/** A departure; {@code seatsLeft} is capacity minus confirmed headcount. */
	record DepartureResponse(long id, LocalDate date, int capacity, int seatsLeft) {

		static DepartureResponse of(Departure departure) {
			return new DepartureResponse(departure.getId(), departure.getDate(), departure.getCapacity(),
					departure.getSeatsLeft());
		}

	}

}
