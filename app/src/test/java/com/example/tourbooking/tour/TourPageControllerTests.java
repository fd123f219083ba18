package com.example.tourbooking.tour;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.web.PageSliceConfiguration;
import com.example.tourbooking.tour.TourExceptions.InvalidRangeException;
import com.example.tourbooking.tour.TourExceptions.TourNotFoundException;
import com.example.tourbooking.tour.TourResponses.DepartureResponse;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;

/**
 * The home and tour pages: search binding, the results fragment for the site's script,
 * locale-formatted money and dates, friendly pages for bad input and unknown tours.
 */
@WebMvcTest(TourPageController.class)
@Import(PageSliceConfiguration.class)
@ActiveProfiles("test")
class TourPageControllerTests {

	private static final TourResponse TOUR = new TourResponse(7, "Lisbon Walk", "Alfama's lanes", "Portugal",
			new BigDecimal("1234.50"), "EUR", 2, List.of(new DepartureResponse(70, LocalDate.of(2030, 5, 1), 10, 4),
					new DepartureResponse(71, LocalDate.of(2030, 5, 8), 10, 0)));

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private TourCatalogue catalogue;

	@MockitoBean
	private TourService tours;

	@MockitoBean
	private AuthenticationProvider signIn;

	@Test
	void theHomePageSearchesWithTheFormsFiltersAndFormatsForTheReader() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(TOUR), 0, 6, 1, 1));

		assertThat(this.mvc.get().uri("/?q=walk&region=Portugal&from=2030-01-01&minPrice=10")).hasStatusOk()
			.bodyText()
			.contains("Lisbon Walk", "€1,234.50 per person", "Next departure: May 1, 2030", "1 tour", "value=\"walk\"");
		then(this.catalogue).should()
			.search(eq(new TourSearch("walk", "Portugal", LocalDate.of(2030, 1, 1), null, new BigDecimal("10"), null)),
					any());
	}

	@Test
	void koreanReadersGetKoreanTextAndKoreanDates() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(TOUR), 0, 6, 1, 1));

		assertThat(this.mvc.get().uri("/").header("Accept-Language", "ko-KR,ko;q=0.9")).hasStatusOk()
			.bodyText()
			.contains("lang=\"ko\"", "다음 여행을 찾아보세요", "1인당 €1,234.50", "2030. 5. 1.");
	}

	@Test
	void theSwitcherChoiceIsRememberedInACookie() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(), 0, 6, 0, 0));

		assertThat(this.mvc.get().uri("/?lang=ko").header("Accept-Language", "en")).hasStatusOk()
			.cookies()
			.hasValue("lang", "ko");
		assertThat(this.mvc.get().uri("/").header("Accept-Language", "en").cookie(new Cookie("lang", "ko")))
			.hasStatusOk()
			.bodyText()
			.contains("투어 없음");
	}

	@Test
	void aLanguageTheSiteIsNotWrittenInEndsInEnglish() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(), 0, 6, 0, 0));

		assertThat(this.mvc.get().uri("/?lang=fr")).hasStatusOk()
			.hasHeader("Content-Language", "en")
			.cookies()
			.hasValue("lang", "en");
		assertThat(this.mvc.get().uri("/").cookie(new Cookie("lang", "zz-QQ"))).hasStatusOk()
			.hasHeader("Content-Language", "en")
			.bodyText()
			.contains("lang=\"en\"");
		assertThat(this.mvc.get().uri("/").header("Accept-Language", "ko-KR").cookie(new Cookie("lang", "de")))
			.hasHeader("Content-Language", "en");
	}

	@Test
	void theScriptGetsOnlyTheResultsFragment() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(TOUR), 0, 6, 1, 1));

		assertThat(this.mvc.get().uri("/?q=lis").header("X-Requested-With", "fetch")).hasStatusOk()
			.bodyText()
			.startsWith("<section id=\"results\"")
			.doesNotContain("<html");
	}

	@Test
	void aValueOfTheWrongTypeIsAFormErrorNotAnErrorPage() {
		assertThat(this.mvc.get().uri("/?minPrice=cheap")).hasStatusOk()
			.bodyText()
			.contains("role=\"alert\"", "Not a valid value.");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void anInvertedRangeIsExplainedOnThePage() {
		willThrow(InvalidRangeException.of("from", "to")).given(this.catalogue).search(any(), any());

		assertThat(this.mvc.get().uri("/?from=2030-05-01&to=2030-01-01")).hasStatusOk()
			.bodyText()
			.contains("The start must not be after the end");
	}

	@Test
	void aTourPageShowsSeatsLeftAndAsksAnonymousVisitorsToSignIn() {
		given(this.tours.find(7)).willReturn(TOUR);

		assertThat(this.mvc.get().uri("/tours/7")).hasStatusOk()
			.bodyText()
			.contains("4 of 10 seats left", "Sold out", "Sign in or create an account to book this tour.")
			.doesNotContain("name=\"_csrf\"");
	}

	@Test
	void signedInCustomersGetTheBookingFormWithACsrfToken() {
		given(this.tours.find(7)).willReturn(TOUR);

		assertThat(this.mvc.get().uri("/tours/7").with(PageSliceConfiguration.signedIn(3, Role.CUSTOMER))).hasStatusOk()
			.bodyText()
			.contains("id=\"book\"", "name=\"_csrf\"", "name=\"headcount\"");
	}

	@Test
	void anUnknownTourIsAFriendlyNotFoundPageNotJson() {
		given(this.tours.find(99)).willThrow(TourNotFoundException.forId(99));

		assertThat(this.mvc.get().uri("/tours/99").accept(MediaType.TEXT_HTML)).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
			.bodyText()
			.contains("Page not found", "Back to the tours")
			.doesNotContain("No tour with id");
	}

	@Test
	void pagesCarryAContentSecurityPolicyWithoutInlineScript() {
		given(this.catalogue.search(any(), any())).willReturn(new PageResponse<>(List.of(), 0, 6, 0, 0));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.headers()
			.hasValue("Content-Security-Policy", PageSliceConfiguration.CONTENT_SECURITY_POLICY);
		assertThat(PageSliceConfiguration.CONTENT_SECURITY_POLICY).contains("script-src 'self';")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(this.mvc.get().uri("/")).bodyText()
			.doesNotContain("<script>")
			.doesNotContain("style=\"")
			.doesNotContain(" onclick=");
	}

}
