package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.system.PlainText;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourRequests.CreateTourRequest;
import com.example.tourbooking.tour.TourRequests.NewDepartureRequest;
import com.example.tourbooking.tour.TourRequests.UpdateTourRequest;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.CurrentUser;

/**
 * The public catalogue and tour management.
 */
@RestController
@RequestMapping("/api/tours")
class TourController {

	private final TourCatalogue catalogue;

	private final TourService tours;

	TourController(TourCatalogue catalogue, TourService tours) {
		this.catalogue = catalogue;
		this.tours = tours;
	}

	@GetMapping
	PageResponse<TourResponse> search(@RequestParam(required = false) @Size(max = 100) @PlainText String q,
			@RequestParam(required = false) @Size(max = 80) @PlainText String region,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) @DecimalMin("0") @DecimalMax(TourRequests.MAX_PRICE) @Digits(integer = 6,
					fraction = 2) BigDecimal minPrice,
			@RequestParam(required = false) @DecimalMin("0") @DecimalMax(TourRequests.MAX_PRICE) @Digits(integer = 6,
					fraction = 2) BigDecimal maxPrice,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String sort) {
		return this.catalogue.search(new TourSearch(q, region, from, to, minPrice, maxPrice),
				PageRequests.of(page, size, sort, TourCatalogue.SORTABLE, Sort.by("title").and(Sort.by("id"))));
	}

	@GetMapping("/{id}")
	TourResponse find(@PathVariable long id) {
		return this.tours.find(id);
	}

	@PostMapping
	ResponseEntity<TourResponse> create(@Valid @RequestBody CreateTourRequest request,
			@AuthenticationPrincipal Jwt caller) {
		TourResponse tour = this.tours.create(request, CurrentUser.of(caller));
		return ResponseEntity.created(URI.create("/api/tours/" + tour.id())).body(tour);
	}

	@PutMapping("/{id}")
	TourResponse update(@PathVariable long id, @Valid @RequestBody UpdateTourRequest request,
			@AuthenticationPrincipal Jwt caller) {
		return this.tours.update(id, request, CurrentUser.of(caller));
	}

	@PostMapping("/{id}/departures")
	ResponseEntity<DepartureResponse> addDeparture(@PathVariable long id,
			@Valid @RequestBody NewDepartureRequest request, @AuthenticationPrincipal Jwt caller) {
		DepartureResponse departure = this.tours.addDeparture(id, request, CurrentUser.of(caller));
		return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/tours/" + id)).body(departure);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, @AuthenticationPrincipal Jwt caller) {
		this.tours.delete(id, CurrentUser.of(caller));
	}

}
