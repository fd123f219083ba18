package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.reservation.ReservationApi.BookReservationRequest;
import com.example.tourbooking.reservation.ReservationApi.BookingResult;
import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.reservation.ReservationExceptions.SoldOutException;
import com.example.tourbooking.system.WebSliceConfiguration;
import com.example.tourbooking.user.CurrentUser;
import com.example.tourbooking.user.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * The reservation endpoints' HTTP contract with the service mocked.
 */
@WebMvcTest(ReservationController.class)
@Import(WebSliceConfiguration.class)
@ActiveProfiles("test")
class ReservationControllerTests {

	private static final ReservationResponse RESERVATION = new ReservationResponse(11, 3, 7, 70,
			LocalDate.of(2030, 5, 1), 2, new BigDecimal("70.00"), "EUR", ReservationStatus.CONFIRMED,
			Instant.parse("2030-01-01T10:00:00Z"), null);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ReservationService reservations;

	@Test
	void bookingPassesTheIdempotencyKeyAndAnswersCreated() {
		given(this.reservations.book(new BookReservationRequest(70L, 2), "key-1", new CurrentUser(3, Role.CUSTOMER)))
			.willReturn(new BookingResult(RESERVATION, false));

		assertThat(this.mvc.post()
			.uri("/api/reservations")
			.with(customer())
			.header("Idempotency-Key", "key-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"departureId\":70,\"headcount\":2}")).hasStatus(201)
			.hasHeader("Location", "/api/reservations/11")
			.hasHeader("Idempotent-Replayed", "false")
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CONFIRMED");
	}

	@Test
	void soldOutIsAConflictProblem() {
		given(this.reservations.book(any(), eq(null), any())).willThrow(SoldOutException.forDeparture(70, 2));

		assertThat(this.mvc.post()
			.uri("/api/reservations")
			.with(customer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"departureId\":70,\"headcount\":2}")).hasStatus(409)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://tour-booking.example.com/problems/sold-out");
	}

	@Test
	void bookingNeedsAToken() {
		assertThat(this.mvc.post()
			.uri("/api/reservations")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"departureId\":70,\"headcount\":2}")).hasStatus(401);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor customer() {
		return jwt().jwt((token) -> token.subject("3").claim("role", "CUSTOMER"))
			.authorities(new SimpleGrantedAuthority("ROLE_CUSTOMER"));
	}

}
