package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.web.PageSliceConfiguration;
import com.example.tourbooking.tour.TourExceptions.NotTourGuideException;
import com.example.tourbooking.tour.TourExceptions.TourHasReservationsException;
import com.example.tourbooking.tour.TourRequests.CreateTourRequest;
import com.example.tourbooking.tour.TourRequests.NewDepartureRequest;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.CurrentUser;
import com.example.tourbooking.user.Role;

import static com.example.tourbooking.system.web.PageSliceConfiguration.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A guide's pages: role checks, CSRF, the API's validation on the forms, the service's
 * ownership and reservation rules shown as friendly pages.
 */
@WebMvcTest(GuideTourPageController.class)
@Import(PageSliceConfiguration.class)
@ActiveProfiles("test")
class GuideTourPageControllerTests {

	private static final TourResponse TOUR = new TourResponse(7, "Lisbon Walk", "Lanes", "Portugal",
			new BigDecimal("35.00"), "EUR", 2, List.of(new DepartureResponse(70, LocalDate.of(2030, 5, 1), 10, 4)));

	private static final CurrentUser GUIDE = new CurrentUser(2, Role.GUIDE);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private TourService tours;

	@MockitoBean
	private GuideTours guideTours;

	@MockitoBean
	private TourBookings bookings;

	@MockitoBean
	private AuthenticationProvider signIn;

	@Test
	void customersAndVisitorsCannotManageTours() {
		assertThat(this.mvc.get().uri("/guide/tours").with(signedIn(3, Role.CUSTOMER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/guide/tours")).hasStatus(302);
		assertThat(this.mvc.post().uri("/guide/tours/7/delete").with(signedIn(3, Role.CUSTOMER)).with(csrf()))
			.hasStatus(403);
		then(this.tours).shouldHaveNoInteractions();
	}

	@Test
	void aGuideSeesTheirTours() {
		given(this.guideTours.managedBy(eq(GUIDE), any())).willReturn(new PageResponse<>(List.of(TOUR), 0, 20, 1, 1));

		assertThat(this.mvc.get().uri("/guide/tours").with(signedIn(2, Role.GUIDE))).hasStatusOk()
			.bodyText()
			.contains("Lisbon Walk", "/guide/tours/7/edit", "/guide/tours/7/bookings", "Delete Lisbon Walk");
	}

	@Test
	void creatingATourUsesTheServiceAndOpensItsEditPage() {
		given(this.tours.create(any(), eq(GUIDE))).willReturn(TOUR);

		assertThat(this.mvc.post()
			.uri("/guide/tours")
			.param("title", "Lisbon Walk")
			.param("description", "Lanes")
			.param("region", "Portugal")
			.param("pricePerPerson", "35.00")
			.with(signedIn(2, Role.GUIDE))
			.with(csrf())).hasStatus(302).redirectedUrl().isEqualTo("/guide/tours/7/edit?saved=");
		then(this.tours).should()
			.create(new CreateTourRequest("Lisbon Walk", "Lanes", "Portugal", new BigDecimal("35.00"), List.of()),
					GUIDE);
	}

	@Test
	void anInvalidTourIsShownAgainWithTheApisMessages() {
		assertThat(this.mvc.post()
			.uri("/guide/tours")
			.param("title", "")
			.param("description", "Lanes")
			.param("region", "Portugal")
			.param("pricePerPerson", "0")
			.with(signedIn(2, Role.GUIDE))
			.with(csrf())).hasStatusOk().bodyText().contains("Required.", "Must be at least 0.01");
		then(this.tours).shouldHaveNoInteractions();
	}

	@Test
	void addingADepartureBindsAnIsoDate() {
		assertThat(this.mvc.post()
			.uri("/guide/tours/7/departures")
			.param("date", "2030-06-01")
			.param("capacity", "12")
			.with(signedIn(2, Role.GUIDE))
			.with(csrf())).hasStatus(302).redirectedUrl().isEqualTo("/guide/tours/7/edit?departureAdded=");
		then(this.tours).should().addDeparture(7, new NewDepartureRequest(LocalDate.of(2030, 6, 1), 12), GUIDE);
	}

	@Test
	void anotherGuidesTourIsAForbiddenPage() {
		willThrow(NotTourGuideException.forTour(7)).given(this.bookings).requireManager(7, GUIDE);

		assertThat(this.mvc.get().uri("/guide/tours/7/edit").with(signedIn(2, Role.GUIDE))).hasStatus(403)
			.bodyText()
			.contains("Your account may not do this.");
	}

	@Test
	void deletingATourWithBookingsExplainsWhyNot() {
		willThrow(TourHasReservationsException.forTour(7)).given(this.tours).delete(7, GUIDE);

		assertThat(this.mvc.post().uri("/guide/tours/7/delete").with(signedIn(2, Role.GUIDE)).with(csrf()))
			.hasStatus(409)
			.bodyText()
			.contains("confirmed bookings on future departures");
	}

}
