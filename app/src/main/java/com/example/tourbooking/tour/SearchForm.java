package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The home page's search form, bound from the query string so a search can be bookmarked
 * and shared; a value of the wrong type becomes a form error, not an error page.
 *
 * @param q words in title or description
 * @param region exact region
 * @param from first departure date of interest
 * @param to last departure date of interest
 * @param minPrice lowest price per person
 * @param maxPrice highest price per person
 */
record SearchForm(@Nullable String q, @Nullable String region,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, @Nullable BigDecimal minPrice,
		@Nullable BigDecimal maxPrice) {

	TourSearch toSearch() {
		return new TourSearch(this.q, this.region, this.from, this.to, this.minPrice, this.maxPrice);
	}

	/**
	 * The link to another page of the same search.
	 * @param page zero-based page number
	 * @return path and encoded query
	 */
	String link(int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/");
		add(link, "q", this.q);
		add(link, "region", this.region);
		add(link, "from", this.from);
		add(link, "to", this.to);
		add(link, "minPrice", this.minPrice);
		add(link, "maxPrice", this.maxPrice);
		if (page > 0) {
			link.queryParam("page", page);
		}
		return link.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder link, String name, @Nullable Object value) {
		if (value != null && !value.toString().isBlank()) {
			link.queryParam(name, value);
		}
	}

}
