package com.example.tourbooking.system;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of results in a stable JSON shape (Spring Data's {@code Page} is not meant to
 * be serialized).
 *
 * @param content the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param totalElements items across all pages
 * @param totalPages number of pages
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

	public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
		return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

}
