package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.WebSliceConfiguration;
import com.example.tourbooking.tour.TourRequests.CreateTourRequest;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.CurrentUser;
import com.example.tourbooking.user.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * The tour endpoints' HTTP contract (binding, validation, status codes, security rules)
 * with the service mocked.
 */
@WebMvcTest(TourController.class)
@Import(WebSliceConfiguration.class)
@ActiveProfiles("test")
class TourControllerTests {

	private static final TourResponse TOUR = new TourResponse(7, "Lisbon", "Walk", "Portugal", new BigDecimal("35.00"),
			"EUR", 2, List.of(new DepartureResponse(70, LocalDate.of(2030, 5, 1), 10, 4)));

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private TourCatalogue catalogue;

	@MockitoBean
	private TourService tours;

	@Test
	void searchPassesTheFiltersAndReturnsAPage() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(TOUR), 0, 20, 1, 1));

		assertThat(this.mvc.get().uri("/api/tours?q=walk&region=Portugal&minPrice=10&from=2030-01-01")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content[0].departures[0].seatsLeft")
			.isEqualTo(4);
		then(this.catalogue).should()
			.search(eq(new TourSearch("walk", "Portugal", LocalDate.of(2030, 1, 1), null, new BigDecimal("10"), null)),
					any());
	}

	@Test
	void aGuideCreatesATourAndGetsItsLocation() {
		given(this.tours.create(any(CreateTourRequest.class), eq(new CurrentUser(2, Role.GUIDE)))).willReturn(TOUR);

		assertThat(this.mvc.post()
			.uri("/api/tours")
			.with(as(2, Role.GUIDE))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"title":"Lisbon","description":"Walk","region":"Portugal","pricePerPerson":35.00,
					 "departures":[{"date":"2030-05-01","capacity":10}]}""")).hasStatus(201)
			.hasHeader("Location", "/api/tours/7");
	}

	@Test
	void creatingATourNeedsTheGuideOrAdminRole() {
		assertThat(this.mvc.post()
			.uri("/api/tours")
			.with(as(3, Role.CUSTOMER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(403).bodyJson().extractingPath("$.type").asString().endsWith("/forbidden");
		assertThat(this.mvc.post().uri("/api/tours").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(401);
	}

	@Test
	void invalidToursAreRefusedWithTheFieldsInError() {
		assertThat(this.mvc.post()
			.uri("/api/tours")
			.with(as(2, Role.GUIDE))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"\",\"description\":\"D\",\"region\":\"R\",\"pricePerPerson\":0,\"departures\":[]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("title", "pricePerPerson");
		then(this.tours).shouldHaveNoInteractions();
	}

	@Test
	void pageSizesAboveTheLimitAreRefused() {
		assertThat(this.mvc.get().uri("/api/tours?size=500")).hasStatus(400);
		then(this.catalogue).shouldHaveNoInteractions();
	}

	private static JwtRequestPostProcessor as(long id, Role role) {
		return jwt().jwt((token) -> token.subject(Long.toString(id)).claim("role", role.name()))
			.authorities(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}

}
