package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.springframework.data.jpa.domain.Specification;

/**
 * The catalogue filters; every one is optional. A date range keeps tours with at least
 * one departure in it.
 *
 * @param text words looked for in title and description, case-insensitively
 * @param region exact region, case-insensitively
 * @param from first departure date of interest
 * @param to last departure date of interest
 * @param minPrice lowest price per person
 * @param maxPrice highest price per person
 */
record TourSearch(String text, String region, LocalDate from, LocalDate to, BigDecimal minPrice, BigDecimal maxPrice) {

	/**
	 * The earliest date a search may name; H2 and PostgreSQL store every date between
	 * alike.
	 */
	static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	/** The latest date a search may name. */
	static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

	Specification<Tour> toSpecification() {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			predicates.add(cb.isNull(root.get("deletedAt")));
			if (hasText(this.text)) {
				String pattern = "%" + escapeLike(this.text.trim().toLowerCase(Locale.ROOT)) + "%";
				predicates.add(cb.or(cb.like(cb.lower(root.get("title")), pattern, '\\'),
						cb.like(cb.lower(root.get("description")), pattern, '\\')));
			}
			if (hasText(this.region)) {
				predicates.add(cb.equal(cb.lower(root.get("region")), this.region.trim().toLowerCase(Locale.ROOT)));
			}
			if (this.minPrice != null) {
				predicates.add(cb.greaterThanOrEqualTo(root.get("pricePerPerson"), this.minPrice));
			}
			if (this.maxPrice != null) {
				predicates.add(cb.lessThanOrEqualTo(root.get("pricePerPerson"), this.maxPrice));
			}
			if (this.from != null || this.to != null) {
				Subquery<Long> departures = query.subquery(Long.class);
				Root<Departure> departure = departures.from(Departure.class);
				List<Predicate> inRange = new ArrayList<>();
				inRange.add(cb.equal(departure.get("tourId"), root.get("id")));
				if (this.from != null) {
					inRange.add(cb.greaterThanOrEqualTo(departure.get("date"), this.from));
				}
				if (this.to != null) {
					inRange.add(cb.lessThanOrEqualTo(departure.get("date"), this.to));
				}
				departures.select(departure.get("id")).where(inRange.toArray(Predicate[]::new));
				predicates.add(cb.exists(departures));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
