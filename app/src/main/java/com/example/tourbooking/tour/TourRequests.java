package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.example.tourbooking.system.PlainText;

/**
 * The request bodies of the tour endpoints. Prices are exact decimals in EUR with at most
 * two decimals, up to {@link #MAX_PRICE}; departures are at most {@link #MAX_YEARS_AHEAD}
 * years ahead.
 */
final class TourRequests {

	private TourRequests() {
	}

	/** A new tour; the caller becomes its guide. */
	record CreateTourRequest(@NotBlank @Size(max = 120) @PlainText String title,
			@NotBlank @Size(max = 4000) @PlainText(multiline = true) String description,
			@NotBlank @Size(max = 80) @PlainText String region,
			@NotNull @DecimalMin("0.01") @DecimalMax(MAX_PRICE) @Digits(integer = 8,
					fraction = 2) BigDecimal pricePerPerson,
			@NotNull @Size(max = 50) List<@NotNull @Valid NewDepartureRequest> departures) {
	}

	/** The editable fields of a tour (departures are added separately). */
	record UpdateTourRequest(@NotBlank @Size(max = 120) @PlainText String title,
			@NotBlank @Size(max = 4000) @PlainText(multiline = true) String description,
			@NotBlank @Size(max = 80) @PlainText String region,
			@NotNull @DecimalMin("0.01") @DecimalMax(MAX_PRICE) @Digits(integer = 8,
					fraction = 2) BigDecimal pricePerPerson) {
	}

	/** One more date a tour runs on. */
	record NewDepartureRequest(@NotNull @FutureOrPresent LocalDate date,
			@NotNull @Min(1) @Max(MAX_CAPACITY) Integer capacity) {
	}

	/** The largest group one departure can take. */
	static final int MAX_CAPACITY = 1000;

	/**
	 * The highest price per person, in EUR. With at most {@link #MAX_CAPACITY} people a
	 * booking's total stays far inside the database's {@code NUMERIC(12,2)}.
	 */
	static final String MAX_PRICE = "100000.00";

	/** How far ahead a departure may be scheduled. */
	static final int MAX_YEARS_AHEAD = 5;

}
