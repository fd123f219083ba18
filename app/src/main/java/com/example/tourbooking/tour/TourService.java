package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.InvalidParameterException;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourExceptions.InvalidRangeException;
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
 * The catalogue: search, and tour management by the tour's guide or an admin. Reading a
 * page of tours takes a fixed number of statements (count, page, departures of the page).
 */
@Service
@Transactional(readOnly = true)
class TourService {

	private static final BigDecimal MAX_SEARCH_PRICE = new BigDecimal(TourRequests.MAX_PRICE);

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

	PageResponse<TourResponse> search(TourSearch search, Pageable pageable) {
		requireSearchable(search.from(), "from");
		requireSearchable(search.to(), "to");
		requirePrice(search.minPrice(), "minPrice");
		requirePrice(search.maxPrice(), "maxPrice");
		if (search.from() != null && search.to() != null && search.from().isAfter(search.to())) {
			throw InvalidRangeException.of("from", "to");
		}
		if (search.minPrice() != null && search.maxPrice() != null
				&& search.minPrice().compareTo(search.maxPrice()) > 0) {
			throw InvalidRangeException.of("minPrice", "maxPrice");
		}
		Page<Tour> page = this.tours.findAll(search.toSpecification(), pageable);
		Map<Long, List<Departure>> departuresByTour = departuresOf(page.getContent());
		return PageResponse.of(page,
				(tour) -> TourResponse.of(tour, departuresByTour.getOrDefault(tour.getId(), List.of())));
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

	private static void requireSearchable(LocalDate date, String parameter) {
		if (date != null && (date.isBefore(TourSearch.EARLIEST) || date.isAfter(TourSearch.LATEST))) {
			throw InvalidParameterException.of(parameter,
					"must be between " + TourSearch.EARLIEST + " and " + TourSearch.LATEST);
		}
	}

	/**
	 * The API's parameter annotations say the same; the site's search form binds the raw
	 * value, and the database must never see a number it cannot store (H2 refuses
	 * {@code 1e999999} with an error, not a miss).
	 */
	private static void requirePrice(BigDecimal price, String parameter) {
		if (price != null && (price.signum() < 0 || price.compareTo(MAX_SEARCH_PRICE) > 0
				|| price.stripTrailingZeros().scale() > 2)) {
			throw InvalidParameterException.of(parameter,
					"must be between 0 and " + TourRequests.MAX_PRICE + " with at most two decimals");
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
