/**
 * Tours, their departures and the catalogue search. Its API to other features is
 * {@link TourBookings}: booking terms and the seat counter of each departure.
 */
package com.example.tourbooking.tour;
