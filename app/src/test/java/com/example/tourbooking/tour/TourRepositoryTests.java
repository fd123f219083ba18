package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.tourbooking.RepositoryTest;
import com.example.tourbooking.TestData;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The catalogue's search and the seat counter's check constraint on PostgreSQL (seats are
 * taken there by {@code reservation.OneStatementBooking}, tested with it).
 */
@RepositoryTest
class TourRepositoryTests {

	private static final Sort BY_TITLE = Sort.by("title").and(Sort.by("id"));

	@Autowired
	private TourRepository tours;

	@Autowired
	private DepartureRepository departures;

	@Autowired
	private DataSource dataSource;

	private long guideId;

	@BeforeEach
	void arrange() {
		new TestData(this.dataSource).wipe();
		this.guideId = JdbcClient.create(this.dataSource)
			.sql("insert into users (email, password_hash, name, role, created_at) "
					+ "values ('g@example.com', 'x', 'G', 'GUIDE', now()) returning id")
			.query(Long.class)
			.single();
	}

	@Test
	void searchIgnoresDeletedToursAndTreatsLikeWildcardsLiterally() {
		Tour plain = tour("100% fun", "49.00");
		Tour deleted = tour("100% gone", "49.00");
		tour("1000 fun", "49.00");
		deleted.delete(Instant.now());
		this.tours.flush();

		TourSearch search = new TourSearch("100%", null, null, null, null, null);

		assertThat(search(search, PageRequest.of(0, 10, BY_TITLE)).content()).extracting(TourResponse::id)
			.containsExactly(plain.getId());
	}

	@Test
	void searchByDepartureDatesKeepsToursWithADepartureInTheRange() {
		Tour early = tour("Early", "10.00");
		Tour late = tour("Late", "10.00");
		this.departures.save(new Departure(early.getId(), LocalDate.of(2030, 1, 10), 5));
		this.departures.saveAndFlush(new Departure(late.getId(), LocalDate.of(2030, 6, 10), 5));

		TourSearch search = new TourSearch(null, null, LocalDate.of(2030, 6, 1), LocalDate.of(2030, 6, 30), null, null);

		assertThat(search(search, PageRequest.of(0, 10, BY_TITLE)).content()).extracting(TourResponse::title)
			.containsExactly("Late");
	}

	@Test
	void searchSortsByEveryPropertyTheApiOffersAndCountsBeyondThePage() {
		for (int i = 0; i < 7; i++) {
			Tour tour = tour("Tour " + (char) ('G' - i), (10 + (i * 37) % 11) + ".00");
			this.departures.saveAndFlush(new Departure(tour.getId(), LocalDate.of(2030, 1, 1 + i), 5 + i));
		}
		TourSearch all = new TourSearch(null, null, null, null, null, null);
		List<TourResponse> everything = search(all, PageRequest.of(0, 10, BY_TITLE)).content();
		Map<String, Comparator<TourResponse>> orders = Map.of("id", Comparator.comparing(TourResponse::id), "title",
				Comparator.comparing(TourResponse::title), "region", Comparator.comparing(TourResponse::region),
				"pricePerPerson", Comparator.comparing(TourResponse::pricePerPerson), "createdAt",
				Comparator.comparing(TourResponse::id));

		orders.forEach((property, order) -> {
			for (Sort.Direction direction : Sort.Direction.values()) {
				Sort sort = Sort.by(direction, property).and(Sort.by("id"));
				Comparator<TourResponse> expected = (direction.isAscending() ? order : order.reversed())
					.thenComparing(TourResponse::id);
				PageResponse<TourResponse> page = search(all, PageRequest.of(1, 3, sort));
				assertThat(page.content()).as(sort.toString())
					.containsExactlyElementsOf(everything.stream().sorted(expected).skip(3).limit(3).toList());
				assertThat(page.totalElements()).isEqualTo(7);
				assertThat(page.totalPages()).isEqualTo(3);
			}
		});
		assertThat(everything).allSatisfy((tour) -> assertThat(tour.departures()).hasSize(1));
	}

	@Test
	void theCheckConstraintRefusesOversellingEvenFromRawSql() {
		Departure departure = this.departures
			.saveAndFlush(new Departure(tour("T", "10.00").getId(), LocalDate.of(2030, 1, 1), 3));

		assertThatException().isThrownBy(() -> JdbcClient.create(this.dataSource)
			.sql("update departures set seats_left = -1 where id = ?")
			.param(departure.getId())
			.update());
	}

	private PageResponse<TourResponse> search(TourSearch search, PageRequest page) {
		return new TourCatalogue(JdbcClient.create(this.dataSource)).search(search, page);
	}

	private Tour tour(String title, String price) {
		return this.tours.saveAndFlush(new Tour(title, "Description of " + title, "Portugal", new BigDecimal(price),
				this.guideId, Instant.now()));
	}

}
