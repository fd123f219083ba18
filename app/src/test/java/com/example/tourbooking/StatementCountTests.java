package com.example.tourbooking;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search and booking issue a fixed number of SQL statements, whatever the page size or
 * the number of departures (no N+1). Counted on PostgreSQL by wrapping the data source's
 * connections: Hibernate's statistics would miss the catalogue's plain SQL.
 */
@Import(StatementCounter.class)
class StatementCountTests extends ApiTestSupport {

	@Autowired
	private StatementCounter statements;

	@Test
	void searchTakesTheSameStatementsForOneTourOrAHundred() {
		Caller guide = guide();
		createTour(guide, "Only", "10.00", 5, 4);
		long forOne = statementsOf(() -> this.api.get("/api/tours?size=100", null));
		for (int i = 0; i < 60; i++) {
			createTour(guide, "Tour " + i, "10.00", 5, 4);
		}

		long forSixtyOne = statementsOf(() -> this.api.get("/api/tours?size=100&q=tour", null));
		long forAPage = statementsOf(() -> this.api.get("/api/tours?size=5&page=3", null));

		assertThat(forOne).isLessThanOrEqualTo(3);
		assertThat(forSixtyOne).isEqualTo(forOne);
		assertThat(forAPage).isLessThanOrEqualTo(3);
	}

	@Test
	void aTourPageWithManyDeparturesTakesOneStatementForAllDepartures() {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Long season", "10.00", 5, 40);

		long statements = statementsOf(() -> this.api.get("/api/tours/" + tour.id(), null));

		assertThat(statements).isLessThanOrEqualTo(2);
	}

	@Test
	void bookingTakesAFixedNumberOfStatements() {
		Caller customer = customer();
		Api.Response small = createTour(guide(), "Small", "10.00", 50, 1);
		Api.Response large = createTour(guide(), "Large", "10.00", 50, 40);

		long first = statementsOf(() -> book(customer, firstDeparture(small), 1));
		long second = statementsOf(() -> book(customer, firstDeparture(large), 3));

		// One statement on PostgreSQL: the seats' update and the reservation's insert
		// (reservation.OneStatementBooking).
		assertThat(first).isEqualTo(1);
		assertThat(second).isEqualTo(first);
	}

	private long statementsOf(Supplier<Api.Response> request) {
		this.statements.takeCount();
		Api.Response response = request.get();
		assertThat(response.status()).as(response.body()).isLessThan(300);
		return this.statements.takeCount();
	}

}
