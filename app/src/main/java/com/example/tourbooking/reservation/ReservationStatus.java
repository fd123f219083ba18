package com.example.tourbooking.reservation;

/**
 * Where a reservation stands; only confirmed ones hold seats.
 */
enum ReservationStatus {

	CONFIRMED, CANCELLED

}
