package com.example.tourbooking.tour;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue and tour management through the HTTP API, on PostgreSQL.
 */
class TourApiTests extends ApiTestSupport {

	@Test
	void aGuideCreatesATourAndBecomesItsGuide() {
		Caller guide = guide();

		Api.Response tour = createTour(guide, "Lisbon Walk", "35.50", 12, 2);

		assertThat(tour.headers().firstValue("Location")).hasValue("/api/tours/" + tour.id());
		assertThat(tour.json().path("guideId").asLong()).isEqualTo(guide.id());
		assertThat(tour.json().path("pricePerPerson").decimalValue()).isEqualByComparingTo("35.50");
		assertThat(tour.json().path("currency").asString()).isEqualTo("EUR");
		assertThat(tour.json().path("departures").get(0).path("seatsLeft").asInt()).isEqualTo(12);
	}

	@Test
	void anyoneMayBrowseATourWithItsDepartures() {
		Api.Response created = createTour(guide(), "Porto Food", "49.00", 8, 3);

		Api.Response tour = this.api.get("/api/tours/" + created.id(), null);

		assertThat(tour.status()).isEqualTo(200);
		assertThat(tour.json().path("departures").size()).isEqualTo(3);
		assertThat(tour.json().path("departures").get(0).path("capacity").asInt()).isEqualTo(8);
	}

	@Test
	void customersCannotCreateTours() {
		Api.Response response = this.api.post("/api/tours", Map.of("title", "Nope", "description", "d", "region", "r",
				"pricePerPerson", "1.00", "departures", List.of()), customer().token());

		assertThat(response.status()).isEqualTo(403);
		assertThat(this.data.count("tours")).isZero();
	}

	@Test
	void searchFiltersByTextRegionPriceAndDepartureDates() {
		Caller guide = guide();
		createTour(guide, "Wine tasting in Douro", "120.00", 10, 1);
		createTour(guide, "City walk", "20.00", 10, 1);
		Api.Response late = createTour(guide, "Late cruise", "80.00", 10, 1);
		this.api.post("/api/tours/" + late.id() + "/departures",
				Map.of("date", LocalDate.now().plusDays(200).toString(), "capacity", 5), guide.token());

		assertThat(titles("/api/tours?q=WINE")).containsExactly("Wine tasting in Douro");
		assertThat(titles("/api/tours?q=called%20city")).containsExactly("City walk");
		assertThat(titles("/api/tours?region=portugal&maxPrice=90")).containsExactly("City walk", "Late cruise");
		assertThat(titles("/api/tours?minPrice=50&maxPrice=100")).containsExactly("Late cruise");
		String from = LocalDate.now().plusDays(100).toString();
		assertThat(titles("/api/tours?from=" + from)).containsExactly("Late cruise");
		assertThat(titles("/api/tours?to=" + LocalDate.now().plusDays(11) + "&sort=pricePerPerson,desc"))
			.containsExactly("Wine tasting in Douro", "Late cruise", "City walk");
	}

	@Test
	void searchPagesAndBoundsThePageSize() {
		Caller guide = guide();
		for (int i = 0; i < 5; i++) {
			createTour(guide, "Tour " + i, "10.00", 4, 1);
		}

		Api.Response page = this.api.get("/api/tours?page=1&size=2&sort=title", null);
		Api.Response tooLarge = this.api.get("/api/tours?size=101", null);

		assertThat(page.json().path("totalElements").asLong()).isEqualTo(5);
		assertThat(page.json().path("totalPages").asInt()).isEqualTo(3);
		assertThat(page.json().path("content").get(0).path("title").asString()).isEqualTo("Tour 2");
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.problemType()).isEqualTo(PROBLEMS + "validation-error");
	}

	@Test
	void onlyTheToursGuideOrAnAdminMayChangeIt() {
		Caller owner = guide();
		Caller otherGuide = guide();
		Api.Response tour = createTour(owner, "Original", "10.00", 4, 1);
		Map<String, Object> change = Map.of("title", "Changed", "description", "New", "region", "Spain",
				"pricePerPerson", "12.00");

		Api.Response byOther = this.api.put("/api/tours/" + tour.id(), change, otherGuide.token());
		Api.Response byOwner = this.api.put("/api/tours/" + tour.id(), change, owner.token());
		Api.Response byAdmin = this.api.post("/api/tours/" + tour.id() + "/departures",
				Map.of("date", LocalDate.now().plusDays(30).toString(), "capacity", 6), admin().token());

		assertThat(byOther.status()).isEqualTo(403);
		assertThat(byOwner.status()).isEqualTo(200);
		assertThat(byOwner.json().path("title").asString()).isEqualTo("Changed");
		assertThat(byAdmin.status()).isEqualTo(201);
		assertThat(this.api.get("/api/tours/" + tour.id(), null).json().path("departures").size()).isEqualTo(2);
	}

	@Test
	void deletingATourWithConfirmedFutureReservationsIsAConflict() {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Busy", "10.00", 4, 1);
		book(customer(), firstDeparture(tour), 1);

		Api.Response response = this.api.delete("/api/tours/" + tour.id(), guide.token());

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "tour-has-reservations");
		assertThat(this.api.get("/api/tours/" + tour.id(), null).status()).isEqualTo(200);
	}

	@Test
	void aDeletedTourLeavesTheCatalogueButKeepsItsPastReservations() {
		Caller guide = guide();
		Caller customer = customer();
		Api.Response tour = createTour(guide, "Done", "10.00", 4, 1);
		long reservation = book(customer, firstDeparture(tour), 2).id();
		this.data.moveDeparture(firstDeparture(tour), LocalDate.now().minusDays(3));

		Api.Response deleted = this.api.delete("/api/tours/" + tour.id(), guide.token());

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(this.api.get("/api/tours/" + tour.id(), null).status()).isEqualTo(404);
		assertThat(titles("/api/tours")).isEmpty();
		assertThat(this.api.get("/api/reservations/" + reservation, customer.token()).status()).isEqualTo(200);
	}

	@Test
	void unknownToursAreNotFound() {
		Caller guide = guide();

		assertThat(this.api.get("/api/tours/424242", null).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/tours/424242", guide.token()).status()).isEqualTo(404);
		assertThat(this.api
			.post("/api/tours/424242/departures", Map.of("date", LocalDate.now().plusDays(3).toString(), "capacity", 3),
					guide.token())
			.problemType()).isEqualTo(PROBLEMS + "not-found");
	}

	private List<String> titles(String path) {
		Api.Response response = this.api.get(path, null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("content").valueStream().map((tour) -> tour.path("title").asString()).toList();
	}

}
