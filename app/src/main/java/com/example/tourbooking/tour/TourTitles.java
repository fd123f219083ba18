package com.example.tourbooking.tour;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tour titles by id, deleted tours included, so pages that list reservations can name
 * their tours in one query.
 */
@Service
@Transactional(readOnly = true)
public class TourTitles {

	private final TourRepository tours;

	TourTitles(TourRepository tours) {
		this.tours = tours;
	}

	/**
	 * The titles of some tours.
	 * @param ids tour ids
	 * @return title by id, for the ids that exist
	 */
	public Map<Long, String> of(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.tours.findAllById(ids).stream().collect(Collectors.toMap(Tour::getId, Tour::getTitle));
	}

}
