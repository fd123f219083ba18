package com.example.tourbooking.tour;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One date a tour runs on, with its capacity. {@code seatsLeft} is only ever changed by
 * the conditional updates in {@link SeatCounter} and {@link DepartureRepository}, so the
 * database arbitrates concurrent bookings.
 */
@Entity
@Table(name = "departures")
class Departure {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "tour_id", nullable = false)
	private Long tourId;

	@Column(name = "departure_date", nullable = false)
	private LocalDate date;

	@Column(nullable = false)
	private int capacity;

	@Column(name = "seats_left", nullable = false)
	private int seatsLeft;

	protected Departure() {
	}

	Departure(long tourId, LocalDate date, int capacity) {
		this.tourId = tourId;
		this.date = date;
		this.capacity = capacity;
		this.seatsLeft = capacity;
	}

	Long getId() {
		return this.id;
	}

	Long getTourId() {
		return this.tourId;
	}

	LocalDate getDate() {
		return this.date;
	}

	int getCapacity() {
		return this.capacity;
	}

	int getSeatsLeft() {
		return this.seatsLeft;
	}

}
