package com.example.tourbooking.system.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.user.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forbidden page Spring Security forwards to, unknown page paths (a 404 page, in the
 * reader's language) next to unknown API paths (still problem JSON).
 */
@WebMvcTest(ErrorPageController.class)
@Import(PageSliceConfiguration.class)
@ActiveProfiles("test")
class ErrorPageControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private AuthenticationProvider signIn;

	@Test
	void theForbiddenPageSaysSoInTheReadersLanguage() {
		assertThat(this.mvc.get().uri("/forbidden").header("Accept-Language", "ko")).hasStatus(403)
			.bodyText()
			.contains("허용되지 않음", "투어 목록으로 돌아가기");
	}

	@Test
	void anUnknownPageIsAFriendlyNotFoundPage() {
		assertThat(this.mvc.get()
			.uri("/no-such-page")
			.accept(MediaType.TEXT_HTML)
			.with(PageSliceConfiguration.signedIn(3, Role.CUSTOMER))).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
			.bodyText()
			.contains("Page not found");
	}

	@Test
	void anUnknownApiPathStaysProblemJson() {
		assertThat(this.mvc.get().uri("/api/no-such-thing").accept(MediaType.TEXT_HTML)).hasStatus(401)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
