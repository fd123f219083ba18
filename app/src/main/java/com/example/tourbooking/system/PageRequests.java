package com.example.tourbooking.system;

import java.util.Set;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Validates client paging and sorting parameters: a page size above {@link #MAX_SIZE}, an
 * offset beyond {@link #MAX_OFFSET} or an unknown sort property is a 400, never a silent
 * clamp or a database error.
 */
public final class PageRequests {

	/** The largest page a client may ask for. */
	public static final int MAX_SIZE = 100;

	/**
	 * How deep a client may page: {@code page × size} at most. Deeper offsets cost the
	 * database a scan each and overflow Hibernate's {@code int} offset; narrow the search
	 * instead.
	 */
	public static final int MAX_OFFSET = 10_000;

	private PageRequests() {
	}

	public static PageRequest of(int page, int size, String sort, Set<String> sortable, Sort defaultSort) {
		if (page < 0) {
			throw InvalidParameterException.of("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw InvalidParameterException.of("size", "must be between 1 and " + MAX_SIZE);
		}
		if ((long) page * size > MAX_OFFSET) {
			throw InvalidParameterException.of("page", "times size must be at most " + MAX_OFFSET);
		}
		return PageRequest.of(page, size, parseSort(sort, sortable, defaultSort));
	}

	private static Sort parseSort(String sort, Set<String> sortable, Sort defaultSort) {
		if (sort == null || sort.isBlank()) {
			return defaultSort;
		}
		String[] parts = sort.split(",", -1);
		String property = parts[0].trim();
		if (!sortable.contains(property) || parts.length > 2) {
			throw InvalidParameterException.of("sort",
					"must be one of " + sortable + ", optionally followed by ,asc or ,desc");
		}
		Sort.Direction direction = Sort.Direction.ASC;
		if (parts.length == 2) {
			direction = Sort.Direction.fromOptionalString(parts[1].trim())
				.orElseThrow(() -> InvalidParameterException.of("sort", "direction must be asc or desc"));
		}
		return Sort.by(direction, property).and(Sort.by("id"));
	}

}
