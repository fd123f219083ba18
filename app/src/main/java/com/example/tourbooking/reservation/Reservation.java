package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Seats a customer booked on one departure, at the price of the moment they booked.
 */
@Entity
@Table(name = "reservations")
class Reservation {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "customer_id", nullable = false)
	private Long customerId;

	@Column(name = "tour_id", nullable = false)
	private Long tourId;

	@Column(name = "departure_id", nullable = false)
	private Long departureId;

	@Column(name = "departure_date", nullable = false)
	private LocalDate departureDate;

	@Column(nullable = false)
	private int headcount;

	@Column(name = "total_price", nullable = false)
	private BigDecimal totalPrice;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ReservationStatus status;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "cancelled_at")
	private Instant cancelledAt;

	@Column(name = "idempotency_key")
	private String idempotencyKey;

	@Column(name = "request_fingerprint")
	private String requestFingerprint;

	protected Reservation() {
	}

	Reservation(long customerId, long tourId, long departureId, LocalDate departureDate, int headcount,
			BigDecimal totalPrice, Instant createdAt, String idempotencyKey, String requestFingerprint) {
		this.customerId = customerId;
		this.tourId = tourId;
		this.departureId = departureId;
		this.departureDate = departureDate;
		this.headcount = headcount;
		this.totalPrice = totalPrice;
		this.status = ReservationStatus.CONFIRMED;
		this.createdAt = createdAt;
		this.idempotencyKey = idempotencyKey;
		this.requestFingerprint = requestFingerprint;
	}

	Long getId() {
		return this.id;
	}

	Long getCustomerId() {
		return this.customerId;
	}

	Long getTourId() {
		return this.tourId;
	}

	Long getDepartureId() {
		return this.departureId;
	}

	LocalDate getDepartureDate() {
		return this.departureDate;
	}

	int getHeadcount() {
		return this.headcount;
	}

	BigDecimal getTotalPrice() {
		return this.totalPrice;
	}

	ReservationStatus getStatus() {
		return this.status;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getCancelledAt() {
		return this.cancelledAt;
	}

	String getRequestFingerprint() {
		return this.requestFingerprint;
	}

}
