package com.example.tourbooking.reservation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking, idempotent retries, visibility and cancellation through the HTTP API, on
 * PostgreSQL.
 */
class ReservationApiTests extends ApiTestSupport {

	@Test
	void bookingConfirmsSeatsAtTheCurrentPrice() {
		Api.Response tour = createTour(guide(), "Douro", "129.90", 10, 1);
		long departure = firstDeparture(tour);

		Api.Response reservation = book(customer(), departure, 3);

		assertThat(reservation.status()).isEqualTo(201);
		assertThat(reservation.json().path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(reservation.json().path("totalPrice").decimalValue()).isEqualByComparingTo("389.70");
		assertThat(reservation.json().path("tourId").asLong()).isEqualTo(tour.id());
		assertThat(reservation.json().path("createdAt").asString()).isNotBlank();
		assertThat(this.data.seatsLeft(departure)).isEqualTo(7);
		assertThat(seatsLeftShown(tour.id())).isEqualTo(7);
	}

	@Test
	void aPriceChangeDoesNotChangeExistingReservations() {
		Caller guide = guide();
		Caller customer = customer();
		Api.Response tour = createTour(guide, "Douro", "100.00", 10, 1);
		long id = book(customer, firstDeparture(tour), 2).id();

		this.api.put("/api/tours/" + tour.id(),
				Map.of("title", "Douro", "description", "d", "region", "Portugal", "pricePerPerson", "150.00"),
				guide.token());

		assertThat(this.api.get("/api/reservations/" + id, customer.token()).json().path("totalPrice").decimalValue())
			.isEqualByComparingTo("200.00");
	}

	@Test
	void notEnoughSeatsIsAConflictAndChangesNothing() {
		Api.Response tour = createTour(guide(), "Small", "10.00", 4, 1);
		long departure = firstDeparture(tour);
		book(customer(), departure, 3);

		Api.Response refused = book(customer(), departure, 2);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.problemType()).isEqualTo(PROBLEMS + "sold-out");
		assertThat(this.data.seatsLeft(departure)).isEqualTo(1);
		assertThat(this.data.count("reservations")).isEqualTo(1);
	}

