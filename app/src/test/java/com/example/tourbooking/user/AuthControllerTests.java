package com.example.tourbooking.user;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.system.WebSliceConfiguration;
import com.example.tourbooking.user.UserExceptions.BadCredentialsException;
import com.example.tourbooking.user.UserRequests.SignupRequest;
import com.example.tourbooking.user.UserResponses.TokenResponse;
import com.example.tourbooking.user.UserResponses.UserResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The sign-up and login endpoints' HTTP contract with the service mocked.
 */
@WebMvcTest(AuthController.class)
@Import({ WebSliceConfiguration.class, LoginThrottle.class })
@ActiveProfiles("test")
class AuthControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@Test
	void signupAnswersCreatedWithoutThePassword() {
		given(this.users.signup(any(SignupRequest.class), any()))
			.willReturn(new UserResponse(5, "ana@example.com", "Ana", Role.CUSTOMER));

		assertThat(this.mvc.post()
			.uri("/api/auth/signup")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"ana@example.com\",\"password\":\"s3cret-pass\",\"name\":\"Ana\"}")).hasStatus(201)
			.hasHeader("Location", "/api/users/5")
			.bodyText()
			.doesNotContain("s3cret-pass")
			.contains("\"role\":\"CUSTOMER\"");
	}

	@Test
	void loginReturnsTheTokenResponseShape() {
		given(this.users.login("ana@example.com", "s3cret-pass")).willReturn(TokenResponse.bearer("tok", 3600));

		assertThat(this.mvc.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"ana@example.com\",\"password\":\"s3cret-pass\"}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"accessToken\":\"tok\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}");
	}

	@Test
	void badCredentialsAreA401Problem() {
		given(this.users.login(any(), any())).willThrow(BadCredentialsException.create());

		assertThat(this.mvc.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"ana@example.com\",\"password\":\"wrong-pass\"}")).hasStatus(401)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://tour-booking.example.com/problems/bad-credentials");
	}

	@Test
	void anInvalidEmailNeverReachesTheService() {
		assertThat(this.mvc.post()
			.uri("/api/auth/signup")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"nope\",\"password\":\"s3cret-pass\",\"name\":\"Ana\"}")).hasStatus(400);
		then(this.users).shouldHaveNoInteractions();
	}

}
