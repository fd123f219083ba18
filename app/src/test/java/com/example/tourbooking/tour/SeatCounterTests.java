package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat counter on the embedded default, H2 in PostgreSQL mode as {@code make run}
 * starts it (application-default.yml, migrated by Flyway); each test rolls back.
 * PostgreSQL takes seats in one statement with the reservation
 * ({@code reservation.OneStatementBookingTests} checks the same conditions there).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(SeatCounter.class)
class SeatCounterTests {

	private static final LocalDate TODAY = LocalDate.of(2029, 6, 1);

	@Autowired
	private TourRepository tours;

	@Autowired
	private DepartureRepository departures;

	@Autowired
	private SeatCounter seats;

	@Autowired
	private DataSource dataSource;

	private long guideId;

	@BeforeEach
	void arrange() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("insert into users (email, password_hash, name, role, created_at) "
				+ "values ('seat-counter-guide@example.com', 'x', 'G', 'GUIDE', current_timestamp)")
			.update();
		this.guideId = jdbc.sql("select id from users where email = 'seat-counter-guide@example.com'")
			.query(Long.class)
			.single();
	}

	@Test
	void takingSeatsNeverGoesBelowZero() {
		Departure departure = this.departures
			.saveAndFlush(new Departure(tour("T", "10.00").getId(), LocalDate.of(2030, 1, 1), 3));

		assertThat(this.seats.takeSeats(departure.getId(), 2, TODAY)).isPresent();
		assertThat(this.seats.takeSeats(departure.getId(), 2, TODAY)).isEmpty();
		assertThat(this.seats.takeSeats(departure.getId(), 1, TODAY)).isPresent();
		assertThat(seatsLeft(departure)).isZero();
		assertThat(this.departures.releaseSeats(departure.getId(), 4)).isZero();
	}

	@Test
	void takingSeatsReturnsTheTermsOfTheBooking() {
		Tour tour = tour("Terms", "12.50");
		Departure departure = this.departures.saveAndFlush(new Departure(tour.getId(), LocalDate.of(2030, 1, 1), 3));

		assertThat(this.seats.takeSeats(departure.getId(), 2, TODAY)).contains(new TourBookings.BookingTerms(
				tour.getId(), "Terms", departure.getId(), LocalDate.of(2030, 1, 1), 3, new BigDecimal("12.50")));
		assertThat(seatsLeft(departure)).isEqualTo(1);
	}

	@Test
	void noSeatsAreTakenOnPastDeparturesDeletedToursOrUnknownDepartures() {
		Tour tour = tour("T", "10.00");
		Departure past = this.departures.saveAndFlush(new Departure(tour.getId(), TODAY.minusDays(1), 3));
		Departure today = this.departures.saveAndFlush(new Departure(tour.getId(), TODAY, 3));
		Tour deleted = tour("Gone", "10.00");
		Departure ofDeleted = this.departures.saveAndFlush(new Departure(deleted.getId(), TODAY.plusDays(9), 3));
		deleted.delete(Instant.now());
		this.tours.flush();

		assertThat(this.seats.takeSeats(past.getId(), 1, TODAY)).isEmpty();
		assertThat(this.seats.takeSeats(ofDeleted.getId(), 1, TODAY)).isEmpty();
		assertThat(this.seats.takeSeats(-1, 1, TODAY)).isEmpty();
		assertThat(this.seats.takeSeats(today.getId(), 1, TODAY)).isPresent();
		assertThat(seatsLeft(past)).isEqualTo(3);
		assertThat(seatsLeft(ofDeleted)).isEqualTo(3);
	}

	private int seatsLeft(Departure departure) {
		return JdbcClient.create(this.dataSource)
			.sql("select seats_left from departures where id = ?")
			.param(departure.getId())
			.query(Integer.class)
			.single();
	}

	private Tour tour(String title, String price) {
		return this.tours.saveAndFlush(new Tour(title, "Description of " + title, "Portugal", new BigDecimal(price),
				this.guideId, Instant.now()));
	}

}
