package com.example.tourbooking.user;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.example.tourbooking.system.web.PageSliceConfiguration;
import com.example.tourbooking.user.UserExceptions.BadCredentialsException;
import com.example.tourbooking.user.UserExceptions.EmailTakenException;
import com.example.tourbooking.user.UserRequests.SignupRequest;
import com.example.tourbooking.user.UserResponses.UserResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Sign-up, sign-in (the real form login and {@link PageSignIn} on a mocked service) and
 * sign-out: CSRF on each form, a new session id on sign-in, a session that ends on
 * sign-out.
 */
@WebMvcTest(UserPageController.class)
@Import({ PageSliceConfiguration.class, PageSignIn.class, LoginThrottle.class })
@ActiveProfiles("test")
class UserPageControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@Test
	void signingUpCallsTheServiceAndLeadsToSignIn() {
		assertThat(this.mvc.post()
			.uri("/signup")
			.param("name", "Tess")
			.param("email", "tess@example.com")
			.param("password", "long-enough")
			.param("role", "CUSTOMER")
			.with(csrf())).hasStatus(302).redirectedUrl().isEqualTo("/login?registered=&email=tess%40example.com");
		then(this.users).should()
			.signup(eq(new SignupRequest("tess@example.com", "long-enough", "Tess", Role.CUSTOMER)), isNull());
	}

	@Test
	void signUpShowsTheSameValidationAsTheApiNextToEachField() {
		assertThat(this.mvc.post()
			.uri("/signup")
			.param("name", "")
			.param("email", "not-an-email")
			.param("password", "short")
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"name-error\"", "Required.", "Enter a valid email address.", "Use 8 to 72 characters.",
					"aria-invalid=\"true\"");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void aTakenEmailIsShownOnTheForm() {
		given(this.users.signup(any(), any())).willThrow(EmailTakenException.create());

		assertThat(this.mvc.post()
			.uri("/signup")
			.param("name", "Tess")
			.param("email", "tess@example.com")
			.param("password", "long-enough")
			.param("role", "GUIDE")
			.with(csrf())).hasStatusOk().bodyText().contains("An account with this email already exists.");
	}

	@Test
	void nobodySignsThemselvesUpAsAdmin() {
		assertThat(this.mvc.post()
			.uri("/signup")
			.param("name", "Eve")
			.param("email", "eve@example.com")
			.param("password", "long-enough")
			.param("role", "ADMIN")
			.with(csrf())).hasStatusOk().bodyText().contains("Your account may not do this.");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void signUpWithoutACsrfTokenIsRefused() {
		assertThat(this.mvc.post()
			.uri("/signup")
			.param("name", "Tess")
			.param("email", "tess@example.com")
			.param("password", "long-enough")).hasStatus(403);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void signingInStartsAFreshSessionHoldingTheUserId() {
		given(this.users.authenticate("cora@example.com", "customer-pass"))
			.willReturn(new UserResponse(3, "cora@example.com", "Cora", Role.CUSTOMER));

		MvcTestResult result = this.mvc.post()
			.uri("/login")
			.param("email", "cora@example.com")
			.param("password", "customer-pass")
			.with(csrf())
			.exchange();

		assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/");
		assertThat(result).request()
			.sessionAttributes()
			.hasEntrySatisfying("SPRING_SECURITY_CONTEXT", (context) -> assertThat(context.toString())
				.contains("SessionUser[id=3, displayName=Cora, role=CUSTOMER]"));
	}

	@Test
	void wrongCredentialsGoBackToTheFormWithAMessage() {
		given(this.users.authenticate(any(), any())).willThrow(BadCredentialsException.create());

		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", "cora@example.com")
			.param("password", "wrong")
			.with(csrf())).hasStatus(302).redirectedUrl().isEqualTo("/login?error");
		assertThat(this.mvc.get().uri("/login?error")).hasStatusOk()
			.bodyText()
			.contains("Wrong email or password.", "name=\"_csrf\"");
	}

	@Test
	void signingInWithoutACsrfTokenIsRefused() {
		assertThat(this.mvc.post().uri("/login").param("email", "cora@example.com").param("password", "x"))
			.hasStatus(403);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void signingOutEndsTheSessionAndClearsItsCookie() {
		assertThat(this.mvc.post().uri("/logout").with(PageSliceConfiguration.signedIn(3, Role.CUSTOMER)).with(csrf()))
			.hasStatus(302)
			.redirectedUrl()
			.isEqualTo("/?signedOut");
	}

}
