/**
 * Reservations: booking seats on a departure (idempotently), listing and cancelling them.
 * Depends on the tour feature's {@code TourBookings} for terms and seats.
 */
package com.example.tourbooking.reservation;
