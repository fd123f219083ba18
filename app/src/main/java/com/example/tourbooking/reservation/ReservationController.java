package com.example.tourbooking.reservation;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.tourbooking.reservation.ReservationApi.BookReservationRequest;
import com.example.tourbooking.reservation.ReservationApi.BookingResult;
import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.system.InvalidParameterException;
import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.user.CurrentUser;

/**
 * Booking, listing and cancelling reservations; a tour's reservations for its guide.
 */
@RestController
class ReservationController {

	/** Header that makes a booking safe to retry. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final String KEY_FORMAT = "[A-Za-z0-9_\\-:.]{1,100}";

	/**
	 * Checked in code: a constraint annotation on the header would make Spring validate
	 * every booking's arguments once more as a method call (spring-web 7.0
	 * {@code HandlerMethod.MethodValidationInitializer}: any {@code @Constraint} on a
	 * parameter turns it on), a cost each booking paid for the header most omit.
	 */
	private static final Pattern KEY = Pattern.compile(KEY_FORMAT);

	private static final Set<String> SORTABLE = Set.of("id", "createdAt", "departureDate", "status");

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"));

	private final ReservationService reservations;

	ReservationController(ReservationService reservations) {
		this.reservations = reservations;
	}

	@PostMapping("/api/reservations")
	ResponseEntity<ReservationResponse> book(@Valid @RequestBody BookReservationRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Parameter(schema = @Schema(pattern = KEY_FORMAT)) String idempotencyKey,
			@AuthenticationPrincipal Jwt caller) {
		if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
			throw InvalidParameterException.header(IDEMPOTENCY_KEY,
					"may hold only letters, digits and _-:. (1 to 100 of them)");
		}
		BookingResult result = this.reservations.book(request, idempotencyKey, CurrentUser.of(caller));
		ReservationResponse reservation = result.reservation();
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/reservations/" + reservation.id()))
			.header("Idempotent-Replayed", Boolean.toString(result.replayed()))
			.body(reservation);
	}

	@GetMapping("/api/reservations")
	PageResponse<ReservationResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@AuthenticationPrincipal Jwt caller) {
		return this.reservations.list(CurrentUser.of(caller),
				PageRequests.of(page, size, sort, SORTABLE, NEWEST_FIRST));
	}

	@GetMapping("/api/reservations/{id}")
	ReservationResponse find(@PathVariable long id, @AuthenticationPrincipal Jwt caller) {
		return this.reservations.find(id, CurrentUser.of(caller));
	}

	@PostMapping("/api/reservations/{id}/cancel")
	ReservationResponse cancel(@PathVariable long id, @AuthenticationPrincipal Jwt caller) {
		return this.reservations.cancel(id, CurrentUser.of(caller));
	}

	@GetMapping("/api/tours/{tourId}/reservations")
	PageResponse<ReservationResponse> forTour(@PathVariable long tourId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@AuthenticationPrincipal Jwt caller) {
		return this.reservations.forTour(tourId, CurrentUser.of(caller),
				PageRequests.of(page, size, sort, SORTABLE, NEWEST_FIRST));
	}

}
