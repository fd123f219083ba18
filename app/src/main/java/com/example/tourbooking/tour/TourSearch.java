package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

	/**
	 * The filters as a condition on {@code tours t}, values as named parameters. The text
	 * is matched with {@code LIKE}, its wildcards escaped; the date range as an
	 * {@code EXISTS} on the tour's departures.
	 */
	Condition toCondition() {
		StringBuilder where = new StringBuilder("t.deleted_at is null");
		Map<String, Object> params = new HashMap<>();
		if (hasText(this.text)) {
			where.append(" and (lower(t.title) like :text escape '\\' or lower(t.description) like :text escape '\\')");
			params.put("text", "%" + escapeLike(this.text.trim().toLowerCase(Locale.ROOT)) + "%");
		}
		if (hasText(this.region)) {
			where.append(" and lower(t.region) = :region");
			params.put("region", this.region.trim().toLowerCase(Locale.ROOT));
		}
		if (this.minPrice != null) {
			where.append(" and t.price_per_person >= :minPrice");
			params.put("minPrice", this.minPrice);
		}
		if (this.maxPrice != null) {
			where.append(" and t.price_per_person <= :maxPrice");
			params.put("maxPrice", this.maxPrice);
		}
		if (this.from != null || this.to != null) {
			where.append(" and exists (select 1 from departures d where d.tour_id = t.id");
			if (this.from != null) {
				where.append(" and d.departure_date >= :from");
				params.put("from", this.from);
			}
			if (this.to != null) {
				where.append(" and d.departure_date <= :to");
				params.put("to", this.to);
			}
			where.append(")");
		}
		return new Condition(where.toString(), params);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A SQL condition and the values of its named parameters.
	 *
	 * @param sql the condition, with {@code :name} placeholders
	 * @param params the value of each placeholder
	 */
	record Condition(String sql, Map<String, Object> params) {
	}

}
