package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.reservation.ReservationApi.BookReservationRequest;
import com.example.tourbooking.reservation.ReservationApi.BookingResult;
import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.reservation.ReservationExceptions.SoldOutException;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.web.PageSliceConfiguration;
import com.example.tourbooking.tour.TourBookings;
import com.example.tourbooking.tour.TourBookings.BookingTerms;
import com.example.tourbooking.tour.TourTitles;
import com.example.tourbooking.user.CurrentUser;
import com.example.tourbooking.user.Role;

import static com.example.tourbooking.system.web.PageSliceConfiguration.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Booking, the price preview, my reservations and a tour's bookings: CSRF on every form,
 * sign-in and role checks, the sold-out message in place and as a page.
 */
@WebMvcTest(ReservationPageController.class)
@Import(PageSliceConfiguration.class)
@ActiveProfiles("test")
class ReservationPageControllerTests {

	private static final ReservationResponse BOOKED = new ReservationResponse(5, 3, 7, 70, LocalDate.of(2030, 5, 1), 2,
			new BigDecimal("70.00"), "EUR", ReservationStatus.CONFIRMED, Instant.parse("2030-01-01T10:00:00Z"), null);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ReservationService reservations;

	@MockitoBean
	private TourBookings tours;

	@MockitoBean
	private TourTitles titles;

	@MockitoBean
	private AuthenticationProvider signIn;

	@Test
	void thePricePreviewUsesTheBookingsOwnPriceRule() {
		given(this.tours.termsOf(70))
			.willReturn(new BookingTerms(7, "Lisbon", 70, LocalDate.of(2030, 5, 1), 10, new BigDecimal("35.00")));

		assertThat(this.mvc.get().uri("/reservations/quote?departureId=70&headcount=3")).hasStatusOk()
			.bodyText()
			.contains("€105.00");
		assertThat(this.mvc.get().uri("/reservations/quote?departureId=70&headcount=11")).hasStatusOk()
			.bodyText()
			.contains("More travellers than this departure takes");
	}

	@Test
	void bookingInPlaceConfirmsWithAFragment() {
		given(this.reservations.book(eq(new BookReservationRequest(70L, 2)), isNull(),
				eq(new CurrentUser(3, Role.CUSTOMER))))
			.willReturn(new BookingResult(BOOKED, false));

		assertThat(this.mvc.post()
			.uri("/reservations")
			.param("departureId", "70")
			.param("headcount", "2")
			.header("X-Requested-With", "fetch")
			.with(signedIn(3, Role.CUSTOMER))
			.with(csrf())).hasStatusOk().bodyText().contains("Booked!", "2 seats", "€70.00").doesNotContain("<html");
	}

	@Test
	void aSoldOutBookingSaysSoInPlaceWithTheConflictStatus() {
		given(this.reservations.book(any(), any(), any())).willThrow(SoldOutException.forDeparture(70, 2));

		assertThat(this.mvc.post()
			.uri("/reservations")
			.param("departureId", "70")
			.param("headcount", "2")
			.header("X-Requested-With", "fetch")
			.with(signedIn(3, Role.CUSTOMER))
			.with(csrf())).hasStatus(409).bodyText().contains("role=\"alert\"", "Sold out:").doesNotContain("<html");
		assertThat(this.mvc.post()
			.uri("/reservations")
			.param("departureId", "70")
			.param("headcount", "2")
			.with(signedIn(3, Role.CUSTOMER))
			.with(csrf())).hasStatus(409).bodyText().contains("<html", "That did not work", "Sold out:");
	}

	@Test
	void bookingWithoutACsrfTokenIsRefused() {
		assertThat(this.mvc.post()
			.uri("/reservations")
			.param("departureId", "70")
			.param("headcount", "2")
			.with(signedIn(3, Role.CUSTOMER))).hasStatus(403).hasForwardedUrl("/forbidden");
		then(this.reservations).shouldHaveNoInteractions();
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() {
		assertThat(this.mvc.get().uri("/reservations")).hasStatus(302).redirectedUrl().endsWith("/login");
		assertThat(this.mvc.post().uri("/reservations").param("departureId", "70").param("headcount", "2").with(csrf()))
			.hasStatus(302);
		then(this.reservations).shouldHaveNoInteractions();
	}

	@Test
	void myReservationsListsThemWithTourTitlesAndACancelForm() {
		given(this.reservations.list(eq(new CurrentUser(3, Role.CUSTOMER)), any()))
			.willReturn(new PageResponse<>(List.of(BOOKED), 0, 20, 1, 1));
		given(this.titles.of(anyCollection())).willReturn(Map.of(7L, "Lisbon Walk"));

		assertThat(this.mvc.get().uri("/reservations").with(signedIn(3, Role.CUSTOMER))).hasStatusOk()
			.bodyText()
			.contains("Lisbon Walk", "€70.00", "Confirmed", "/reservations/5/cancel", "name=\"_csrf\"");
	}

	@Test
	void cancellingRedirectsBackToTheList() {
		given(this.reservations.cancel(5, new CurrentUser(3, Role.CUSTOMER))).willReturn(BOOKED);

		assertThat(this.mvc.post().uri("/reservations/5/cancel").with(signedIn(3, Role.CUSTOMER)).with(csrf()))
			.hasStatus(302)
			.redirectedUrl()
			.isEqualTo("/reservations?cancelled=5");
	}

	@Test
	void aTourBookingsPageIsForGuidesAndAdminsOnly() {
		given(this.reservations.forTour(eq(7L), any(), any()))
			.willReturn(new PageResponse<>(List.of(BOOKED), 0, 20, 1, 1));
		given(this.titles.of(anyCollection())).willReturn(Map.of(7L, "Lisbon Walk"));

		assertThat(this.mvc.get().uri("/guide/tours/7/bookings").with(signedIn(3, Role.CUSTOMER))).hasStatus(403)
			.hasForwardedUrl("/forbidden");
		assertThat(this.mvc.get().uri("/guide/tours/7/bookings").with(signedIn(2, Role.GUIDE))).hasStatusOk()
			.bodyText()
			.contains("Bookings: Lisbon Walk", "#5");
	}

}
