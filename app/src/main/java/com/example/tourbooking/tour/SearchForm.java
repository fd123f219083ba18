package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The home page's search form, bound from the query string so a search can be bookmarked
 * and shared; a value of the wrong type becomes a form error, not an error page.
 * <p>
 * A bean with setters rather than a record: binding a record goes through its
 * constructor, and Spring builds and inspects a {@code MethodParameter} for each of its
 * six components on every request (annotation and nullness lookups: 6% of the home page's
 * CPU), while setters are looked up once and a visit without a query binds nothing at
 * all.
 */
class SearchForm {

	private @Nullable String q;

	private @Nullable String region;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate from;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate to;

	private @Nullable BigDecimal minPrice;

	private @Nullable BigDecimal maxPrice;

	/** Words in title or description. */
	public @Nullable String getQ() {
		return this.q;
	}

	public void setQ(@Nullable String q) {
		this.q = q;
	}

	/** Exact region. */
	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	/** First departure date of interest. */
	public @Nullable LocalDate getFrom() {
		return this.from;
	}

	public void setFrom(@Nullable LocalDate from) {
		this.from = from;
	}

	/** Last departure date of interest. */
	public @Nullable LocalDate getTo() {
		return this.to;
	}

	public void setTo(@Nullable LocalDate to) {
		this.to = to;
	}

	/** Lowest price per person. */
	public @Nullable BigDecimal getMinPrice() {
		return this.minPrice;
	}

	public void setMinPrice(@Nullable BigDecimal minPrice) {
		this.minPrice = minPrice;
	}

	/** Highest price per person. */
	public @Nullable BigDecimal getMaxPrice() {
		return this.maxPrice;
	}

	public void setMaxPrice(@Nullable BigDecimal maxPrice) {
		this.maxPrice = maxPrice;
	}

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
