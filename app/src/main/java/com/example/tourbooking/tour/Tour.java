package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A tour a guide offers. Deleting one only marks it: its reservations keep their history.
 */
@Entity
@Table(name = "tours")
class Tour {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String title;

	@Column(nullable = false)
	private String description;

	@Column(nullable = false)
	private String region;

	@Column(name = "price_per_person", nullable = false)
	private BigDecimal pricePerPerson;

	@Column(name = "guide_id", nullable = false)
	private Long guideId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected Tour() {
	}

	Tour(String title, String description, String region, BigDecimal pricePerPerson, long guideId, Instant createdAt) {
		this.guideId = guideId;
		this.createdAt = createdAt;
		describe(title, description, region, pricePerPerson);
	}

	void describe(String title, String description, String region, BigDecimal pricePerPerson) {
		this.title = title;
		this.description = description;
		this.region = region;
		this.pricePerPerson = pricePerPerson;
	}

	void delete(Instant at) {
		this.deletedAt = at;
	}

	boolean isManagedBy(long userId, boolean admin) {
		return admin || this.guideId == userId;
	}

	Long getId() {
		return this.id;
	}

	String getTitle() {
		return this.title;
	}

	String getDescription() {
		return this.description;
	}

	String getRegion() {
		return this.region;
	}

	BigDecimal getPricePerPerson() {
		return this.pricePerPerson;
	}

	Long getGuideId() {
		return this.guideId;
	}

}
