package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.tourbooking.system.InvalidParameterException;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourExceptions.InvalidRangeException;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;

/**
 * Answers catalogue searches (the API's and the home page's) with plain SQL. A search is
 * the request the service answers most and needs no managed entities: through JPA,
 * translating its criteria query and loading entities into a persistence context took a
 * third of its CPU (JFR, issue 15). It runs outside any transaction: a page of tours,
 * then their departures, each statement on its own; the count only when the page does not
 * tell it (Spring Data's rule). Sort columns come from a fixed map, every value is bound.
 */
@Component
class TourCatalogue {

	private static final BigDecimal MAX_SEARCH_PRICE = new BigDecimal(TourRequests.MAX_PRICE);

	/** The properties a search may be sorted by, and their columns. */
	private static final Map<String, String> COLUMNS = Map.of("id", "t.id", "title", "t.title", "region", "t.region",
			"pricePerPerson", "t.price_per_person", "createdAt", "t.created_at");

	/**
	 * What the API accepts in {@code sort}: exactly the properties that have a column.
	 */
	static final Set<String> SORTABLE = COLUMNS.keySet();

	private final JdbcClient jdbc;

	TourCatalogue(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		TourSearch.Condition condition = search.toCondition();
		List<TourRow> tours = this.jdbc
			.sql("select t.id, t.title, t.description, t.region, t.price_per_person, t.guide_id from tours t where "
					+ condition.sql() + orderBy(pageable.getSort())
					+ " offset :offset rows fetch next :limit rows only")
			.params(condition.params())
			.param("offset", pageable.getOffset())
			.param("limit", pageable.getPageSize())
			.query(TourCatalogue::tour)
			.list();
		Page<TourRow> page = PageableExecutionUtils.getPage(tours, pageable,
				() -> this.jdbc.sql("select count(*) from tours t where " + condition.sql())
					.params(condition.params())
					.query(Long.class)
					.single());
		Map<Long, List<DepartureResponse>> departures = departuresOf(tours);
		return PageResponse.of(page, (tour) -> tour.withDepartures(departures.getOrDefault(tour.id(), List.of())));
	}

	private Map<Long, List<DepartureResponse>> departuresOf(List<TourRow> tours) {
		if (tours.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.sql("select id, tour_id, departure_date, capacity, seats_left from departures"
					+ " where tour_id in (:tours) order by departure_date, id")
			.param("tours", tours.stream().map(TourRow::id).toList())
			.query((rs, row) -> Map.entry(rs.getLong("tour_id"),
					new DepartureResponse(rs.getLong("id"), rs.getObject("departure_date", LocalDate.class),
							rs.getInt("capacity"), rs.getInt("seats_left"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private static String orderBy(Sort sort) {
		return sort.stream()
			.map((order) -> column(order.getProperty()) + (order.isAscending() ? " asc" : " desc"))
			.collect(Collectors.joining(", ", " order by ", ""));
	}

	private static String column(String property) {
		String column = COLUMNS.get(property);
		if (column == null) {
			throw InvalidParameterException.of("sort", "must be one of " + COLUMNS.keySet());
		}
		return column;
	}

	private static TourRow tour(ResultSet rs, int row) throws SQLException {
		return new TourRow(rs.getLong("id"), rs.getString("title"), rs.getString("description"), rs.getString("region"),
				rs.getBigDecimal("price_per_person"), rs.getLong("guide_id"));
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

	private record TourRow(long id, String title, String description, String region, BigDecimal pricePerPerson,
			long guideId) {

		TourResponse withDepartures(List<DepartureResponse> departures) {
			return new TourResponse(this.id, this.title, this.description, this.region, this.pricePerPerson,
					TourResponses.CURRENCY, this.guideId, departures);
		}

	}

}