	@Test
	void pastDeparturesAndOversizedGroupsAreRefused() {
		Api.Response tour = createTour(guide(), "Past", "10.00", 4, 2);
		long past = firstDeparture(tour);
		long future = tour.json().path("departures").get(1).path("id").asLong();
		this.data.moveDeparture(past, LocalDate.now().minusDays(1));
		Caller customer = customer();

		Api.Response closed = book(customer, past, 1);
		Api.Response tooMany = book(customer, future, 5);
		Api.Response none = book(customer, future, 0);

		assertThat(closed.status()).isEqualTo(409);
		assertThat(closed.problemType()).isEqualTo(PROBLEMS + "departure-closed");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.problemType()).isEqualTo(PROBLEMS + "headcount-exceeds-capacity");
		assertThat(none.status()).isEqualTo(400);
		assertThat(this.data.count("reservations")).isZero();
		assertThat(this.data.seatsLeft(future)).isEqualTo(4);
	}

	@Test
	void aTotalBeyondWhatTheDatabaseStoresTakesNoSeats() {
		Api.Response tour = createTour(guide(), "Priceless", "10.00", 200, 1);
		long departure = firstDeparture(tour);
		// 101 x 99,999,999.99 exceeds reservations.total_price NUMERIC(12,2).
		this.data.setPrice(tour.id(), "99999999.99");

		Api.Response refused = book(customer(), departure, 101);
		Api.Response fits = book(customer(), departure, 100);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.problemType()).isEqualTo(PROBLEMS + "amount-out-of-range");
		assertThat(fits.status()).isEqualTo(201);
		assertThat(fits.json().path("totalPrice").decimalValue()).isEqualByComparingTo("9999999999.00");
		assertThat(this.data.seatsLeft(departure)).isEqualTo(100);
		assertThat(this.data.count("reservations")).isEqualTo(1);
	}

	@Test
	void aDeletedToursDeparturesCannotBeBooked() {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Withdrawn", "10.00", 5, 1);
		long departure = firstDeparture(tour);
		assertThat(this.api.delete("/api/tours/" + tour.id(), guide.token()).status()).isEqualTo(204);

		Api.Response refused = book(customer(), departure, 1);

		assertThat(refused.status()).isEqualTo(404);
		assertThat(this.data.seatsLeft(departure)).isEqualTo(5);
		assertThat(this.data.count("reservations")).isZero();
	}

	@Test
	void retriesRacingWithOneKeyBookOnce() throws Exception {
		long departure = firstDeparture(createTour(guide(), "Racing retries", "10.00", 50, 1));
		Caller customer = customer();
		Map<String, Object> body = Map.of("departureId", departure, "headcount", 2);
		int racers = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> answers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(racers);
		try {
			for (int i = 0; i < racers; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return this.api.post("/api/reservations", body, customer.token(),
							Map.of("Idempotency-Key", "racing"));
				}));
			}
			start.countDown();
			Set<Long> ids = new HashSet<>();
			for (Future<Api.Response> answer : answers) {
				Api.Response response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.status()).isEqualTo(201);
				ids.add(response.id());
			}
			assertThat(ids).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.data.seatsLeft(departure)).isEqualTo(48);
		assertThat(this.data.count("reservations")).isEqualTo(1);
	}

	@Test
	void aRetriedBookingWithTheSameKeyReturnsTheFirstResult() {
		Api.Response tour = createTour(guide(), "Retry", "10.00", 10, 1);
		long departure = firstDeparture(tour);
		Caller customer = customer();
		Map<String, Object> body = Map.of("departureId", departure, "headcount", 2);

		Api.Response first = this.api.post("/api/reservations", body, customer.token(),
				Map.of("Idempotency-Key", "booking-1"));
		Api.Response retry = this.api.post("/api/reservations", body, customer.token(),
				Map.of("Idempotency-Key", "booking-1"));

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.id()).isEqualTo(first.id());
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(this.data.seatsLeft(departure)).isEqualTo(8);
		assertThat(this.data.count("reservations")).isEqualTo(1);
	}

	@Test
	void theSameKeyWithADifferentBodyIsRefused() {
		long departure = firstDeparture(createTour(guide(), "Retry", "10.00", 10, 1));
		Caller customer = customer();
		this.api.post("/api/reservations", Map.of("departureId", departure, "headcount", 2), customer.token(),
				Map.of("Idempotency-Key", "booking-2"));

		Api.Response reused = this.api.post("/api/reservations", Map.of("departureId", departure, "headcount", 3),
				customer.token(), Map.of("Idempotency-Key", "booking-2"));

		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.problemType()).isEqualTo(PROBLEMS + "idempotency-key-reused");
		assertThat(this.data.seatsLeft(departure)).isEqualTo(8);
	}

	@Test
	void keysBelongToOneCustomer() {
		long departure = firstDeparture(createTour(guide(), "Shared key", "10.00", 10, 1));
		Map<String, Object> body = Map.of("departureId", departure, "headcount", 1);

		Api.Response first = this.api.post("/api/reservations", body, customer().token(),
				Map.of("Idempotency-Key", "same"));
		Api.Response second = this.api.post("/api/reservations", body, customer().token(),
				Map.of("Idempotency-Key", "same"));

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(this.data.seatsLeft(departure)).isEqualTo(8);
	}

	@Test
	void aReservationIsVisibleToItsCustomerTheToursGuideAndAdminsOnly() {
		Caller guide = guide();
		Caller customer = customer();
		long id = book(customer, firstDeparture(createTour(guide, "Private", "10.00", 5, 1)), 1).id();

		assertThat(this.api.get("/api/reservations/" + id, customer.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/reservations/" + id, guide.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/reservations/" + id, admin().token()).status()).isEqualTo(200);
		Api.Response stranger = this.api.get("/api/reservations/" + id, customer().token());
		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.body()).doesNotContain("totalPrice");
		assertThat(this.api.get("/api/reservations/" + id, guide().token()).status()).isEqualTo(404);
	}

	@Test
	void customersListTheirOwnReservationsAndAdminsListAll() {
		long departure = firstDeparture(createTour(guide(), "List", "10.00", 10, 1));
		Caller first = customer();
		Caller second = customer();
		book(first, departure, 1);
		book(first, departure, 1);
		book(second, departure, 1);

		assertThat(this.api.get("/api/reservations", first.token()).json().path("totalElements").asLong()).isEqualTo(2);
		assertThat(this.api.get("/api/reservations", second.token()).json().path("totalElements").asLong())
			.isEqualTo(1);
		assertThat(this.api.get("/api/reservations", admin().token()).json().path("totalElements").asLong())
			.isEqualTo(3);
	}

	@Test
	void aToursReservationsAreForItsGuideAndAdminsOnly() {
		Caller guide = guide();
		Caller customer = customer();
		Api.Response tour = createTour(guide, "Guided", "10.00", 10, 1);
		book(customer, firstDeparture(tour), 2);
		String path = "/api/tours/" + tour.id() + "/reservations";

		assertThat(this.api.get(path, guide.token()).json().path("totalElements").asLong()).isEqualTo(1);
		assertThat(this.api.get(path, admin().token()).status()).isEqualTo(200);
		assertThat(this.api.get(path, guide().token()).status()).isEqualTo(403);
		assertThat(this.api.get(path, customer.token()).status()).isEqualTo(403);
		assertThat(this.api.get(path, null).status()).isEqualTo(401);
		assertThat(this.api.get("/api/tours/999999/reservations", guide.token()).status()).isEqualTo(404);
	}

	@Test
	void cancellingFreesExactlyItsSeatsOnce() {
		Caller customer = customer();
		long departure = firstDeparture(createTour(guide(), "Cancel", "10.00", 10, 1));
		long id = book(customer, departure, 4).id();

		Api.Response cancelled = this.api.post("/api/reservations/" + id + "/cancel", null, customer.token());
		Api.Response again = this.api.post("/api/reservations/" + id + "/cancel", null, customer.token());

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.problemType()).isEqualTo(PROBLEMS + "reservation-not-cancellable");
		assertThat(this.data.seatsLeft(departure)).isEqualTo(10);
	}

	@Test
	void onlyTheCustomerOrAnAdminMayCancelAndNotAfterDeparture() {
		Caller guide = guide();
		Caller customer = customer();
		Api.Response tour = createTour(guide, "Rules", "10.00", 10, 2);
		long soon = book(customer, firstDeparture(tour), 1).id();
		long later = book(customer, tour.json().path("departures").get(1).path("id").asLong(), 1).id();

		assertThat(this.api.post("/api/reservations/" + soon + "/cancel", null, guide.token()).status()).isEqualTo(403);
		assertThat(this.api.post("/api/reservations/" + soon + "/cancel", null, customer().token()).status())
			.isEqualTo(404);
		assertThat(this.api.post("/api/reservations/" + later + "/cancel", null, admin().token()).status())
			.isEqualTo(200);
		this.data.moveDeparture(firstDeparture(tour), LocalDate.now().minusDays(1));
		Api.Response departed = this.api.post("/api/reservations/" + soon + "/cancel", null, customer.token());
		assertThat(departed.status()).isEqualTo(409);
		assertThat(departed.problemType()).isEqualTo(PROBLEMS + "reservation-not-cancellable");
	}

	private int seatsLeftShown(long tourId) {
		return this.api.get("/api/tours/" + tourId, null).json().path("departures").get(0).path("seatsLeft").asInt();
	}

}
