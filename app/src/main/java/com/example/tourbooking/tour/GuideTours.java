package com.example.tourbooking.tour;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.CurrentUser;

/**
 * The tours a guide runs (every tour, for an admin), for the guide's pages. Same
 * statement count as the catalogue: count, page, departures of the page.
 */
@Service
@Transactional(readOnly = true)
class GuideTours {

	private final TourRepository tours;

	private final DepartureRepository departures;

	GuideTours(TourRepository tours, DepartureRepository departures) {
		this.tours = tours;
		this.departures = departures;
	}

	PageResponse<TourResponse> managedBy(CurrentUser caller, Pageable pageable) {
		Specification<Tour> active = (root, query, cb) -> cb.isNull(root.get("deletedAt"));
		Specification<Tour> spec = caller.isAdmin() ? active
				: active.and((root, query, cb) -> cb.equal(root.get("guideId"), caller.id()));
		Page<Tour> page = this.tours.findAll(spec, pageable);
		List<Long> ids = page.getContent().stream().map(Tour::getId).toList();
		Map<Long, List<Departure>> byTour = ids.isEmpty() ? Map.of()
				: this.departures.findByTourIdInOrderByDateAscIdAsc(ids)
					.stream()
					.collect(Collectors.groupingBy(Departure::getTourId));
		return PageResponse.of(page, (tour) -> TourResponse.of(tour, byTour.getOrDefault(tour.getId(), List.of())));
	}

}
