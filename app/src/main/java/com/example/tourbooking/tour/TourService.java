package com.example.tourbooking.tour;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.InvalidParameterException;
import com.example.tourbooking.tour.TourExceptions.NotTourGuideException;
import com.example.tourbooking.tour.TourExceptions.TourHasReservationsException;
import com.example.tourbooking.tour.TourExceptions.TourNotFoundException;
import com.example.tourbooking.tour.TourRequests.CreateTourRequest;
import com.example.tourbooking.tour.TourRequests.NewDepartureRequest;
import com.example.tourbooking.tour.TourRequests.UpdateTourRequest;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.CurrentUser;

/**
 * A tour with its departures, and tour management by the tour's guide or an admin. The
 * catalogue's search is {@link TourCatalogue}'s.
 */
@Service
@Transactional(readOnly = true)
class TourService {

	private final TourRepository tours;

	private final DepartureRepository departures;

	private final TourEvents events;

	private final Clock clock;

	TourService(TourRepository tours, DepartureRepository departures, TourEvents events, Clock clock) {
		this.tours = tours;
		this.departures = departures;
		this.events = events;
		this.clock = clock;
	}

	TourResponse find(long id) {
		Tour tour = activeTour(id);
		return TourResponse.of(tour, departuresOf(List.of(tour)).getOrDefault(id, List.of()));
	}

	@Transactional
	TourResponse create(CreateTourRequest request, CurrentUser guide) {
		request.departures().forEach((departure) -> requireSchedulable(departure.date()));
		Tour tour = this.tours.save(new Tour(request.title().trim(), request.description().trim(),
				request.region().trim(), request.pricePerPerson(), guide.id(), this.clock.instant()));
		List<Departure> created = this.departures.saveAll(
				request.departures().stream().map((d) -> new Departure(tour.getId(), d.date(), d.capacity())).toList());
		this.events.created(tour, guide);
		return TourResponse.of(tour, created);
	}

	@Transactional
	TourResponse update(long id, UpdateTourRequest request, CurrentUser caller) {
		Tour tour = managedTour(id, caller);
		tour.describe(request.title().trim(), request.description().trim(), request.region().trim(),
				request.pricePerPerson());
		this.events.changed(tour, caller);
		return TourResponse.of(tour, departuresOf(List.of(tour)).getOrDefault(id, List.of()));
	}

	@Transactional
	DepartureResponse addDeparture(long id, NewDepartureRequest request, CurrentUser caller) {
		requireSchedulable(request.date());
		Tour tour = managedTour(id, caller);
		Departure departure = this.departures.save(new Departure(tour.getId(), request.date(), request.capacity()));
		this.events.changed(tour, caller);
		return DepartureResponse.of(departure);
	}

	@Transactional
	void delete(long id, CurrentUser caller) {
		Tour tour = managedTour(id, caller);
		if (this.departures.hasFutureBookings(id, LocalDate.now(this.clock))) {
			throw TourHasReservationsException.forTour(id);
		}
		tour.delete(this.clock.instant());
		this.events.deleted(tour, caller);
	}

	private void requireSchedulable(LocalDate date) {
		if (date.isAfter(LocalDate.now(this.clock).plusYears(TourRequests.MAX_YEARS_AHEAD))) {
			throw InvalidParameterException.of("date",
					"must be at most " + TourRequests.MAX_YEARS_AHEAD + " years from today");
		}
	}

	private Tour activeTour(long id) {
		return this.tours.findByIdAndDeletedAtIsNull(id).orElseThrow(() -> TourNotFoundException.forId(id));
	}

	private Tour managedTour(long id, CurrentUser caller) {
		Tour tour = activeTour(id);
		if (!tour.isManagedBy(caller.id(), caller.isAdmin())) {
			throw NotTourGuideException.forTour(id);
		}
		return tour;
	}

	private Map<Long, List<Departure>> departuresOf(List<Tour> page) {
		if (page.isEmpty()) {
			return Map.of();
		}
		List<Long> ids = page.stream().map(Tour::getId).toList();
		return this.departures.findByTourIdInOrderByDateAscIdAsc(ids)
			.stream()
			.collect(Collectors.groupingBy(Departure::getTourId));
	}

}
